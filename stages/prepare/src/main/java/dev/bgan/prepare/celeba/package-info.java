/**
 * CelebA (aligned and cropped faces): the attribute file, the evaluation partition, labels made of
 * attribute bits, and the reference's face crop (an OpenCV Haar cascade that must find exactly one
 * face, whose square is cut out and resized), presented as an image dataset once every image has
 * been cropped. Running the crop over the images in parallel is the pipeline's job.
 */
package dev.bgan.prepare.celeba;
