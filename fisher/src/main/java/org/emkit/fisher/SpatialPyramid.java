package org.emkit.fisher;

import java.util.List;
import java.util.Objects;

/**
 * A spatial pyramid: a list of regular grids over the image, each cut into {@code rows × cols}
 * cells, and where the final normalisation is applied.
 *
 * <p><b>Regions.</b> Regions are numbered grid by grid in the given order, and within a grid row
 * by row from the top, left to right: cell (r, c) of grid g is region
 * {@code Σ_{h<g} rows_h·cols_h + r·cols_g + c}. A descriptor at (x, y) in an image of size
 * W×H lies in column {@code min(cols−1, ⌊x·cols/W⌋)} and row {@code min(rows−1, ⌊y·rows/H⌋)}
 * (the right and bottom borders belong to the last cell). For example
 * {@code of(PER_REGION, new Grid(1, 1), new Grid(2, 2), new Grid(3, 1))} has 1 + 4 + 3 = 8
 * regions; Sánchez et al. 2013 use 1×1 and 3×1 (three horizontal stripes), R = 4.
 *
 * @param grids the grids, non-empty (copied into an unmodifiable list); the product of their
 *     cell counts must be below 2³¹
 * @param normalization where the final L2 step is applied
 */
public record SpatialPyramid(List<Grid> grids, PyramidNormalization normalization) {

  /**
   * A grid of {@code rows × cols} cells ("3×1" is three horizontal stripes).
   *
   * @param rows number of rows, ≥ 1
   * @param cols number of columns, ≥ 1
   */
  public record Grid(int rows, int cols) {
    /**
     * Validates.
     *
     * @param rows number of rows, at least 1
     * @param cols number of columns, at least 1
     */
    public Grid {
      if (rows < 1) {
        throw new IllegalArgumentException("SpatialPyramid.Grid: rows must be in [1, inf), got "
            + rows);
      }
      if (cols < 1) {
        throw new IllegalArgumentException("SpatialPyramid.Grid: cols must be in [1, inf), got "
            + cols);
      }
      if ((long) rows * cols >= (1L << 31)) {
        throw new IllegalArgumentException("SpatialPyramid.Grid: rows·cols must be below 2^31,"
            + " got " + rows + "x" + cols);
      }
    }

    /** @return rows·cols */
    public int cells() {
      return rows * cols;
    }

    @Override
    public String toString() {
      return rows + "x" + cols;
    }
  }

  /**
   * Validates and copies.
   *
   * @param grids non-empty list of grids
   * @param normalization where the final L2 step is applied
   */
  public SpatialPyramid {
    Objects.requireNonNull(grids, "grids");
    Objects.requireNonNull(normalization, "normalization");
    if (grids.isEmpty()) {
      throw new IllegalArgumentException("SpatialPyramid: grids must contain at least 1 grid,"
          + " got 0");
    }
    grids = List.copyOf(grids);
    long product = 1;
    for (Grid g : grids) {
      product *= g.cells();
      if (product >= (1L << 31)) {
        throw new IllegalArgumentException("SpatialPyramid: the product of the grids' cell counts"
            + " must be below 2^31, got grids " + grids);
      }
    }
  }

  /**
   * @param normalization where the final L2 step is applied
   * @param first a grid
   * @param rest more grids
   * @return the pyramid
   */
  public static SpatialPyramid of(PyramidNormalization normalization, Grid first, Grid... rest) {
    Objects.requireNonNull(first, "first");
    Grid[] all = new Grid[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return new SpatialPyramid(List.of(all), normalization);
  }

  /** @return R, the total number of regions */
  public int numRegions() {
    int r = 0;
    for (Grid g : grids) {
      r = Math.addExact(r, g.cells());
    }
    return r;
  }
}
