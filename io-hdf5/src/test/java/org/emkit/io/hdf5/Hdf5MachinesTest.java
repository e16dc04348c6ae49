package org.emkit.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.linear.Inversion;
import org.emkit.linear.WCCN;
import org.emkit.linear.Whitening;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5MachinesTest {

  @TempDir Path dir;

  @Test
  void statsRoundTripBitwise() throws Exception {
    GMMStats s = Fixtures.stats(Fixtures.ubm(1, 3, 4), 2);
    Path f = dir.resolve("s.h5");
    Hdf5.saveStats(f, s);
    GMMStats back = Hdf5.loadStats(f);
    assertEquals(s, back);
    assertEquals(50, back.t());
  }

  @Test
  void kmeansRoundTripKeepsHyperparameters() throws Exception {
    KMeansMachine k = KMeansMachine.builder(3).init(KMeansMachine.Init.KMEANS_PLUS_PLUS)
        .maxIterations(7).convergenceThreshold(1e-3).seed(11)
        .emptyClusterPolicy(KMeansMachine.EmptyClusterPolicy.KEEP_PREVIOUS).initMaxIterations(3)
        .oversamplingFactor(1.5).build().fit(Fixtures.data(3, 60, 2));
    Path f = dir.resolve("k.h5");
    Hdf5.saveKMeans(f, k);
    KMeansMachine back = Hdf5.loadKMeans(f);
    assertEquals(k, back);
    assertEquals(3, back.initMaxIterations());
    assertEquals(1.5, back.oversamplingFactor());
    KMeansMachine given = KMeansMachine.builder(2)
        .initialCentroids(Matrix.of(new double[][] {{0, 0}, {1, 1}})).build()
        .fit(Fixtures.data(4, 30, 2));
    Hdf5.saveKMeans(f, given);
    KMeansMachine back2 = Hdf5.loadKMeans(f);
    assertEquals(given, back2);
    assertEquals(given.initialCentroids().orElseThrow(), back2.initialCentroids().orElseThrow());
  }

  @Test
  void bobLegacyKMeansLayoutLoadsCentroids() throws Exception {
    Path f = dir.resolve("legacy_kmeans.h5");
    H5py.run("import sys, h5py, numpy as np\n"
        + "with h5py.File(sys.argv[1], 'w') as h:\n"
        + "    h['means'] = np.array([[3.0, 70.0, 0.0], [4.0, 72.0, 0.0]])\n", f.toString());
    KMeansMachine k = Hdf5.loadKMeans(f);
    assertEquals(Matrix.of(new double[][] {{3, 70, 0}, {4, 72, 0}}), k.centroids());
    assertArrayEquals(new int[] {0}, k.predict(Matrix.of(new double[][] {{3, 70, 1}})));
  }

  @Test
  void wccnAndWhiteningRoundTrip() throws Exception {
    Matrix x = Fixtures.data(5, 40, 3);
    int[] labels = new int[40];
    for (int i = 0; i < 40; i++) {
      labels[i] = i % 4;
    }
    WCCN w = WCCN.create(Inversion.PSEUDO, Numerics.BOB_COMPATIBLE).fit(x, labels);
    Path f = dir.resolve("w.h5");
    Hdf5.saveWccn(f, w);
    WCCN wb = Hdf5.loadWccn(f);
    assertEquals(w.weights(), wb.weights());
    assertEquals(Inversion.PSEUDO, wb.inversion());
    assertEquals(Numerics.BOB_COMPATIBLE, wb.numerics());
    assertEquals(w.transform(x), wb.transform(x));

    Whitening h = Whitening.create(Inversion.PSEUDO).fit(x);
    Path g = dir.resolve("h.h5");
    Hdf5.saveWhitening(g, h);
    Whitening hb = Hdf5.loadWhitening(g);
    assertArrayEquals(h.mean(), hb.mean());
    assertEquals(h.weights(), hb.weights());
    assertEquals(Inversion.PSEUDO, hb.inversion());
    assertEquals(h.transform(x), hb.transform(x));
    Hdf5FormatException e = assertThrows(Hdf5FormatException.class, () -> Hdf5.loadWccn(g));
    assertTrue(e.getMessage().contains("writer_class"), e.getMessage());
  }

  @Test
  void arraysRoundTripInEveryWritableType() throws Exception {
    Map<String, Hdf5Array> in = new LinkedHashMap<>();
    in.put("/x64", new Hdf5Array(new int[] {2, 3}, new double[] {1.5, -2, 3e-300, 4, 5, 6}, "float64"));
    in.put("/g/x32", new Hdf5Array(new int[] {3}, new double[] {1.5, -2.25, 3}, "float32"));
    in.put("/g/i64", new Hdf5Array(new int[] {2}, new double[] {-(1L << 52), 7}, "int64"));
    in.put("/i32", new Hdf5Array(new int[] {1, 2}, new double[] {-5, 9}, "int32"));
    in.put("/scalar", new Hdf5Array(new int[0], new double[] {42}, "float64"));
    in.put("/empty", new Hdf5Array(new int[] {0, 3}, new double[0], "float64"));
    Path f = dir.resolve("a.h5");
    Hdf5.writeArrays(f, in);
    Map<String, Hdf5Array> back = Hdf5.readArrays(f);
    assertEquals(in.size(), back.size());
    for (Map.Entry<String, Hdf5Array> e : in.entrySet()) {
      assertEquals(e.getValue(), back.get(e.getKey()), e.getKey());
    }
    assertEquals(in.get("/g/x32"), Hdf5.readArray(f, "g/x32"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Hdf5.writeArray(f, "/i", new Hdf5Array(new int[] {1}, new double[] {0.5}, "int32")));
    assertTrue(bad.getMessage().contains("'/i'") && bad.getMessage().contains("0.5"), bad.getMessage());
    IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
        () -> Hdf5.writeArray(f, "/u", new Hdf5Array(new int[] {1}, new double[] {1}, "uint8")));
    assertTrue(dtype.getMessage().contains("uint8"), dtype.getMessage());
  }

  @Test
  void arrayMatrixViewDropsLeadingUnitAxesAndArraysAreNotNpyArrays() {
    Hdf5Array a = new Hdf5Array(new int[] {1, 2, 3}, new double[] {1, 2, 3, 4, 5, 6}, "float64");
    assertEquals(Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), a.toMatrix());
    assertEquals(Matrix.of(new double[][] {{1, 2}}), Hdf5Array.of(new double[] {1, 2}).toMatrix());
    org.emkit.core.DimensionMismatchException three = assertThrows(
        org.emkit.core.DimensionMismatchException.class,
        () -> new Hdf5Array(new int[] {2, 1, 3}, new double[6], "float64").toMatrix());
    assertTrue(three.getMessage().contains("[2, 1, 3]"), three.getMessage());
    IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
        () -> new Hdf5Array(new int[] {-1}, new double[0], "float64"));
    assertTrue(neg.getMessage().startsWith("Hdf5Array: shape entries"), neg.getMessage());
    assertTrue(!a.equals(new org.emkit.core.io.NpyArray(a.shape(), a.values(), a.dtype())));
    assertEquals("Hdf5Array[shape=[1, 2, 3], dtype=float64]", a.toString());
  }

  @Test
  void inspectRecognisesEveryKind() throws Exception {
    GMMMachine ubm = Fixtures.ubm(1, 2, 3);
    Path g = dir.resolve("g.h5");
    Hdf5.saveGmm(g, GMMMachine.map(ubm).build());
    Hdf5Info gi = Hdf5.inspect(g);
    assertEquals(Hdf5Info.Kind.GMM_MACHINE, gi.kind());
    assertEquals("1.0", gi.formatVersion());
    assertTrue(gi.summary().contains("C=2 D=3 trainer=MAP (prior stored)"), gi.summary());
    assertTrue(gi.datasets().contains("/gaussians/means (2, 3) float64"), gi.datasets().toString());
    assertTrue(gi.datasets().contains("/trainer () string"), gi.datasets().toString());
    Path s = dir.resolve("s.h5");
    Hdf5.saveStats(s, Fixtures.stats(ubm, 3));
    assertEquals(Hdf5Info.Kind.GMM_STATS, Hdf5.inspect(s).kind());
    Path a = dir.resolve("a.h5");
    Hdf5.writeArray(a, "/x", Hdf5Array.of(new double[] {1, 2}));
    Hdf5Info ai = Hdf5.inspect(a);
    assertEquals(Hdf5Info.Kind.ARRAYS, ai.kind());
    assertEquals("none", ai.formatVersion());
    assertTrue(ai.toString().contains("/x (2,) float64"), ai.toString());
  }
}
