package org.emkit.features.image;

import java.util.List;
import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.core.internal.Parallel;
import org.emkit.core.validation.Check;

/**
 * Shared machinery of the dense extractors: the patch grid along one axis, pixel validation and
 * parallel batch extraction (package-private).
 *
 * <p><b>Grid.</b> Along an axis of {@code n} pixels, with padding p, patch size P and stride s,
 * patches start at {@code x0 = −p + o + k·s} for k = 0..m−1, where
 * {@code m = ⌊(n + 2p − P)/s⌋ + 1} (0 if {@code n + 2p < P}) and
 * {@code o = ((n + 2p − P) mod s) / 2} (integer division) centres the grid, so the unused
 * margin is split between both ends. Patch k covers pixels {@code [x0, x0 + P)} and its centre
 * is {@code x0 + P/2}.
 */
final class DenseGrid {

  /** Images per parallel chunk; fixed (results never depend on it, only the scheduling). */
  static final int CHUNK_IMAGES = 16;

  private DenseGrid() {}

  /** Number of patch positions along an axis of n pixels. */
  static int count(int n, int patch, int stride, int padding) {
    int span = n + 2 * padding - patch;
    return span < 0 ? 0 : span / stride + 1;
  }

  /** First patch start (may be negative inside the padding). */
  static int start(int n, int patch, int stride, int padding) {
    int span = n + 2 * padding - patch;
    return -padding + (span % stride) / 2;
  }

  /** Rejects the first non-finite pixel. */
  static void checkFinite(String owner, String name, Matrix image) {
    double[] a = image.data();
    int w = image.cols();
    for (int k = 0; k < a.length; k++) {
      if (a[k] - a[k] != 0) {
        throw new IllegalArgumentException(owner + ": " + name + "[" + (k / w) + ", " + (k % w)
            + "] is " + a[k] + "; pixels must be finite");
      }
    }
  }

  /** Extraction of one image into caller-provided arrays, with a per-thread workspace. */
  interface Kernel<W> {
    /** @return a fresh workspace */
    W workspace();

    /**
     * @param image validated image
     * @param w the thread's workspace
     * @param desc descriptor output, written at {@code [descOffset, descOffset + T·D)}
     * @param descOffset first index
     * @param pos position output, written at {@code [posOffset, posOffset + 2T)}
     * @param posOffset first index
     */
    void extract(Matrix image, W w, double[] desc, int descOffset, double[] pos, int posOffset);
  }

  static <W> DescriptorSets extractAll(String owner, List<Matrix> images, int parallelism,
      DenseDescriptorExtractor extractor, Kernel<W> kernel) {
    Objects.requireNonNull(images, "images");
    Check.atLeast(owner, "parallelism", parallelism, 1);
    int n = images.size();
    int d = extractor.dimension();
    int[] lengths = new int[n];
    long[] offsets = new long[n + 1];
    for (int i = 0; i < n; i++) {
      Matrix img = Objects.requireNonNull(images.get(i), "images element");
      checkFinite(owner, "images[" + i + "]", img);
      lengths[i] = extractor.count(img.rows(), img.cols());
      offsets[i + 1] = offsets[i] + lengths[i];
    }
    long total = offsets[n];
    if (total * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(owner + ": images give " + total + " descriptors of D = "
          + d + ", more than one array holds; extract fewer images at a time");
    }
    double[] desc = new double[(int) total * d];
    double[] pos = new double[(int) total * 2];
    Parallel.forEachChunk(n, CHUNK_IMAGES, parallelism, (from, to) -> {
      W w = kernel.workspace();
      for (int i = from; i < to; i++) {
        kernel.extract(images.get(i), w, desc, (int) offsets[i] * d, pos, (int) offsets[i] * 2);
      }
    });
    return new DescriptorSets(Matrix.wrap((int) total, d, desc), Matrix.wrap((int) total, 2, pos),
        lengths);
  }
}
