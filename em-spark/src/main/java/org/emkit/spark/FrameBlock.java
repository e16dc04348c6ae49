package org.emkit.spark;

import java.io.Serializable;
import org.emkit.core.Matrix;

/**
 * At most {@link #ROWS} consecutive rows of a partition, row-major: the unit a partition's
 * E-step is run on. Its size is em-core's E-step chunk (1024 rows), so that a partition's
 * statistics are merged chunk by chunk exactly as {@code GMMMachine.transform} merges them.
 */
final class FrameBlock implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Rows per block: em-core's E-step and k-means chunk size. */
  static final int ROWS = 1024;

  final int rows;
  final int cols;
  final double[] data;

  FrameBlock(int rows, int cols, double[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  Matrix matrix() {
    return Matrix.wrap(rows, cols, data);
  }
}
