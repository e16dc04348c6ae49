package org.emkit.io.hdf5;

import static org.emkit.io.hdf5.Hdf5.MAX_DIMENSION;
import static org.emkit.io.hdf5.Hdf5.apply;
import static org.emkit.io.hdf5.Hdf5.build;
import static org.emkit.io.hdf5.Hdf5.doubleScalar;
import static org.emkit.io.hdf5.Hdf5.enumValue;
import static org.emkit.io.hdf5.Hdf5.finiteVector;
import static org.emkit.io.hdf5.Hdf5.intScalar;
import static org.emkit.io.hdf5.Hdf5.integerVector;
import static org.emkit.io.hdf5.Hdf5.longScalar;
import static org.emkit.io.hdf5.Hdf5.matrixWithRows;
import static org.emkit.io.hdf5.Hdf5.numeric;
import static org.emkit.io.hdf5.Hdf5.readEnum;
import static org.emkit.io.hdf5.Hdf5.requireWriter;
import static org.emkit.io.hdf5.Hdf5.vectorIn;

import org.emkit.core.Matrix;
import org.emkit.linear.LDA;
import org.emkit.linear.LengthNormalization;
import org.emkit.linear.PCA;
import org.emkit.linear.Projection;
import org.emkit.linear.SgdClassifier;

/**
 * Layouts of the linear transforms and classifiers of {@code org.emkit.linear} that are not
 * bob.learn.em machines: {@link LDA}, {@link PCA}, {@link LengthNormalization} and
 * {@link SgdClassifier} (emkit version 1.0). Tables in {@code docs/file-formats.md}.
 */
final class LinearFiles {

  private LinearFiles() {}

  // ------------------------------------------------------------------------------------------
  // LDA

  static H5Tree.Group lda(LDA m) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.LDA_CLASS);
    Projection p = m.projection();
    Hdf5.putProjection(root, p);
    double[] ev = m.eigenvalues();
    root.dataset("eigenvalues", H5Value.f64(new int[] {ev.length}, ev));
    root.dataset("dimension", H5Value.i64(m.dimension()));
    root.dataset("regularization", H5Value.f64(m.regularization()));
    root.dataset("normalization", enumValue(m.normalization()));
    return root;
  }

  static LDA readLda(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, Hdf5.LDA_CLASS);
    H5Reader.Raw raw = numeric(r, "/weights");
    if (raw.dims.length != 2 || raw.dims[0] < 1 || raw.dims[0] > MAX_DIMENSION
        || raw.dims[1] < 1 || raw.dims[1] > raw.dims[0]) {
      throw r.error("/weights", "expected shape (D, K) with K in [1, D], found "
          + raw.shapeString());
    }
    int d = raw.dims[0];
    int k = raw.dims[1];
    Matrix w = matrixWithRows(r, "/weights", d, "K", k, k);
    double[] subtract = finiteVector(r, "/input_subtract", d);
    double[] divide = finiteVector(r, "/input_divide", d);
    double[] ev = finiteVector(r, "/eigenvalues", k);
    int dimension = intScalar(r, "/dimension", 0, MAX_DIMENSION);
    double reg = doubleScalar(r, "/regularization");
    LDA.Normalization n = readEnum(r, "/normalization", LDA.Normalization.class);
    if (dimension != 0 && dimension != k) {
      throw r.error("/dimension", "expected 0 or K = " + k + " (the columns of /weights), found "
          + dimension);
    }
    Hdf5.requireNonNegative(r, "/regularization", reg);
    Projection p = build(r, "/input_divide", "invalid projection",
        () -> new Projection(subtract, divide, w));
    return build(r, "/", "invalid LDA parameters",
        () -> LDA.fromParameters(p, ev, dimension, reg, n));
  }

  // ------------------------------------------------------------------------------------------
  // PCA

  static H5Tree.Group pca(PCA m) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.PCA_CLASS);
    int d = m.numFeatures();
    int k = m.numComponents();
    root.dataset("mean", H5Value.f64(new int[] {d}, m.mean()));
    root.dataset("components", H5Value.f64(new int[] {k, d}, m.components().data()));
    root.dataset("explained_variance", H5Value.f64(new int[] {k}, m.explainedVariance()));
    root.dataset("total_variance", H5Value.f64(m.totalVariance()));
    root.dataset("scaling", enumValue(m.scaling()));
    root.dataset("solver", enumValue(m.solver()));
    return root;
  }

  static PCA readPca(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, Hdf5.PCA_CLASS);
    double[] mean = vectorIn(r, "/mean", "D", 1, MAX_DIMENSION);
    int d = mean.length;
    H5Reader.Raw raw = numeric(r, "/components");
    int k = raw.dims.length == 2 ? raw.dims[0] : -1;
    if (raw.dims.length != 2 || k < 1 || k > d || raw.dims[1] != d) {
      throw r.error("/components", "expected shape (K, " + d + ") with K in [1, " + d
          + "], found " + raw.shapeString());
    }
    Matrix components = Hdf5.finiteMatrix(r, "/components", k, d);
    double[] ev = finiteVector(r, "/explained_variance", k);
    double total = doubleScalar(r, "/total_variance");
    PCA.Builder b = PCA.builder(k).scaling(readEnum(r, "/scaling", PCA.Scaling.class))
        .solver(readEnum(r, "/solver", PCA.Solver.class));
    Hdf5.requireNonNegative(r, "/total_variance", total);
    return build(r, "/explained_variance", "invalid PCA parameters",
        () -> b.buildFitted(mean, components, ev, total));
  }

  // ------------------------------------------------------------------------------------------
  // LengthNormalization

  static H5Tree.Group lengthNormalization(LengthNormalization m) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.LENGTH_NORMALIZATION_CLASS);
    double[] mean = m.mean();
    root.dataset("centred", H5Value.bool(mean != null));
    if (mean != null) {
      root.dataset("n_features", H5Value.i64(mean.length));
      root.dataset("mean", H5Value.f64(new int[] {mean.length}, mean));
    }
    return root;
  }

  static LengthNormalization readLengthNormalization(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, Hdf5.LENGTH_NORMALIZATION_CLASS);
    boolean centred = Hdf5.bool(r, "/centred");
    if (!centred) {
      if (r.isDataset("/mean")) {
        throw r.error("/mean", "unexpected dataset: /centred is false");
      }
      return LengthNormalization.create();
    }
    int d = intScalar(r, "/n_features", 1, MAX_DIMENSION);
    double[] mean = finiteVector(r, "/mean", d);
    return build(r, "/mean", "invalid value", () -> LengthNormalization.withMean(mean));
  }

  // ------------------------------------------------------------------------------------------
  // SgdClassifier

  static H5Tree.Group sgd(SgdClassifier m) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.SGD_CLASS);
    int[] classes = m.classes();
    long[] c = new long[classes.length];
    for (int k = 0; k < c.length; k++) {
      c[k] = classes[k];
    }
    Matrix w = m.weights();
    root.dataset("classes", H5Value.i64(new int[] {c.length}, c));
    root.dataset("weights", H5Value.f64(new int[] {w.rows(), w.cols()}, w.data()));
    root.dataset("biases", H5Value.f64(new int[] {w.rows()}, m.biases()));
    root.dataset("loss", enumValue(m.loss()));
    root.dataset("lambda", H5Value.f64(m.lambda()));
    root.dataset("epochs", H5Value.i64(m.epochs()));
    root.dataset("schedule", enumValue(m.schedule()));
    root.dataset("averaging", enumValue(m.averaging()));
    root.dataset("seed", H5Value.i64(m.seed()));
    return root;
  }

  static SgdClassifier readSgd(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, Hdf5.SGD_CLASS);
    long[] c = integerVector(r, "/classes", "K", 2, MAX_DIMENSION);
    int[] classes = new int[c.length];
    for (int k = 0; k < c.length; k++) {
      if (c[k] < Integer.MIN_VALUE || c[k] > Integer.MAX_VALUE) {
        throw r.error("/classes", "element [" + k + "] must be a 32-bit int, found " + c[k]);
      }
      classes[k] = (int) c[k];
    }
    int rows = classes.length == 2 ? 1 : classes.length;
    H5Reader.Raw raw = numeric(r, "/weights");
    if (raw.dims.length != 2 || raw.dims[0] != rows || raw.dims[1] < 1
        || raw.dims[1] > MAX_DIMENSION) {
      throw r.error("/weights", "expected shape (" + rows + ", D) with D >= 1 (one row per"
          + " binary classifier), found " + raw.shapeString());
    }
    Matrix w = matrixWithRows(r, "/weights", rows, "D", raw.dims[1], raw.dims[1]);
    double[] biases = finiteVector(r, "/biases", rows);
    SgdClassifier.Builder b = SgdClassifier.linearSvm()
        .loss(readEnum(r, "/loss", SgdClassifier.Loss.class))
        .schedule(readEnum(r, "/schedule", SgdClassifier.Schedule.class))
        .averaging(readEnum(r, "/averaging", SgdClassifier.Averaging.class));
    double lambda = doubleScalar(r, "/lambda");
    apply(r, "/lambda", () -> b.lambda(lambda));
    int epochs = intScalar(r, "/epochs", 1, Integer.MAX_VALUE);
    b.epochs(epochs);
    long seed = longScalar(r, "/seed");
    apply(r, "/seed", () -> b.seed(seed));
    return build(r, "/classes", "invalid classifier parameters",
        () -> b.buildFitted(classes, w, biases));
  }

  // ------------------------------------------------------------------------------------------
  // inspection

  static String describeLda(LDA m) {
    Projection p = m.projection();
    return "LDA D=" + p.inputDimension() + " K=" + p.outputDimension() + " normalization="
        + m.normalization() + " regularization=" + m.regularization();
  }

  static String describePca(PCA m) {
    return "PCA D=" + m.numFeatures() + " K=" + m.numComponents() + " scaling=" + m.scaling()
        + " solver=" + m.solver();
  }

  static String describeLengthNormalization(LengthNormalization m) {
    double[] mean = m.mean();
    return "LengthNormalization " + (mean == null ? "without centring" : "centred, D="
        + mean.length);
  }

  static String describeSgd(SgdClassifier m) {
    return "SgdClassifier classes=" + java.util.Arrays.toString(m.classes()) + " D="
        + m.weights().cols() + " loss=" + m.loss() + " lambda=" + m.lambda() + " epochs="
        + m.epochs() + " schedule=" + m.schedule() + " averaging=" + m.averaging();
  }
}
