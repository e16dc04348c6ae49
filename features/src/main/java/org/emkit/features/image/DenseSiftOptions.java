package org.emkit.features.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of a {@link DenseSiftExtractor}: the patch sizes (scales), the grid, the
 * cell/orientation layout of the histogram, the Gaussian window and the SIFT clipping.
 *
 * @param patchSizes side P of the square patches in pixels, one grid per size, non-empty, each
 *     ≥ {@code cells} (default 8, 12, 16); copied into an unmodifiable list
 * @param stride distance between neighbouring patches in pixels, ≥ 1 (default 2)
 * @param padding zero pixels added around the image before sampling, in
 *     [0, ⌊min P / 2⌋] so that every patch centre lies inside the image (default 0)
 * @param cells spatial cells per patch side, ≥ 1 (default 4: 4×4 cells as SIFT)
 * @param orientations orientation bins over [0, 2π), ≥ 1 (default 8)
 * @param windowFactor standard deviation of the Gaussian weighting window as a multiple of P,
 *     in (0, inf]; infinity means a flat window (default 0.5, SIFT's half window width)
 * @param clip the SIFT clipping threshold applied after the first L2 normalisation, in (0, 1]
 *     (default 0.2, Lowe 2004; 1 disables it)
 */
public record DenseSiftOptions(List<Integer> patchSizes, int stride, int padding, int cells,
    int orientations, double windowFactor, double clip) {

  private static final String OWNER = "DenseSiftOptions";

  /**
   * Validates and copies.
   *
   * @param patchSizes patch sides
   * @param stride grid step
   * @param padding zero padding
   * @param cells cells per side
   * @param orientations orientation bins
   * @param windowFactor window σ / P
   * @param clip clipping threshold
   */
  public DenseSiftOptions {
    Objects.requireNonNull(patchSizes, "patchSizes");
    patchSizes = List.copyOf(patchSizes);
    if (patchSizes.isEmpty()) {
      throw new IllegalArgumentException(OWNER + ": patchSizes must contain at least 1 size,"
          + " got []");
    }
    if (cells < 1) {
      throw new IllegalArgumentException(OWNER + ": cells must be in [1, inf), got " + cells);
    }
    int smallest = Integer.MAX_VALUE;
    for (int p : patchSizes) {
      if (p < cells) {
        throw new IllegalArgumentException(OWNER + ": patchSizes must each be in [cells = " + cells
            + ", inf), got " + patchSizes);
      }
      smallest = Math.min(smallest, p);
    }
    if (stride < 1) {
      throw new IllegalArgumentException(OWNER + ": stride must be in [1, inf), got " + stride);
    }
    if (padding < 0 || padding > smallest / 2) {
      throw new IllegalArgumentException(OWNER + ": padding must be in [0, " + smallest / 2
          + "] (half the smallest patch), got " + padding);
    }
    if (orientations < 1) {
      throw new IllegalArgumentException(OWNER + ": orientations must be in [1, inf), got "
          + orientations);
    }
    if (!(windowFactor > 0)) {
      throw new IllegalArgumentException(OWNER + ": windowFactor must be in (0, inf], got "
          + windowFactor);
    }
    if (!(clip > 0 && clip <= 1)) {
      throw new IllegalArgumentException(OWNER + ": clip must be in (0, 1], got " + clip);
    }
  }

  /** @return the defaults: patches 8, 12 and 16, stride 2, no padding, 4×4×8, σ = P/2, clip 0.2 */
  public static DenseSiftOptions defaults() {
    return new DenseSiftOptions(List.of(8, 12, 16), 2, 0, 4, 8, 0.5, 0.2);
  }

  /** @return the descriptor length cells²·orientations */
  public int dimension() {
    return cells * cells * orientations;
  }

  /** @return a builder starting from {@link #defaults()} */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** @return a builder starting from these options */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builder of {@link DenseSiftOptions}; {@link #build()} validates. */
  public static final class Builder {
    private List<Integer> patchSizes;
    private int stride;
    private int padding;
    private int cells;
    private int orientations;
    private double windowFactor;
    private double clip;

    private Builder(DenseSiftOptions o) {
      patchSizes = o.patchSizes;
      stride = o.stride;
      padding = o.padding;
      cells = o.cells;
      orientations = o.orientations;
      windowFactor = o.windowFactor;
      clip = o.clip;
    }

    /**
     * @param first a patch side in pixels
     * @param rest more patch sides (default [8, 12, 16])
     * @return this
     */
    public Builder patchSizes(int first, int... rest) {
      List<Integer> sizes = new ArrayList<>();
      sizes.add(first);
      for (int r : rest) {
        sizes.add(r);
      }
      this.patchSizes = sizes;
      return this;
    }

    /**
     * @param stride grid step in pixels (default 2)
     * @return this
     */
    public Builder stride(int stride) {
      this.stride = stride;
      return this;
    }

    /**
     * @param padding zero padding in pixels (default 0)
     * @return this
     */
    public Builder padding(int padding) {
      this.padding = padding;
      return this;
    }

    /**
     * @param cells cells per patch side (default 4)
     * @return this
     */
    public Builder cells(int cells) {
      this.cells = cells;
      return this;
    }

    /**
     * @param orientations orientation bins (default 8)
     * @return this
     */
    public Builder orientations(int orientations) {
      this.orientations = orientations;
      return this;
    }

    /**
     * @param windowFactor window σ / P, or infinity for a flat window (default 0.5)
     * @return this
     */
    public Builder windowFactor(double windowFactor) {
      this.windowFactor = windowFactor;
      return this;
    }

    /**
     * @param clip SIFT clipping threshold (default 0.2)
     * @return this
     */
    public Builder clip(double clip) {
      this.clip = clip;
      return this;
    }

    /** @return the validated options */
    public DenseSiftOptions build() {
      return new DenseSiftOptions(patchSizes, stride, padding, cells, orientations, windowFactor,
          clip);
    }
  }
}
