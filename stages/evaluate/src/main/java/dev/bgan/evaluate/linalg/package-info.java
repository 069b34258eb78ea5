/**
 * Dense float64 linear algebra on OpenBLAS with LAPACKE (bytedeco's build, the one OpenCV already
 * loads): the library loaded once with its threads pinned, centred Gram matrices by DSYRK and
 * symmetric eigendecompositions by DSYEVD. Matrices cross into native memory once per call.
 */
package dev.bgan.evaluate.linalg;
