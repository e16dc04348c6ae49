package org.emkit.io.hdf5;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.mixture.VarianceFloor;
import org.emkit.testing.ReferenceData;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every bob.learn.em test file of SPEC §11 loads, and its values equal what h5py (libhdf5) reads
 * from the same file, bit for bit. Reads {@code shared/reference/bob/tests/data} in place.
 */
@Tag("parity")
class Hdf5BobFilesParityTest {

  private static Path data(String name) {
    return ReferenceData.bobFile("tests/data/" + name);
  }

  private static void assertGmmMatchesH5py(Path f, GMMMachine m) {
    H5py.Dump d = H5py.dump(f);
    assertArrayEquals(d.datasets.get("/weights").doubles(), m.weights(), f.toString());
    assertArrayEquals(d.datasets.get("/gaussians/means").doubles(), m.means().data());
    assertArrayEquals(d.datasets.get("/gaussians/variances").doubles(), m.variances().data());
    assertArrayEquals(d.datasets.get("/gaussians/variance_thresholds").doubles(),
        m.varianceFloor().values());
    assertEquals((int) d.datasets.get("/n_gaussians").doubles()[0], m.numComponents());
    assertEquals((int) d.datasets.get("/max_fitting_steps").doubles()[0], m.maxIterations());
    assertEquals(d.datasets.get("/convergence_threshold").doubles()[0], m.convergenceThreshold());
    EnumSet<GMMMachine.Update> u = EnumSet.noneOf(GMMMachine.Update.class);
    if (d.datasets.get("/update_means").doubles()[0] == 1) {
      u.add(GMMMachine.Update.MEANS);
    }
    if (d.datasets.get("/update_variances").doubles()[0] == 1) {
      u.add(GMMMachine.Update.VARIANCES);
    }
    if (d.datasets.get("/update_weights").doubles()[0] == 1) {
      u.add(GMMMachine.Update.WEIGHTS);
    }
    assertEquals(u, m.updates());
  }

  @Test
  void currentLayoutGmmFilesLoadAsH5pyReadsThem() throws Exception {
    for (String name : List.of("gmm_ML.hdf5", "gmm_ML_fitted.hdf5", "gmm_MAP.hdf5")) {
      Path f = data(name);
      GMMMachine m = Hdf5.loadGmm(f);
      assertGmmMatchesH5py(f, m);
      assertEquals(GMMMachine.Trainer.ML, m.trainer(), name + " says trainer 'ml'");
    }
    GMMMachine fitted = Hdf5.loadGmm(data("gmm_ML_fitted.hdf5"));
    assertEquals(VarianceFloor.Shape.SCALAR, fitted.varianceFloor().shape());
    assertEquals(EnumSet.allOf(GMMMachine.Update.class), fitted.updates());
    assertEquals(0.001, fitted.convergenceThreshold());
    GMMMachine ml = Hdf5.loadGmm(data("gmm_ML.hdf5"));
    assertEquals(VarianceFloor.Shape.PER_COMPONENT, ml.varianceFloor().shape());
    // SPEC §11.1: the C++ ML result, means 4.2911, 79.9862 / 2.0380, 54.4936
    assertAllClose(new double[] {4.2911, 79.9862, 2.0380, 54.4936}, ml.means().data(),
        new Tolerance(0, 1e-4));
  }

  @Test
  void legacyGmmFilesLoadAsTheSameMachineAsGmmMl() throws Exception {
    GMMMachine ref = Hdf5.loadGmm(data("gmm_ML.hdf5"));
    for (String name : List.of("gmm_ML_legacy.hdf5", "gmm_ML_32bit_debug.hdf5",
        "gmm_ML_32bit_release.hdf5")) {
      Path f = data(name);
      GMMMachine m = Hdf5.loadGmm(f);
      H5py.Dump d = H5py.dump(f);
      assertArrayEquals(d.datasets.get("/m_weights").doubles(), m.weights(), name);
      double[] mu0 = d.datasets.get("/m_gaussians0/m_mean").doubles();
      double[] var1 = d.datasets.get("/m_gaussians1/m_variance").doubles();
      assertEquals(mu0[1], m.mean(0, 1));
      assertEquals(var1[0], m.variance(1, 0));
      assertTrue(m.isSimilarTo(ref, 1e-12, 0), name + " equals gmm_ML.hdf5 (SPEC §10.4)");
      assertEquals(ref.varianceFloor(), m.varianceFloor());
      // bob's legacy defaults (SPEC §10.4): trainer ml, means only, 200 steps
      assertEquals(GMMMachine.Trainer.ML, m.trainer());
      assertEquals(EnumSet.of(GMMMachine.Update.MEANS), m.updates());
      assertEquals(200, m.maxIterations());
    }
  }

  @Test
  void statsFilesLoadWithSpecValues() throws Exception {
    GMMStats s = Hdf5.loadStats(data("stats.hdf5"));
    assertEquals(272, s.t());
    assertEquals(-3625.3352571681594, s.logLikelihood());
    assertAllClose(new double[] {211.18398658228, 60.81601341772}, s.n(), Tolerance.BOB_PARITY);
    H5py.Dump d = H5py.dump(data("stats.hdf5"));
    assertArrayEquals(d.datasets.get("/sumPx").doubles(), s.sumPx().data());
    assertArrayEquals(d.datasets.get("/sumPxx").doubles(), s.sumPxx().data());
    assertArrayEquals(d.datasets.get("/n").doubles(), s.n());

    GMMStats g1 = Hdf5.loadStats(data("ivector_gs1.hdf5"));
    assertEquals(1, g1.t());
    assertEquals(-3.0, g1.logLikelihood());
    assertArrayEquals(new double[] {0.4, 0.6}, g1.n());
    assertArrayEquals(new double[] {1, 2, 3, 2, 4, 3}, g1.sumPx().data());
    assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60}, g1.sumPxx().data());
    GMMStats g2 = Hdf5.loadStats(data("ivector_gs2.hdf5"));
    assertEquals(-4.0, g2.logLikelihood());
    assertArrayEquals(new double[] {0.2, 0.8}, g2.n());
    assertArrayEquals(new double[] {2, 1, 3, 3, 4.1, 3.2}, g2.sumPx().data());
    assertArrayEquals(new double[] {12, 15, 25, 39, 51, 62}, g2.sumPxx().data());
  }

  @Test
  void ivectorReferenceFilesReadAsNamedArrays() throws Exception {
    for (String name : List.of("ivector_ref_step1.hdf5", "ivector_ref_step2.hdf5",
        "ivector_ref_nosigma_step1.hdf5", "ivector_ref_nosigma_step2.hdf5")) {
      Path f = data(name);
      Map<String, Hdf5Array> a = Hdf5.readArrays(f);
      assertEquals(List.of("/T", "/fnorm_sigma_wij", "/nij", "/nij_sigma_wij2", "/sigma",
          "/snormij"), List.copyOf(a.keySet()), name);
      assertArrayEquals(new int[] {2, 3, 2}, a.get("/T").shape());
      assertArrayEquals(new int[] {2, 2, 2}, a.get("/nij_sigma_wij2").shape());
      assertArrayEquals(name.contains("nosigma") ? new int[] {2} : new int[] {2, 3},
          a.get("/sigma").shape());
      H5py.Dump d = H5py.dump(f);
      for (Map.Entry<String, Hdf5Array> e : a.entrySet()) {
        assertArrayEquals(d.datasets.get(e.getKey()).doubles(), e.getValue().values(),
            name + e.getKey());
      }
    }
  }

  @Test
  @Tag("slow")
  void everyDataFileReadsExactlyAsH5pyReadsIt() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(ReferenceData.bobDir().resolve("tests/data"))) {
      files = s.filter(p -> p.toString().endsWith(".hdf5")).sorted().collect(Collectors.toList());
    }
    assertEquals(43, files.size(), "SPEC §11.5 lists 43 files");
    int chunked = 0;
    for (Path f : files) {
      Map<String, Hdf5Array> arrays = Hdf5.readArrays(f);
      H5py.Dump d = H5py.dump(f);
      for (Map.Entry<String, H5py.Entry> e : d.datasets.entrySet()) {
        if (e.getValue().dtype.endsWith("-str")) {
          continue;
        }
        Hdf5Array a = arrays.get(e.getKey());
        assertArrayEquals(e.getValue().shape, a.shape(), f + e.getKey());
        assertArrayEquals(e.getValue().doubles(), a.values(), f + e.getKey());
      }
      if (f.getFileName().toString().startsWith("faithful.torch3.")) {
        Hdf5Array a = arrays.get("/arrayset");
        assertEquals("float32", a.dtype());
        chunked++;
      }
    }
    assertEquals(1, chunked);
  }
}
