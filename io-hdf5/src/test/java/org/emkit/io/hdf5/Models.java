package org.emkit.io.hdf5;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.core.random.NumpyRandom;
import org.emkit.fa.EMPCA;
import org.emkit.fa.ISVMachine;
import org.emkit.fa.IVectorMachine;
import org.emkit.fa.JFAMachine;
import org.emkit.fa.PLDA;
import org.emkit.fa.TwoCovariancePLDA;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * Small trained models for the persistence tests of the factor-analysis and PLDA layouts, and
 * bitwise snapshots of them: a snapshot is a list of every parameter (as raw IEEE bits) and
 * hyperparameter, so two machines have equal snapshots exactly when they agree bit for bit on
 * everything a file stores.
 */
final class Models {

  private Models() {}

  /** The UBM of the factor-analysis fixtures: C = 3, D = 2. */
  static GMMMachine ubm() {
    return Fixtures.ubm(11, 3, 2);
  }

  /** Nine sessions of 50 frames, three per identity. */
  static List<GMMStats> sessions(GMMMachine ubm) {
    List<GMMStats> s = new ArrayList<>();
    for (int k = 0; k < 9; k++) {
      s.add(Fixtures.stats(ubm, 100 + k));
    }
    return s;
  }

  static final int[] LABELS = {0, 0, 0, 1, 1, 1, 2, 2, 2};

  static ISVMachine isv() {
    GMMMachine ubm = ubm();
    return ISVMachine.builder(ubm, 2).relevanceFactor(5).iterations(2).enrollIterations(3)
        .seed(7).build().fit(sessions(ubm), LABELS);
  }

  static JFAMachine jfa() {
    GMMMachine ubm = ubm();
    return JFAMachine.builder(ubm, 2, 1).relevanceFactor(3).iterations(1).enrollIterations(2)
        .seed(9).numerics(Numerics.BOB_COMPATIBLE).build().fit(sessions(ubm), LABELS);
  }

  static IVectorMachine ivector() {
    GMMMachine ubm = ubm();
    return IVectorMachine.builder(ubm, 2).iterations(2).varianceFloor(1e-6)
        .minimumDivergence(true).seed(4).build().fit(sessions(ubm));
  }

  /** N×D samples of a few identities with identity offsets, and their labels. */
  static Matrix vectors(long seed, int identities, int perIdentity, int d) {
    NumpyRandom rng = new NumpyRandom(seed);
    double[] x = new double[identities * perIdentity * d];
    for (int i = 0; i < identities; i++) {
      double[] centre = rng.randn(d);
      for (int j = 0; j < perIdentity; j++) {
        double[] z = rng.randn(d);
        for (int p = 0; p < d; p++) {
          x[(i * perIdentity + j) * d + p] = 3 * centre[p] + z[p] * (1 + 0.25 * p);
        }
      }
    }
    return Matrix.wrap(identities * perIdentity, d, x);
  }

  static int[] labels(int identities, int perIdentity) {
    int[] y = new int[identities * perIdentity];
    for (int k = 0; k < y.length; k++) {
      y[k] = k / perIdentity;
    }
    return y;
  }

  /** A PLDA (D = 4, n_f = 2, n_g = 1) trained for 3 iterations, with γ_1 and γ_3 cached. */
  static PLDA plda() {
    PLDA p = PLDA.builder(4, 2, 1).iterations(3).convergenceThreshold(1e-9).varianceFloor(1e-4)
        .fInit(PLDA.FInit.BETWEEN_SCATTER).fInitRatio(0.5).gInit(PLDA.GInit.RANDOM)
        .gInitRatio(2).sigmaInit(PLDA.SigmaInit.VARIANCE_DATA).sigmaInitRatio(0.75).seed(21)
        .build().fit(vectors(1, 6, 4, 4), labels(6, 4));
    p.gamma(3);
    p.logLikelihoodConstant(1);
    return p;
  }

  static TwoCovariancePLDA twoCovariance() {
    return TwoCovariancePLDA.builder(3).iterations(3).regularization(1e-3).build()
        .fit(vectors(2, 5, 4, 3), labels(5, 4));
  }

  static EMPCA empca() {
    return EMPCA.builder(4, 2).iterations(4).convergenceThreshold(1e-12)
        .numerics(Numerics.BOB_COMPATIBLE).seed(8).build().fit(vectors(3, 6, 5, 4));
  }

  // ------------------------------------------------------------------------------------------
  // snapshots

  static List<Long> bits(double... v) {
    List<Long> out = new ArrayList<>(v.length);
    for (double x : v) {
      out.add(Double.doubleToRawLongBits(x));
    }
    return out;
  }

  static List<Object> snapshot(ISVMachine m) {
    return Arrays.asList(m.ubm(), m.rankU(), bits(m.u().data()), bits(m.d()),
        bits(m.relevanceFactor()), m.iterations(), m.enrollIterations(), m.seed());
  }

  static List<Object> snapshot(JFAMachine m) {
    return Arrays.asList(m.ubm(), m.rankU(), m.rankV(), bits(m.u().data()), bits(m.v().data()),
        bits(m.d()), bits(m.relevanceFactor()), m.iterations(), m.enrollIterations(), m.seed(),
        m.numerics());
  }

  static List<Object> snapshot(IVectorMachine m) {
    return Arrays.asList(m.ubm(), m.rank(), bits(m.t().data()), bits(m.sigma().data()),
        bits(m.varianceFloor()), m.updateSigma(), m.minimumDivergence(), m.iterations(),
        m.seed());
  }

  static List<Object> snapshot(PLDA m) {
    return Arrays.asList(m.numFeatures(), m.rankF(), m.rankG(), bits(m.mu()),
        bits(m.f().data()), bits(m.g().data()), bits(m.sigma()), bits(m.varianceFloor()),
        m.iterations(), bits(m.convergenceThreshold()), m.fInit(), bits(m.fInitRatio()),
        m.gInit(), bits(m.gInitRatio()), m.sigmaInit(), bits(m.sigmaInitRatio()), m.seed(),
        Arrays.toString(m.cachedSampleCounts()));
  }

  static List<Object> snapshot(PLDA.Enrollment e) {
    return Arrays.asList(e.numSamples(), bits(e.weightedSum()), bits(e.quadraticTerm()),
        bits(e.logLikelihood()));
  }

  static List<Object> snapshot(TwoCovariancePLDA m) {
    return Arrays.asList(bits(m.mean()), bits(m.between().data()), bits(m.within().data()),
        m.iterations(), bits(m.regularization()));
  }

  static List<Object> snapshot(EMPCA m) {
    return Arrays.asList(bits(m.mean()), bits(m.w().data()), bits(m.sigma2()), m.iterations(),
        bits(m.convergenceThreshold()), m.numerics(), m.seed());
  }
}
