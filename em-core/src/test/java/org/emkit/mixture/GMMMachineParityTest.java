package org.emkit.mixture;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.emkit.testing.NumericAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.emkit.core.FitMonitor;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.testing.ReferenceData;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * bob.learn.em 3.3.0 parity of the GMM path (SPEC §4, §11.2, §11.4): test values of
 * {@code tests/test_gmm.py} on the reference HDF5 data, and the step-by-step golden traces
 * {@code gmm_ml_faithful} and {@code gmm_map_faithful}, read in place from
 * {@code shared/reference/bob}.
 */
@Tag("parity")
class GMMMachineParityTest {

  static Matrix faithful() {
    return ReferenceData.hdf5Matrix("faithful.torch3_f64.hdf5");
  }

  /** bob's {@code loadGMM()}: init weights/means/variances of test_gmm_ML_1. */
  static GMMMachine.Builder loadGmm() {
    return GMMMachine.builder(2)
        .weights(ReferenceData.hdf5Values("gmm.init_weights.hdf5"))
        .means(ReferenceData.hdf5Matrix("gmm.init_means.hdf5"))
        .variances(ReferenceData.hdf5Matrix("gmm.init_variances.hdf5"));
  }

  /** A v1.0 GMMMachine file of bob: weights, gaussians/means, gaussians/variances. */
  static GMMMachine bobV1(String file) {
    double[] w = ReferenceData.hdf5(file, "weights").values;
    Matrix mu = ReferenceData.hdf5(file, "gaussians/means").matrix();
    Matrix var = ReferenceData.hdf5(file, "gaussians/variances").matrix();
    return GMMMachine.fromParameters(w, mu, var);
  }

  /** Records the machine after every iteration by refitting with increasing maxIterations. */
  @Test
  void mlFaithfulGoldenTraceStepByStep() {
    Matrix x = faithful();
    double[] avg = ReferenceData.npyValues("golden/gmm_ml_faithful/avg_loglik_per_step.npy");
    double[] w = ReferenceData.npyValues("golden/gmm_ml_faithful/weights_per_step.npy");
    double[] mu = ReferenceData.npyValues("golden/gmm_ml_faithful/means_per_step.npy");
    double[] var = ReferenceData.npyValues("golden/gmm_ml_faithful/variances_per_step.npy");
    GMMMachine.Builder b = loadGmm().convergenceThreshold(0.001)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS);
    for (Numerics mode : Numerics.values()) {
      GMMMachine full = b.numerics(mode).build().fit(x);
      assertEquals(3, full.report().iterations(), "bob stops after 3 steps");
      assertTrue(full.report().converged());
      assertAllClose(avg, full.report().objectives(), Tolerance.BOB_PARITY, "avg loglik " + mode);
      for (int step = 1; step <= 3; step++) {
        GMMMachine m = b.numerics(mode).maxIterations(step).build().fit(x);
        assertAllClose(slice(w, step - 1, 2), m.weights(), Tolerance.BOB_PARITY, "weights step " + step);
        assertAllClose(slice(mu, step - 1, 4), m.means().data(), Tolerance.BOB_PARITY, "means step " + step);
        assertAllClose(slice(var, step - 1, 4), m.variances().data(), Tolerance.BOB_PARITY, "variances step " + step);
      }
    }
  }

  @Test
  void mlFaithfulFirstEStepAndInitialLikelihoods() {
    Matrix x = faithful();
    GMMMachine m = loadGmm().build();
    GMMStats s = m.transform(x);
    assertClose(ReferenceData.npyValues("golden/gmm_ml_faithful/estep0_loglik_total.npy")[0],
        s.logLikelihood(), Tolerance.BOB_PARITY, "loglik");
    assertAllClose(ReferenceData.npyValues("golden/gmm_ml_faithful/estep0_n.npy"), s.n(), Tolerance.BOB_PARITY);
    assertAllClose(ReferenceData.npyValues("golden/gmm_ml_faithful/estep0_sum_px.npy"), s.sumPx().data(), Tolerance.BOB_PARITY);
    assertAllClose(ReferenceData.npyValues("golden/gmm_ml_faithful/estep0_sum_pxx.npy"), s.sumPxx().data(), Tolerance.BOB_PARITY);
    assertAllClose(ReferenceData.npyValues("golden/gmm_ml_faithful/init_loglik_per_sample.npy"),
        m.logLikelihood(x), Tolerance.BOB_PARITY);
    // golden is C×N; ours is N×C
    assertAllClose(ReferenceData.npyMatrix("golden/gmm_ml_faithful/init_log_weighted_likelihood_CxN.npy"),
        m.logWeightedLikelihood(x).transpose(), Tolerance.BOB_PARITY);
  }

  @Test
  void mlFitEqualsGmmMlFittedFile() {
    GMMMachine fitted = loadGmm().convergenceThreshold(0.001)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .build().fit(faithful());
    GMMMachine ref = bobV1("gmm_ML_fitted.hdf5");
    assertAllClose(ref.weights(), fitted.weights(), Tolerance.BOB_PARITY);
    assertAllClose(ref.means(), fitted.means(), Tolerance.BOB_PARITY);
    assertAllClose(ref.variances(), fitted.variances(), Tolerance.BOB_PARITY);
  }

  @Test
  void statsOfFaithfulMatchStatsHdf5() {
    GMMMachine m = GMMMachine.builder(2).weights(new double[] {0.5, 0.5})
        .means(Matrix.of(new double[][] {{3, 70}, {4, 72}}))
        .variances(Matrix.of(new double[][] {{1, 10}, {2, 5}})).varianceFloor(0.0).build();
    GMMStats s = m.transform(faithful());
    assertEquals((long) ReferenceData.hdf5("stats.hdf5", "T").scalar(), s.t());
    assertClose(ReferenceData.hdf5("stats.hdf5", "log_likelihood").scalar(), s.logLikelihood(), Tolerance.BOB_PARITY, "ll");
    // SPEC §9.4: relative tolerance, not bob's absolute decimal=10 on values of 1e6
    Tolerance rel = new Tolerance(1e-13, 0);
    assertAllClose(ReferenceData.hdf5("stats.hdf5", "n").values, s.n(), rel);
    assertAllClose(ReferenceData.hdf5("stats.hdf5", "sumPx").values, s.sumPx().data(), rel);
    assertAllClose(ReferenceData.hdf5("stats.hdf5", "sumPxx").values, s.sumPxx().data(), rel);
  }

  private static GMMMachine matlabUbm() {
    return GMMMachine.fromParameters(ReferenceData.hdf5Values("weights.hdf5"),
        ReferenceData.hdf5Matrix("means.hdf5"), ReferenceData.hdf5Matrix("variances.hdf5"));
  }

  @Test
  void logLikelihoodMatchesMatlabReference() {
    double[] data = ReferenceData.hdf5Values("data.hdf5");
    double ll = matlabUbm().logLikelihood(Matrix.rowVector(data))[0];
    assertClose(-2.361583051672024e02, ll, Tolerance.BOB_PARITY, "matlab ll");
  }

  @Test
  void singleRowLikelihoodsEqualTheBatch() {
    Matrix data = ReferenceData.npyMatrix("inputs/gmm_single_vs_multiple_seed3_rand_100x50.npy");
    GMMMachine m = matlabUbm();
    double[] batch = m.logLikelihood(data);
    for (int i = 0; i < data.rows(); i++) {
      assertEquals(batch[i], m.logLikelihood(data.rows(i, i + 1))[0], "row " + i + " bitwise");
    }
  }

  @Test
  void mapFaithfulGoldenTraceIsTrueMap() {
    GMMMachine prior = bobV1("gmm_ML.hdf5");
    double[] avg = ReferenceData.npyValues("golden/gmm_map_faithful/avg_loglik_per_step.npy");
    double[] mu = ReferenceData.npyValues("golden/gmm_map_faithful/means_per_step.npy");
    GMMMachine.Builder b = GMMMachine.map(prior).relevanceFactor(4);
    GMMMachine full = b.build().fit(faithful());
    assertEquals(2, full.report().iterations());
    assertAllClose(avg, full.report().objectives(), Tolerance.BOB_PARITY);
    for (int step = 1; step <= 2; step++) {
      GMMMachine m = b.maxIterations(step).build().fit(faithful());
      assertAllClose(slice(mu, step - 1, 4), m.means().data(), Tolerance.BOB_PARITY, "means step " + step);
      assertAllClose(prior.variances(), m.variances(), Tolerance.EXACT, "variances untouched");
    }
  }

  @Test
  void mapOneStepAllUpdatesReproducesBobsVarianceQuirkInCompatibleMode() {
    GMMMachine prior = bobV1("gmm_ML.hdf5");
    GMMMachine m = GMMMachine.map(prior).numerics(Numerics.BOB_COMPATIBLE).maxIterations(1)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .build().fit(faithful());
    assertAllClose(ReferenceData.npyValues("golden/gmm_map_faithful/onestep_all_updates_means.npy"),
        m.means().data(), Tolerance.BOB_PARITY);
    assertAllClose(ReferenceData.npyValues("golden/gmm_map_faithful/onestep_all_updates_weights.npy"),
        m.weights(), Tolerance.BOB_PARITY);
    assertAllClose(ReferenceData.npyValues("golden/gmm_map_faithful/onestep_all_updates_variances.npy"),
        m.variances().data(), Tolerance.BOB_PARITY);
  }

  @Test
  void bobMap1IsReallyMlMeansOnlyFromTheGmmMlFile() {
    // SPEC §10.1: the trainer string is lost on reload, so test_gmm_MAP_1 runs ML mean-only
    GMMMachine start = bobV1("gmm_ML.hdf5");
    GMMMachine fitted = start.toBuilder().init(GMMMachine.Init.GIVEN).build().fit(faithful());
    GMMMachine ref = bobV1("gmm_MAP.hdf5");
    assertAllClose(ref.means(), fitted.means(), Tolerance.BOB_DECIMAL_7);
    assertAllClose(ref.variances(), fitted.variances(), Tolerance.BOB_DECIMAL_7);
    assertAllClose(ref.weights(), fitted.weights(), Tolerance.BOB_DECIMAL_7);
  }

  @Test
  void map2OneFrameMatchesMatlabAdaptedMeans() {
    GMMMachine ubm = matlabUbm();
    GMMMachine adapted = GMMMachine.map(ubm).maxIterations(1).meanVarUpdateThreshold(0.0).build()
        .fit(Matrix.rowVector(ReferenceData.hdf5Values("data.hdf5")));
    Matrix expected = ReferenceData.hdf5Matrix("new_adapted_mean.hdf5").transpose();
    assertAllClose(expected, adapted.means(), new Tolerance(1e-4, 0));
  }

  private static GMMMachine torchMlPrior() {
    return GMMMachine.builder(5).weights(ReferenceData.hdf5Values("weightsAfterML.hdf5"))
        .means(ReferenceData.hdf5Matrix("meansAfterML.hdf5"))
        .variances(ReferenceData.hdf5Matrix("variancesAfterML.hdf5")).varianceFloor(0.001).build();
  }

  @Test
  void map3AgainstTorch3VisionWithFixedAlpha() {
    GMMMachine gmm = GMMMachine.map(torchMlPrior()).alpha(0.5).convergenceThreshold(0.001)
        .maxIterations(1).meanVarUpdateThreshold(1e-5).varianceFloor(0.001).build()
        .fit(ReferenceData.hdf5Matrix("dataforMAP.hdf5"));
    assertAllClose(ReferenceData.hdf5Matrix("meansAfterMAP.hdf5"), gmm.means(), new Tolerance(0, 0.2));
    assertAllClose(ReferenceData.hdf5Matrix("variancesAfterMAP.hdf5"), gmm.variances(), new Tolerance(0, 1e-4));
    assertAllClose(ReferenceData.hdf5Values("weightsAfterMAP.hdf5"), gmm.weights(), new Tolerance(0, 1e-4));
  }

  @Test
  void meanLogLikelihoodOfDataForMapMatchesTorch3Vision() {
    double score = torchMlPrior().score(ReferenceData.hdf5Matrix("dataforMAP.hdf5"));
    assertTrue(Math.abs((score - -1.50379e6) / -1.50379e6) < 1e-4, "score " + score);
  }

  @Test
  void ml2AgainstTorch3Vision() {
    double[] logw = ReferenceData.hdf5Values("weightsAfterKMeans.hdf5");
    double[] w = new double[logw.length];
    for (int k = 0; k < w.length; k++) {
      w[k] = Math.exp(logw[k]);
    }
    GMMMachine gmm = GMMMachine.builder(5).weights(w)
        .means(ReferenceData.hdf5Matrix("meansAfterKMeans.hdf5"))
        .variances(ReferenceData.hdf5Matrix("variancesAfterKMeans.hdf5"))
        .varianceFloor(0.001).meanVarUpdateThreshold(0.001).maxIterations(25)
        .convergenceThreshold(1e-6)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .build().fit(ReferenceData.hdf5Matrix("dataNormalized.hdf5"));
    assertAllClose(ReferenceData.hdf5Matrix("meansAfterML.hdf5"), gmm.means(), new Tolerance(0, 3e-3));
    assertAllClose(ReferenceData.hdf5Matrix("variancesAfterML.hdf5"), gmm.variances(), new Tolerance(0, 3e-3));
    assertAllClose(ReferenceData.hdf5Values("weightsAfterML.hdf5"), gmm.weights(), new Tolerance(0, 1e-4));
  }

  @Test
  void monitorSeesTheBobObjectivesInOrder() {
    List<Double> seen = new ArrayList<>();
    FitMonitor mon = (it, obj) -> {
      seen.add(obj);
      return true;
    };
    loadGmm().convergenceThreshold(0.001)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .build().fit(faithful(), mon);
    assertAllClose(ReferenceData.npyValues("golden/gmm_ml_faithful/avg_loglik_per_step.npy"),
        seen.stream().mapToDouble(Double::doubleValue).toArray(), Tolerance.BOB_PARITY);
  }

  static double[] slice(double[] a, int index, int len) {
    double[] out = new double[len];
    System.arraycopy(a, index * len, out, 0, len);
    return out;
  }
}
