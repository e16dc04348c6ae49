package org.emkit.features.image;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.emkit.core.Matrix;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class DenseSiftExtractorTest {

  /** A 16×16 image, 0 left of column {@code edge}, 255 from it on (a vertical step edge). */
  private static Matrix verticalStep(int size, int edge, double left, double right) {
    double[] px = new double[size * size];
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        px[r * size + c] = c < edge ? left : right;
      }
    }
    return Matrix.wrap(size, size, px);
  }

  private static Matrix transpose(Matrix m) {
    return m.transpose();
  }

  /** Sum over cells of each orientation bin of a descriptor. */
  private static double[] orientationEnergy(double[] d, int bins) {
    double[] e = new double[bins];
    for (int i = 0; i < d.length; i++) {
      e[i % bins] += d[i];
    }
    return e;
  }

  private static DenseSiftExtractor single(int patch) {
    return DenseSiftExtractor.of(DenseSiftOptions.builder().patchSizes(patch).stride(patch)
        .build());
  }

  @Test
  void darkToBrightVerticalEdgeLightsOrientationBinZeroOnly() {
    DenseSiftExtractor sift = single(16);
    double[] d = sift.extract(verticalStep(16, 8, 0, 255)).descriptors().row(0);
    double[] e = orientationEnergy(d, 8);
    assertTrue(e[0] > 0.5, java.util.Arrays.toString(e));
    for (int o = 1; o < 8; o++) {
      assertEquals(0.0, e[o], "bin " + o);
    }
    // the edge runs through the middle columns of cells: only cell columns 1 and 2 respond
    for (int a = 0; a < 4; a++) {
      assertEquals(0.0, d[(a * 4) * 8], "cell column 0");
      assertEquals(0.0, d[(a * 4 + 3) * 8], "cell column 3");
      assertTrue(d[(a * 4 + 1) * 8] > 0 && d[(a * 4 + 2) * 8] > 0);
    }
  }

  @Test
  void otherStepDirectionsLightTheirBins() {
    DenseSiftExtractor sift = single(16);
    // bright to dark, left to right: θ = π, bin 4
    double[] e = orientationEnergy(sift.extract(verticalStep(16, 8, 255, 0)).descriptors()
        .row(0), 8);
    assertTrue(e[4] > 0.5 && e[0] == 0 && e[2] == 0, java.util.Arrays.toString(e));
    // dark top, bright bottom (y grows downwards): θ = π/2, bin 2
    e = orientationEnergy(sift.extract(transpose(verticalStep(16, 8, 0, 255))).descriptors()
        .row(0), 8);
    assertTrue(e[2] > 0.5 && e[0] == 0 && e[4] == 0 && e[6] == 0, java.util.Arrays.toString(e));
    // a diagonal ramp I = x + y has θ = π/4 everywhere except at the replicated border
    double[] px = new double[16 * 16];
    for (int r = 0; r < 16; r++) {
      for (int c = 0; c < 16; c++) {
        px[r * 16 + c] = r + c;
      }
    }
    DenseSiftExtractor inner = DenseSiftExtractor.of(DenseSiftOptions.builder().patchSizes(8)
        .stride(8).build());
    double[] d = inner.extract(Matrix.wrap(16, 16, px)).descriptors().row(0);
    e = orientationEnergy(d, 8);
    assertTrue(e[1] > 0.9 * (e[0] + e[1] + e[2]), java.util.Arrays.toString(e));
  }

  @Test
  void constantImageGivesZeroDescriptors() {
    double[] px = new double[28 * 28];
    java.util.Arrays.fill(px, 200);
    DenseDescriptors dd = DenseSiftExtractor.withDefaults().extract(Matrix.wrap(28, 28, px));
    assertEquals(251, dd.count());
    for (double v : dd.descriptors().data()) {
      assertEquals(0.0, v);
    }
  }

  @Test
  void nonEmptyDescriptorsHaveUnitNormAndAreClippedBeforeRenormalising() {
    double[] px = new double[28 * 28];
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < px.length; i++) {
      px[i] = rng.nextInt(256);
    }
    Matrix d = DenseSiftExtractor.withDefaults().extract(Matrix.wrap(28, 28, px)).descriptors();
    for (int t = 0; t < d.rows(); t++) {
      double n = 0;
      for (double v : d.row(t)) {
        assertTrue(v >= 0);
        n += v * v;
      }
      assertEquals(1.0, Math.sqrt(n), 1e-12);
    }
    // one strong edge in a flat patch: the first normalisation gives entries above 0.2, which
    // are clipped; after renormalising no entry exceeds 0.2 / (norm after clipping)
    double[] one = DenseSiftExtractor.withDefaults().extract(verticalStep(28, 14, 0, 255))
        .descriptors().row(0);
    double max = 0;
    for (double v : one) {
      max = Math.max(max, v);
    }
    double clipped = 0;
    for (double v : one) {
      clipped += v == max ? 1 : 0;
    }
    assertTrue(clipped >= 2, "several entries share the clipped maximum");
  }

  @Test
  void matchesANaiveImplementationOfTheFormula() {
    SplittableRandom rng = new SplittableRandom(11);
    int h = 13;
    int w = 17;
    double[] px = new double[h * w];
    for (int i = 0; i < px.length; i++) {
      px[i] = rng.nextDouble() * 255;
    }
    Matrix image = Matrix.wrap(h, w, px);
    DenseSiftOptions o = DenseSiftOptions.builder().patchSizes(6, 9).stride(3).padding(2)
        .cells(3).orientations(6).windowFactor(0.7).clip(0.3).build();
    DenseDescriptors dd = DenseSiftExtractor.of(o).extract(image);
    List<double[]> expected = new ArrayList<>();
    List<double[]> positions = new ArrayList<>();
    for (int p : o.patchSizes()) {
      naive(image, o, p, expected, positions);
    }
    assertEquals(expected.size(), dd.count());
    for (int t = 0; t < expected.size(); t++) {
      assertAllClose(expected.get(t), dd.descriptors().row(t), Tolerance.KERNEL_VS_ORACLE);
      assertArrayEquals(positions.get(t), dd.positions().row(t));
    }
  }

  /** The descriptors of one patch size, straight from the formula in the class documentation. */
  private static void naive(Matrix image, DenseSiftOptions o, int p, List<double[]> out,
      List<double[]> positions) {
    int h = image.rows();
    int w = image.cols();
    int pad = o.padding();
    int hp = h + 2 * pad;
    int wp = w + 2 * pad;
    double[][] padded = new double[hp][wp];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        padded[r + pad][c + pad] = image.get(r, c);
      }
    }
    int n = o.cells();
    int b = o.orientations();
    double s = (double) p / n;
    double sigma = o.windowFactor() * p;
    // grid along each axis, as in the package documentation
    int spanY = h + 2 * pad - p;
    int spanX = w + 2 * pad - p;
    for (int y0 = -pad + (spanY % o.stride()) / 2; y0 + p <= h + pad; y0 += o.stride()) {
      for (int x0 = -pad + (spanX % o.stride()) / 2; x0 + p <= w + pad; x0 += o.stride()) {
        double[] hist = new double[n * n * b];
        for (int v = y0; v < y0 + p; v++) {
          for (int u = x0; u < x0 + p; u++) {
            int r = v + pad;
            int c = u + pad;
            double gx = (padded[r][Math.min(c + 1, wp - 1)] - padded[r][Math.max(c - 1, 0)]) / 2;
            double gy = (padded[Math.min(r + 1, hp - 1)][c] - padded[Math.max(r - 1, 0)][c]) / 2;
            double m = Math.hypot(gx, gy);
            double theta = Math.atan2(gy, gx);
            if (theta < 0) {
              theta += 2 * Math.PI;
            }
            double xu = u + 0.5;
            double yv = v + 0.5;
            double cx = x0 + p / 2.0;
            double cy = y0 + p / 2.0;
            double g = Math.exp(-((xu - cx) * (xu - cx) + (yv - cy) * (yv - cy))
                / (2 * sigma * sigma));
            for (int a = 0; a < n; a++) {
              for (int bb = 0; bb < n; bb++) {
                double wa = Math.max(0, 1 - Math.abs((yv - y0) / s - 0.5 - a));
                double wb = Math.max(0, 1 - Math.abs((xu - x0) / s - 0.5 - bb));
                for (int k = 0; k < b; k++) {
                  double dist = Math.abs(b * theta / (2 * Math.PI) - k);
                  dist = Math.min(dist, b - dist);
                  double wo = Math.max(0, 1 - dist);
                  hist[(a * n + bb) * b + k] += m * g * wa * wb * wo;
                }
              }
            }
          }
        }
        double norm = 0;
        for (double x : hist) {
          norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > DenseSiftExtractor.NORM_FLOOR) {
          double n2 = 0;
          for (int i = 0; i < hist.length; i++) {
            hist[i] = Math.min(hist[i] / norm, o.clip());
            n2 += hist[i] * hist[i];
          }
          for (int i = 0; i < hist.length; i++) {
            hist[i] /= Math.sqrt(n2);
          }
        } else {
          java.util.Arrays.fill(hist, 0);
        }
        out.add(hist);
        positions.add(new double[] {x0 + p / 2.0, y0 + p / 2.0});
      }
    }
  }

  @Test
  void countsAndPositionsFollowTheGrid() {
    DenseSiftExtractor sift = DenseSiftExtractor.withDefaults();
    assertEquals(128, sift.dimension());
    // 28×28, stride 2: sizes 8, 12, 16 give 11², 9², 7² patches
    assertEquals(121 + 81 + 49, sift.count(28, 28));
    assertEquals(0, sift.count(7, 28));
    DenseDescriptors dd = sift.extract(verticalStep(28, 14, 0, 1));
    Matrix pos = dd.positions();
    assertArrayEquals(new double[] {4, 4}, pos.row(0));
    assertArrayEquals(new double[] {24, 4}, pos.row(10));
    assertArrayEquals(new double[] {6, 6}, pos.row(121));
    assertArrayEquals(new double[] {20, 20}, pos.row(250));
    // odd margin: 29 px with P = 8, stride 2 leaves 1 px, split as 0 left
    assertEquals(11 * 11, single8(2).count(29, 29));
  }

  private static DenseSiftExtractor single8(int stride) {
    return DenseSiftExtractor.of(DenseSiftOptions.builder().patchSizes(8).stride(stride).build());
  }

  @Test
  void batchExtractionIsBitwiseIndependentOfThreadsAndEqualsSingleImages() {
    SplittableRandom rng = new SplittableRandom(5);
    List<Matrix> images = new ArrayList<>();
    for (int i = 0; i < 37; i++) {
      double[] px = new double[28 * 28];
      for (int k = 0; k < px.length; k++) {
        px[k] = rng.nextInt(256);
      }
      images.add(Matrix.wrap(28, 28, px));
    }
    DenseSiftExtractor sift = DenseSiftExtractor.withDefaults();
    DescriptorSets one = sift.extractAll(images, 1);
    DescriptorSets three = sift.extractAll(images, 3);
    assertArrayEquals(one.descriptors().data(), three.descriptors().data());
    assertArrayEquals(one.positions().data(), three.positions().data());
    assertEquals(37, one.numSets());
    assertEquals(37 * 251, one.numDescriptors());
    double[] fifth = sift.extract(images.get(5)).descriptors().data();
    assertArrayEquals(fifth, java.util.Arrays.copyOfRange(one.descriptors().data(),
        5 * 251 * 128, 6 * 251 * 128));
  }

  @Test
  void rejectsNonFinitePixelsAndBadOptions() {
    double[] px = new double[16 * 16];
    px[3 * 16 + 5] = Double.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DenseSiftExtractor.withDefaults().extract(Matrix.wrap(16, 16, px)));
    assertEquals("DenseSiftExtractor.extract: image[3, 5] is NaN; pixels must be finite",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DenseSiftExtractor.withDefaults().extractAll(List.of(Matrix.wrap(16, 16, px)), 1));
    assertTrue(e.getMessage().contains("images[0][3, 5]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DenseSiftOptions.builder().patchSizes(3).build());
    assertEquals("DenseSiftOptions: patchSizes must each be in [cells = 4, inf), got [3]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DenseSiftOptions.builder().padding(5).build());
    assertEquals("DenseSiftOptions: padding must be in [0, 4] (half the smallest patch), got 5",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DenseSiftOptions.builder().clip(0).build());
    assertEquals("DenseSiftOptions: clip must be in (0, 1], got 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DenseSiftOptions.builder().windowFactor(Double.NaN).build());
    assertTrue(e.getMessage().contains("windowFactor") && e.getMessage().contains("NaN"));
    e = assertThrows(IllegalArgumentException.class,
        () -> DenseSiftOptions.builder().stride(0).build());
    assertEquals("DenseSiftOptions: stride must be in [1, inf), got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> DenseSiftExtractor.withDefaults().extractAll(List.of(), 0));
    assertTrue(e.getMessage().contains("parallelism"), e.getMessage());
  }

  @Test
  void flatWindowIsAllowed() {
    DenseSiftExtractor flat = DenseSiftExtractor.of(DenseSiftOptions.builder()
        .windowFactor(Double.POSITIVE_INFINITY).build());
    double[] d = flat.extract(verticalStep(28, 14, 0, 9)).descriptors().row(60);
    assertEquals(0.0, orientationEnergy(d, 8)[4]);
    assertTrue(flat.toString().contains("Infinity"));
  }
}
