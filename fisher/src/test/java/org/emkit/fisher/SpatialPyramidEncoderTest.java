package org.emkit.fisher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.PosteriorRule;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class SpatialPyramidEncoderTest {

  private static final SpatialPyramid.Grid G11 = new SpatialPyramid.Grid(1, 1);
  private static final SpatialPyramid.Grid G22 = new SpatialPyramid.Grid(2, 2);
  private static final SpatialPyramid.Grid G31 = new SpatialPyramid.Grid(3, 1);

  /** The rows of region (grid g, cell) by the documented rule, computed naively. */
  private static double[][] regionRows(Matrix x, Matrix pos, double w, double h,
      SpatialPyramid.Grid grid, int cell) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < x.rows(); i++) {
      int col = Math.min(grid.cols() - 1, (int) Math.floor(pos.get(i, 0) * grid.cols() / w));
      int row = Math.min(grid.rows() - 1, (int) Math.floor(pos.get(i, 1) * grid.rows() / h));
      if (row * grid.cols() + col == cell) {
        out.add(x.row(i));
      }
    }
    return out.toArray(new double[0][]);
  }

  private static Matrix matrix(double[][] rows, int d) {
    double[] a = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, a, i * d, d);
    }
    return Matrix.wrap(rows.length, d, a);
  }

  @Test
  void eachRegionIsTheBaseEncodingOfItsDescriptors() {
    GMMMachine g = Fixtures.gmm(4, 3, 0, 2, 51);
    Matrix x = Fixtures.sample(g, 120, 1, 52);
    Matrix pos = Fixtures.positions(120, 640, 480, 53);
    FisherVectorEncoder base = FisherVectorEncoder.improved(g);
    SpatialPyramidEncoder spe = SpatialPyramidEncoder.of(base,
        SpatialPyramid.of(PyramidNormalization.PER_REGION, G11, G22, G31));
    assertEquals(8, spe.numRegions());
    assertEquals(8 * base.length(), spe.length());
    double[] v = spe.encode(x, pos, new ImageSize(640, 480));
    int r = 0;
    for (SpatialPyramid.Grid grid : List.of(G11, G22, G31)) {
      for (int cell = 0; cell < grid.cells(); cell++) {
        double[] expected = base.encode(matrix(regionRows(x, pos, 640, 480, grid, cell), 3));
        NumericAssert.assertAllClose(expected, Arrays.copyOfRange(v, r * base.length(),
            (r + 1) * base.length()), Tolerance.KERNEL_VS_ORACLE, grid + " cell " + cell);
        r++;
      }
    }
  }

  @Test
  void aSingleWholeImageRegionIsBitwiseTheBaseEncoding() {
    GMMMachine g = Fixtures.gmm(4, 3, 0, 2, 54);
    Matrix x = Fixtures.sample(g, 60, 1, 55);
    Matrix pos = Fixtures.positions(60, 100, 100, 56);
    ImageSize size = new ImageSize(100, 100);
    SpatialPyramid whole = SpatialPyramid.of(PyramidNormalization.PER_REGION, G11);
    FisherVectorEncoder fv = FisherVectorEncoder.improved(g);
    assertArrayEquals(fv.encode(x), SpatialPyramidEncoder.of(fv, whole).encode(x, pos, size));
    VLADEncoder vlad = VLADEncoder.of(KMeansMachine.fromCentroids(g.means()),
        VLADOptions.vlfeatDefault());
    assertArrayEquals(vlad.encode(x), SpatialPyramidEncoder.of(vlad, whole).encode(x, pos, size));
    BagOfWordsEncoder bow = BagOfWordsEncoder.of(g, BagOfWordsOptions.builder()
        .assignment(Assignment.posteriors(PosteriorRule.EXACT)).build());
    assertArrayEquals(bow.encode(x), SpatialPyramidEncoder.of(bow, whole).encode(x, pos, size));
  }

  @Test
  void globalAndCombinedNormalisationsFollowTheirDefinitions() {
    GMMMachine g = Fixtures.gmm(3, 2, 0, 2, 57);
    Matrix x = Fixtures.sample(g, 90, 1, 58);
    Matrix pos = Fixtures.positions(90, 300, 200, 59);
    ImageSize size = new ImageSize(300, 200);
    FisherVectorEncoder base = FisherVectorEncoder.improved(g);
    FisherVectorEncoder noL2 = FisherVectorEncoder.of(g, base.options().toBuilder()
        .l2(VectorNormalization.NONE).build());
    double[] perRegion = SpatialPyramidEncoder.of(base,
        SpatialPyramid.of(PyramidNormalization.PER_REGION, G11, G31)).encode(x, pos, size);
    double[] local = SpatialPyramidEncoder.of(noL2,
        SpatialPyramid.of(PyramidNormalization.PER_REGION, G11, G31)).encode(x, pos, size);
    double[] global = SpatialPyramidEncoder.of(base,
        SpatialPyramid.of(PyramidNormalization.GLOBAL, G11, G31)).encode(x, pos, size);
    double[] both = SpatialPyramidEncoder.of(base,
        SpatialPyramid.of(PyramidNormalization.PER_REGION_AND_GLOBAL, G11, G31))
        .encode(x, pos, size);
    // GLOBAL: power per region, one L2 over the concatenation
    double n = 0;
    for (double z : local) {
      n += z * z;
    }
    double[] expected = local.clone();
    for (int i = 0; i < expected.length; i++) {
      expected[i] /= Math.sqrt(n);
    }
    NumericAssert.assertAllClose(expected, global, Tolerance.KERNEL_VS_ORACLE, "GLOBAL");
    // PER_REGION_AND_GLOBAL: 4 unit-norm regions, then scaled by 1/√4
    double[] half = perRegion.clone();
    for (int i = 0; i < half.length; i++) {
      half[i] /= 2;
    }
    NumericAssert.assertAllClose(half, both, Tolerance.KERNEL_VS_ORACLE, "PER_REGION_AND_GLOBAL");
  }

  @Test
  void emptyRegionsAreZeroAndBordersBelongToTheLastCell() {
    GMMMachine g = Fixtures.gmm(2, 2, 0, 1, 60);
    BagOfWordsEncoder counts = BagOfWordsEncoder.of(g, BagOfWordsOptions.builder()
        .assignment(Assignment.posteriors(PosteriorRule.HARD)).weighting(TermWeighting.COUNTS)
        .build());
    SpatialPyramidEncoder spe = SpatialPyramidEncoder.of(counts,
        SpatialPyramid.of(PyramidNormalization.PER_REGION, G22));
    // both points in the bottom-right cell: one exactly on the corner (width, height)
    Matrix x = Fixtures.sample(g, 2, 0.1, 61);
    Matrix pos = Matrix.of(new double[][] {{10, 8}, {7, 5}});
    double[] v = spe.encode(x, pos, new ImageSize(10, 8));
    for (int i = 0; i < 6; i++) {
      assertEquals(0.0, v[i], "regions 0..2 are empty");
    }
    assertEquals(2.0, v[6] + v[7], 0.0);
    assertArrayEquals(new double[8], spe.encode(Matrix.zeros(0, 2), Matrix.zeros(0, 2),
        new ImageSize(10, 8)));
  }

  @Test
  void batchEncodingIsBitwiseIndependentOfThreadsAndEqualToSingleEncodings() {
    GMMMachine g = Fixtures.gmm(4, 3, 0, 2, 62);
    int[] lengths = {40, 0, 7, 90, 25};
    int n = Fixtures.sum(lengths);
    Matrix x = Fixtures.sample(g, n, 1, 63);
    Matrix pos = Fixtures.positions(n, 50, 50, 64);
    List<ImageSize> sizes = List.of(new ImageSize(50, 50), new ImageSize(60, 50),
        new ImageSize(50, 50), new ImageSize(55, 70), new ImageSize(50, 50));
    SpatialPyramidEncoder spe = SpatialPyramidEncoder.of(FisherVectorEncoder.improved(g),
        SpatialPyramid.of(PyramidNormalization.PER_REGION_AND_GLOBAL, G11, G22, G31));
    Matrix one = spe.encodeSets(x, pos, lengths, sizes, 1);
    assertArrayEquals(one.data(), spe.encodeSets(x, pos, lengths, sizes, 3).data());
    int from = 47;
    double[] single = spe.encode(x.rows(from, from + 90), pos.rows(from, from + 90),
        sizes.get(3));
    assertArrayEquals(single, one.row(3));
    assertArrayEquals(new double[spe.length()], one.row(1));
  }

  @Test
  void mismatchedOrOutOfRangeCoordinatesAreRejected() {
    GMMMachine g = Fixtures.gmm(2, 2, 0, 1, 65);
    SpatialPyramidEncoder spe = SpatialPyramidEncoder.of(FisherVectorEncoder.improved(g),
        SpatialPyramid.of(PyramidNormalization.PER_REGION, G11, G22));
    Matrix x = Fixtures.sample(g, 3, 0.1, 66);
    ImageSize size = new ImageSize(10, 10);
    DimensionMismatchException d = assertThrows(DimensionMismatchException.class,
        () -> spe.encode(x, Matrix.zeros(2, 2), size));
    assertTrue(d.getMessage().contains("coordinates") && d.getMessage().contains("2x2")
        && d.getMessage().contains("3x2"), d.getMessage());
    d = assertThrows(DimensionMismatchException.class, () -> spe.encode(x, Matrix.zeros(3, 3),
        size));
    assertTrue(d.getMessage().contains("3x3"), d.getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> spe.encode(x, Matrix.of(new double[][] {{1, 1}, {2, 11}, {3, 3}}), size));
    assertTrue(e.getMessage().contains("coordinates[1, 1] = 11.0")
        && e.getMessage().contains("height"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> spe.encode(x, Matrix.of(new double[][] {{1, 1}, {2, 2}, {Double.NaN, 3}}), size));
    assertTrue(e.getMessage().contains("coordinates[2, 0] = NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> spe.encode(x, Matrix.of(new double[][] {{-1, 1}, {2, 2}, {3, 3}}), size));
    assertTrue(e.getMessage().contains("coordinates[0, 0] = -1.0")
        && e.getMessage().contains("width"), e.getMessage());
    d = assertThrows(DimensionMismatchException.class, () -> spe.encodeSets(x, Matrix.zeros(3, 2),
        new int[] {1, 2}, List.of(size), 1));
    assertTrue(d.getMessage().contains("sizes has 1") && d.getMessage().contains("2 sets"),
        d.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new ImageSize(0, 5));
    assertTrue(e.getMessage().contains("width") && e.getMessage().contains("0.0"));
    e = assertThrows(IllegalArgumentException.class, () -> new SpatialPyramid.Grid(3, 0));
    assertTrue(e.getMessage().contains("cols") && e.getMessage().contains("0"));
    e = assertThrows(IllegalArgumentException.class,
        () -> new SpatialPyramid(List.of(), PyramidNormalization.GLOBAL));
    assertTrue(e.getMessage().contains("grids"));
    e = assertThrows(IllegalArgumentException.class, () -> SpatialPyramid.of(
        PyramidNormalization.GLOBAL, new SpatialPyramid.Grid(50000, 50000)));
    assertTrue(e.getMessage().contains("2^31"), e.getMessage());
  }
}
