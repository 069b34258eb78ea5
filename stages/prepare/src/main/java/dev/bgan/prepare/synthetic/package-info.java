/**
 * The synthetic mode-collapse data of the reference's bgan_synth experiment: clusters of points
 * on random 2-d planes in a high-dimensional space, drawn with numpy's legacy random stream so
 * that the points equal the reference's.
 */
package dev.bgan.prepare.synthetic;
