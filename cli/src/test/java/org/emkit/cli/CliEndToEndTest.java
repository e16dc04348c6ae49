package org.emkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.scoring.LinearScoring;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate data → kmeans → gmm train → gmm map → stats → score → info, in process. */
class CliEndToEndTest {

  @TempDir Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private static void ok(Cli.Result r) {
    assertEquals(0, r.code, r.toString());
  }

  /** log p(x) of a diagonal GMM, straight from the formula (naive oracle). */
  private static double logDensity(GMMMachine m, double[] x) {
    int c = m.numComponents();
    int d = m.numFeatures();
    double[] l = new double[c];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < c; k++) {
      double s = Math.log(m.weight(k));
      for (int j = 0; j < d; j++) {
        double v = m.variance(k, j);
        double z = x[j] - m.mean(k, j);
        s += -0.5 * (Math.log(2 * Math.PI * v) + z * z / v);
      }
      l[k] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (double v : l) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }

  @Test
  void fullPipelineProducesConsistentModelsAndScores() throws Exception {
    Matrix train = Cli.ubmData(dir.resolve("ubm_data.npy"));
    Cli.frames(dir.resolve("alice.npy"), 1, 150, -2.5);
    Cli.frames(dir.resolve("bob.npy"), 2, 150, 2.5);
    Matrix pa = Cli.frames(dir.resolve("probe_alice.npy"), 3, 80, -2.5);
    Matrix pb = Cli.frames(dir.resolve("probe_bob.npy"), 4, 80, 2.5);

    ok(Cli.run("kmeans", "--data", p("ubm_data.npy"), "--clusters", "3", "--seed", "5",
        "--out", p("km.h5")));
    KMeansMachine km = Hdf5.loadKMeans(dir.resolve("km.h5"));
    assertEquals(3, km.numClusters());
    assertEquals(5, km.seed());
    assertEquals(KMeansMachine.Init.KMEANS_PLUS_PLUS, km.init());

    Cli.Result train1 = Cli.run("gmm", "train", "--data", p("ubm_data.npy"), "--components", "3",
        "--out", p("ubm.h5"));
    ok(train1);
    assertTrue(train1.err.contains("gmm train: iteration 1/200 log-likelihood "), train1.err);
    assertTrue(train1.err.contains("ETA"), train1.err);
    GMMMachine ubm = Hdf5.loadGmm(dir.resolve("ubm.h5"));
    assertEquals(3, ubm.numComponents());
    assertEquals(GMMMachine.Trainer.ML, ubm.trainer());
    // same run with 2 threads: byte-identical model file
    ok(Cli.run("gmm", "train", "--data", p("ubm_data.npy"), "--components", "3", "--threads",
        "2", "--quiet", "--out", p("ubm2.h5")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("ubm.h5")),
        Files.readAllBytes(dir.resolve("ubm2.h5")));
    // and it is the library's fit with the documented defaults
    GMMMachine lib = GMMMachine.builder(3).updates(java.util.EnumSet.allOf(GMMMachine.Update.class))
        .kmeans(KMeansMachine.builder(3).init(KMeansMachine.Init.KMEANS_PLUS_PLUS).build())
        .build().fit(train);
    assertEquals(lib, ubm);

    for (String who : List.of("alice", "bob")) {
      ok(Cli.run("gmm", "map", "--ubm", p("ubm.h5"), "--data", p(who + ".npy"), "--out",
          p(who + ".h5")));
    }
    GMMMachine alice = Hdf5.loadGmm(dir.resolve("alice.h5"));
    assertEquals(GMMMachine.Trainer.MAP, alice.trainer());
    assertEquals(ubm, alice.prior().orElseThrow());
    assertEquals(4.0, alice.adaptation().value());

    ok(Cli.run("stats", "--ubm", p("ubm.h5"), "--data", p("probe_alice.npy"), "--out", p("pa.h5")));
    ok(Cli.run("stats", "--ubm", p("ubm.h5"), "--data", p("probe_bob.npy"), "--out", p("pb.h5")));
    GMMStats sa = Hdf5.loadStats(dir.resolve("pa.h5"));
    assertEquals(ubm.transform(pa), sa);

    ok(Cli.run("score", "--ubm", p("ubm.h5"), "--models", p("alice.h5") + "," + p("bob.h5"),
        "--probes", p("pa.h5") + "," + p("pb.h5"), "--out", p("scores.csv")));
    List<String> lines = Files.readAllLines(dir.resolve("scores.csv"));
    assertEquals("model,probe,score", lines.get(0));
    assertEquals(5, lines.size());
    GMMMachine bob = Hdf5.loadGmm(dir.resolve("bob.h5"));
    GMMStats sb = Hdf5.loadStats(dir.resolve("pb.h5"));
    Matrix expected = LinearScoring.linearScoringMachines(List.of(alice, bob), ubm,
        List.of(sa, sb), null, LinearScoring.FrameLengthNormalization.NONE);
    double[][] got = new double[2][2];
    for (int k = 1; k < 5; k++) {
      String[] f = lines.get(k).split(",");
      assertEquals(p((k - 1) / 2 == 0 ? "alice.h5" : "bob.h5"), f[0]);
      assertEquals(p((k - 1) % 2 == 0 ? "pa.h5" : "pb.h5"), f[1]);
      got[(k - 1) / 2][(k - 1) % 2] = Double.parseDouble(f[2]);
    }
    assertEquals(Matrix.of(got), expected);
    assertTrue(got[0][0] > got[0][1] && got[1][1] > got[1][0], "target scores beat non-target");

    ok(Cli.run("score", "--ubm", p("ubm.h5"), "--models", p("alice.h5") + "," + p("bob.h5"),
        "--probes", p("probe_alice.npy") + "," + p("probe_bob.npy"), "--method", "llr",
        "--out", p("llr.csv")));
    List<String> llr = Files.readAllLines(dir.resolve("llr.csv"));
    assertEquals("model,probe,score", llr.get(0));
    GMMMachine[] models = {alice, bob};
    Matrix[] probes = {pa, pb};
    for (int k = 1; k < 5; k++) {
      GMMMachine m = models[(k - 1) / 2];
      Matrix x = probes[(k - 1) % 2];
      double sum = 0;
      for (int i = 0; i < x.rows(); i++) {
        sum += logDensity(m, x.row(i)) - logDensity(ubm, x.row(i));
      }
      NumericAssert.assertClose(sum / x.rows(), Double.parseDouble(llr.get(k).split(",")[2]),
          new Tolerance(1e-10, 1e-12), llr.get(k));
    }

    Cli.Result info = Cli.run("info", p("alice.h5"));
    ok(info);
    assertTrue(info.out.contains("type: GMM_MACHINE"), info.out);
    assertTrue(info.out.contains("format version: 1.0"), info.out);
    assertTrue(info.out.contains("/gaussians/means (3, 3) float64"), info.out);
    assertTrue(info.out.contains("trainer=MAP (prior stored)"), info.out);
    Cli.Result kinfo = Cli.run("info", p("km.h5"));
    assertTrue(kinfo.out.contains("KMeansMachine K=3 D=3"), kinfo.out);
  }

  @Test
  void seedAndInitModelChangeTheResultAsDocumented() throws Exception {
    Cli.ubmData(dir.resolve("x.npy"));
    ok(Cli.run("kmeans", "--data", p("x.npy"), "--clusters", "4", "--seed", "1", "-q", "--out", p("a.h5")));
    ok(Cli.run("kmeans", "--data", p("x.npy"), "--clusters", "4", "--seed", "1", "-q", "--threads", "3", "--out", p("b.h5")));
    ok(Cli.run("kmeans", "--data", p("x.npy"), "--clusters", "4", "--seed", "2", "-q", "--init", "random", "--out", p("c.h5")));
    assertEquals(Hdf5.loadKMeans(dir.resolve("a.h5")).centroids(),
        Hdf5.loadKMeans(dir.resolve("b.h5")).centroids());
    assertNotEquals(Hdf5.loadKMeans(dir.resolve("a.h5")).centroids(),
        Hdf5.loadKMeans(dir.resolve("c.h5")).centroids());
    ok(Cli.run("gmm", "train", "--data", p("x.npy"), "--components", "2", "-q", "--max-iter", "2",
        "--out", p("g.h5")));
    GMMMachine g = Hdf5.loadGmm(dir.resolve("g.h5"));
    ok(Cli.run("gmm", "train", "--data", p("x.npy"), "--init-model", p("g.h5"), "--update", "m",
        "--max-iter", "3", "--variance-floor", "0.01", "-q", "--out", p("g2.h5")));
    GMMMachine g2 = Hdf5.loadGmm(dir.resolve("g2.h5"));
    GMMMachine lib = g.toBuilder().updates(GMMMachine.Update.MEANS).maxIterations(3)
        .init(GMMMachine.Init.GIVEN).varianceFloor(0.01).build()
        .fit(org.emkit.core.io.Npy.readMatrix(dir.resolve("x.npy")));
    assertEquals(lib, g2);
    assertEquals(java.util.EnumSet.of(GMMMachine.Update.MEANS), g2.updates());
  }

  @Test
  void inputsFromCsvAndHdf5DatasetsGiveTheSameModelAsNpy() throws Exception {
    Matrix x = Cli.frames(dir.resolve("x.npy"), 9, 60, 0);
    org.emkit.core.io.Csv.write(dir.resolve("x.csv"), x, new String[] {"a", "b", "c"});
    Hdf5.writeArray(dir.resolve("x.h5"), "/features/train", org.emkit.io.hdf5.Hdf5Array.of(x));
    Hdf5.writeArray(dir.resolve("only.hdf5"), "/array", org.emkit.io.hdf5.Hdf5Array.of(x));
    ok(Cli.run("kmeans", "--data", p("x.npy"), "--clusters", "2", "-q", "--out", p("a.h5")));
    ok(Cli.run("kmeans", "--data", p("x.csv"), "--clusters", "2", "-q", "--out", p("b.h5")));
    ok(Cli.run("kmeans", "--data", p("x.h5") + ":/features/train", "--clusters", "2", "-q", "--out", p("c.h5")));
    ok(Cli.run("kmeans", "--data", p("only.hdf5"), "--clusters", "2", "-q", "--out", p("d.h5")));
    Matrix ref = Hdf5.loadKMeans(dir.resolve("a.h5")).centroids();
    for (String f : List.of("b.h5", "c.h5", "d.h5")) {
      assertEquals(ref, Hdf5.loadKMeans(dir.resolve(f)).centroids(), f);
    }
  }
}
