package org.emkit.features.image;

import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;

/**
 * The local descriptors of one image, densely sampled, with the position of each.
 *
 * <p><b>Shapes and layout.</b> {@link #descriptors()} is T×D (one descriptor per row);
 * {@link #positions()} is T×2, row t holding the centre {@code (x, y)} of descriptor t's patch
 * in pixel units: x from the left edge, y from the top edge, pixel {@code (row r, column c)}
 * covering {@code [c, c+1) × [r, r+1)}, so every centre lies in {@code [0, W] × [0, H]} (the
 * convention of {@code org.emkit.fisher.ImageSize} and {@code SpatialPyramidEncoder}).
 *
 * @param descriptors T×D descriptors
 * @param positions T×2 patch centres (x, y)
 */
public record DenseDescriptors(Matrix descriptors, Matrix positions) {

  /**
   * Validates the shapes.
   *
   * @param descriptors T×D
   * @param positions T×2
   */
  public DenseDescriptors {
    Objects.requireNonNull(descriptors, "descriptors");
    Objects.requireNonNull(positions, "positions");
    if (positions.cols() != 2 || positions.rows() != descriptors.rows()) {
      throw new DimensionMismatchException("DenseDescriptors: positions has shape "
          + positions.rows() + "x" + positions.cols() + " but must be " + descriptors.rows()
          + "x2 (one (x, y) per descriptor)");
    }
  }

  /** @return T, the number of descriptors */
  public int count() {
    return descriptors.rows();
  }
}
