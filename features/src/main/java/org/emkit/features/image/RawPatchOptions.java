package org.emkit.features.image;

/**
 * The options of a {@link RawPatchExtractor}.
 *
 * @param patchSize side P of the square patches in pixels, ≥ 1 (default 7)
 * @param stride distance between neighbouring patches in pixels, ≥ 1 (default 1)
 * @param padding zero pixels added around the image before sampling, in [0, ⌊P/2⌋] (default 0)
 */
public record RawPatchOptions(int patchSize, int stride, int padding) {

  /**
   * Validates.
   *
   * @param patchSize patch side
   * @param stride grid step
   * @param padding zero padding
   */
  public RawPatchOptions {
    if (patchSize < 1) {
      throw new IllegalArgumentException("RawPatchOptions: patchSize must be in [1, inf), got "
          + patchSize);
    }
    if (stride < 1) {
      throw new IllegalArgumentException("RawPatchOptions: stride must be in [1, inf), got "
          + stride);
    }
    if (padding < 0 || padding > patchSize / 2) {
      throw new IllegalArgumentException("RawPatchOptions: padding must be in [0, "
          + patchSize / 2 + "] (half the patch), got " + padding);
    }
  }

  /** @return 7×7 patches at every pixel, no padding (22×22 = 484 per 28×28 image) */
  public static RawPatchOptions defaults() {
    return new RawPatchOptions(7, 1, 0);
  }

  /** @return the descriptor length P² */
  public int dimension() {
    return patchSize * patchSize;
  }
}
