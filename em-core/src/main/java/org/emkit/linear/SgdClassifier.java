package org.emkit.linear;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.internal.Parallel;
import org.emkit.core.random.NumpyRandom;
import org.emkit.core.validation.Check;

/**
 * Linear classifiers trained by stochastic gradient descent: a linear SVM (hinge loss) or
 * logistic regression (log loss) with L2 regularisation, one-vs-rest for more than two classes.
 * Training reads samples one at a time through a {@link VectorSource}, so data can stay
 * compressed and be decoded on the fly.
 *
 * <p><b>Model.</b> For class k, \( f_k(x) = \langle w_k, x \rangle + b_k \) minimises
 * \[ \frac{\lambda}{2}\lVert w_k \rVert^2 + \frac1N \sum_i L(y_{ik} f_k(x_i)), \quad
 * y_{ik} = \pm 1, \]
 * with \( L(z) = \max(0, 1 - z) \) (HINGE) or \( \ln(1 + e^{-z}) \) (LOG). The predicted class
 * is \( \arg\max_k f_k(x) \). Two classes use one classifier (positive = the larger label).
 *
 * <p><b>Algorithm.</b> Plain SGD over shuffled epochs (Bottou 2010): at step t with rate
 * {@code η_t}, {@code w ← (1 − η_t λ) w − η_t L'(y f) y x}, {@code b ← b − η_t L'(y f) y} (the
 * bias is not regularised). The decay is applied through a scalar factor so that a step costs
 * O(D) only for samples with a non-zero loss gradient. Learning rate ({@link Schedule}):
 * {@code OPTIMAL} {@code η_t = 1/(λ (t₀ + t))} with scikit-learn's heuristic {@code t₀}; or
 * {@code PEGASOS} {@code η_t = 1/(λ t)} with the projection of w onto the ball of radius
 * {@code 1/√λ} after each step (Shalev-Shwartz et al. 2011). With {@link Averaging#ASGD}
 * the returned weights are the running average of the iterates from the second epoch on
 * (Polyak–Ruppert; Xu 2011).
 *
 * <p><b>Parameters.</b> {@code loss} (default HINGE); {@code lambda} λ &gt; 0 (default 1e-4);
 * {@code epochs} ≥ 1 (default 10); {@code schedule} (default OPTIMAL); {@code averaging}
 * (default NONE); {@code seed} (default 0) for the epoch permutations; {@code parallelism}
 * (default 1): classes are trained concurrently.
 *
 * <p><b>Reproducibility and threads.</b> The epoch permutations come from one
 * {@link NumpyRandom} stream seeded with {@code seed}; each class's training is sequential and
 * independent of the others, so results are bitwise identical for any {@code parallelism}.
 * Immutable and thread-safe.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>L. Bottou, "Large-scale machine learning with stochastic gradient descent", COMPSTAT
 *       2010. https://doi.org/10.1007/978-3-7908-2604-3_16
 *   <li>S. Shalev-Shwartz, Y. Singer, N. Srebro, A. Cotter, "Pegasos: primal estimated
 *       sub-gradient solver for SVM", Math. Programming 127, 2011.
 *       https://doi.org/10.1007/s10107-010-0420-4
 *   <li>J. Sánchez, F. Perronnin, T. Mensink, J. Verbeek, "Image classification with the Fisher
 *       vector: theory and practice", IJCV 105, 2013 (SGD on Fisher vectors).
 *       https://doi.org/10.1007/s11263-013-0636-x
 * </ol>
 */
public final class SgdClassifier {

  /** Loss function. */
  public enum Loss {
    /** Hinge loss: a linear SVM. */
    HINGE,
    /** Logistic loss: logistic regression. */
    LOG
  }

  /** Learning-rate schedule. */
  public enum Schedule {
    /** η_t = 1/(λ (t₀ + t)), scikit-learn's "optimal". */
    OPTIMAL,
    /** η_t = 1/(λ t). */
    PEGASOS
  }

  /** Whether iterates are averaged. */
  public enum Averaging {
    /** The last iterate. */
    NONE,
    /** Average of the iterates from the second epoch on. */
    ASGD
  }

  private static final String OWNER = "SgdClassifier";
  private static final Logger LOG = System.getLogger(SgdClassifier.class.getName());
  /** Below this the weight scale is folded back into the weights to avoid underflow. */
  private static final double MIN_SCALE = 1e-9;

  private final Loss loss;
  private final double lambda;
  private final int epochs;
  private final Schedule schedule;
  private final Averaging averaging;
  private final long seed;
  private final int parallelism;
  private final int[] classes;
  private final double[] weights;
  private final double[] biases;
  private final int dimension;

  private SgdClassifier(Builder b, int[] classes, double[] weights, double[] biases, int dimension) {
    this.loss = b.loss;
    this.lambda = b.lambda;
    this.epochs = b.epochs;
    this.schedule = b.schedule;
    this.averaging = b.averaging;
    this.seed = b.seed;
    this.parallelism = b.parallelism;
    this.classes = classes;
    this.weights = weights;
    this.biases = biases;
    this.dimension = dimension;
  }

  /** @return a builder for a linear SVM (hinge loss) */
  public static Builder linearSvm() {
    return new Builder().loss(Loss.HINGE);
  }

  /** @return a builder for logistic regression (log loss) */
  public static Builder logisticRegression() {
    return new Builder().loss(Loss.LOG);
  }

  /** Builder of {@link SgdClassifier}. */
  public static final class Builder {
    private Loss loss = Loss.HINGE;
    private double lambda = 1e-4;
    private int epochs = 10;
    private Schedule schedule = Schedule.OPTIMAL;
    private Averaging averaging = Averaging.NONE;
    private long seed = 0;
    private int parallelism = 1;

    private Builder() {}

    /**
     * @param loss HINGE or LOG (default HINGE)
     * @return this
     */
    public Builder loss(Loss loss) {
      this.loss = Objects.requireNonNull(loss, "loss");
      return this;
    }

    /**
     * @param lambda L2 regularisation λ in (0, inf) (default 1e-4)
     * @return this
     */
    public Builder lambda(double lambda) {
      this.lambda = Check.positive(OWNER, "lambda", lambda);
      return this;
    }

    /**
     * @param epochs passes over the data, ≥ 1 (default 10)
     * @return this
     */
    public Builder epochs(int epochs) {
      this.epochs = Check.atLeast(OWNER, "epochs", epochs, 1);
      return this;
    }

    /**
     * @param schedule learning-rate schedule (default OPTIMAL)
     * @return this
     */
    public Builder schedule(Schedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /**
     * @param averaging iterate averaging (default NONE)
     * @return this
     */
    public Builder averaging(Averaging averaging) {
      this.averaging = Objects.requireNonNull(averaging, "averaging");
      return this;
    }

    /**
     * @param seed seed of the epoch permutations in [0, 2³²−1] (default 0)
     * @return this
     */
    public Builder seed(long seed) {
      this.seed = Check.seed(OWNER, seed);
      return this;
    }

    /**
     * @param parallelism threads training classes concurrently, ≥ 1 (default 1)
     * @return this
     */
    public Builder parallelism(int parallelism) {
      this.parallelism = Check.atLeast(OWNER, "parallelism", parallelism, 1);
      return this;
    }

    /** @return an unfitted classifier */
    public SgdClassifier build() {
      return new SgdClassifier(this, null, null, null, 0);
    }

    /**
     * A fitted classifier with these hyperparameters and stored parameters (for a model read
     * back from a file).
     *
     * @param classes the class labels, strictly increasing, at least 2; copied
     * @param weights one row per binary classifier: 1×D for 2 classes, K×D for K &gt; 2;
     *     finite; copied
     * @param biases one per row of {@code weights}, finite; copied
     * @return the fitted classifier
     * @throws IllegalArgumentException if the labels are not strictly increasing or fewer than
     *     2, or a value is not finite
     * @throws DimensionMismatchException if the shapes disagree
     */
    public SgdClassifier buildFitted(int[] classes, Matrix weights, double[] biases) {
      String owner = OWNER + ".Builder.buildFitted";
      Objects.requireNonNull(classes, "classes");
      Objects.requireNonNull(weights, "weights");
      Objects.requireNonNull(biases, "biases");
      if (classes.length < 2) {
        throw new IllegalArgumentException(owner + ": classes must contain at least 2 labels, got "
            + classes.length);
      }
      for (int k = 1; k < classes.length; k++) {
        if (classes[k] <= classes[k - 1]) {
          throw new IllegalArgumentException(owner + ": classes must be strictly increasing, got "
              + "classes[" + (k - 1) + "] = " + classes[k - 1] + " and classes[" + k + "] = "
              + classes[k]);
        }
      }
      int rows = classes.length == 2 ? 1 : classes.length;
      Check.atLeast(owner, "weights.cols", weights.cols(), 1);
      Check.shape(owner, "weights", weights, rows, weights.cols());
      Check.length(owner, "biases", biases, rows, "weights has rows");
      Check.finite(owner, "weights", weights);
      Check.finite(owner, "biases", biases);
      return new SgdClassifier(this, classes.clone(), weights.toArray(), biases.clone(),
          weights.cols());
    }
  }

  /** @return a builder preset with these hyperparameters */
  public Builder toBuilder() {
    return new Builder().loss(loss).lambda(lambda).epochs(epochs).schedule(schedule)
        .averaging(averaging).seed(seed).parallelism(parallelism);
  }

  /** @return the loss */
  public Loss loss() {
    return loss;
  }

  /** @return λ */
  public double lambda() {
    return lambda;
  }

  /** @return number of epochs */
  public int epochs() {
    return epochs;
  }

  /** @return the learning-rate schedule */
  public Schedule schedule() {
    return schedule;
  }

  /** @return the averaging mode */
  public Averaging averaging() {
    return averaging;
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /** @return the number of threads */
  public int parallelism() {
    return parallelism;
  }

  /** @return whether fitted */
  public boolean isFitted() {
    return weights != null;
  }

  /** @return a copy of the class labels, increasing */
  public int[] classes() {
    fitted(OWNER + ".classes");
    return classes.clone();
  }

  /** @return a copy of the weights: one row per binary classifier (K×D, or 1×D for 2 classes) */
  public Matrix weights() {
    fitted(OWNER + ".weights");
    return Matrix.copyOf(biases.length, dimension, weights);
  }

  /** @return a copy of the biases, one per binary classifier */
  public double[] biases() {
    fitted(OWNER + ".biases");
    return biases.clone();
  }

  private void fitted(String owner) {
    if (weights == null) {
      throw NotFittedException.of(owner);
    }
  }

  /**
   * @param x N×D samples; not modified
   * @param labels class of each row (≥ 2 distinct values)
   * @return a fitted classifier
   */
  public SgdClassifier fit(Matrix x, int[] labels) {
    Check.finite(OWNER + ".fit", "x", x);
    return fit(VectorSource.of(x), labels);
  }

  /**
   * @param x samples, read one at a time
   * @param labels class of each sample (≥ 2 distinct values)
   * @return a fitted classifier
   */
  public SgdClassifier fit(VectorSource x, int[] labels) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(labels, "labels");
    int n = x.size();
    if (n == 0) {
      throw new IllegalArgumentException(owner + ": x must have at least 1 sample, got 0");
    }
    if (labels.length != n) {
      throw new DimensionMismatchException(owner + ": labels has length " + labels.length
          + " but x has " + n + " samples");
    }
    TreeSet<Integer> set = new TreeSet<>();
    for (int l : labels) {
      set.add(l);
    }
    if (set.size() < 2) {
      throw new IllegalArgumentException(owner + ": labels must contain at least 2 classes, got "
          + set.size());
    }
    int[] cls = set.stream().mapToInt(Integer::intValue).toArray();
    int problems = cls.length == 2 ? 1 : cls.length;
    int d = x.dimension();
    int[][] perms = new int[epochs][];
    NumpyRandom rng = new NumpyRandom(seed);
    for (int e = 0; e < epochs; e++) {
      perms[e] = rng.permutation(n);
    }
    double[] w = new double[problems * d];
    double[] b = new double[problems];
    Parallel.forEachChunk(problems, 1, parallelism, (from, to) -> {
      for (int k = from; k < to; k++) {
        int positive = problems == 1 ? cls[1] : cls[k];
        trainBinary(x, labels, positive, perms, w, k * d, b, k);
      }
    });
    return new SgdClassifier(toBuilder(), cls, w, b, d);
  }

  private static double dloss(Loss loss, double z) {
    // derivative of L with respect to z
    if (loss == Loss.HINGE) {
      return z < 1 ? -1.0 : 0.0;
    }
    return z > 18 ? -Math.exp(-z) : z < -18 ? -1.0 : -1.0 / (1.0 + Math.exp(z));
  }

  private void trainBinary(VectorSource x, int[] labels, int positive, int[][] perms, double[] wOut,
      int off, double[] bOut, int k) {
    int d = x.dimension();
    int n = x.size();
    double[] v = new double[d];
    double scale = 1.0;
    double bias = 0;
    double[] avg = averaging == Averaging.ASGD ? new double[d] : null;
    double avgBias = 0;
    long averaged = 0;
    double[] buf = new double[d];
    double t0 = 0;
    if (schedule == Schedule.OPTIMAL) {
      // scikit-learn's heuristic: typw = sqrt(1/sqrt(λ)), η0 = typw / max(1, −L'(−typw)), t0 = 1/(η0 λ)
      double typw = Math.sqrt(1.0 / Math.sqrt(lambda));
      double eta0 = typw / Math.max(1.0, -dloss(loss, -typw));
      t0 = 1.0 / (eta0 * lambda);
    }
    long t = 1;
    for (int e = 0; e < perms.length; e++) {
      for (int idx : perms[e]) {
        double eta = schedule == Schedule.OPTIMAL ? 1.0 / (lambda * (t0 + t - 1)) : 1.0 / (lambda * t);
        x.get(idx, buf);
        double y = labels[idx] == positive ? 1.0 : -1.0;
        double dot = 0;
        for (int j = 0; j < d; j++) {
          dot += v[j] * buf[j];
        }
        double z = y * (scale * dot + bias);
        double g = dloss(loss, z);
        scale *= 1.0 - eta * lambda;
        if (scale < MIN_SCALE || !(scale > 0)) {
          // η λ ≥ 1 can make the factor vanish or flip: fold it into v (exact math)
          for (int j = 0; j < d; j++) {
            v[j] *= scale;
          }
          scale = 1.0;
        }
        if (g != 0.0) {
          double step = -eta * g * y / scale;
          for (int j = 0; j < d; j++) {
            v[j] += step * buf[j];
          }
          bias -= eta * g * y;
        }
        if (schedule == Schedule.PEGASOS) {
          // Pegasos projection onto the ball ‖w‖ ≤ 1/√λ that contains the optimum
          double norm2 = 0;
          for (int j = 0; j < d; j++) {
            norm2 += v[j] * v[j];
          }
          double norm = scale * Math.sqrt(norm2);
          double radius = 1.0 / Math.sqrt(lambda);
          if (norm > radius) {
            scale *= radius / norm;
          }
        }
        if (avg != null && e >= 1) {
          averaged++;
          double r = 1.0 / averaged;
          for (int j = 0; j < d; j++) {
            avg[j] += (scale * v[j] - avg[j]) * r;
          }
          avgBias += (bias - avgBias) * r;
        }
        t++;
      }
      LOG.log(Level.DEBUG, () -> OWNER + ": class " + positive + " epoch done");
    }
    for (int j = 0; j < d; j++) {
      wOut[off + j] = avg != null && averaged > 0 ? avg[j] : scale * v[j];
    }
    bOut[k] = avg != null && averaged > 0 ? avgBias : bias;
  }

  /**
   * Decision values of one sample.
   *
   * @param x length-D sample; not modified
   * @return one value per binary classifier
   */
  public double[] decisionFunction(double[] x) {
    fitted(OWNER + ".decisionFunction");
    Check.length(OWNER + ".decisionFunction", "x", x, dimension, "the model has D");
    double[] out = new double[biases.length];
    for (int k = 0; k < biases.length; k++) {
      double s = biases[k];
      for (int j = 0; j < dimension; j++) {
        s += weights[k * dimension + j] * x[j];
      }
      out[k] = s;
    }
    return out;
  }

  /**
   * @param x length-D sample; not modified
   * @return the predicted class label
   */
  public int predict(double[] x) {
    double[] f = decisionFunction(x);
    if (f.length == 1) {
      return f[0] > 0 ? classes[1] : classes[0];
    }
    int arg = 0;
    for (int k = 1; k < f.length; k++) {
      if (f[k] > f[arg]) {
        arg = k;
      }
    }
    return classes[arg];
  }

  /**
   * @param x samples
   * @return the predicted label of each
   */
  public int[] predict(VectorSource x) {
    fitted(OWNER + ".predict");
    if (x.dimension() != dimension) {
      throw new DimensionMismatchException(OWNER + ".predict: x has dimension " + x.dimension()
          + " but the model has D = " + dimension);
    }
    int[] out = new int[x.size()];
    double[] buf = new double[dimension];
    for (int i = 0; i < out.length; i++) {
      x.get(i, buf);
      out[i] = predict(buf);
    }
    return out;
  }

  /**
   * @param x samples
   * @param labels true labels
   * @return the fraction of correct predictions
   */
  public double accuracy(VectorSource x, int[] labels) {
    int[] p = predict(x);
    if (labels.length != p.length) {
      throw new DimensionMismatchException(OWNER + ".accuracy: labels has length " + labels.length
          + " but x has " + p.length + " samples");
    }
    int ok = 0;
    for (int i = 0; i < p.length; i++) {
      ok += p[i] == labels[i] ? 1 : 0;
    }
    return (double) ok / p.length;
  }

  /**
   * Average regularised objective of binary classifier {@code k} on the data.
   *
   * @param x samples
   * @param labels labels
   * @param k binary classifier index
   * @return λ/2‖w‖² + mean loss
   */
  public double objective(VectorSource x, int[] labels, int k) {
    fitted(OWNER + ".objective");
    Check.inClosed(OWNER + ".objective", "k", k, 0, biases.length - 1);
    int positive = biases.length == 1 ? classes[1] : classes[k];
    double[] buf = new double[dimension];
    double total = 0;
    for (int i = 0; i < x.size(); i++) {
      x.get(i, buf);
      double f = biases[k];
      for (int j = 0; j < dimension; j++) {
        f += weights[k * dimension + j] * buf[j];
      }
      double z = (labels[i] == positive ? 1.0 : -1.0) * f;
      total += loss == Loss.HINGE ? Math.max(0, 1 - z)
          : (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z)));
    }
    double norm = 0;
    for (int j = 0; j < dimension; j++) {
      norm += weights[k * dimension + j] * weights[k * dimension + j];
    }
    return 0.5 * lambda * norm + total / x.size();
  }

  @Override
  public String toString() {
    return "SgdClassifier[loss=" + loss + ", lambda=" + lambda + ", epochs=" + epochs + ", schedule="
        + schedule + ", averaging=" + averaging + ", seed=" + seed + ", parallelism=" + parallelism
        + ", fitted=" + isFitted() + (isFitted() ? ", classes=" + Arrays.toString(classes) : "") + "]";
  }
}
