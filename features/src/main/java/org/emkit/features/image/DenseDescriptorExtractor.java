package org.emkit.features.image;

import java.util.List;
import org.emkit.core.Matrix;

/**
 * Extracts local descriptors on a regular grid of patches from a grey-level image:
 * {@link DenseSiftExtractor} (gradient-orientation histograms) and {@link RawPatchExtractor}
 * (pixel intensities).
 *
 * <p><b>Shapes.</b> An image is an H×W {@link Matrix} of intensities (row r from the top,
 * column c from the left, any finite scale, e.g. 0..255). The result of {@link #extract} has
 * {@link #count(int, int)} rows of {@link #dimension()} values, with their patch centres.
 *
 * <p><b>Threads.</b> Extractors are immutable and thread-safe. {@link #extractAll} processes
 * images in parallel on a pool owned by the call; each image is computed from its own pixels
 * only, so the result is bitwise the same for any {@code parallelism}.
 */
public interface DenseDescriptorExtractor {

  /** @return D, the length of one descriptor */
  int dimension();

  /**
   * @param height image height H in pixels
   * @param width image width W in pixels
   * @return the number of descriptors extracted from an image of that size (0 if it is smaller
   *     than every patch)
   */
  int count(int height, int width);

  /**
   * @param image H×W intensities, finite; not modified
   * @return the descriptors and their positions
   * @throws IllegalArgumentException if a pixel is not finite (its row and column named)
   */
  DenseDescriptors extract(Matrix image);

  /**
   * Extracts the descriptors of several images, stacked in image order.
   *
   * @param images H×W intensity images (sizes may differ), finite; not modified
   * @param parallelism threads, ≥ 1; results do not depend on it
   * @return the stacked descriptors, positions and per-image counts
   * @throws IllegalArgumentException if a pixel is not finite (image, row and column named) or
   *     parallelism &lt; 1
   */
  DescriptorSets extractAll(List<Matrix> images, int parallelism);
}
