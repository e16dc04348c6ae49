package org.emkit.features.image;

import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;

/**
 * The dense descriptors of several images, stacked: the rows of image s follow those of images
 * 0..s−1. This is the input shape of the batch encoders of the {@code fisher} module
 * ({@code encodeSets(descriptors, setLengths, parallelism)}).
 *
 * <p><b>Shapes and layout.</b> {@link #descriptors()} N×D and {@link #positions()} N×2 (patch
 * centres (x, y), see {@link DenseDescriptors}); {@link #setLengths()} holds one count per
 * image, summing to N.
 *
 * <p>Immutable: the lengths are copied in and out; the matrices are shared and must not be
 * modified.
 */
public final class DescriptorSets {

  private final Matrix descriptors;
  private final Matrix positions;
  private final int[] setLengths;

  /**
   * @param descriptors N×D descriptors
   * @param positions N×2 patch centres
   * @param setLengths descriptors per image, each ≥ 0, summing to N; copied
   * @throws DimensionMismatchException if the shapes or the sum disagree
   * @throws IllegalArgumentException if a length is negative
   */
  public DescriptorSets(Matrix descriptors, Matrix positions, int[] setLengths) {
    Objects.requireNonNull(descriptors, "descriptors");
    Objects.requireNonNull(positions, "positions");
    Objects.requireNonNull(setLengths, "setLengths");
    if (positions.cols() != 2 || positions.rows() != descriptors.rows()) {
      throw new DimensionMismatchException("DescriptorSets: positions has shape "
          + positions.rows() + "x" + positions.cols() + " but must be " + descriptors.rows()
          + "x2");
    }
    long sum = 0;
    for (int i = 0; i < setLengths.length; i++) {
      if (setLengths[i] < 0) {
        throw new IllegalArgumentException("DescriptorSets: setLengths[" + i
            + "] must be in [0, inf), got " + setLengths[i]);
      }
      sum += setLengths[i];
    }
    if (sum != descriptors.rows()) {
      throw new DimensionMismatchException("DescriptorSets: setLengths sum to " + sum
          + " but descriptors has " + descriptors.rows() + " rows");
    }
    this.descriptors = descriptors;
    this.positions = positions;
    this.setLengths = setLengths.clone();
  }

  /** @return N×D descriptors (shared, do not modify) */
  public Matrix descriptors() {
    return descriptors;
  }

  /** @return N×2 patch centres (x, y) (shared, do not modify) */
  public Matrix positions() {
    return positions;
  }

  /** @return a copy of the per-image descriptor counts */
  public int[] setLengths() {
    return setLengths.clone();
  }

  /** @return the number of images */
  public int numSets() {
    return setLengths.length;
  }

  /** @return N, the total number of descriptors */
  public int numDescriptors() {
    return descriptors.rows();
  }
}
