/**
 * Image input and dense local descriptors for image classification with Fisher vectors:
 * reading IDX files (the MNIST / Fashion-MNIST format) with typed errors, and extracting
 * descriptors on a regular grid of patches.
 *
 * <p><b>Pipeline.</b> {@link org.emkit.features.image.IdxReader} reads an IDX file (plain or
 * gzip) into an {@link org.emkit.features.image.IdxArray}; an image is an H×W
 * {@link org.emkit.core.Matrix} of intensities; a
 * {@link org.emkit.features.image.DenseDescriptorExtractor} —
 * {@link org.emkit.features.image.DenseSiftExtractor} (SIFT-like 4×4×8 gradient histograms at
 * several patch sizes) or {@link org.emkit.features.image.RawPatchExtractor} (pixel patches) —
 * turns it into T×D descriptors with their patch centres, or a batch of images into
 * {@link org.emkit.features.image.DescriptorSets}, the input of the {@code fisher} module's
 * {@code encodeSets} and {@code SpatialPyramidEncoder}. PCA ({@code org.emkit.linear.PCA})
 * usually reduces and whitens the descriptors first.
 *
 * <p><b>Grid.</b> Along an axis of n pixels, with padding p (zero pixels around the image),
 * patch size P and stride s, patches start at \( x_0 = -p + o + k s \) for
 * \( k = 0..m-1 \), \( m = \lfloor (n + 2p - P)/s \rfloor + 1 \) (0 if the padded image is
 * smaller than the patch) and \( o = ((n + 2p - P) \bmod s)/2 \) (integer division), which
 * splits the unused margin between both ends. The position of a descriptor is its patch centre
 * \( (x_0 + P/2, y_0 + P/2) \) in pixel units, x from the left and y from the top edge, always
 * inside \( [0, W] \times [0, H] \) because the padding is at most P/2.
 */
package org.emkit.features.image;
