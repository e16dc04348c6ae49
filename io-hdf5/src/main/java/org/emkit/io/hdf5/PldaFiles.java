package org.emkit.io.hdf5;

import static org.emkit.io.hdf5.Hdf5.MAX_DIMENSION;
import static org.emkit.io.hdf5.Hdf5.apply;
import static org.emkit.io.hdf5.Hdf5.build;
import static org.emkit.io.hdf5.Hdf5.checkVersion;
import static org.emkit.io.hdf5.Hdf5.doubleScalar;
import static org.emkit.io.hdf5.Hdf5.enumValue;
import static org.emkit.io.hdf5.Hdf5.finiteMatrix;
import static org.emkit.io.hdf5.Hdf5.finiteVector;
import static org.emkit.io.hdf5.Hdf5.intScalar;
import static org.emkit.io.hdf5.Hdf5.integerVector;
import static org.emkit.io.hdf5.Hdf5.isLegacy;
import static org.emkit.io.hdf5.Hdf5.longScalar;
import static org.emkit.io.hdf5.Hdf5.matrix;
import static org.emkit.io.hdf5.Hdf5.matrixWithRows;
import static org.emkit.io.hdf5.Hdf5.numeric;
import static org.emkit.io.hdf5.Hdf5.readEnum;
import static org.emkit.io.hdf5.Hdf5.requireWriter;
import static org.emkit.io.hdf5.Hdf5.vectorIn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.fa.EMPCA;
import org.emkit.fa.PLDA;
import org.emkit.fa.TwoCovariancePLDA;

/**
 * Layouts of the vector back-end models of {@code org.emkit.fa}: {@link PLDA} and its
 * enrolments (bob's {@code PLDABase}/{@code PLDAMachine} datasets, read by bob ≥ 1.2, plus an
 * {@code emkit} group of hyperparameters; bob's legacy files of every version are read),
 * {@link TwoCovariancePLDA} and its enrolments, and {@link EMPCA}. Tables in
 * {@code docs/file-formats.md}.
 */
final class PldaFiles {

  private PldaFiles() {}

  // ------------------------------------------------------------------------------------------
  // PLDA

  static H5Tree.Group plda(PLDA m) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.PLDA_CLASS);
    int d = m.numFeatures();
    int nf = m.rankF();
    int ng = m.rankG();
    // bob's PLDABase::save, dataset by dataset, written from the accessors
    root.dataset("dim_d", H5Value.u64(d));
    root.dataset("dim_f", H5Value.u64(nf));
    root.dataset("dim_g", H5Value.u64(ng));
    root.dataset("F", H5Value.f64(new int[] {d, nf}, m.f().data()));
    root.dataset("G", H5Value.f64(new int[] {d, ng}, m.g().data()));
    root.dataset("sigma", H5Value.f64(new int[] {d}, m.sigma()));
    root.dataset("mu", H5Value.f64(new int[] {d}, m.mu()));
    root.dataset("variance_threshold", H5Value.f64(m.varianceFloor()));
    root.dataset("alpha", H5Value.f64(new int[] {ng, ng}, m.alpha().data()));
    root.dataset("beta", H5Value.f64(new int[] {d, d}, m.beta().data()));
    int[] counts = m.cachedSampleCounts();
    if (counts.length > 0) {
      long[] indices = new long[counts.length];
      for (int k = 0; k < counts.length; k++) {
        indices[k] = counts[k];
        root.dataset("gamma_" + counts[k], H5Value.f64(new int[] {nf, nf},
            m.gamma(counts[k]).data()));
        root.dataset("loglikeconstterm_" + counts[k],
            H5Value.f64(m.logLikelihoodConstant(counts[k])));
      }
      root.dataset("a_indices_gamma", H5Value.u32(new int[] {counts.length}, indices));
      root.dataset("a_indices_loglikeconstterm", H5Value.u32(new int[] {counts.length},
          indices));
    }
    root.dataset("Ft_beta", H5Value.f64(new int[] {nf, d}, m.ftBeta().data()));
    root.dataset("Gt_isigma", H5Value.f64(new int[] {ng, d}, m.gtInvSigma().data()));
    root.dataset("logdet_alpha", H5Value.f64(m.logDetAlpha()));
    root.dataset("logdet_sigma", H5Value.f64(m.logDetSigma()));
    H5Tree.Group e = root.group("emkit");
    e.attribute("file_version", H5Value.string(Hdf5.FILE_VERSION));
    e.attribute("writer_class", H5Value.string(Hdf5.PLDA_CLASS));
    e.dataset("iterations", H5Value.i64(m.iterations()));
    e.dataset("convergence_threshold", H5Value.f64(m.convergenceThreshold()));
    e.dataset("f_init", enumValue(m.fInit()));
    e.dataset("f_init_ratio", H5Value.f64(m.fInitRatio()));
    e.dataset("g_init", enumValue(m.gInit()));
    e.dataset("g_init_ratio", H5Value.f64(m.gInitRatio()));
    e.dataset("sigma_init", enumValue(m.sigmaInit()));
    e.dataset("sigma_init_ratio", H5Value.f64(m.sigmaInitRatio()));
    e.dataset("seed", H5Value.i64(m.seed()));
    return root;
  }

  static PLDA readPlda(H5Reader r) throws Hdf5FormatException {
    boolean emkit = !isLegacy(r);
    if (emkit) {
      requireWriter(r, Hdf5.PLDA_CLASS);
    }
    // F gives D and n_f; bob >= 1.2 also stores them in dim_d, dim_f, dim_g
    H5Reader.Raw fRaw = numeric(r, "/F");
    int[] fs = Hdf5.dropLeadingOnes(fRaw.dims, 2);
    if (fs.length != 2 || fs[0] < 1 || fs[0] > MAX_DIMENSION || fs[1] < 1 || fs[1] > fs[0]) {
      throw r.error("/F", "expected shape (D, n_f) with D >= 1 and n_f in [1, D], found "
          + fRaw.shapeString());
    }
    int d = fs[0];
    int nf = fs[1];
    Matrix f = matrixWithRows(r, "/F", d, "n_f", nf, nf);
    Matrix g = matrixWithRows(r, "/G", d, "n_g", 0, d);
    int ng = g.cols();
    boolean dims = r.isDataset("/dim_d");
    if (emkit || dims) {
      requireDim(r, "/dim_d", d, "the rows of /F");
      requireDim(r, "/dim_f", nf, "the columns of /F");
      requireDim(r, "/dim_g", ng, "the columns of /G");
    }
    double[] sigma = finiteVector(r, "/sigma", d);
    double[] mu = finiteVector(r, "/mu", d);
    double floor = 0.0;
    String floorPath = "/variance_threshold";
    if (!dims && !emkit) {
      floorPath = null; // bob < 1.2.0 stored no floor and reloaded it as 0
    } else if (r.isDataset("/variance_threshold") || emkit) {
      floor = doubleScalar(r, "/variance_threshold");
    } else if (r.isDataset("/variance_thresholds")) {
      // bob 1.2.0 alpha/beta: an array whose first element is the floor
      floorPath = "/variance_thresholds";
      H5Reader.Raw raw = numeric(r, floorPath);
      if (raw.count() < 1) {
        throw r.error(floorPath, "expected at least one element, found shape "
            + raw.shapeString());
      }
      floor = raw.asDoubles()[0];
    }
    // the cached terms are recomputed from F, G and sigma; their shapes are still checked
    boolean required = emkit;
    cached(r, "/alpha", ng, ng, required);
    cached(r, "/beta", d, d, required);
    cached(r, "/Ft_beta", nf, d, required);
    cached(r, "/Gt_isigma", ng, d, required);
    cachedScalar(r, "/logdet_alpha", required);
    cachedScalar(r, "/logdet_sigma", required);
    List<Integer> counts = new ArrayList<>();
    if (dims || emkit) {
      counts.addAll(countTerms(r, "/a_indices_gamma", "gamma_", nf));
      countTerms(r, "/a_indices_loglikeconstterm", "loglikeconstterm_", 0);
    } else {
      counts.addAll(countTerms(r, "/a_indices", "gamma_", nf));
      countTerms(r, "/a_indices", "loglikeconstterm_", 0);
    }
    PLDA.Builder b = PLDA.builder(d, nf, ng);
    if (floorPath != null) {
      double fl = floor;
      apply(r, floorPath, () -> b.varianceFloor(fl));
    }
    if (emkit) {
      String e = "/emkit/";
      checkVersion(r, "/emkit");
      b.iterations(intScalar(r, e + "iterations", 0, Integer.MAX_VALUE));
      double ct = doubleScalar(r, e + "convergence_threshold");
      apply(r, e + "convergence_threshold", () -> b.convergenceThreshold(ct));
      b.fInit(readEnum(r, e + "f_init", PLDA.FInit.class));
      double fr = doubleScalar(r, e + "f_init_ratio");
      apply(r, e + "f_init_ratio", () -> b.fInitRatio(fr));
      b.gInit(readEnum(r, e + "g_init", PLDA.GInit.class));
      double gr = doubleScalar(r, e + "g_init_ratio");
      apply(r, e + "g_init_ratio", () -> b.gInitRatio(gr));
      b.sigmaInit(readEnum(r, e + "sigma_init", PLDA.SigmaInit.class));
      double sr = doubleScalar(r, e + "sigma_init_ratio");
      apply(r, e + "sigma_init_ratio", () -> b.sigmaInitRatio(sr));
      long seed = longScalar(r, e + "seed");
      apply(r, e + "seed", () -> b.seed(seed));
    }
    apply(r, "/mu", () -> b.mu(mu));
    apply(r, "/F", () -> b.f(f));
    apply(r, "/G", () -> b.g(g));
    apply(r, "/sigma", () -> b.sigma(sigma));
    PLDA plda = build(r, "/", "invalid PLDA parameters", b::build);
    // refill the per-count cache with the counts the file had cached
    build(r, "/", "invalid PLDA parameters", () -> {
      for (int a : counts) {
        plda.gamma(a);
      }
      return plda;
    });
    return plda;
  }

  private static void requireDim(H5Reader r, String path, int expected, String what)
      throws Hdf5FormatException {
    long v = longScalar(r, path);
    if (v != expected) {
      throw r.error(path, "expected " + expected + " (" + what + "), found " + v);
    }
  }

  private static void cached(H5Reader r, String path, int rows, int cols, boolean required)
      throws Hdf5FormatException {
    if (required || r.isDataset(path)) {
      matrix(r, path, rows, cols);
    }
  }

  private static void cachedScalar(H5Reader r, String path, boolean required)
      throws Hdf5FormatException {
    if (required || r.isDataset(path)) {
      doubleScalar(r, path);
    }
  }

  /**
   * Checks an optional index list {@code a_indices*} and the per-count datasets it names
   * ({@code prefix + a}: n_f×n_f matrices, or scalars when {@code nf} is 0).
   *
   * @return the counts
   */
  private static List<Integer> countTerms(H5Reader r, String indexPath, String prefix, int nf)
      throws Hdf5FormatException {
    List<Integer> out = new ArrayList<>();
    if (!r.isDataset(indexPath)) {
      return out;
    }
    long[] idx = integerVector(r, indexPath, "n", 0, -1);
    for (long a : idx) {
      if (a < 1 || a > Integer.MAX_VALUE) {
        throw r.error(indexPath, "expected sample counts in [1, " + Integer.MAX_VALUE
            + "], found " + a);
      }
      String p = "/" + prefix + a;
      if (nf > 0) {
        matrix(r, p, nf, nf);
      } else {
        doubleScalar(r, p);
      }
      out.add((int) a);
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // PLDA enrolment

  static H5Tree.Group pldaEnrollment(PLDA m, PLDA.Enrollment e) {
    Objects.requireNonNull(m, "plda");
    Objects.requireNonNull(e, "enrollment");
    double[] ws = e.weightedSum();
    if (ws.length != m.rankF()) {
      throw new DimensionMismatchException("Hdf5.savePldaEnrollment: enrollment has a weighted"
          + " sum of length " + ws.length + " but the model has n_f = " + m.rankF());
    }
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.PLDA_ENROLLMENT_CLASS);
    // bob's PLDAMachine::save names
    root.dataset("n_samples", H5Value.u64(e.numSamples()));
    root.dataset("nh_sum_xit_beta_xi", H5Value.f64(e.quadraticTerm()));
    root.dataset("weighted_sum", H5Value.f64(new int[] {ws.length}, ws));
    root.dataset("loglikelihood", H5Value.f64(e.logLikelihood()));
    return root;
  }

  static PLDA.Enrollment readPldaEnrollment(H5Reader r, PLDA m) throws Hdf5FormatException {
    Objects.requireNonNull(m, "plda");
    if (!isLegacy(r)) {
      requireWriter(r, Hdf5.PLDA_ENROLLMENT_CLASS);
    }
    int n = intScalar(r, "/n_samples", 1, Integer.MAX_VALUE);
    double q = doubleScalar(r, "/nh_sum_xit_beta_xi");
    double[] ws = finiteVector(r, "/weighted_sum", m.rankF());
    double ll = doubleScalar(r, "/loglikelihood");
    if (r.isDataset("/a_indices")) {
      countTerms(r, "/a_indices", "gamma_", m.rankF());
      countTerms(r, "/a_indices", "loglikeconstterm_", 0);
    }
    return build(r, "/", "invalid PLDA enrolment",
        () -> PLDA.Enrollment.of(n, ws, q, ll));
  }

  // ------------------------------------------------------------------------------------------
  // TwoCovariancePLDA

  static H5Tree.Group twoCovariance(TwoCovariancePLDA m) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.TWO_COVARIANCE_PLDA_CLASS);
    int d = m.numFeatures();
    root.dataset("mean", H5Value.f64(new int[] {d}, m.mean()));
    root.dataset("between", H5Value.f64(new int[] {d, d}, m.between().data()));
    root.dataset("within", H5Value.f64(new int[] {d, d}, m.within().data()));
    root.dataset("iterations", H5Value.i64(m.iterations()));
    root.dataset("regularization", H5Value.f64(m.regularization()));
    return root;
  }

  static TwoCovariancePLDA readTwoCovariance(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, Hdf5.TWO_COVARIANCE_PLDA_CLASS);
    double[] mean = vectorIn(r, "/mean", "D", 1, MAX_DIMENSION);
    int d = mean.length;
    Matrix between = finiteMatrix(r, "/between", d, d);
    Matrix within = finiteMatrix(r, "/within", d, d);
    TwoCovariancePLDA.Builder b = TwoCovariancePLDA.builder(d);
    b.iterations(intScalar(r, "/iterations", 0, Integer.MAX_VALUE));
    double reg = doubleScalar(r, "/regularization");
    apply(r, "/regularization", () -> b.regularization(reg));
    return build(r, "/", "invalid two-covariance PLDA parameters",
        () -> b.buildFitted(mean, between, within));
  }

  static H5Tree.Group twoCovarianceEnrollment(TwoCovariancePLDA m,
      TwoCovariancePLDA.Enrollment e) {
    Objects.requireNonNull(m, "plda");
    Objects.requireNonNull(e, "enrollment");
    double[] mean = e.mean();
    if (mean.length != m.numFeatures()) {
      throw new DimensionMismatchException("Hdf5.saveTwoCovariancePldaEnrollment: enrollment"
          + " has D = " + mean.length + " but the model has D = " + m.numFeatures());
    }
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.TWO_COVARIANCE_ENROLLMENT_CLASS);
    root.dataset("n_samples", H5Value.i64(e.numSamples()));
    root.dataset("mean", H5Value.f64(new int[] {mean.length}, mean));
    return root;
  }

  static TwoCovariancePLDA.Enrollment readTwoCovarianceEnrollment(H5Reader r,
      TwoCovariancePLDA m) throws Hdf5FormatException {
    Objects.requireNonNull(m, "plda");
    requireWriter(r, Hdf5.TWO_COVARIANCE_ENROLLMENT_CLASS);
    int n = intScalar(r, "/n_samples", 1, Integer.MAX_VALUE);
    double[] mean = finiteVector(r, "/mean", m.numFeatures());
    return build(r, "/", "invalid two-covariance PLDA enrolment", () -> m.enrollment(n, mean));
  }

  // ------------------------------------------------------------------------------------------
  // EMPCA

  static H5Tree.Group empca(EMPCA m) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.EMPCA_CLASS);
    int f = m.numFeatures();
    root.dataset("mean", H5Value.f64(new int[] {f}, m.mean()));
    root.dataset("w", H5Value.f64(new int[] {f, m.rank()}, m.w().data()));
    root.dataset("sigma2", H5Value.f64(m.sigma2()));
    root.dataset("iterations", H5Value.i64(m.iterations()));
    root.dataset("convergence_threshold", H5Value.f64(m.convergenceThreshold()));
    root.dataset("numerics", enumValue(m.numerics()));
    root.dataset("seed", H5Value.i64(m.seed()));
    return root;
  }

  static EMPCA readEmpca(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, Hdf5.EMPCA_CLASS);
    double[] mean = vectorIn(r, "/mean", "f", 1, MAX_DIMENSION);
    int f = mean.length;
    Matrix w = matrixWithRows(r, "/w", f, "q", 1, f);
    double sigma2 = doubleScalar(r, "/sigma2");
    EMPCA.Builder b = EMPCA.builder(f, w.cols());
    b.iterations(intScalar(r, "/iterations", 0, Integer.MAX_VALUE));
    double ct = doubleScalar(r, "/convergence_threshold");
    apply(r, "/convergence_threshold", () -> b.convergenceThreshold(ct));
    b.numerics(readEnum(r, "/numerics", Numerics.class));
    long seed = longScalar(r, "/seed");
    apply(r, "/seed", () -> b.seed(seed));
    apply(r, "/mean", () -> b.mean(mean));
    apply(r, "/w", () -> b.w(w));
    apply(r, "/sigma2", () -> b.sigma2(sigma2));
    return build(r, "/", "invalid EMPCA parameters", b::build);
  }

  // ------------------------------------------------------------------------------------------
  // inspection

  static String describePlda(PLDA m) {
    return "PLDA D=" + m.numFeatures() + " rankF=" + m.rankF() + " rankG=" + m.rankG()
        + " varianceFloor=" + m.varianceFloor() + " iterations=" + m.iterations() + " fInit="
        + m.fInit() + " gInit=" + m.gInit() + " sigmaInit=" + m.sigmaInit() + " seed="
        + m.seed() + " cachedSampleCounts=" + java.util.Arrays.toString(m.cachedSampleCounts());
  }

  static String describeTwoCovariance(TwoCovariancePLDA m) {
    return "TwoCovariancePLDA D=" + m.numFeatures() + " iterations=" + m.iterations()
        + " regularization=" + m.regularization();
  }

  static String describeEmpca(EMPCA m) {
    return "EMPCA f=" + m.numFeatures() + " q=" + m.rank() + " sigma2=" + m.sigma2()
        + " iterations=" + m.iterations() + " numerics=" + m.numerics() + " seed=" + m.seed();
  }

  /** @return a summary of an enrolment file from its shapes (no model needed) */
  static String describeEnrollment(H5Reader r, String kind, String... vectors)
      throws Hdf5FormatException {
    StringBuilder b = new StringBuilder(kind);
    if (r.isDataset("/n_samples")) {
      b.append(" n_samples=").append(longScalar(r, "/n_samples"));
    }
    for (String v : vectors) {
      if (r.isDataset("/" + v)) {
        b.append(' ').append(v).append(" length ").append(r.read("/" + v).count());
      }
    }
    return b.toString();
  }
}
