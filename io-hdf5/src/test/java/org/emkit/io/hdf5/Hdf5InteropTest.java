package org.emkit.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.mixture.VarianceFloor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by emkit are read by h5py (libhdf5), and bob-layout files written by h5py are
 *  read by emkit. */
class Hdf5InteropTest {

  @TempDir Path dir;

  private static double[] values(H5py.Dump d, String path) {
    return d.datasets.get(path).doubles();
  }

  @Test
  void h5pyReadsEmkitGmmWithBobsNamesTypesAndValues() throws Exception {
    GMMMachine ubm = Fixtures.ubm(1, 3, 2);
    GMMMachine m = GMMMachine.map(ubm).relevanceFactor(5).build().fit(Fixtures.data(2, 30, 2));
    Path f = dir.resolve("client.h5");
    Hdf5.saveGmm(f, m);
    H5py.Dump d = H5py.dump(f);
    assertEquals("str|1.0", d.attributes.get("/ file_version"));
    assertEquals("str|<class 'bob.learn.em.GMMMachine'>", d.attributes.get("/ writer_class"));
    assertEquals("vlen-str", d.datasets.get("/trainer").dtype);
    assertEquals(List.of("map"), d.datasets.get("/trainer").values);
    for (String b : List.of("/update_means", "/update_variances", "/update_weights")) {
      assertEquals("bool", d.datasets.get(b).dtype, b);
      assertArrayEquals(new int[0], d.datasets.get(b).shape);
    }
    assertEquals("int64", d.datasets.get("/n_gaussians").dtype);
    assertArrayEquals(new int[0], d.datasets.get("/n_gaussians").shape);
    assertArrayEquals(new double[] {3}, values(d, "/n_gaussians"));
    assertArrayEquals(new int[] {3, 2}, d.datasets.get("/gaussians/means").shape);
    assertEquals("float64", d.datasets.get("/gaussians/means").dtype);
    assertArrayEquals(m.means().data(), values(d, "/gaussians/means"));
    assertArrayEquals(m.variances().data(), values(d, "/gaussians/variances"));
    assertArrayEquals(m.weights(), values(d, "/weights"));
    assertArrayEquals(new double[] {1e-5}, values(d, "/convergence_threshold"));
    assertArrayEquals(new double[] {5}, values(d, "/emkit/adaptation_value"));
    assertArrayEquals(ubm.means().data(), values(d, "/emkit/prior/gaussians/means"));
  }

  @Test
  void bobsReaderCodeRunsOnEmkitFiles() throws Exception {
    // the statements of bob.learn.em 3.3.0's GMMMachine.from_hdf5 and GMMStats.from_hdf5 that
    // touch the file, run by h5py on our files (bob's reader fails on fixed-length strings)
    GMMMachine ubm = Fixtures.ubm(3, 2, 3).toBuilder()
        .varianceFloor(VarianceFloor.perFeature(new double[] {1e-3, 1e-3, 2e-3})).build();
    Path g = dir.resolve("ubm.h5");
    Hdf5.saveGmm(g, ubm);
    GMMStats s = Fixtures.stats(ubm, 4);
    Path st = dir.resolve("stats.h5");
    Hdf5.saveStats(st, s);
    String out = H5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "h = h5py.File(sys.argv[1], 'r')",
        "version_major, version_minor = h.attrs['file_version'].split('.')",
        "assert int(version_major) >= 1",
        "assert h.attrs['writer_class'] == \"<class 'bob.learn.em.GMMMachine'>\"",
        "n = h['n_gaussians'][()]",
        "assert isinstance(n, np.int64) and n == 2",
        "assert h['trainer'][()] in (b'ml', 'ml')",
        "assert isinstance(h['update_means'][()], np.bool_) and h['update_means'][()]",
        "assert not h['update_variances'][()]",
        "w = h['weights'][...]; m = h['gaussians']['means'][...]",
        "v = h['gaussians']['variances'][...]; t = h['gaussians']['variance_thresholds'][...]",
        "assert m.shape == (2, 3) and v.shape == (2, 3) and t.shape == (3,) and w.shape == (2,)",
        "assert (np.maximum(t, v) == v).all()",
        "s = h5py.File(sys.argv[2], 'r')",
        "assert s.attrs['file_version'] == '1.0'",
        "assert s.attrs['writer_class'] == \"<class 'bob.learn.em.GMMStats'>\"",
        "assert isinstance(s['n_gaussians'][()], np.int64) and isinstance(s['n_features'][()], np.int64)",
        "assert isinstance(s['log_likelihood'][()], np.float64)",
        "print(repr(float(s['log_likelihood'][()])), int(s['T'][()]), repr(float(s['sumPxx'][1, 2])))"),
        g.toString(), st.toString()).trim();
    assertEquals(repr(s.logLikelihood()) + " 50 " + repr(s.sumPxx(1, 2)), out);
  }

  private static String repr(double v) {
    return H5py.run("import sys\nprint(repr(float.fromhex(sys.argv[1])))", Double.toHexString(v))
        .trim();
  }

  @Test
  void h5pyReadsEmkitKMeansAndArrays() throws Exception {
    KMeansMachine k = KMeansMachine.builder(2).seed(3).build().fit(Fixtures.data(1, 20, 3));
    Path f = dir.resolve("km.h5");
    Hdf5.saveKMeans(f, k);
    H5py.Dump d = H5py.dump(f);
    assertEquals("str|" + Hdf5.KMEANS_CLASS, d.attributes.get("/ writer_class"));
    assertArrayEquals(new int[] {2, 3}, d.datasets.get("/means").shape);
    assertArrayEquals(k.centroids().data(), values(d, "/means"));
    Path a = dir.resolve("x.h5");
    Hdf5.writeArray(a, "/features/train", new Hdf5Array(new int[] {2, 2},
        new double[] {1.25, -3, 0.1, 7}, "float32"));
    H5py.Dump ad = H5py.dump(a);
    assertEquals("float32", ad.datasets.get("/features/train").dtype);
    assertArrayEquals(new double[] {1.25, -3, (float) 0.1, 7}, values(ad, "/features/train"));
  }

  @Test
  void emkitReadsBobLayoutsWrittenByH5py() throws Exception {
    Path v1 = dir.resolve("v1.h5");
    Path stats = dir.resolve("stats_v1.h5");
    Path legacy1 = dir.resolve("legacy_1.h5");
    Path legacy11 = dir.resolve("legacy_11.h5");
    Path stats11 = dir.resolve("stats_11.h5");
    H5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "means = np.array([[1.5, -2.0, 0.25], [3.0, 4.5, -1.0]])",
        "var = np.array([[0.5, 0.25, 2.0], [1.5, 2.0, 0.75]])",
        "w = np.array([0.375, 0.625])",
        "with h5py.File(sys.argv[1], 'w') as h:",
        "    h.attrs['file_version'] = '1.0'",
        "    h.attrs['writer_class'] = \"<class 'bob.learn.em.GMMMachine'>\"",
        "    h['n_gaussians'] = 2; h['trainer'] = 'ml'; h['convergence_threshold'] = 1e-4",
        "    h['max_fitting_steps'] = 25; h['weights'] = w",
        "    h['update_means'] = True; h['update_variances'] = True; h['update_weights'] = False",
        "    g = h.create_group('gaussians'); g['means'] = means; g['variances'] = var",
        "    g['variance_thresholds'] = np.full((2, 3), 1e-3)",
        "with h5py.File(sys.argv[2], 'w') as h:",
        "    h.attrs['file_version'] = '1.0'",
        "    h.attrs['writer_class'] = \"<class 'bob.learn.em.GMMStats'>\"",
        "    h['n_gaussians'] = 2; h['n_features'] = 3; h['log_likelihood'] = -12.5; h['T'] = 9",
        "    h['n'] = np.array([4.0, 5.0]); h['sumPx'] = means * 3; h['sumPxx'] = var * 7",
        "# legacy C++ layout, (1,)-scalars, contiguous",
        "with h5py.File(sys.argv[3], 'w', libver='earliest') as h:",
        "    h['m_n_gaussians'] = np.array([2], dtype=np.int64)",
        "    h['m_n_inputs'] = np.array([3], dtype=np.int64)",
        "    h['m_weights'] = w",
        "    for i in range(2):",
        "        g = h.create_group('m_gaussians%d' % i)",
        "        g['m_mean'] = means[i]; g['m_variance'] = var[i]",
        "        g['m_variance_thresholds'] = np.full(3, 1e-3)",
        "        g['g_norm'] = np.array([0.0]); g['m_n_inputs'] = np.array([3], dtype=np.int64)",
        "# legacy (1,1)-scalar variant: leading length-1 axes, chunked (1,...) with gzip",
        "def put(h, name, a):",
        "    a = np.asarray(a)[np.newaxis, ...] if np.ndim(a) > 0 else np.array([[a]])",
        "    h.create_dataset(name, data=a, chunks=(1,) + a.shape[1:], compression='gzip',",
        "                     maxshape=(None,) + a.shape[1:])",
        "with h5py.File(sys.argv[4], 'w', libver='earliest') as h:",
        "    put(h, 'm_n_gaussians', np.int64(2)); put(h, 'm_n_inputs', np.int64(3))",
        "    put(h, 'm_weights', w)",
        "    for i in range(2):",
        "        g = h.create_group('m_gaussians%d' % i)",
        "        put(g, 'm_mean', means[i]); put(g, 'm_variance', var[i])",
        "        put(g, 'm_variance_thresholds', np.full(3, 1e-3))",
        "with h5py.File(sys.argv[5], 'w', libver='earliest') as h:",
        "    put(h, 'n_gaussians', np.int64(2)); put(h, 'n_inputs', np.int64(3))",
        "    put(h, 'log_liklihood', -12.5); put(h, 'T', np.int64(9))",
        "    put(h, 'n', np.array([4.0, 5.0])); put(h, 'sumPx', means * 3); put(h, 'sumPxx', var * 7)"),
        v1.toString(), stats.toString(), legacy1.toString(), legacy11.toString(), stats11.toString());
    Matrix means = Matrix.of(new double[][] {{1.5, -2.0, 0.25}, {3.0, 4.5, -1.0}});
    Matrix var = Matrix.of(new double[][] {{0.5, 0.25, 2.0}, {1.5, 2.0, 0.75}});
    for (Path f : List.of(v1, legacy1, legacy11)) {
      GMMMachine m = Hdf5.loadGmm(f);
      assertEquals(means, m.means(), f.toString());
      assertEquals(var, m.variances(), f.toString());
      assertArrayEquals(new double[] {0.375, 0.625}, m.weights());
      double[] floor = m.varianceFloor().values();
      assertTrue(Arrays.stream(floor).allMatch(x -> x == 1e-3), Arrays.toString(floor));
    }
    GMMMachine m = Hdf5.loadGmm(v1);
    assertEquals(25, m.maxIterations());
    assertEquals(1e-4, m.convergenceThreshold());
    assertTrue(m.updates().contains(GMMMachine.Update.VARIANCES));
    for (Path f : List.of(stats, stats11)) {
      GMMStats s = Hdf5.loadStats(f);
      assertEquals(9, s.t());
      assertEquals(-12.5, s.logLikelihood());
      assertArrayEquals(new double[] {4, 5}, s.n());
      assertEquals(3 * 4.5, s.sumPx(1, 1));
      assertEquals(7 * 0.75, s.sumPxx(1, 2));
    }
    assertEquals("bob.learn.em legacy (C++)", Hdf5.inspect(legacy11).layout());
  }
}
