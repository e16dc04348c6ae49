package org.emkit.fa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PLDA against naive oracles (test levels 1–3): the caches against their defining formulas
 * (bob's {@code test_plda.py} Python helpers), log-likelihoods and scores against brute-force
 * Gaussian algebra on the stacked samples, the E-step against the explicit joint posterior of
 * all latent variables of an identity, the M-step against its formula with an explicit inverse,
 * the initialisations against their recipes (scatter ones against an SVD), identities, and
 * recovery of a known model.
 *
 * <p>Tolerances: {@code ORACLE} rtol 1e-10 (the brief's tolerance for the brute-force LLR; the
 * oracle inverts (a·D)×(a·D) matrices by Gauss–Jordan, whose rounding grows with the condition
 * number), {@link Tolerance#KERNEL_VS_ORACLE} where both sides do the same small products, and
 * {@link Tolerance#RECOVERY} for parameters estimated from sampled data.
 */
class PLDATest {

  private static final Tolerance ORACLE = new Tolerance(1e-10, 1e-12);
  /** Same quantity computed by two exact routes with a few cancelling terms. */
  private static final Tolerance CLOSE = new Tolerance(1e-11, 1e-11);

  /** A random model: D = 4, n_f = 2, n_g = 2, μ ≠ 0. */
  private static PLDA randomModel(Random rnd, int d, int nf, int ng) {
    return PLDA.fromParameters(Naive.randomVector(rnd, d, 1.0), Naive.randomMatrix(rnd, d, nf, 0.8),
        Naive.randomMatrix(rnd, d, ng, 0.6), PldaNaive.randomSigma(rnd, d), 0.0);
  }

  private static Matrix stack(Matrix a, Matrix b) {
    double[] v = Arrays.copyOf(a.data(), a.data().length + b.data().length);
    System.arraycopy(b.data(), 0, v, a.data().length, b.data().length);
    return Matrix.wrap(a.rows() + b.rows(), a.cols(), v);
  }

  // ------------------------------------------------------------------------------------------
  // caches

  @Test
  void cachesMatchTheirDefiningFormulas() {
    Random rnd = new Random(11);
    int d = 5;
    int nf = 2;
    int ng = 3;
    PLDA m = randomModel(rnd, d, nf, ng);
    double[] f = m.f().data();
    double[] g = m.g().data();
    double[] s = m.sigma();
    double[] isig = new double[d * d];
    double[] sig = new double[d * d];
    for (int j = 0; j < d; j++) {
      isig[j * d + j] = 1 / s[j];
      sig[j * d + j] = s[j];
    }
    double[] gt = Naive.transpose(g, d, ng);
    double[] gtIsig = Naive.mul(gt, isig, ng, d, d);
    double[] alphaInv = Naive.mul(gtIsig, g, ng, d, ng);
    for (int k = 0; k < ng; k++) {
      alphaInv[k * ng + k] += 1;
    }
    double[] alpha = Naive.inverse(alphaInv, ng);
    // β as the direct inverse of Σ + G Gᵀ (not Woodbury)
    double[] beta = Naive.inverse(PldaNaive.pldaWithin(m.g(), s), d);
    double[] ftBeta = Naive.mul(Naive.transpose(f, d, nf), beta, nf, d, d);
    NumericAssert.assertAllClose(alpha, m.alpha().data(), CLOSE, "alpha");
    NumericAssert.assertAllClose(beta, m.beta().data(), CLOSE, "beta");
    NumericAssert.assertAllClose(ftBeta, m.ftBeta().data(), CLOSE, "ftBeta");
    NumericAssert.assertAllClose(gtIsig, m.gtInvSigma().data(), Tolerance.KERNEL_VS_ORACLE,
        "gtInvSigma");
    assertEquals(PldaNaive.logAbsDet(alpha, ng), m.logDetAlpha(), 1e-11);
    assertEquals(PldaNaive.logAbsDet(sig, d), m.logDetSigma(), 1e-12);
    for (int a : new int[] {1, 3, 7}) {
      double[] p = Naive.mul(ftBeta, f, nf, d, nf);
      for (int k = 0; k < p.length; k++) {
        p[k] *= a;
      }
      for (int k = 0; k < nf; k++) {
        p[k * nf + k] += 1;
      }
      double[] gamma = Naive.inverse(p, nf);
      NumericAssert.assertAllClose(gamma, m.gamma(a).data(), CLOSE, "gamma_" + a);
      double expected = -a / 2.0 * d * Math.log(2 * Math.PI) - a / 2.0 * m.logDetSigma()
          + a / 2.0 * m.logDetAlpha() + PldaNaive.logAbsDet(gamma, nf) / 2;
      assertEquals(expected, m.logLikelihoodConstant(a), 1e-10, "constant term a=" + a);
    }
    assertArrayEquals(new int[] {1, 3, 7}, m.cachedSampleCounts());
  }

  // ------------------------------------------------------------------------------------------
  // likelihoods and scores against brute-force Gaussian algebra

  @Test
  void logLikelihoodOfASetEqualsTheJointGaussian() {
    Random rnd = new Random(3);
    PLDA m = randomModel(rnd, 4, 2, 2);
    double[] b = PldaNaive.pldaBetween(m.f());
    double[] w = PldaNaive.pldaWithin(m.g(), m.sigma());
    for (int count : new int[] {1, 2, 5}) {
      Matrix x = PldaNaive.randomSamples(rnd, count, 4);
      double expected = PldaNaive.setLogLikelihood(x, m.mu(), b, w);
      NumericAssert.assertAllClose(new double[] {expected}, new double[] {m.logLikelihood(x)},
          ORACLE, "log p of " + count + " samples");
    }
  }

  @Test
  void scoreEqualsTheBruteForceLogLikelihoodRatio() {
    Random rnd = new Random(5);
    int d = 3;
    PLDA m = randomModel(rnd, d, 2, 1);
    double[] b = PldaNaive.pldaBetween(m.f());
    double[] w = PldaNaive.pldaWithin(m.g(), m.sigma());
    int[][] sizes = {{1, 1}, {3, 1}, {1, 4}, {2, 3}};
    for (int[] sz : sizes) {
      Matrix e = PldaNaive.randomSamples(rnd, sz[0], d);
      Matrix p = PldaNaive.randomSamples(rnd, sz[1], d);
      double expected = PldaNaive.llr(e, p, m.mu(), b, w);
      PLDA.Enrollment en = m.enroll(e);
      NumericAssert.assertAllClose(new double[] {expected}, new double[] {m.score(en, p)}, ORACLE,
          "LLR enrol " + sz[0] + " vs probe " + sz[1]);
      NumericAssert.assertAllClose(new double[] {PldaNaive.setLogLikelihood(stack(e, p), m.mu(),
          b, w)}, new double[] {m.logLikelihood(en, p)}, ORACLE, "joint log-likelihood");
      NumericAssert.assertAllClose(new double[] {PldaNaive.setLogLikelihood(e, m.mu(), b, w)},
          new double[] {en.logLikelihood()}, ORACLE, "enrolment log-likelihood");
    }
  }

  @Test
  void scoreIsTheDifferenceOfSetLogLikelihoods() {
    Random rnd = new Random(8);
    PLDA m = randomModel(rnd, 6, 3, 2);
    Matrix e = PldaNaive.randomSamples(rnd, 3, 6);
    Matrix p = PldaNaive.randomSamples(rnd, 2, 6);
    double viaSets = m.logLikelihood(stack(e, p)) - m.logLikelihood(e) - m.logLikelihood(p);
    assertEquals(viaSets, m.score(m.enroll(e), p), 1e-10);
    assertEquals(m.score(m.enroll(e), p), m.score(e, p), 0.0);
  }

  @Test
  void scoreWithZeroIdentitySubspaceIsZeroForAnyG() {
    Random rnd = new Random(21);
    for (int trial = 0; trial < 5; trial++) {
      int d = 4;
      // trial 0: G = 0 as well; trial 1: no session subspace at all (n_g = 0)
      Matrix g = trial == 0 ? Matrix.zeros(d, 2) : trial == 1 ? Matrix.zeros(d, 0)
          : Naive.randomMatrix(rnd, d, trial - 1, 2.0);
      PLDA m = PLDA.fromParameters(Naive.randomVector(rnd, d, 1), Matrix.zeros(d, 2), g,
          PldaNaive.randomSigma(rnd, d), 0);
      PLDA.Enrollment e = m.enroll(PldaNaive.randomSamples(rnd, 1 + trial, d));
      double llr = m.score(e, PldaNaive.randomSamples(rnd, 1 + (trial + 1) % 3, d));
      // the terms cancel exactly in exact arithmetic; rounding of O(|log p|) values remains
      assertEquals(0.0, llr, 1e-12 * Math.max(1, Math.abs(e.logLikelihood())), "trial " + trial);
    }
  }

  @Test
  void batchScoresEqualPairwiseScoresForAnyParallelism() {
    Random rnd = new Random(13);
    PLDA m = randomModel(rnd, 5, 2, 2);
    List<PLDA.Enrollment> models = List.of(m.enroll(PldaNaive.randomSamples(rnd, 1, 5)),
        m.enroll(PldaNaive.randomSamples(rnd, 4, 5)), m.enroll(PldaNaive.randomSamples(rnd, 2, 5)));
    Matrix probes = PldaNaive.randomSamples(rnd, 150, 5);
    Matrix s1 = m.scores(models, probes);
    for (int k = 0; k < models.size(); k++) {
      for (int r = 0; r < probes.rows(); r++) {
        assertEquals(m.score(models.get(k), probes.rows(r, r + 1)), s1.get(k, r), 1e-12);
      }
    }
    PLDA m4 = m.toBuilder().parallelism(4).build();
    assertArrayEquals(s1.data(), m4.scores(models, probes).data());
  }

  // ------------------------------------------------------------------------------------------
  // E-step and M-step against explicit formulas

  /** The explicit posterior of y = [h; w_1..w_a] given the stacked samples of one identity. */
  private static double[][] jointPosterior(PLDA m, Matrix x) {
    int d = m.numFeatures();
    int nf = m.rankF();
    int ng = m.rankG();
    int a = x.rows();
    int ny = nf + a * ng;
    double[] big = new double[a * d * ny];
    for (int j = 0; j < a; j++) {
      for (int p = 0; p < d; p++) {
        for (int k = 0; k < nf; k++) {
          big[(j * d + p) * ny + k] = m.f().get(p, k);
        }
        for (int k = 0; k < ng; k++) {
          big[(j * d + p) * ny + nf + j * ng + k] = m.g().get(p, k);
        }
      }
    }
    double[] s = m.sigma();
    double[] mu = m.mu();
    double[] prec = new double[ny * ny];
    double[] rhs = new double[ny];
    for (int r = 0; r < a * d; r++) {
      double inv = 1 / s[r % d];
      double xt = x.data()[r] - mu[r % d];
      for (int i = 0; i < ny; i++) {
        rhs[i] += big[r * ny + i] * inv * xt;
        for (int k = 0; k < ny; k++) {
          prec[i * ny + k] += big[r * ny + i] * inv * big[r * ny + k];
        }
      }
    }
    for (int i = 0; i < ny; i++) {
      prec[i * ny + i] += 1;
    }
    double[] cov = Naive.inverse(prec, ny);
    return new double[][] {Naive.mul(cov, rhs, ny, ny, 1), cov};
  }

  @Test
  void posteriorsEqualTheExplicitJointPosterior() {
    Random rnd = new Random(17);
    int d = 4;
    int nf = 2;
    int ng = 2;
    PLDA m = randomModel(rnd, d, nf, ng);
    Matrix x = PldaNaive.randomSamples(rnd, 5, d);
    int[] labels = {4, 4, 4, 9, 9};
    PLDA.Posteriors post = m.posteriors(x, labels);
    int kk = nf + ng;
    int[][] ids = {{0, 1, 2}, {3, 4}};
    double[] sumSecond = new double[kk * kk];
    for (int[] id : ids) {
      Matrix xi = x.rows(id[0], id[id.length - 1] + 1);
      double[][] jp = jointPosterior(m, xi);
      int ny = nf + id.length * ng;
      for (int j = 0; j < id.length; j++) {
        int[] idx = new int[kk];
        for (int k = 0; k < nf; k++) {
          idx[k] = k;
        }
        for (int k = 0; k < ng; k++) {
          idx[nf + k] = nf + j * ng + k;
        }
        double[] mean = new double[kk];
        double[] second = new double[kk * kk];
        for (int p = 0; p < kk; p++) {
          mean[p] = jp[0][idx[p]];
        }
        for (int p = 0; p < kk; p++) {
          for (int q = 0; q < kk; q++) {
            second[p * kk + q] = jp[1][idx[p] * ny + idx[q]] + mean[p] * mean[q];
            sumSecond[p * kk + q] += second[p * kk + q];
          }
        }
        int row = id[j];
        NumericAssert.assertAllClose(mean, post.firstOrder().row(row), ORACLE, "E[z] row " + row);
        NumericAssert.assertAllClose(second, post.secondOrder(row).data(), ORACLE,
            "E[zzᵀ] row " + row);
      }
    }
    PLDAStats st = post.stats();
    NumericAssert.assertAllClose(sumSecond, st.secondOrder().data(), ORACLE, "Σ E[zzᵀ]");
    // the E-step log-likelihood is the sum of the identities' marginal log-likelihoods
    double ll = PldaNaive.setLogLikelihood(x.rows(0, 3), m.mu(), PldaNaive.pldaBetween(m.f()),
        PldaNaive.pldaWithin(m.g(), m.sigma()))
        + PldaNaive.setLogLikelihood(x.rows(3, 5), m.mu(), PldaNaive.pldaBetween(m.f()),
            PldaNaive.pldaWithin(m.g(), m.sigma()));
    assertEquals(ll, st.logLikelihood(), 1e-10 * Math.abs(ll));
    assertEquals(5, st.numSamples());
    assertEquals(2, st.numIdentities());
  }

  @Test
  void mStepFollowsItsFormulaWithTheNewSubspaces() {
    Random rnd = new Random(19);
    int d = 4;
    PLDA m = randomModel(rnd, d, 1, 2);
    int[] labels = {0, 0, 1, 1, 1, 2, 2};
    Matrix x = PldaNaive.randomSamples(rnd, labels.length, d);
    PLDAStats st = m.eStep(x, labels);
    PLDA next = m.mStep(st);
    int kk = 3;
    double[] bmat = Naive.mul(st.numerator().data(), Naive.inverse(st.secondOrder().data(), kk),
        d, kk, kk);
    double[] f = new double[d];
    double[] g = new double[d * 2];
    double[] sigma = new double[d];
    for (int p = 0; p < d; p++) {
      f[p] = bmat[p * kk];
      g[p * 2] = bmat[p * kk + 1];
      g[p * 2 + 1] = bmat[p * kk + 2];
      double s = st.squares()[p];
      for (int k = 0; k < kk; k++) {
        s -= bmat[p * kk + k] * st.numerator().get(p, k);
      }
      sigma[p] = s / labels.length;
    }
    NumericAssert.assertAllClose(f, next.f().data(), CLOSE, "F");
    NumericAssert.assertAllClose(g, next.g().data(), CLOSE, "G");
    NumericAssert.assertAllClose(sigma, next.sigma(), CLOSE, "sigma");
    assertArrayEquals(m.mu(), next.mu());
    assertEquals(st.logLikelihood(), next.report().objectives()[0], 0.0);
  }

  @Test
  void varianceFloorIsAppliedAfterTheMStep() {
    Random rnd = new Random(23);
    PLDA m = randomModel(rnd, 3, 1, 1).toBuilder().varianceFloor(5.0).build();
    assertArrayEquals(new double[] {5, 5, 5}, m.sigma());
    PLDA next = m.mStep(m.eStep(PldaNaive.randomSamples(rnd, 4, 3), new int[] {0, 0, 1, 1}));
    for (double s : next.sigma()) {
      assertTrue(s >= 5.0, "floored sigma " + s);
    }
  }

  @Test
  void useSumSecondOrderEquivalent() {
    // bob's use_sum_second_order = false keeps per-sample moments; their sum is the statistic
    Random rnd = new Random(29);
    PLDA m = randomModel(rnd, 3, 1, 2);
    Matrix x = PldaNaive.randomSamples(rnd, 6, 3);
    int[] labels = {1, 2, 1, 2, 2, 3};
    PLDA.Posteriors p = m.posteriors(x, labels);
    double[] sum = new double[9];
    for (int r = 0; r < 6; r++) {
      double[] s = p.secondOrder(r).data();
      for (int k = 0; k < 9; k++) {
        sum[k] += s[k];
      }
    }
    NumericAssert.assertAllClose(sum, m.eStep(x, labels).secondOrder().data(), CLOSE,
        "sum of per-sample second moments");
  }

  // ------------------------------------------------------------------------------------------
  // initialisation

  private static final int[] INIT_LABELS = {0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 4};

  @Test
  void randomInitialisationDrawsFThenGThenSigmaFromNumpy() {
    Random rnd = new Random(31);
    Matrix x = PldaNaive.randomSamples(rnd, INIT_LABELS.length, 4);
    PLDA m = PLDA.builder(4, 2, 3).seed(77).fInitRatio(0.5).gInitRatio(2.0).sigmaInitRatio(3.0)
        .build().initialize(x, INIT_LABELS);
    NumpyRandom np = new NumpyRandom(77);
    double[] f = np.randn(8);
    double[] g = np.randn(12);
    double[] s = np.randn(4);
    for (int k = 0; k < 8; k++) {
      f[k] *= 0.5;
    }
    for (int k = 0; k < 12; k++) {
      g[k] *= 2.0;
    }
    for (int k = 0; k < 4; k++) {
      s[k] = Math.abs(s[k]) * 3.0;
    }
    assertArrayEquals(f, m.f().data());
    assertArrayEquals(g, m.g().data());
    assertArrayEquals(s, m.sigma());
    assertArrayEquals(PLDAInit.mean(x.data(), x.rows(), 4), m.mu());
    assertEquals(0, m.report().iterations());
  }

  @Test
  void sigmaInitialisationsFollowTheirRecipes() {
    Random rnd = new Random(37);
    Matrix x = PldaNaive.randomSamples(rnd, INIT_LABELS.length, 3);
    Matrix g = Matrix.of(new double[][] {{1, -3}, {0.5, 0.5}, {-2, 1}});
    PLDA.Builder b = PLDA.builder(3, 1, 2).g(g).sigmaInitRatio(2.0);
    assertArrayEquals(new double[] {2.0, 1.0, 1.0},
        b.sigmaInit(PLDA.SigmaInit.VARIANCE_G).build().initialize(x, INIT_LABELS).sigma(), 1e-15);
    assertArrayEquals(new double[] {2.0, 2.0, 2.0},
        b.sigmaInit(PLDA.SigmaInit.CONSTANT).build().initialize(x, INIT_LABELS).sigma());
    double[] var = new double[3];
    double[] mean = new double[3];
    int n = x.rows();
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < 3; j++) {
        mean[j] += x.get(r, j) / n;
      }
    }
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < 3; j++) {
        var[j] += 2.0 * (x.get(r, j) - mean[j]) * (x.get(r, j) - mean[j]) / (n - 1);
      }
    }
    NumericAssert.assertAllClose(var,
        b.sigmaInit(PLDA.SigmaInit.VARIANCE_DATA).build().initialize(x, INIT_LABELS).sigma(),
        Tolerance.KERNEL_VS_ORACLE, "VARIANCE_DATA");
    // the floor applies to initial values
    assertArrayEquals(new double[] {4.0, 4.0, 4.0}, b.sigmaInit(PLDA.SigmaInit.CONSTANT)
        .varianceFloor(4.0).build().initialize(x, INIT_LABELS).sigma());
  }

  /** Columns U_k / sqrt(s_k) of the SVD of a D×M matrix (columns = vectors), sign-free. */
  private static double[] svdDirections(double[] columnsAsRows, int m, int d, int r) {
    DMatrixRMaj s = new DMatrixRMaj(d, m);
    for (int c = 0; c < m; c++) {
      for (int j = 0; j < d; j++) {
        s.set(j, c, columnsAsRows[c * d + j]);
      }
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(d, m, true, false, true);
    assertTrue(svd.decompose(s));
    double[] sv = svd.getSingularValues();
    DMatrixRMaj u = svd.getU(null, false);
    Integer[] order = new Integer[sv.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Double.compare(sv[b], sv[a]));
    double[] out = new double[d * r];
    for (int k = 0; k < r; k++) {
      int c = order[k];
      for (int j = 0; j < d; j++) {
        out[j * r + k] = u.get(j, c) / Math.sqrt(sv[c]);
      }
    }
    return out;
  }

  private static void assertSameColumnsUpToSign(double[] expected, double[] actual, int d, int r,
      String what) {
    for (int k = 0; k < r; k++) {
      double dot = 0;
      for (int j = 0; j < d; j++) {
        dot += expected[j * r + k] * actual[j * r + k];
      }
      double sign = Math.signum(dot);
      double[] e = new double[d];
      double[] a = new double[d];
      for (int j = 0; j < d; j++) {
        e[j] = sign * expected[j * r + k];
        a[j] = actual[j * r + k];
      }
      NumericAssert.assertAllClose(e, a, new Tolerance(1e-8, 1e-10), what + " column " + k);
    }
  }

  @Test
  void scatterInitialisationsMatchTheSvdRecipe() {
    Random rnd = new Random(41);
    int d = 4;
    Matrix x = PldaNaive.randomSamples(rnd, INIT_LABELS.length, d);
    PLDA m = PLDA.builder(d, 2, 3).fInit(PLDA.FInit.BETWEEN_SCATTER)
        .gInit(PLDA.GInit.WITHIN_SCATTER).build().initialize(x, INIT_LABELS);
    LabelGroups groups = LabelGroups.of("test", x, INIT_LABELS);
    double[] means = PLDAInit.classMeans(x.data(), d, groups);
    double[] centre = PLDAInit.mean(means, groups.size(), d);
    double[] centred = means.clone();
    for (int k = 0; k < centred.length; k++) {
      centred[k] -= centre[k % d];
    }
    assertSameColumnsUpToSign(svdDirections(centred, groups.size(), d, 2), m.f().data(), d, 2,
        "BETWEEN_SCATTER F");
    double[] within = new double[x.rows() * d];
    for (int r = 0; r < x.rows(); r++) {
      int i = INIT_LABELS[r];
      for (int j = 0; j < d; j++) {
        within[r * d + j] = x.get(r, j) - means[i * d + j];
      }
    }
    assertSameColumnsUpToSign(svdDirections(within, x.rows(), d, 3), m.g().data(), d, 3,
        "WITHIN_SCATTER G");
    // deterministic sign: the largest-magnitude entry of each column is positive
    double[] f = m.f().data();
    for (int k = 0; k < 2; k++) {
      int big = 0;
      for (int j = 0; j < d; j++) {
        if (Math.abs(f[j * 2 + k]) > Math.abs(f[big * 2 + k])) {
          big = j;
        }
      }
      assertTrue(f[big * 2 + k] > 0, "sign of column " + k);
    }
  }

  // ------------------------------------------------------------------------------------------
  // training behaviour

  @Test
  void fitReportsANonDecreasingLogLikelihoodAndStopsOnConvergence() {
    Random rnd = new Random(43);
    int[] labels = new int[40];
    Matrix x = PldaNaive.sample(rnd, new double[] {1, -1, 0.5},
        Matrix.of(new double[][] {{1}, {0.5}, {-0.5}}), Matrix.of(new double[][] {{0.3}, {0}, {0.6}}),
        new double[] {0.2, 0.3, 0.1}, 10, 4, labels);
    PLDA fitted = PLDA.builder(3, 1, 1).iterations(30).seed(2).build().fit(x, labels);
    double[] obj = fitted.report().objectives();
    assertEquals(30, obj.length);
    for (int k = 1; k < obj.length; k++) {
      assertTrue(obj[k] >= obj[k - 1] - 1e-9 * Math.abs(obj[k - 1]),
          "log-likelihood decreased at " + k + ": " + obj[k - 1] + " -> " + obj[k]);
    }
    // the objective of iteration k+1 is the log-likelihood of the machine after k M-steps
    PLDA two = PLDA.builder(3, 1, 1).iterations(2).seed(2).build().fit(x, labels);
    assertEquals(obj[2], two.eStep(x, labels).logLikelihood(), 1e-9 * Math.abs(obj[2]));
    PLDA early = PLDA.builder(3, 1, 1).iterations(500).convergenceThreshold(1e-6).seed(2).build()
        .fit(x, labels);
    assertTrue(early.report().converged());
    assertTrue(early.report().iterations() < 500);
    PLDA stopped = PLDA.builder(3, 1, 1).iterations(10).seed(2).build()
        .fit(x, labels, (it, ll) -> it < 3);
    assertTrue(stopped.report().stoppedByMonitor());
    assertEquals(3, stopped.report().iterations());
  }

  @Test
  void labelValuesOnlyMatterThroughTheirOrder() {
    Random rnd = new Random(47);
    Matrix x = PldaNaive.randomSamples(rnd, 8, 3);
    int[] plain = {0, 0, 1, 1, 1, 2, 2, 0};
    int[] gaps = {-7, -7, 40, 40, 40, 1000, 1000, -7};
    PLDA b = PLDA.builder(3, 1, 1).iterations(3).build();
    PLDA p1 = b.fit(x, plain);
    PLDA p2 = b.fit(x, gaps);
    assertArrayEquals(p1.f().data(), p2.f().data());
    assertArrayEquals(p1.g().data(), p2.g().data());
    assertArrayEquals(p1.sigma(), p2.sigma());
  }

  @Test
  void fitDoesNotModifyItsInputs() {
    Random rnd = new Random(53);
    Matrix x = PldaNaive.randomSamples(rnd, 8, 3);
    double[] before = x.toArray();
    int[] labels = {3, 3, 1, 1, 1, 2, 2, 3};
    int[] labelsBefore = labels.clone();
    PLDA.builder(3, 1, 1).iterations(2).build().fit(x, labels);
    assertArrayEquals(before, x.data());
    assertArrayEquals(labelsBefore, labels);
  }

  @Test
  @Tag("slow")
  void recoversTheBetweenAndWithinCovariancesOfAKnownModel() {
    Random rnd = new Random(59);
    double[] mu = {2, -1, 0.5, 1};
    Matrix f = Matrix.of(new double[][] {{1.5, 0}, {0.5, 1.0}, {-0.8, 0.4}, {0.2, -1.2}});
    Matrix g = Matrix.of(new double[][] {{0.6}, {-0.3}, {0.2}, {0.7}});
    double[] sigma = {0.3, 0.2, 0.4, 0.25};
    int[] labels = new int[3000 * 4];
    Matrix x = PldaNaive.sample(rnd, mu, f, g, sigma, 3000, 4, labels);
    PLDA fitted = PLDA.builder(4, 2, 1).fInit(PLDA.FInit.BETWEEN_SCATTER)
        .gInit(PLDA.GInit.WITHIN_SCATTER).sigmaInit(PLDA.SigmaInit.VARIANCE_DATA)
        .sigmaInitRatio(0.1).iterations(300).convergenceThreshold(1e-10).build().fit(x, labels);
    NumericAssert.assertAllClose(PldaNaive.pldaBetween(f), PldaNaive.pldaBetween(fitted.f()),
        Tolerance.RECOVERY, "F Fᵀ");
    NumericAssert.assertAllClose(PldaNaive.pldaWithin(g, sigma),
        PldaNaive.pldaWithin(fitted.g(), fitted.sigma()), Tolerance.RECOVERY, "G Gᵀ + Σ");
    NumericAssert.assertAllClose(mu, fitted.mu(), Tolerance.RECOVERY, "μ");
  }

  // ------------------------------------------------------------------------------------------
  // persistence

  @Test
  void parametersAndEnrolmentsRoundTripBitwise() {
    Random rnd = new Random(61);
    int[] labels = {0, 0, 1, 1, 2, 2, 2};
    Matrix x = PldaNaive.randomSamples(rnd, 7, 4);
    PLDA fitted = PLDA.builder(4, 2, 1).iterations(3).build().fit(x, labels);
    PLDA back = PLDA.fromParameters(fitted.mu(), fitted.f(), fitted.g(), fitted.sigma(),
        fitted.varianceFloor());
    assertArrayEquals(fitted.beta().data(), back.beta().data());
    assertArrayEquals(fitted.gamma(4).data(), back.gamma(4).data());
    PLDA.Enrollment e = fitted.enroll(x.rows(0, 3));
    PLDA.Enrollment e2 = PLDA.Enrollment.of(e.numSamples(), e.weightedSum(), e.quadraticTerm(),
        e.logLikelihood());
    Matrix probe = x.rows(4, 6);
    assertEquals(fitted.score(e, probe), back.score(e2, probe), 0.0);
    PLDAStats st = fitted.eStep(x, labels);
    PLDAStats copy = PLDAStats.of(4, 2, 1, st.numerator().data(), st.secondOrder().data(),
        st.squares(), st.logLikelihood(), st.numSamples(), st.numIdentities());
    assertArrayEquals(fitted.mStep(st).f().data(), fitted.mStep(copy).f().data());
    assertFalse(PLDA.builder(4, 2, 1).build().isFitted());
    assertTrue(back.isFitted());
  }

  @Test
  void accessorsReturnCopies() {
    PLDA m = PldaTestData.machine();
    m.mu()[0] = 42;
    m.sigma()[0] = 42;
    m.f().data()[0] = 42;
    assertEquals(0.0, m.mu()[0]);
    assertEquals(0.01, m.sigma()[0]);
    assertEquals(PldaTestData.F_INIT[0], m.f().get(0, 0));
    assertTrue(m.toString().contains("rankF=2") && m.toString().contains("sigmaInit=RANDOM"));
  }
}
