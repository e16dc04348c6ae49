package org.emkit.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.fa.ISVMachine;
import org.emkit.fa.IVectorMachine;
import org.emkit.fa.JFAMachine;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ISV, JFA and i-vector machines and their enrolled clients: bitwise round trips (with the UBM
 * stored in the file or supplied by the caller), and bob's legacy C++ layouts written by h5py.
 */
class Hdf5FactorAnalysisTest {

  @TempDir Path dir;

  /** Removes the {@code ubm} group (and the checksum that covered it) with h5py. */
  private void dropUbm(Path f) {
    H5py.run("import sys, h5py\n"
        + "with h5py.File(sys.argv[1], 'r+') as h:\n"
        + "    del h['ubm']\n"
        + "    del h.attrs['emkit_checksum']\n", f.toString());
  }

  @Test
  void isvRoundTripIsBitwiseWithItsUbm() throws Exception {
    ISVMachine m = Models.isv();
    Path f = dir.resolve("isv.h5");
    Hdf5.saveIsv(f, m);
    ISVMachine back = Hdf5.loadIsv(f);
    assertEquals(Models.snapshot(m), Models.snapshot(back));
    assertEquals(m.ubm(), back.ubm());
    List<GMMStats> s = Models.sessions(m.ubm());
    double[] z = m.enroll(s.subList(0, 2));
    assertArrayEquals(z, back.enroll(s.subList(0, 2)));
    assertEquals(m.score(z, s.subList(5, 6)), back.score(z, s.subList(5, 6)));
  }

  @Test
  void isvWithoutStoredUbmNeedsTheCallersUbm() throws Exception {
    ISVMachine m = Models.isv();
    Path f = dir.resolve("isv_noubm.h5");
    Hdf5.saveIsv(f, m);
    dropUbm(f);
    Hdf5FormatException e = assertThrows(Hdf5FormatException.class, () -> Hdf5.loadIsv(f));
    assertEquals("/ubm", e.objectPath());
    assertTrue(e.getMessage().contains("pass the UBM to Hdf5.loadIsv(file, ubm)"),
        e.getMessage());
    assertEquals(Models.snapshot(m), Models.snapshot(Hdf5.loadIsv(f, m.ubm())));
  }

  @Test
  void aStoredUbmTakesPrecedenceOverTheGivenOne() throws Exception {
    ISVMachine m = Models.isv();
    Path f = dir.resolve("isv.h5");
    Hdf5.saveIsv(f, m);
    GMMMachine other = Fixtures.ubm(99, 3, 2);
    assertNotEquals(other, m.ubm());
    assertEquals(m.ubm(), Hdf5.loadIsv(f, other).ubm());
  }

  @Test
  void jfaRoundTripKeepsTheNumericsMode() throws Exception {
    JFAMachine m = Models.jfa();
    assertEquals(Numerics.BOB_COMPATIBLE, m.numerics());
    Path f = dir.resolve("jfa.h5");
    Hdf5.saveJfa(f, m);
    JFAMachine back = Hdf5.loadJfa(f);
    assertEquals(Models.snapshot(m), Models.snapshot(back));
    List<GMMStats> s = Models.sessions(m.ubm());
    JFAMachine.Enrollment e = m.enroll(s.subList(0, 3));
    JFAMachine.Enrollment eb = back.enroll(s.subList(0, 3));
    assertArrayEquals(e.y(), eb.y());
    assertArrayEquals(e.z(), eb.z());
    dropUbm(f);
    assertEquals(Models.snapshot(m), Models.snapshot(Hdf5.loadJfa(f, m.ubm())));
    JFAMachine standard = m.toBuilder().numerics(Numerics.STANDARD).build();
    Hdf5.saveJfa(f, standard);
    assertEquals(Numerics.STANDARD, Hdf5.loadJfa(f).numerics());
  }

  @Test
  void ivectorRoundTripStoresTAsCDRAndSigmaAsCD() throws Exception {
    IVectorMachine m = Models.ivector();
    Path f = dir.resolve("tv.h5");
    Hdf5.saveIVector(f, m);
    IVectorMachine back = Hdf5.loadIVector(f);
    assertEquals(Models.snapshot(m), Models.snapshot(back));
    List<GMMStats> s = Models.sessions(m.ubm());
    assertEquals(m.transform(s), back.transform(s));
    H5py.Dump d = H5py.dump(f);
    assertArrayEquals(new int[] {3, 2, 2}, d.datasets.get("/T").shape);
    assertArrayEquals(new int[] {3, 2}, d.datasets.get("/sigma").shape);
    assertArrayEquals(m.t().data(), d.datasets.get("/T").doubles());
    assertEquals("bool", d.datasets.get("/update_sigma").dtype);
    dropUbm(f);
    assertEquals(Models.snapshot(m), Models.snapshot(Hdf5.loadIVector(f, m.ubm())));
  }

  @Test
  void enrolledClientsRoundTripAndAreCheckedAgainstTheMachine() throws Exception {
    ISVMachine isv = Models.isv();
    List<GMMStats> s = Models.sessions(isv.ubm());
    double[] z = isv.enroll(s.subList(3, 6));
    Path f = dir.resolve("client.h5");
    Hdf5.saveIsvClient(f, isv, z);
    assertArrayEquals(z, Hdf5.loadIsvClient(f, isv));
    ISVMachine wide = ISVMachine.builder(Fixtures.ubm(3, 2, 3), 1).build();
    Hdf5FormatException e = assertThrows(Hdf5FormatException.class,
        () -> Hdf5.loadIsvClient(f, wide));
    assertEquals("/n_gaussians", e.objectPath());
    assertTrue(e.getMessage().contains("expected 2 (the machine's C), found 3"), e.getMessage());
    DimensionMismatchException dm = assertThrows(DimensionMismatchException.class,
        () -> Hdf5.saveIsvClient(dir.resolve("x.h5"), isv, new double[5]));
    assertTrue(dm.getMessage().contains("z has length 5"), dm.getMessage());

    JFAMachine jfa = Models.jfa();
    JFAMachine.Enrollment en = jfa.enroll(s.subList(0, 2));
    Path g = dir.resolve("enrol.h5");
    Hdf5.saveJfaEnrollment(g, jfa, en);
    JFAMachine.Enrollment back = Hdf5.loadJfaEnrollment(g, jfa);
    assertArrayEquals(en.y(), back.y());
    assertArrayEquals(en.z(), back.z());
    assertEquals(jfa.score(en, s.subList(7, 9)), jfa.score(back, s.subList(7, 9)));
    JFAMachine rank2 = JFAMachine.builder(jfa.ubm(), 2, 2).build();
    Hdf5FormatException ey = assertThrows(Hdf5FormatException.class,
        () -> Hdf5.loadJfaEnrollment(g, rank2));
    assertEquals("/y", ey.objectPath());
    assertTrue(ey.getMessage().contains("expected shape (2,), found (1,)"), ey.getMessage());
  }

  @Test
  void bobLegacyIsvAndJfaLayoutsLoadWithTheCallersUbm() throws Exception {
    GMMMachine ubm = Models.ubm();
    Path isvBase = dir.resolve("isvbase.h5");
    Path jfaBase = dir.resolve("jfabase.h5");
    Path isvClient = dir.resolve("isvclient.h5");
    Path jfaClient = dir.resolve("jfaclient.h5");
    // bob.io.base's setArray writes the natural shape; U (CD, r_U), V (CD, r_V), d (CD,)
    H5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "U = (np.arange(12.0).reshape(6, 2) - 5.5) / 7",
        "V = np.linspace(-1, 1, 6).reshape(6, 1)",
        "d = np.array([0.5, 0.25, 0.125, 1.0, 2.0, 0.75])",
        "with h5py.File(sys.argv[1], 'w', libver='earliest') as h:",
        "    h['U'] = U; h['d'] = d",
        "with h5py.File(sys.argv[2], 'w', libver='earliest') as h:",
        "    h['U'] = U; h['V'] = V; h['d'] = d",
        "with h5py.File(sys.argv[3], 'w', libver='earliest') as h:",
        "    h['z'] = np.linspace(0.1, 0.6, 6)",
        "with h5py.File(sys.argv[4], 'w', libver='earliest') as h:",
        "    h['y'] = np.array([0.3]); h['z'] = np.linspace(-0.6, -0.1, 6)"),
        isvBase.toString(), jfaBase.toString(), isvClient.toString(), jfaClient.toString());
    double[] u = new double[12];
    for (int k = 0; k < 12; k++) {
      u[k] = (k - 5.5) / 7;
    }
    double[] d = {0.5, 0.25, 0.125, 1.0, 2.0, 0.75};
    ISVMachine isv = Hdf5.loadIsv(isvBase, ubm);
    ISVMachine expected = ISVMachine.fromParameters(ubm, Matrix.wrap(6, 2, u), d);
    assertEquals(Models.snapshot(expected), Models.snapshot(isv));
    Hdf5FormatException noUbm = assertThrows(Hdf5FormatException.class,
        () -> Hdf5.loadIsv(isvBase));
    assertEquals("/ubm", noUbm.objectPath());
    JFAMachine jfa = Hdf5.loadJfa(jfaBase, ubm);
    assertArrayEquals(u, jfa.u().data());
    assertArrayEquals(new double[] {-1, -0.6, -0.2, 0.2, 0.6, 1}, jfa.v().data(), 1e-15);
    assertArrayEquals(d, jfa.d());
    assertEquals(Numerics.STANDARD, jfa.numerics());
    Hdf5FormatException asIsv = assertThrows(Hdf5FormatException.class,
        () -> Hdf5.loadIsv(jfaBase, ubm));
    assertEquals("/V", asIsv.objectPath());
    assertTrue(asIsv.getMessage().contains("Hdf5.loadJfa"), asIsv.getMessage());

    double[] z = Hdf5.loadIsvClient(isvClient, isv);
    assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, z, 1e-15);
    List<GMMStats> s = Models.sessions(ubm);
    assertEquals(expected.score(z, s.subList(0, 1)), isv.score(z, s.subList(0, 1)));
    JFAMachine.Enrollment e = Hdf5.loadJfaEnrollment(jfaClient, jfa);
    assertArrayEquals(new double[] {0.3}, e.y());
    assertEquals(6, e.z().length);
    assertEquals(Hdf5Info.Kind.ISV_MACHINE, Hdf5.inspect(isvBase).kind());
    assertEquals(Hdf5Info.Kind.JFA_MACHINE, Hdf5.inspect(jfaBase).kind());
    assertEquals(Hdf5Info.Kind.ISV_CLIENT, Hdf5.inspect(isvClient).kind());
    assertEquals(Hdf5Info.Kind.JFA_ENROLLMENT, Hdf5.inspect(jfaClient).kind());
    assertTrue(Hdf5.inspect(jfaBase).summary().contains("CD=6 rankU=2 rankV=1"),
        Hdf5.inspect(jfaBase).summary());
  }

  @Test
  void bobLegacyIVectorLayoutIsReshapedToCDR() throws Exception {
    GMMMachine ubm = Models.ubm();
    Path f = dir.resolve("ivec_legacy.h5");
    H5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "T3 = (np.arange(18.0).reshape(3, 2, 3) - 8) / 5   # v3 layout (C, D, R)",
        "with h5py.File(sys.argv[1], 'w', libver='earliest') as h:",
        "    h['m_T'] = T3.reshape(6, 3)                     # C++ layout (CD, R)",
        "    h['m_sigma'] = np.array([1.5, 0.5, 2.0, 0.25, 1.0, 0.75])",
        "    h['m_variance_threshold'] = 1e-8"), f.toString());
    IVectorMachine m = Hdf5.loadIVector(f, ubm);
    assertEquals(3, m.rank());
    double[] t = m.t().data();
    // element (c, d, r) of the v3 array is row c*D + d, column r
    for (int c = 0; c < 3; c++) {
      for (int d = 0; d < 2; d++) {
        for (int r = 0; r < 3; r++) {
          assertEquals((((c * 2 + d) * 3 + r) - 8) / 5.0, t[(c * 2 + d) * 3 + r], 1e-15);
        }
      }
    }
    assertEquals(Matrix.of(new double[][] {{1.5, 0.5}, {2.0, 0.25}, {1.0, 0.75}}), m.sigma());
    assertEquals(1e-8, m.varianceFloor());
    assertTrue(Hdf5.inspect(f).summary().contains("CD=6 rank=3"), Hdf5.inspect(f).summary());
    Path saved = dir.resolve("ivec_emkit.h5");
    Hdf5.saveIVector(saved, m);
    H5py.Dump d = H5py.dump(saved);
    H5py.Dump legacy = H5py.dump(f);
    assertArrayEquals(legacy.datasets.get("/m_T").doubles(), d.datasets.get("/T").doubles());
    assertArrayEquals(new int[] {3, 2, 3}, d.datasets.get("/T").shape);
  }
}
