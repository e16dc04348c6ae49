package org.emkit.io.hdf5;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.fa.EMPCA;
import org.emkit.fa.PLDA;
import org.emkit.fa.TwoCovariancePLDA;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PLDA (emkit layout = bob's PLDABase datasets + an emkit group), its enrolments, bob's legacy
 * PLDABase/PLDAMachine files of every version written by h5py, the two-covariance PLDA and
 * EMPCA.
 */
class Hdf5PldaTest {

  /**
   * The cached terms of a legacy file are computed by numpy ({@code inv}, {@code slogdet}: LU);
   * emkit recomputes them with Cholesky: a few ulps apart on these well-conditioned matrices.
   */
  private static final Tolerance LU_VS_CHOLESKY = new Tolerance(1e-12, 1e-14);

  @TempDir Path dir;

  @Test
  void pldaRoundTripIsBitwiseAndKeepsTheCachedCounts() throws Exception {
    PLDA p = Models.plda();
    assertArrayEquals(new int[] {1, 3}, p.cachedSampleCounts());
    Path f = dir.resolve("plda.h5");
    Hdf5.savePlda(f, p);
    PLDA back = Hdf5.loadPlda(f);
    assertEquals(Models.snapshot(p), Models.snapshot(back));
    assertEquals(p.alpha(), back.alpha());
    assertEquals(p.gamma(3), back.gamma(3));
    assertEquals(p.logLikelihoodConstant(1), back.logLikelihoodConstant(1));
    Matrix e = Models.vectors(5, 1, 3, 4);
    Matrix probe = Models.vectors(6, 1, 2, 4);
    assertEquals(p.score(p.enroll(e), probe), back.score(back.enroll(e), probe));
    assertEquals(p.logLikelihood(probe), back.logLikelihood(probe));
  }

  @Test
  void pldaWithoutSessionSubspaceStoresEmptyMatrices() throws Exception {
    Matrix x = Models.vectors(7, 5, 3, 3);
    PLDA p = PLDA.builder(3, 1, 0).iterations(2).sigmaInit(PLDA.SigmaInit.CONSTANT)
        .build().fit(x, Models.labels(5, 3));
    Path f = dir.resolve("plda0.h5");
    Hdf5.savePlda(f, p);
    PLDA back = Hdf5.loadPlda(f);
    assertEquals(Models.snapshot(p), Models.snapshot(back));
    assertEquals(0, back.rankG());
    H5py.Dump d = H5py.dump(f);
    assertArrayEquals(new int[] {3, 0}, d.datasets.get("/G").shape);
    assertArrayEquals(new int[] {0, 0}, d.datasets.get("/alpha").shape);
    assertArrayEquals(new int[] {0, 3}, d.datasets.get("/Gt_isigma").shape);
  }

  @Test
  @Tag("slow")
  void h5pyReadsBobsPldaBaseNamesAndTypes() throws Exception {
    PLDA p = Models.plda();
    Path f = dir.resolve("plda.h5");
    Hdf5.savePlda(f, p);
    // the reads of bob's PLDABase::load (bob >= 1.2), with the types it asks for
    String out = H5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "h = h5py.File(sys.argv[1], 'r')",
        "for k in ('dim_d', 'dim_f', 'dim_g'):",
        "    assert h[k].dtype == np.uint64 and h[k].shape == (), k",
        "assert (h['dim_d'][()], h['dim_f'][()], h['dim_g'][()]) == (4, 2, 1)",
        "assert h['F'].shape == (4, 2) and h['G'].shape == (4, 1)",
        "assert h['sigma'].shape == (4,) and h['mu'].shape == (4,)",
        "assert h['alpha'].shape == (1, 1) and h['beta'].shape == (4, 4)",
        "assert h['Ft_beta'].shape == (2, 4) and h['Gt_isigma'].shape == (1, 4)",
        "for k in ('variance_threshold', 'logdet_alpha', 'logdet_sigma'):",
        "    assert h[k].dtype == np.float64 and h[k].shape == (), k",
        "a = h['a_indices_gamma'][...]",
        "assert a.dtype == np.uint32 and list(a) == [1, 3]",
        "assert list(h['a_indices_loglikeconstterm'][...]) == [1, 3]",
        "for i in a:",
        "    assert h['gamma_%d' % i].shape == (2, 2) and h['loglikeconstterm_%d' % i].shape == ()",
        "# the caches agree with the parameters as bob computes them",
        "F, G, s, mu = h['F'][...], h['G'][...], h['sigma'][...], h['mu'][...]",
        "alpha = np.linalg.inv(np.eye(1) + G.T @ np.diag(1 / s) @ G)",
        "beta = np.linalg.inv(np.diag(s) + G @ G.T)",
        "g3 = np.linalg.inv(np.eye(2) + 3 * F.T @ beta @ F)",
        "print(np.abs(alpha - h['alpha'][...]).max() / np.abs(alpha).max(),",
        "      np.abs(beta - h['beta'][...]).max() / np.abs(beta).max(),",
        "      np.abs(g3 - h['gamma_3'][...]).max() / np.abs(g3).max(),",
        "      abs(np.log(s).sum() - h['logdet_sigma'][()]))",
        "e = h['emkit']",
        "assert e.attrs['writer_class'] == 'org.emkit.fa.PLDA' and e.attrs['file_version'] == '1.0'",
        "assert e['f_init'][()] in (b'between_scatter', 'between_scatter')"), f.toString());
    for (String v : out.trim().split("\\s+")) {
      assertTrue(Double.parseDouble(v) < 1e-12, out);
    }
    H5py.Dump d = H5py.dump(f);
    assertArrayEquals(p.f().data(), d.datasets.get("/F").doubles());
    assertArrayEquals(p.gamma(3).data(), d.datasets.get("/gamma_3").doubles());
    assertArrayEquals(p.ftBeta().data(), d.datasets.get("/Ft_beta").doubles());
    assertArrayEquals(new double[] {p.logDetAlpha()}, d.datasets.get("/logdet_alpha").doubles());
  }

  /** numpy code writing bob's legacy PLDABase datasets for a model given by F, G, s, mu. */
  private static final String LEGACY_WRITER = String.join("\n",
      "import sys, h5py, numpy as np",
      "F = np.array([[1.0, 0.2], [0.5, -0.3], [-0.4, 0.8], [0.1, 0.6]])",
      "G = np.array([[0.3], [-0.2], [0.5], [0.25]])",
      "s = np.array([0.5, 0.8, 1.2, 0.3]); mu = np.array([0.1, -0.2, 0.3, 0.05])",
      "iS = np.diag(1 / s)",
      "alpha = np.linalg.inv(np.eye(1) + G.T @ iS @ G)",
      "beta = iS - iS @ G @ alpha @ G.T @ iS",
      "Ftb = F.T @ beta; Gti = G.T @ iS",
      "lda = np.linalg.slogdet(alpha)[1]; lds = np.log(s).sum()",
      "def gamma(a): return np.linalg.inv(np.eye(2) + a * Ftb @ F)",
      "def const(a): return a / 2 * (-4 * np.log(2 * np.pi) - lds + lda) + np.linalg.slogdet(gamma(a))[1] / 2",
      "def base(h):",
      "    h['F'] = F; h['G'] = G; h['sigma'] = s; h['mu'] = mu",
      "    h['alpha'] = alpha; h['beta'] = beta; h['Ft_beta'] = Ftb; h['Gt_isigma'] = Gti",
      "    h['logdet_alpha'] = lda; h['logdet_sigma'] = lds",
      "def dims(h, shape):",
      "    for k, v in (('dim_d', 4), ('dim_f', 2), ('dim_g', 1)):",
      "        h.create_dataset(k, data=np.full(shape, v, dtype=np.uint64))",
      "# bob >= 1.2: dim_*, variance_threshold, a_indices_gamma / a_indices_loglikeconstterm",
      "with h5py.File(sys.argv[1], 'w', libver='earliest') as h:",
      "    base(h); dims(h, ()); h['variance_threshold'] = 0.01",
      "    h['a_indices_gamma'] = np.array([2, 5], dtype=np.uint32)",
      "    h['gamma_2'] = gamma(2); h['gamma_5'] = gamma(5)",
      "    h['a_indices_loglikeconstterm'] = np.array([2], dtype=np.uint32)",
      "    h['loglikeconstterm_2'] = const(2)",
      "# bob < 1.2: no dim_*, one a_indices list for gamma_ and loglikeconstterm_",
      "with h5py.File(sys.argv[2], 'w', libver='earliest') as h:",
      "    base(h); h['a_indices'] = np.array([1], dtype=np.uint32)",
      "    h['gamma_1'] = gamma(1); h['loglikeconstterm_1'] = const(1)",
      "# bob 1.2.0 alpha/beta: dim_* as (1,) arrays and a variance_thresholds array",
      "with h5py.File(sys.argv[3], 'w', libver='earliest') as h:",
      "    base(h); dims(h, (1,)); h['variance_thresholds'] = np.full(4, 0.02)",
      "# PLDAMachine (an enrolled client): 3 samples",
      "x = np.array([[0.3, -0.1, 0.9, 0.2], [0.1, 0.4, 0.2, -0.3], [-0.2, 0.1, 0.5, 0.4]])",
      "c = x - mu",
      "ws = Ftb @ c.sum(axis=0)",
      "nh = -0.5 * sum(ci @ beta @ ci for ci in c)",
      "ll = const(3) + nh + 0.5 * ws @ gamma(3) @ ws",
      "with h5py.File(sys.argv[4], 'w', libver='earliest') as h:",
      "    h['n_samples'] = np.uint64(3); h['nh_sum_xit_beta_xi'] = nh",
      "    h['weighted_sum'] = ws; h['loglikelihood'] = ll",
      "    h['a_indices'] = np.array([3], dtype=np.uint32)",
      "    h['gamma_3'] = gamma(3); h['loglikeconstterm_3'] = const(3)",
      "np.set_printoptions(precision=17)",
      "for v in (alpha, beta, Ftb, Gti, gamma(2), gamma(5)):",
      "    print(' '.join(repr(float(t)) for t in v.ravel()))",
      "print(repr(float(lda)), repr(float(lds)), repr(float(const(2))))",
      "print(repr(float(nh)), repr(float(ll)), ' '.join(repr(float(t)) for t in ws))");

  private static double[] parse(String line) {
    String[] p = line.trim().split("\\s+");
    double[] v = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      v[k] = Double.parseDouble(p[k]);
    }
    return v;
  }

  @Test
  void bobLegacyPldaFilesOfEveryVersionLoad() throws Exception {
    Path v12 = dir.resolve("plda_v12.h5");
    Path v11 = dir.resolve("plda_v11.h5");
    Path alpha = dir.resolve("plda_120alpha.h5");
    Path client = dir.resolve("pldamachine.h5");
    String[] out = H5py.run(LEGACY_WRITER, v12.toString(), v11.toString(), alpha.toString(),
        client.toString()).trim().split("\n");
    double[] f = {1.0, 0.2, 0.5, -0.3, -0.4, 0.8, 0.1, 0.6};
    double[] g = {0.3, -0.2, 0.5, 0.25};
    double[] s = {0.5, 0.8, 1.2, 0.3};
    double[] mu = {0.1, -0.2, 0.3, 0.05};
    Map<Path, Double> floors = Map.of(v12, 0.01, v11, 0.0, alpha, 0.02);
    Map<Path, int[]> cached = Map.of(v12, new int[] {2, 5}, v11, new int[] {1}, alpha,
        new int[0]);
    for (Path file : List.of(v12, v11, alpha)) {
      PLDA p = Hdf5.loadPlda(file);
      String what = file.getFileName().toString();
      assertArrayEquals(f, p.f().data(), what);
      assertArrayEquals(g, p.g().data(), what);
      assertArrayEquals(s, p.sigma(), what);
      assertArrayEquals(mu, p.mu(), what);
      assertEquals(floors.get(file), p.varianceFloor(), what);
      assertArrayEquals(cached.get(file), p.cachedSampleCounts(), what);
      // the caches emkit recomputes agree with the ones bob would have stored
      assertAllClose(parse(out[0]), p.alpha().data(), LU_VS_CHOLESKY, what + " alpha");
      assertAllClose(parse(out[1]), p.beta().data(), LU_VS_CHOLESKY, what + " beta");
      assertAllClose(parse(out[2]), p.ftBeta().data(), LU_VS_CHOLESKY, what + " Ft_beta");
      assertAllClose(parse(out[3]), p.gtInvSigma().data(), LU_VS_CHOLESKY, what + " Gt_isigma");
      assertAllClose(parse(out[4]), p.gamma(2).data(), LU_VS_CHOLESKY, what + " gamma_2");
      assertAllClose(parse(out[5]), p.gamma(5).data(), LU_VS_CHOLESKY, what + " gamma_5");
      double[] logs = parse(out[6]);
      assertAllClose(new double[] {logs[0], logs[1], logs[2]}, new double[] {p.logDetAlpha(),
          p.logDetSigma(), p.logLikelihoodConstant(2)}, LU_VS_CHOLESKY, what + " logs");
    }
    assertEquals("bob.learn.em legacy (C++, bob >= 1.2)", Hdf5.inspect(v12).layout());
    assertEquals("bob.learn.em legacy (C++, bob < 1.2)", Hdf5.inspect(v11).layout());
    assertEquals(Hdf5Info.Kind.PLDA, Hdf5.inspect(alpha).kind());

    // PLDAMachine: the stored enrolment equals emkit's enrolment of the same three samples
    PLDA p = Hdf5.loadPlda(v12);
    PLDA.Enrollment e = Hdf5.loadPldaEnrollment(client, p);
    double[] ref = parse(out[7]);
    assertEquals(3, e.numSamples());
    assertEquals(ref[0], e.quadraticTerm());
    assertEquals(ref[1], e.logLikelihood());
    assertArrayEquals(new double[] {ref[2], ref[3]}, e.weightedSum());
    PLDA.Enrollment mine = p.enroll(Matrix.of(new double[][] {{0.3, -0.1, 0.9, 0.2},
        {0.1, 0.4, 0.2, -0.3}, {-0.2, 0.1, 0.5, 0.4}}));
    assertAllClose(new double[] {ref[0], ref[1], ref[2], ref[3]}, new double[] {
        mine.quadraticTerm(), mine.logLikelihood(), mine.weightedSum()[0],
        mine.weightedSum()[1]}, LU_VS_CHOLESKY, "PLDAMachine enrolment");
    Hdf5Info ci = Hdf5.inspect(client);
    assertEquals(Hdf5Info.Kind.PLDA_ENROLLMENT, ci.kind());
    assertTrue(ci.summary().contains("n_samples=3 weighted_sum length 2"), ci.summary());
  }

  @Test
  void pldaEnrollmentRoundTripAndShapeCheck() throws Exception {
    PLDA p = Models.plda();
    PLDA.Enrollment e = p.enroll(Models.vectors(8, 1, 3, 4));
    Path f = dir.resolve("enrol.h5");
    Hdf5.savePldaEnrollment(f, p, e);
    PLDA.Enrollment back = Hdf5.loadPldaEnrollment(f, p);
    assertEquals(Models.snapshot(e), Models.snapshot(back));
    Matrix probe = Models.vectors(9, 1, 2, 4);
    assertEquals(p.score(e, probe), p.score(back, probe));
    H5py.Dump d = H5py.dump(f);
    assertEquals("uint64", d.datasets.get("/n_samples").dtype);
    PLDA other = PLDA.fromParameters(new double[4], Matrix.zeros(4, 3), Matrix.zeros(4, 1),
        new double[] {1, 1, 1, 1}, 0);
    Hdf5FormatException x = assertThrows(Hdf5FormatException.class,
        () -> Hdf5.loadPldaEnrollment(f, other));
    assertEquals("/weighted_sum", x.objectPath());
    DimensionMismatchException dm = assertThrows(DimensionMismatchException.class,
        () -> Hdf5.savePldaEnrollment(f, other, e));
    assertTrue(dm.getMessage().contains("n_f = 3"), dm.getMessage());
  }

  @Test
  void twoCovariancePldaAndEnrollmentRoundTrip() throws Exception {
    TwoCovariancePLDA m = Models.twoCovariance();
    Path f = dir.resolve("two.h5");
    Hdf5.saveTwoCovariancePlda(f, m);
    TwoCovariancePLDA back = Hdf5.loadTwoCovariancePlda(f);
    assertEquals(Models.snapshot(m), Models.snapshot(back));
    Matrix e = Models.vectors(10, 1, 3, 3);
    Matrix probe = Models.vectors(11, 1, 2, 3);
    TwoCovariancePLDA.Enrollment en = m.enroll(e);
    assertEquals(m.score(en, probe), back.score(back.enroll(e), probe));
    Path g = dir.resolve("two_enrol.h5");
    Hdf5.saveTwoCovariancePldaEnrollment(g, m, en);
    TwoCovariancePLDA.Enrollment enb = Hdf5.loadTwoCovariancePldaEnrollment(g, back);
    assertEquals(en.numSamples(), enb.numSamples());
    assertArrayEquals(en.mean(), enb.mean());
    assertEquals(m.score(en, probe), back.score(enb, probe));
    Hdf5Info info = Hdf5.inspect(g);
    assertEquals(Hdf5Info.Kind.TWO_COVARIANCE_PLDA_ENROLLMENT, info.kind());
    assertTrue(info.summary().contains("n_samples=3 mean length 3"), info.summary());
  }

  @Test
  void empcaRoundTrip() throws Exception {
    EMPCA m = Models.empca();
    Path f = dir.resolve("empca.h5");
    Hdf5.saveEmpca(f, m);
    EMPCA back = Hdf5.loadEmpca(f);
    assertEquals(Models.snapshot(m), Models.snapshot(back));
    Matrix x = Models.vectors(12, 2, 3, 4);
    assertEquals(m.transform(x), back.transform(x));
    assertEquals(m.logLikelihood(x), back.logLikelihood(x));
  }

  @Test
  void savingAnUnfittedModelFailsAndLeavesThePreviousFile() throws Exception {
    PLDA p = Models.plda();
    Path f = dir.resolve("plda.h5");
    Hdf5.savePlda(f, p);
    byte[] before = java.nio.file.Files.readAllBytes(f);
    org.emkit.core.NotFittedException e = assertThrows(org.emkit.core.NotFittedException.class,
        () -> Hdf5.savePlda(f, PLDA.builder(4, 2, 1).build()));
    assertTrue(e.getMessage().contains("PLDA"), e.getMessage());
    assertThrows(org.emkit.core.NotFittedException.class,
        () -> Hdf5.saveEmpca(f, EMPCA.builder(4, 2).build()));
    assertThrows(org.emkit.core.NotFittedException.class,
        () -> Hdf5.saveTwoCovariancePlda(f, TwoCovariancePLDA.builder(3).build()));
    assertArrayEquals(before, java.nio.file.Files.readAllBytes(f));
    assertEquals(Models.snapshot(p), Models.snapshot(Hdf5.loadPlda(f)));
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }
}
