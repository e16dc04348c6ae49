package org.emkit.io.hdf5;

import static org.emkit.io.hdf5.Hdf5.MAX_DIMENSION;
import static org.emkit.io.hdf5.Hdf5.apply;
import static org.emkit.io.hdf5.Hdf5.build;
import static org.emkit.io.hdf5.Hdf5.doubleScalar;
import static org.emkit.io.hdf5.Hdf5.enumValue;
import static org.emkit.io.hdf5.Hdf5.finiteMatrix;
import static org.emkit.io.hdf5.Hdf5.finiteVector;
import static org.emkit.io.hdf5.Hdf5.intScalar;
import static org.emkit.io.hdf5.Hdf5.isLegacy;
import static org.emkit.io.hdf5.Hdf5.longScalar;
import static org.emkit.io.hdf5.Hdf5.matrixWithRows;
import static org.emkit.io.hdf5.Hdf5.numeric;
import static org.emkit.io.hdf5.Hdf5.readEnum;
import static org.emkit.io.hdf5.Hdf5.requireFinite;
import static org.emkit.io.hdf5.Hdf5.requireWriter;

import java.util.Objects;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.core.validation.Check;
import org.emkit.fa.ISVMachine;
import org.emkit.fa.IVectorMachine;
import org.emkit.fa.JFAMachine;
import org.emkit.mixture.GMMMachine;

/**
 * Layouts of the factor-analysis machines on GMM statistics: {@link ISVMachine},
 * {@link JFAMachine} and {@link IVectorMachine} (emkit version 1.0, with the UBM in a {@code ubm}
 * group, and bob's legacy C++ {@code ISVBase}, {@code JFABase} and {@code IVectorMachine}), and
 * their enrolled clients (ISV z, JFA y and z). Tables in {@code docs/file-formats.md}.
 */
final class FaFiles {

  private FaFiles() {}

  // ------------------------------------------------------------------------------------------
  // ISV

  static H5Tree.Group isv(ISVMachine m) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.ISV_CLASS);
    int cd = m.supervectorLength();
    root.dataset("U", H5Value.f64(new int[] {cd, m.rankU()}, m.u().data()));
    root.dataset("d", H5Value.f64(new int[] {cd}, m.d()));
    putTraining(root, m.relevanceFactor(), m.iterations(), m.enrollIterations(), m.seed());
    Hdf5.putGmm(root.group("ubm"), m.ubm(), 0);
    return root;
  }

  static ISVMachine readIsv(H5Reader r, GMMMachine given) throws Hdf5FormatException {
    boolean legacy = isLegacy(r);
    if (!legacy) {
      requireWriter(r, Hdf5.ISV_CLASS);
    } else if (r.isDataset("/V")) {
      throw r.error("/V", "unexpected dataset: a file with U, V and d is bob's JFABase layout;"
          + " load it with Hdf5.loadJfa");
    }
    GMMMachine ubm = Hdf5.ubm(r, given, "Hdf5.loadIsv");
    int cd = supervector(r, ubm);
    Matrix u = matrixWithRows(r, "/U", cd, "r_U", 1, cd);
    double[] d = finiteVector(r, "/d", cd);
    ISVMachine.Builder b = ISVMachine.builder(ubm, u.cols());
    apply(r, "/U", () -> b.u(u));
    apply(r, "/d", () -> b.d(d));
    if (!legacy) {
      readTraining(r, b::relevanceFactor, b::iterations, b::enrollIterations, b::seed);
    }
    return build(r, "/", "invalid ISV parameters", b::build);
  }

  // ------------------------------------------------------------------------------------------
  // JFA

  static H5Tree.Group jfa(JFAMachine m) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.JFA_CLASS);
    int cd = m.supervectorLength();
    root.dataset("U", H5Value.f64(new int[] {cd, m.rankU()}, m.u().data()));
    root.dataset("V", H5Value.f64(new int[] {cd, m.rankV()}, m.v().data()));
    root.dataset("d", H5Value.f64(new int[] {cd}, m.d()));
    putTraining(root, m.relevanceFactor(), m.iterations(), m.enrollIterations(), m.seed());
    root.dataset("numerics", enumValue(m.numerics()));
    Hdf5.putGmm(root.group("ubm"), m.ubm(), 0);
    return root;
  }

  static JFAMachine readJfa(H5Reader r, GMMMachine given) throws Hdf5FormatException {
    boolean legacy = isLegacy(r);
    if (!legacy) {
      requireWriter(r, Hdf5.JFA_CLASS);
    }
    GMMMachine ubm = Hdf5.ubm(r, given, "Hdf5.loadJfa");
    int cd = supervector(r, ubm);
    Matrix u = matrixWithRows(r, "/U", cd, "r_U", 1, cd);
    Matrix v = matrixWithRows(r, "/V", cd, "r_V", 1, cd);
    double[] d = finiteVector(r, "/d", cd);
    JFAMachine.Builder b = JFAMachine.builder(ubm, u.cols(), v.cols());
    apply(r, "/U", () -> b.u(u));
    apply(r, "/V", () -> b.v(v));
    apply(r, "/d", () -> b.d(d));
    if (!legacy) {
      readTraining(r, b::relevanceFactor, b::iterations, b::enrollIterations, b::seed);
      b.numerics(readEnum(r, "/numerics", Numerics.class));
    }
    return build(r, "/", "invalid JFA parameters", b::build);
  }

  // ------------------------------------------------------------------------------------------
  // training settings shared by ISV and JFA

  private static void putTraining(H5Tree.Group root, double relevanceFactor, int iterations,
      int enrollIterations, long seed) {
    root.dataset("relevance_factor", H5Value.f64(relevanceFactor));
    root.dataset("iterations", H5Value.i64(iterations));
    root.dataset("enroll_iterations", H5Value.i64(enrollIterations));
    root.dataset("seed", H5Value.i64(seed));
  }

  /** Reads the settings of {@link #putTraining} in order, handing each to its builder setter. */
  private static void readTraining(H5Reader r, DoubleConsumer relevanceFactor,
      IntConsumer iterations, IntConsumer enrollIterations, LongConsumer seed)
      throws Hdf5FormatException {
    double rf = doubleScalar(r, "/relevance_factor");
    apply(r, "/relevance_factor", () -> relevanceFactor.accept(rf));
    iterations.accept(intScalar(r, "/iterations", 0, Integer.MAX_VALUE));
    enrollIterations.accept(intScalar(r, "/enroll_iterations", 1, Integer.MAX_VALUE));
    long s = longScalar(r, "/seed");
    apply(r, "/seed", () -> seed.accept(s));
  }

  // ------------------------------------------------------------------------------------------
  // IVectorMachine

  static H5Tree.Group ivector(IVectorMachine m) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.IVECTOR_CLASS);
    int c = m.numComponents();
    int d = m.numFeatures();
    root.dataset("T", H5Value.f64(new int[] {c, d, m.rank()}, m.t().data()));
    root.dataset("sigma", H5Value.f64(new int[] {c, d}, m.sigma().data()));
    root.dataset("variance_floor", H5Value.f64(m.varianceFloor()));
    root.dataset("update_sigma", H5Value.bool(m.updateSigma()));
    root.dataset("minimum_divergence", H5Value.bool(m.minimumDivergence()));
    root.dataset("iterations", H5Value.i64(m.iterations()));
    root.dataset("seed", H5Value.i64(m.seed()));
    Hdf5.putGmm(root.group("ubm"), m.ubm(), 0);
    return root;
  }

  static IVectorMachine readIVector(H5Reader r, GMMMachine given) throws Hdf5FormatException {
    boolean legacy = isLegacy(r);
    if (!legacy) {
      requireWriter(r, Hdf5.IVECTOR_CLASS);
    }
    GMMMachine ubm = Hdf5.ubm(r, given, "Hdf5.loadIVector");
    int c = ubm.numComponents();
    int d = ubm.numFeatures();
    int cd = supervector(r, ubm);
    Matrix t;
    Matrix sigma;
    double floor;
    String tPath;
    String sigmaPath;
    String floorPath;
    if (legacy) {
      // bob's C++ layout: m_T (CD, R), m_sigma (CD,); the same memory order as (C, D, R), (C, D)
      tPath = "/m_T";
      sigmaPath = "/m_sigma";
      floorPath = "/m_variance_threshold";
      t = matrixWithRows(r, tPath, cd, "R", 1, cd);
      sigma = Matrix.wrap(c, d, finiteVector(r, sigmaPath, cd));
    } else {
      tPath = "/T";
      sigmaPath = "/sigma";
      floorPath = "/variance_floor";
      H5Reader.Raw raw = numeric(r, tPath);
      int[] s = raw.dims;
      if (s.length != 3 || s[0] != c || s[1] != d || s[2] < 1 || s[2] > cd) {
        throw r.error(tPath, "expected shape (" + c + ", " + d + ", R) with R in [1, " + cd
            + "], found " + raw.shapeString());
      }
      double[] tv = raw.asDoubles();
      requireFinite(r, tPath, tv, false);
      t = Matrix.wrap(cd, s[2], tv);
      sigma = finiteMatrix(r, sigmaPath, c, d);
    }
    floor = doubleScalar(r, floorPath);
    IVectorMachine.Builder b = IVectorMachine.builder(ubm, t.cols());
    apply(r, tPath, () -> b.t(t));
    apply(r, sigmaPath, () -> b.sigma(sigma));
    apply(r, floorPath, () -> b.varianceFloor(floor));
    if (!legacy) {
      b.updateSigma(Hdf5.bool(r, "/update_sigma"));
      b.minimumDivergence(Hdf5.bool(r, "/minimum_divergence"));
      b.iterations(intScalar(r, "/iterations", 0, Integer.MAX_VALUE));
      long seed = longScalar(r, "/seed");
      apply(r, "/seed", () -> b.seed(seed));
    }
    return build(r, "/", "invalid i-vector parameters", b::build);
  }

  // ------------------------------------------------------------------------------------------
  // enrolled clients

  static H5Tree.Group isvClient(ISVMachine m, double[] z) {
    String owner = "Hdf5.saveIsvClient";
    Objects.requireNonNull(m, "machine");
    Check.length(owner, "z", z, m.supervectorLength(), "the machine's C·D");
    Check.finite(owner, "z", z);
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.ISV_CLIENT_CLASS);
    root.dataset("n_gaussians", H5Value.i64(m.numComponents()));
    root.dataset("n_features", H5Value.i64(m.numFeatures()));
    root.dataset("z", H5Value.f64(new int[] {z.length}, z));
    return root;
  }

  static double[] readIsvClient(H5Reader r, ISVMachine m) throws Hdf5FormatException {
    Objects.requireNonNull(m, "machine");
    if (!isLegacy(r)) {
      requireWriter(r, Hdf5.ISV_CLIENT_CLASS);
      checkSizes(r, m.numComponents(), m.numFeatures());
    }
    return finiteVector(r, "/z", m.supervectorLength());
  }

  static H5Tree.Group jfaEnrollment(JFAMachine m, JFAMachine.Enrollment e) {
    String owner = "Hdf5.saveJfaEnrollment";
    Objects.requireNonNull(m, "machine");
    Objects.requireNonNull(e, "enrollment");
    double[] y = e.y();
    double[] z = e.z();
    Check.length(owner, "enrollment.y", y, m.rankV(), "the machine's r_V");
    Check.length(owner, "enrollment.z", z, m.supervectorLength(), "the machine's C·D");
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.JFA_ENROLLMENT_CLASS);
    root.dataset("n_gaussians", H5Value.i64(m.numComponents()));
    root.dataset("n_features", H5Value.i64(m.numFeatures()));
    root.dataset("y", H5Value.f64(new int[] {y.length}, y));
    root.dataset("z", H5Value.f64(new int[] {z.length}, z));
    return root;
  }

  static JFAMachine.Enrollment readJfaEnrollment(H5Reader r, JFAMachine m)
      throws Hdf5FormatException {
    Objects.requireNonNull(m, "machine");
    if (!isLegacy(r)) {
      requireWriter(r, Hdf5.JFA_ENROLLMENT_CLASS);
      checkSizes(r, m.numComponents(), m.numFeatures());
    }
    double[] y = finiteVector(r, "/y", m.rankV());
    double[] z = finiteVector(r, "/z", m.supervectorLength());
    return build(r, "/", "invalid JFA enrolment", () -> JFAMachine.Enrollment.of(y, z));
  }

  private static void checkSizes(H5Reader r, int c, int d) throws Hdf5FormatException {
    int fc = intScalar(r, "/n_gaussians", 1, MAX_DIMENSION);
    if (fc != c) {
      throw r.error("/n_gaussians", "expected " + c + " (the machine's C), found " + fc);
    }
    int fd = intScalar(r, "/n_features", 1, MAX_DIMENSION);
    if (fd != d) {
      throw r.error("/n_features", "expected " + d + " (the machine's D), found " + fd);
    }
  }

  private static int supervector(H5Reader r, GMMMachine ubm) throws Hdf5FormatException {
    long cd = (long) ubm.numComponents() * ubm.numFeatures();
    if (cd > MAX_DIMENSION) {
      throw r.error("/ubm", "C·D = " + cd + " exceeds " + MAX_DIMENSION);
    }
    return (int) cd;
  }

  // ------------------------------------------------------------------------------------------
  // inspection

  static String describeIsv(ISVMachine m) {
    return "ISVMachine C=" + m.numComponents() + " D=" + m.numFeatures() + " rankU=" + m.rankU()
        + " relevanceFactor=" + m.relevanceFactor() + " iterations=" + m.iterations()
        + " enrollIterations=" + m.enrollIterations() + " seed=" + m.seed() + " (UBM stored)";
  }

  static String describeJfa(JFAMachine m) {
    return "JFAMachine C=" + m.numComponents() + " D=" + m.numFeatures() + " rankU=" + m.rankU()
        + " rankV=" + m.rankV() + " numerics=" + m.numerics() + " relevanceFactor="
        + m.relevanceFactor() + " iterations=" + m.iterations() + " enrollIterations="
        + m.enrollIterations() + " seed=" + m.seed() + " (UBM stored)";
  }

  static String describeIVector(IVectorMachine m) {
    return "IVectorMachine C=" + m.numComponents() + " D=" + m.numFeatures() + " rank="
        + m.rank() + " iterations=" + m.iterations() + " updateSigma=" + m.updateSigma()
        + " varianceFloor=" + m.varianceFloor() + " minimumDivergence=" + m.minimumDivergence()
        + " seed=" + m.seed() + " (UBM stored)";
  }
}
