/**
 * SVHN (Street View House Numbers, cropped digits): reading the official MATLAB v5 files
 * {@code train_32x32.mat}, {@code test_32x32.mat} and the optional {@code extra_32x32.mat} into
 * 32x32x3 HWC images labeled 0..9, downloading them, and presenting them as an image dataset.
 */
package dev.bgan.prepare.svhn;
