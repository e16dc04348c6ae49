package org.emkit.features.image;

import java.util.List;
import java.util.Objects;
import org.emkit.core.Matrix;

/**
 * Dense raw patches: the pixel intensities of square patches on a regular grid, the simplest
 * local descriptor (to be decorrelated by PCA whitening before a GMM is fitted, as in the
 * Fashion-MNIST protocol of the examples).
 *
 * <p><b>Model.</b> The descriptor of the patch with top-left pixel \( (y_0, x_0) \) is
 * \( (I(y_0 + i, x_0 + j))_{0 \le i, j \lt P} \), with \( I = 0 \) in the padding.
 *
 * <p><b>Algorithm.</b> Patches lie on the grid of the package documentation (stride, centred
 * margin, optional zero padding); values are copied unchanged (no scaling or normalisation).
 *
 * <p><b>Shapes and layout.</b> Descriptor length P²; entry {@code i·P + j} is patch row i,
 * column j. Rows are ordered by grid row, then grid column; positions are the patch centres
 * {@code (x0 + P/2, y0 + P/2)} (see {@link DenseDescriptors}).
 *
 * <p><b>Parameters.</b> {@link RawPatchOptions} (default 7×7 at every pixel, no padding).
 *
 * <p><b>Reproducibility and threads.</b> Deterministic; immutable and thread-safe;
 * {@link #extractAll} gives bitwise the same result for any {@code parallelism}.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>M. Varma, A. Zisserman, "A Statistical Approach to Material Classification Using Image
 *       Patch Exemplars", IEEE TPAMI 31(11), 2009 (raw patches as texture descriptors).
 *       https://doi.org/10.1109/TPAMI.2008.182
 *   <li>A. Coates, H. Lee, A. Y. Ng, "An Analysis of Single-Layer Networks in Unsupervised
 *       Feature Learning", AISTATS 2011 (whitened dense patches).
 * </ol>
 *
 * @see RawPatchOptions
 * @see DenseSiftExtractor
 */
public final class RawPatchExtractor implements DenseDescriptorExtractor {

  private static final String OWNER = "RawPatchExtractor";

  private final RawPatchOptions options;

  private RawPatchExtractor(RawPatchOptions options) {
    this.options = options;
  }

  /**
   * @param options the options
   * @return the extractor
   */
  public static RawPatchExtractor of(RawPatchOptions options) {
    return new RawPatchExtractor(Objects.requireNonNull(options, "options"));
  }

  /** @return the options */
  public RawPatchOptions options() {
    return options;
  }

  @Override
  public int dimension() {
    return options.dimension();
  }

  @Override
  public int count(int height, int width) {
    int p = options.patchSize();
    return DenseGrid.count(height, p, options.stride(), options.padding())
        * DenseGrid.count(width, p, options.stride(), options.padding());
  }

  @Override
  public DenseDescriptors extract(Matrix image) {
    Objects.requireNonNull(image, "image");
    DenseGrid.checkFinite(OWNER + ".extract", "image", image);
    int t = count(image.rows(), image.cols());
    double[] desc = new double[t * dimension()];
    double[] pos = new double[t * 2];
    extractInto(image, desc, 0, pos, 0);
    return new DenseDescriptors(Matrix.wrap(t, dimension(), desc), Matrix.wrap(t, 2, pos));
  }

  @Override
  public DescriptorSets extractAll(List<Matrix> images, int parallelism) {
    return DenseGrid.extractAll(OWNER + ".extractAll", images, parallelism, this,
        new DenseGrid.Kernel<Object>() {
          @Override
          public Object workspace() {
            return null;
          }

          @Override
          public void extract(Matrix image, Object w, double[] desc, int descOffset, double[] pos,
              int posOffset) {
            extractInto(image, desc, descOffset, pos, posOffset);
          }
        });
  }

  private void extractInto(Matrix image, double[] desc, int descOffset, double[] pos,
      int posOffset) {
    int h = image.rows();
    int w = image.cols();
    int p = options.patchSize();
    int stride = options.stride();
    int pad = options.padding();
    int ny = DenseGrid.count(h, p, stride, pad);
    int nx = DenseGrid.count(w, p, stride, pad);
    int y0 = DenseGrid.start(h, p, stride, pad);
    int x0 = DenseGrid.start(w, p, stride, pad);
    double[] px = image.data();
    int out = descOffset;
    int po = posOffset;
    for (int ky = 0; ky < ny; ky++) {
      int top = y0 + ky * stride;
      for (int kx = 0; kx < nx; kx++) {
        int left = x0 + kx * stride;
        for (int i = 0; i < p; i++) {
          int y = top + i;
          for (int j = 0; j < p; j++) {
            int x = left + j;
            desc[out++] = y < 0 || y >= h || x < 0 || x >= w ? 0.0 : px[y * w + x];
          }
        }
        pos[po++] = left + 0.5 * p;
        pos[po++] = top + 0.5 * p;
      }
    }
  }

  @Override
  public String toString() {
    return "RawPatchExtractor[" + options + "]";
  }
}
