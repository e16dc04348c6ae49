package org.emkit.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * A data set of N rows with D columns that can be read again and again, in order, in blocks of
 * rows: an in-memory {@link Matrix} or a {@code .npy} file larger than the heap. Training that
 * only needs sufficient statistics (EM for a GMM: one pass per iteration) streams through it with
 * memory bounded by one block, whatever N.
 *
 * <p><b>Blocks.</b> A pass visits rows {@code [0, N)} in order, in blocks of
 * {@code blockRows} rows (the last one shorter); the block sizes, hence the results of
 * block-wise computations, depend only on N and {@code blockRows}. A block handed to the visitor
 * must not be kept after the call returns (file sources allocate one per block).
 *
 * <p><b>Threads.</b> A pass is sequential; implementations are not required to support
 * concurrent passes.
 */
public interface RowBlocks {

  /** Receives the blocks of a pass. */
  @FunctionalInterface
  interface Visitor {
    /**
     * @param firstRow index of the block's first row in the data set
     * @param block the rows {@code [firstRow, firstRow + block.rows())}; read-only
     * @throws IOException to abort the pass
     */
    void accept(long firstRow, Matrix block) throws IOException;
  }

  /** @return N, the number of rows */
  long rows();

  /** @return D, the number of columns */
  int cols();

  /**
   * Visits all rows once, in order.
   *
   * @param blockRows rows per block, {@code >= 1}
   * @param visitor receives each block
   * @throws IOException if reading fails (a truncated file, for instance) or the visitor throws
   */
  void forEachBlock(int blockRows, Visitor visitor) throws IOException;

  /**
   * @param x an in-memory data set; not copied (blocks are row ranges copied on demand)
   * @return the rows of {@code x}
   */
  static RowBlocks of(Matrix x) {
    Objects.requireNonNull(x, "x");
    return new RowBlocks() {
      @Override
      public long rows() {
        return x.rows();
      }

      @Override
      public int cols() {
        return x.cols();
      }

      @Override
      public void forEachBlock(int blockRows, Visitor visitor) throws IOException {
        Check.atLeast("RowBlocks.forEachBlock", "blockRows", blockRows, 1);
        if (blockRows >= x.rows()) {
          visitor.accept(0, x);
          return;
        }
        for (int from = 0; from < x.rows(); from += blockRows) {
          int to = Math.min(x.rows(), from + blockRows);
          visitor.accept(from, x.rows(from, to));
        }
      }
    };
  }

  /**
   * Streams a 2-D {@code .npy} file (float32, float64 or integer, C order), opening it anew for
   * every pass.
   *
   * @param path the file
   * @return its rows
   * @throws IOException if the file cannot be read or its header is invalid
   * @throws ArrayFormatException if the array is not 2-D or is in Fortran order
   */
  static RowBlocks npy(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    int rows;
    int cols;
    try (Npy.RowReader r = Npy.openRows(path)) {
      rows = r.rows();
      cols = r.cols();
    }
    return new RowBlocks() {
      @Override
      public long rows() {
        return rows;
      }

      @Override
      public int cols() {
        return cols;
      }

      @Override
      public void forEachBlock(int blockRows, Visitor visitor) throws IOException {
        Check.atLeast("RowBlocks.forEachBlock", "blockRows", blockRows, 1);
        try (Npy.RowReader r = Npy.openRows(path)) {
          if (r.rows() != rows || r.cols() != cols) {
            throw new ArrayFormatException(path + ": changed while streaming (shape "
                + r.rows() + "x" + r.cols() + ", was " + rows + "x" + cols + ")");
          }
          long first = 0;
          for (Matrix b = r.next(blockRows); b != null; b = r.next(blockRows)) {
            visitor.accept(first, b);
            first += b.rows();
          }
        }
      }

      @Override
      public String toString() {
        return path.toString();
      }
    };
  }
}
