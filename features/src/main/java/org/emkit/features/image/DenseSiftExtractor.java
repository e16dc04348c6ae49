package org.emkit.features.image;

import java.util.List;
import java.util.Objects;
import org.emkit.core.Matrix;

/**
 * Dense SIFT-like descriptors: histograms of gradient orientations over a grid of cells, on
 * square patches of several sizes sampled on a regular grid (emkit's own implementation of the
 * descriptor of Lowe 2004 without keypoint detection or rotation normalisation, as in the dense
 * "PHOW" features used by Sánchez et al. 2013).
 *
 * <p><b>Model.</b> With image gradient \( g = (\partial_x I, \partial_y I) \), magnitude
 * \( m = \lVert g\rVert \) and orientation \( \theta = \mathrm{atan2}(\partial_y I,
 * \partial_x I) \in [0, 2\pi) \) (x to the right, y <em>down</em>, so a dark-to-bright step
 * from left to right has θ = 0 and one from top to bottom θ = π/2), a patch of side P with
 * top-left corner \( (x_0, y_0) \) and B orientation bins over n×n cells of side \( s = P/n \)
 * gives
 * \[ h_{a,b,o} = \sum_{\text{pixels } (u,v) \in \text{patch}} m(u,v)\, G(u,v)\,
 *    \Lambda\big(\tfrac{x_u - x_0}{s} - \tfrac12 - b\big)\,
 *    \Lambda\big(\tfrac{y_v - y_0}{s} - \tfrac12 - a\big)\,
 *    \Lambda_B\big(\tfrac{B\theta(u,v)}{2\pi} - o\big), \]
 * with pixel centres \( x_u = u + \tfrac12 \), the triangle \( \Lambda(t) = \max(0, 1 - |t|) \)
 * (bilinear spatial interpolation between cell centres), its circular version \( \Lambda_B \)
 * on orientations (linear interpolation between the two nearest bin centres \( 2\pi o/B \)),
 * and the Gaussian window \( G = \exp(-\lVert (x_u, y_v) - c\rVert^2 / (2\sigma^2)) \) about
 * the patch centre c with \( \sigma = \) {@code windowFactor}·P.
 *
 * <p><b>Algorithm.</b>
 *
 * <ol>
 *   <li>The image is padded with {@code padding} zero pixels on every side (Fashion-MNIST's
 *       background is black, so this lets patches straddle the border). Gradients are central
 *       differences \( \partial_x I(r, c) = (I(r, c+1) - I(r, c-1))/2 \) on the padded image,
 *       with its edge pixels replicated.
 *   <li>For every patch size P, patches lie on the grid of the package documentation (stride,
 *       centred margin), and each pixel adds its weighted magnitude to at most 2×2 cells × 2
 *       orientation bins.
 *   <li>SIFT normalisation: \( h \leftarrow h/\lVert h\rVert \), \( h \leftarrow \min(h,
 *       \text{clip}) \), \( h \leftarrow h/\lVert h\rVert \). A patch whose histogram norm is at
 *       most {@link #NORM_FLOOR} (no gradient at all, e.g. a constant region) gives the
 *       <em>zero</em> descriptor rather than an arbitrary unit vector.
 * </ol>
 *
 * <p><b>Shapes and layout.</b> Descriptor length {@code D = cells²·orientations} (128 by
 * default); entry {@code (a·cells + b)·orientations + o} is cell row a (from the top), cell
 * column b (from the left), orientation bin o. Rows are ordered by patch size (in the order of
 * {@link DenseSiftOptions#patchSizes()}), then grid row, then grid column; positions are the
 * patch centres (see {@link DenseDescriptors}).
 *
 * <p><b>Parameters.</b> {@link DenseSiftOptions} (default {@link DenseSiftOptions#defaults()}:
 * patches of 8, 12 and 16 pixels every 2 pixels, 4×4 cells × 8 orientations, σ = P/2, clip
 * 0.2; on a 28×28 image that is 121 + 81 + 49 = 251 descriptors).
 *
 * <p><b>Reproducibility and threads.</b> Deterministic; immutable and thread-safe;
 * {@link #extractAll} gives bitwise the same result for any {@code parallelism}. Nothing is
 * allocated per patch.
 *
 * <p><b>Compatibility.</b> Same layout and normalisation as VLFeat's {@code vl_dsift} with a
 * Gaussian window (4×4×8, clip 0.2), but not bit-compatible: VLFeat's dense SIFT uses a flat
 * window inside each cell by default ("fast" mode), a different orientation origin and
 * transposed cell order, and optional pre-smoothing; none of these is replicated here.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>D. G. Lowe, "Distinctive Image Features from Scale-Invariant Keypoints", IJCV 60(2),
 *       91–110, 2004. https://doi.org/10.1023/B:VISI.0000029664.99615.94
 *   <li>A. Bosch, A. Zisserman, X. Muñoz, "Image Classification using Random Forests and Ferns",
 *       ICCV 2007 (dense multi-scale SIFT, "PHOW"). https://doi.org/10.1109/ICCV.2007.4409066
 *   <li>J. Sánchez, F. Perronnin, T. Mensink, J. Verbeek, "Image Classification with the Fisher
 *       Vector: Theory and Practice", IJCV 105(3), 2013. https://doi.org/10.1007/s11263-013-0636-x
 *   <li>A. Vedaldi, B. Fulkerson, "VLFeat: an open and portable library of computer vision
 *       algorithms", ACM Multimedia 2010 ({@code vl/dsift.c}). https://www.vlfeat.org
 * </ol>
 *
 * @see DenseSiftOptions
 * @see RawPatchExtractor
 */
public final class DenseSiftExtractor implements DenseDescriptorExtractor {

  /**
   * A histogram whose L2 norm is at most this is treated as empty and gives the zero
   * descriptor: below it the patch has no gradient energy (a constant region), and normalising
   * would turn rounding noise into an arbitrary unit vector.
   */
  public static final double NORM_FLOOR = 1e-12;

  private static final String OWNER = "DenseSiftExtractor";

  private final DenseSiftOptions options;
  private final int dimension;
  /** Per patch size: for each offset i in [0, P), the lower cell index (may be −1). */
  private final int[][] cellLow;
  /** Per patch size: for each offset, the bilinear weight of the upper cell. */
  private final double[][] cellHighWeight;
  /** Per patch size: for each offset, the 1-D Gaussian window factor. */
  private final double[][] window;

  private DenseSiftExtractor(DenseSiftOptions options) {
    this.options = options;
    this.dimension = options.dimension();
    List<Integer> sizes = options.patchSizes();
    cellLow = new int[sizes.size()][];
    cellHighWeight = new double[sizes.size()][];
    window = new double[sizes.size()][];
    int n = options.cells();
    for (int s = 0; s < sizes.size(); s++) {
      int p = sizes.get(s);
      double cell = (double) p / n;
      double sigma = options.windowFactor() * p;
      cellLow[s] = new int[p];
      cellHighWeight[s] = new double[p];
      window[s] = new double[p];
      for (int i = 0; i < p; i++) {
        // pixel centre i + 1/2 in cell units, relative to the first cell centre
        double u = (i + 0.5) / cell - 0.5;
        int lo = (int) Math.floor(u);
        cellLow[s][i] = lo;
        cellHighWeight[s][i] = u - lo;
        double dc = i + 0.5 - 0.5 * p;
        window[s][i] = Double.isInfinite(sigma) ? 1.0 : Math.exp(-dc * dc / (2 * sigma * sigma));
      }
    }
  }

  /**
   * @param options the options
   * @return the extractor
   */
  public static DenseSiftExtractor of(DenseSiftOptions options) {
    return new DenseSiftExtractor(Objects.requireNonNull(options, "options"));
  }

  /** @return an extractor with {@link DenseSiftOptions#defaults()} */
  public static DenseSiftExtractor withDefaults() {
    return of(DenseSiftOptions.defaults());
  }

  /** @return the options */
  public DenseSiftOptions options() {
    return options;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int count(int height, int width) {
    int total = 0;
    for (int p : options.patchSizes()) {
      total += DenseGrid.count(height, p, options.stride(), options.padding())
          * DenseGrid.count(width, p, options.stride(), options.padding());
    }
    return total;
  }

  @Override
  public DenseDescriptors extract(Matrix image) {
    Objects.requireNonNull(image, "image");
    DenseGrid.checkFinite(OWNER + ".extract", "image", image);
    int t = count(image.rows(), image.cols());
    double[] desc = new double[t * dimension];
    double[] pos = new double[t * 2];
    extractInto(image, new Work(), desc, 0, pos, 0);
    return new DenseDescriptors(Matrix.wrap(t, dimension, desc), Matrix.wrap(t, 2, pos));
  }

  @Override
  public DescriptorSets extractAll(List<Matrix> images, int parallelism) {
    return DenseGrid.extractAll(OWNER + ".extractAll", images, parallelism, this,
        new DenseGrid.Kernel<Work>() {
          @Override
          public Work workspace() {
            return new Work();
          }

          @Override
          public void extract(Matrix image, Work w, double[] desc, int descOffset, double[] pos,
              int posOffset) {
            extractInto(image, w, desc, descOffset, pos, posOffset);
          }
        });
  }

  /** Per-thread scratch: gradient maps of the padded image, grown as needed. */
  private final class Work {
    double[] magnitude = new double[0];
    int[] bin = new int[0];
    double[] binHighWeight = new double[0];
    final double[] hist = new double[dimension];
  }

  private void extractInto(Matrix image, Work w, double[] desc, int descOffset, double[] pos,
      int posOffset) {
    int h = image.rows();
    int wd = image.cols();
    int pad = options.padding();
    int hp = h + 2 * pad;
    int wp = wd + 2 * pad;
    if (w.magnitude.length < hp * wp) {
      w.magnitude = new double[hp * wp];
      w.bin = new int[hp * wp];
      w.binHighWeight = new double[hp * wp];
    }
    gradients(image, pad, hp, wp, w);
    int nb = options.orientations();
    int nc = options.cells();
    int stride = options.stride();
    double[] hist = w.hist;
    double[] mag = w.magnitude;
    int[] bin = w.bin;
    double[] bhw = w.binHighWeight;
    int out = descOffset;
    int po = posOffset;
    List<Integer> sizes = options.patchSizes();
    for (int s = 0; s < sizes.size(); s++) {
      int p = sizes.get(s);
      int ny = DenseGrid.count(h, p, stride, pad);
      int nx = DenseGrid.count(wd, p, stride, pad);
      int y0 = DenseGrid.start(h, p, stride, pad);
      int x0 = DenseGrid.start(wd, p, stride, pad);
      int[] low = cellLow[s];
      double[] high = cellHighWeight[s];
      double[] g = window[s];
      for (int ky = 0; ky < ny; ky++) {
        int top = y0 + ky * stride;
        for (int kx = 0; kx < nx; kx++) {
          int left = x0 + kx * stride;
          java.util.Arrays.fill(hist, 0.0);
          // h[a, b, o] += m · G · Λ(row) · Λ(col) · Λ_B(orientation), 2×2 cells × 2 bins
          for (int i = 0; i < p; i++) {
            int row = (top + pad + i) * wp + left + pad;
            int a0 = low[i];
            double wa1 = high[i];
            double wa0 = 1 - wa1;
            double gi = g[i];
            for (int j = 0; j < p; j++) {
              double m = mag[row + j];
              if (m == 0) {
                continue;
              }
              m *= gi * g[j];
              int b0 = low[j];
              double wb1 = high[j];
              double wb0 = 1 - wb1;
              int o0 = bin[row + j];
              int o1 = o0 + 1 == nb ? 0 : o0 + 1;
              double wo1 = bhw[row + j];
              double wo0 = 1 - wo1;
              if (a0 >= 0) {
                int base = a0 * nc;
                if (b0 >= 0) {
                  int c = (base + b0) * nb;
                  double v = m * wa0 * wb0;
                  hist[c + o0] += v * wo0;
                  hist[c + o1] += v * wo1;
                }
                if (b0 + 1 < nc) {
                  int c = (base + b0 + 1) * nb;
                  double v = m * wa0 * wb1;
                  hist[c + o0] += v * wo0;
                  hist[c + o1] += v * wo1;
                }
              }
              if (a0 + 1 < nc) {
                int base = (a0 + 1) * nc;
                if (b0 >= 0) {
                  int c = (base + b0) * nb;
                  double v = m * wa1 * wb0;
                  hist[c + o0] += v * wo0;
                  hist[c + o1] += v * wo1;
                }
                if (b0 + 1 < nc) {
                  int c = (base + b0 + 1) * nb;
                  double v = m * wa1 * wb1;
                  hist[c + o0] += v * wo0;
                  hist[c + o1] += v * wo1;
                }
              }
            }
          }
          normalise(hist, options.clip());
          System.arraycopy(hist, 0, desc, out, dimension);
          out += dimension;
          pos[po++] = left + 0.5 * p;
          pos[po++] = top + 0.5 * p;
        }
      }
    }
  }

  /** Magnitudes and orientation bins of the zero-padded image (central differences). */
  private void gradients(Matrix image, int pad, int hp, int wp, Work w) {
    double[] px = image.data();
    int wd = image.cols();
    int h = image.rows();
    int nb = options.orientations();
    double binsPerRadian = nb / (2 * Math.PI);
    for (int r = 0; r < hp; r++) {
      int rUp = Math.max(r - 1, 0);
      int rDown = Math.min(r + 1, hp - 1);
      for (int c = 0; c < wp; c++) {
        int cLeft = Math.max(c - 1, 0);
        int cRight = Math.min(c + 1, wp - 1);
        double gx = 0.5 * (pixel(px, h, wd, pad, r, cRight) - pixel(px, h, wd, pad, r, cLeft));
        double gy = 0.5 * (pixel(px, h, wd, pad, rDown, c) - pixel(px, h, wd, pad, rUp, c));
        int k = r * wp + c;
        double m = Math.sqrt(gx * gx + gy * gy);
        w.magnitude[k] = m;
        if (m == 0) {
          w.bin[k] = 0;
          w.binHighWeight[k] = 0;
          continue;
        }
        double theta = Math.atan2(gy, gx);
        if (theta < 0) {
          theta += 2 * Math.PI;
        }
        double o = theta * binsPerRadian;
        int b = (int) Math.floor(o);
        double frac = o - b;
        if (b >= nb) { // θ rounded up to 2π
          b -= nb;
        }
        w.bin[k] = b;
        w.binHighWeight[k] = frac;
      }
    }
  }

  private static double pixel(double[] px, int h, int wd, int pad, int r, int c) {
    int y = r - pad;
    int x = c - pad;
    return y < 0 || y >= h || x < 0 || x >= wd ? 0.0 : px[y * wd + x];
  }

  /** SIFT normalisation in place: L2, clip, L2; an (almost) empty histogram becomes zero. */
  static void normalise(double[] hist, double clip) {
    double n = 0;
    for (double v : hist) {
      n += v * v;
    }
    n = Math.sqrt(n);
    if (n <= NORM_FLOOR) {
      java.util.Arrays.fill(hist, 0.0);
      return;
    }
    double n2 = 0;
    for (int k = 0; k < hist.length; k++) {
      double v = Math.min(hist[k] / n, clip);
      hist[k] = v;
      n2 += v * v;
    }
    n2 = Math.sqrt(n2);
    for (int k = 0; k < hist.length; k++) {
      hist[k] /= n2;
    }
  }

  @Override
  public String toString() {
    return "DenseSiftExtractor[" + options + ", D=" + dimension + "]";
  }
}
