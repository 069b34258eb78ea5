/**
 * The report stage: one self-contained HTML page (paper-style accuracy table, training curves,
 * sample grids, lineage) made from metrics artifacts and published as a report artifact.
 */
package dev.bgan.report;
