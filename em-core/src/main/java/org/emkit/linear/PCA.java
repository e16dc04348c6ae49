package org.emkit.linear;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.internal.Parallel;
import org.emkit.core.validation.Check;

/**
 * Principal component analysis: projects centred data onto the directions of largest variance,
 * optionally whitened (used to reduce local image descriptors before Fisher-vector or VLAD
 * encoding).
 *
 * <p><b>Model.</b> With the sample mean μ and the unbiased covariance
 * \( \Sigma = \frac{1}{N-1} \sum_i (x_i - \mu)(x_i - \mu)^\top = V \Lambda V^\top \)
 * (eigenvalues \( \lambda_1 \ge \dots \ge \lambda_D \ge 0 \), orthonormal eigenvectors
 * \( v_k \)), the transform keeps the first K components:
 * \[ y_k = v_k^\top (x - \mu) \quad\text{or, whitened,}\quad y_k = v_k^\top (x - \mu) /
 * \sqrt{\lambda_k}. \]
 * Then \( \mathrm{cov}(y) = \mathrm{diag}(\lambda_1..\lambda_K) \), or the identity when
 * whitened.
 *
 * <p><b>Algorithm.</b> Two passes over the data: the mean, then the scatter matrix
 * \( \sum_i (x_i-\mu)(x_i-\mu)^\top \) of the centred rows (no raw-moment cancellation).
 * {@link Solver#COVARIANCE_EIGEN} (default) takes the symmetric eigendecomposition of the D×D
 * covariance (EJML); it costs O(N D²) and O(D²) memory, and its absolute eigenvalue error is
 * about {@code D·eps·λ_1}, so eigenvalues much smaller than that are not resolved.
 * {@link Solver#SVD} takes the thin SVD of the N×D centred data \( X_c = U S V^\top \),
 * \( \lambda_k = s_k^2/(N-1) \): more accurate for ill-conditioned data, but it copies the data
 * (O(N D) memory). Components are sorted by decreasing eigenvalue, and the sign of each
 * component is fixed so that its entry of largest magnitude is positive (scikit-learn's
 * {@code svd_flip} convention), which makes the result deterministic.
 *
 * <p><b>Shapes and layout.</b> {@code x} is N×D row-major; {@link #components()} is K×D (one
 * principal axis per row, scikit-learn's {@code components_}); {@link #mean()} length D;
 * {@link #explainedVariance()} length K; {@link #transform(Matrix)} N×K;
 * {@link #inverseTransform(Matrix)} N×D.
 *
 * <p><b>Parameters.</b>
 *
 * <ul>
 *   <li>{@code numComponents} K, in [1, min(N, D)] (checked against D and N at fit time).
 *   <li>{@code scaling}: {@link Scaling#NONE} (default) or {@link Scaling#WHITEN}. Whitening
 *       fails with {@link NumericalFailureException} if a kept eigenvalue is not above
 *       {@link #WHITEN_RELATIVE_FLOOR}·λ₁.
 *   <li>{@code solver}: {@link Solver#COVARIANCE_EIGEN} (default) or {@link Solver#SVD}.
 *   <li>{@code parallelism}: threads for the two data passes of the covariance solver, ≥ 1
 *       (default 1).
 * </ul>
 *
 * <p><b>Reproducibility and threads.</b> No randomness. The data passes run on fixed
 * 1024-row chunks merged in chunk order, so the fitted model is bitwise identical for every
 * {@code parallelism}. Instances are immutable and thread-safe; {@code fit} returns a new
 * instance.
 *
 * <p><b>Compatibility.</b> Same mean, components (up to the documented sign rule), explained
 * variance (unbiased, N − 1) and whitening as scikit-learn's {@code PCA(whiten=...)} with the
 * full solver. bob.learn.linear's {@code PCATrainer} returns the same axes as the columns of a
 * D×K matrix.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>I. T. Jolliffe, "Principal Component Analysis", 2nd ed., Springer, 2002.
 *       https://doi.org/10.1007/b98835
 *   <li>J. Sánchez, F. Perronnin, T. Mensink, J. Verbeek, "Image Classification with the Fisher
 *       Vector: Theory and Practice", IJCV 105(3), 2013 (PCA of local descriptors before
 *       encoding). https://doi.org/10.1007/s11263-013-0636-x
 * </ol>
 *
 * @see Whitening
 * @see Projection
 */
public final class PCA {

  /** Whether projected coordinates are scaled to unit variance. */
  public enum Scaling {
    /** \( y = V_K^\top (x - \mu) \): variance λ_k along component k. */
    NONE,
    /** \( y_k = v_k^\top (x - \mu)/\sqrt{\lambda_k} \): unit variance along every component. */
    WHITEN
  }

  /** How the principal axes are computed. */
  public enum Solver {
    /** Symmetric eigendecomposition of the D×D covariance (O(N D²), O(D²) memory). */
    COVARIANCE_EIGEN,
    /** Thin SVD of the N×D centred data (more accurate, O(N D) extra memory). */
    SVD
  }

  /**
   * Whitening refuses eigenvalues at or below this fraction of the largest one: below it the
   * eigenvalue is at the level of the covariance's rounding error (about D·eps·λ₁) and its
   * direction is noise, so dividing by its square root would amplify noise without bound.
   */
  public static final double WHITEN_RELATIVE_FLOOR = 1e-12;

  /** Rows per chunk of the data passes; fixed so results do not depend on the thread count. */
  static final int CHUNK_ROWS = 1024;

  private static final String OWNER = "PCA";

  private final int numComponents;
  private final Scaling scaling;
  private final Solver solver;
  private final int parallelism;
  // fitted state (null when unfitted)
  private final double[] mean;
  private final double[] components;
  private final double[] explainedVariance;
  private final double totalVariance;
  private final Projection projection;

  private PCA(Builder b, double[] mean, double[] components, double[] explainedVariance,
      double totalVariance) {
    this.numComponents = b.numComponents;
    this.scaling = b.scaling;
    this.solver = b.solver;
    this.parallelism = b.parallelism;
    this.mean = mean;
    this.components = components;
    this.explainedVariance = explainedVariance;
    this.totalVariance = totalVariance;
    this.projection = mean == null ? null : buildProjection(b.scaling);
  }

  /**
   * @param numComponents K, {@code >= 1}
   * @return a builder (scaling NONE, solver COVARIANCE_EIGEN, parallelism 1)
   */
  public static Builder builder(int numComponents) {
    return new Builder(numComponents);
  }

  /**
   * A fitted PCA from stored parameters.
   *
   * @param mean μ, length D; copied
   * @param components K×D principal axes (rows); copied, not re-orthonormalised
   * @param explainedVariance λ_1..λ_K, length K, non-negative (positive for WHITEN); copied
   * @param scaling NONE or WHITEN
   * @return the fitted transform (its explained-variance ratio is relative to Σλ_k over the
   *     kept components, since the total variance is not stored)
   */
  public static PCA fromParameters(double[] mean, Matrix components, double[] explainedVariance,
      Scaling scaling) {
    String owner = OWNER + ".fromParameters";
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(components, "components");
    Objects.requireNonNull(explainedVariance, "explainedVariance");
    Builder b = new Builder(components.rows()).scaling(scaling);
    if (components.cols() != mean.length) {
      throw new DimensionMismatchException(owner + ": components has shape " + components.rows()
          + "x" + components.cols() + " but mean has length D = " + mean.length);
    }
    Check.length(owner, "explainedVariance", explainedVariance, components.rows(),
        "components has K rows");
    Check.finite(owner, "mean", mean);
    Check.finite(owner, "components", components);
    Check.finite(owner, "explainedVariance", explainedVariance);
    Check.nonNegative(owner, "explainedVariance", explainedVariance);
    double total = 0;
    for (double v : explainedVariance) {
      total += v;
    }
    double[] ev = explainedVariance.clone();
    if (scaling == Scaling.WHITEN) {
      checkWhitenable(owner, ev);
    }
    return new PCA(b, mean.clone(), components.toArray(), ev, total);
  }

  /** Builder of {@link PCA}; each setter validates its value. */
  public static final class Builder {
    private final int numComponents;
    private Scaling scaling = Scaling.NONE;
    private Solver solver = Solver.COVARIANCE_EIGEN;
    private int parallelism = 1;

    private Builder(int numComponents) {
      this.numComponents = Check.atLeast(OWNER, "numComponents", numComponents, 1);
    }

    /**
     * @param scaling NONE (default) or WHITEN
     * @return this
     */
    public Builder scaling(Scaling scaling) {
      this.scaling = Objects.requireNonNull(scaling, "scaling");
      return this;
    }

    /**
     * @param solver COVARIANCE_EIGEN (default) or SVD
     * @return this
     */
    public Builder solver(Solver solver) {
      this.solver = Objects.requireNonNull(solver, "solver");
      return this;
    }

    /**
     * @param parallelism threads of the covariance passes, {@code >= 1} (default 1)
     * @return this
     */
    public Builder parallelism(int parallelism) {
      this.parallelism = Check.atLeast(OWNER, "parallelism", parallelism, 1);
      return this;
    }

    /** @return an unfitted PCA */
    public PCA build() {
      return new PCA(this, null, null, null, 0);
    }

    /**
     * A fitted PCA with this builder's settings and stored parameters (for a model read back
     * from a file; unlike {@link PCA#fromParameters} it keeps the solver, the parallelism and
     * the total variance, so the explained-variance ratio is reproduced).
     *
     * @param mean μ, length D; copied
     * @param components K×D principal axes (rows), K = {@code numComponents}; copied
     * @param explainedVariance λ_1..λ_K, non-negative (positive for WHITEN); copied
     * @param totalVariance the total variance of the training data (trace of Σ), finite,
     *     {@code >= 0}
     * @return the fitted PCA
     * @throws DimensionMismatchException if a shape disagrees with K or D
     * @throws IllegalArgumentException if a value is out of range
     * @throws NumericalFailureException if WHITEN meets a kept eigenvalue that is numerically
     *     zero
     */
    public PCA buildFitted(double[] mean, Matrix components, double[] explainedVariance,
        double totalVariance) {
      String owner = OWNER + ".Builder.buildFitted";
      Objects.requireNonNull(mean, "mean");
      Objects.requireNonNull(components, "components");
      Objects.requireNonNull(explainedVariance, "explainedVariance");
      Check.atLeast(owner, "mean.length", mean.length, 1);
      Check.shape(owner, "components", components, numComponents, mean.length);
      Check.length(owner, "explainedVariance", explainedVariance, numComponents,
          "numComponents");
      Check.finite(owner, "mean", mean);
      Check.finite(owner, "components", components);
      Check.finite(owner, "explainedVariance", explainedVariance);
      Check.nonNegative(owner, "explainedVariance", explainedVariance);
      Check.finite(owner, "totalVariance", totalVariance);
      Check.nonNegative(owner, "totalVariance", totalVariance);
      double[] ev = explainedVariance.clone();
      if (scaling == Scaling.WHITEN) {
        checkWhitenable(owner, ev);
      }
      return new PCA(this, mean.clone(), components.toArray(), ev, totalVariance);
    }
  }

  private Builder toBuilder() {
    return new Builder(numComponents).scaling(scaling).solver(solver).parallelism(parallelism);
  }

  // ------------------------------------------------------------------------------------------
  // fit

  /**
   * Learns the mean and the principal axes of {@code x}.
   *
   * @param x N×D training data, N ≥ 2; not modified
   * @return a new fitted PCA with the same hyperparameters
   * @throws IllegalArgumentException if x has fewer than 2 rows, is not finite, or
   *     {@code numComponents} exceeds D or N
   * @throws NumericalFailureException if whitening meets an eigenvalue that is numerically zero
   */
  public PCA fit(Matrix x) {
    String owner = OWNER + ".fit";
    Check.nonEmpty(owner, "x", x);
    int n = x.rows();
    int d = x.cols();
    if (n < 2) {
      throw new IllegalArgumentException(owner + ": x must have at least 2 rows for an unbiased"
          + " covariance, got " + n);
    }
    if (numComponents > d) {
      throw new IllegalArgumentException(owner + ": numComponents (" + numComponents
          + ") exceeds number of features D (" + d + ")");
    }
    if (numComponents > n) {
      throw new IllegalArgumentException(owner + ": numComponents (" + numComponents
          + ") exceeds number of samples N (" + n + ")");
    }
    Check.finite(owner, "x", x);
    double[] mu = mean(x, parallelism);
    double[] eigenvalues = new double[d];
    double[] axes = new double[d * d]; // row k = k-th axis, unsorted
    int found;
    if (solver == Solver.COVARIANCE_EIGEN) {
      found = covarianceEigen(owner, x, mu, eigenvalues, axes);
    } else {
      found = dataSvd(owner, x, mu, eigenvalues, axes);
    }
    double total = 0;
    for (int k = 0; k < found; k++) {
      total += Math.max(0.0, eigenvalues[k]);
    }
    // sort by decreasing eigenvalue (stable: ties keep the decomposition's order)
    Integer[] order = new Integer[found];
    for (int k = 0; k < found; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Double.compare(eigenvalues[b], eigenvalues[a]));
    double[] comps = new double[numComponents * d];
    double[] ev = new double[numComponents];
    for (int k = 0; k < numComponents; k++) {
      int src = order[k];
      // negative eigenvalues of a PSD matrix are rounding noise
      ev[k] = Math.max(0.0, eigenvalues[src]);
      int arg = 0;
      for (int j = 1; j < d; j++) {
        if (Math.abs(axes[src * d + j]) > Math.abs(axes[src * d + arg])) {
          arg = j;
        }
      }
      double sign = axes[src * d + arg] < 0 ? -1.0 : 1.0;
      for (int j = 0; j < d; j++) {
        comps[k * d + j] = sign * axes[src * d + j];
      }
    }
    if (scaling == Scaling.WHITEN) {
      checkWhitenable(owner, ev);
    }
    return new PCA(toBuilder(), mu, comps, ev, total);
  }

  private static void checkWhitenable(String owner, double[] ev) {
    double largest = 0;
    for (double v : ev) {
      largest = Math.max(largest, v);
    }
    for (int k = 0; k < ev.length; k++) {
      if (!(ev[k] > WHITEN_RELATIVE_FLOOR * largest) || !(ev[k] > 0)) {
        throw new NumericalFailureException(owner + ": explained variance of component " + k
            + " is " + ev[k] + " (not above " + WHITEN_RELATIVE_FLOOR + " times the largest, "
            + largest + "); whitening would divide by a numerically zero variance. Reduce"
            + " numComponents or use Scaling.NONE");
      }
    }
  }

  private static double[] mean(Matrix x, int parallelism) {
    int n = x.rows();
    int d = x.cols();
    double[] a = x.data();
    // mean = (1/N) Σ_i x_i, chunk sums merged in chunk order
    double[] sum = Parallel.reduce(n, CHUNK_ROWS, parallelism, () -> new double[d],
        acc -> Arrays.fill(acc, 0.0),
        (chunk, from, to, acc) -> {
          for (int i = from; i < to; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
              acc[j] += a[o + j];
            }
          }
        },
        (into, from) -> {
          for (int j = 0; j < d; j++) {
            into[j] += from[j];
          }
        });
    for (int j = 0; j < d; j++) {
      sum[j] /= n;
    }
    return sum;
  }

  /** Scratch of one chunk: its centred rows and the chunk's scatter matrix. */
  private static final class ScatterChunk {
    final DMatrixRMaj rows;
    final DMatrixRMaj scatter;

    ScatterChunk(int d) {
      rows = new DMatrixRMaj(CHUNK_ROWS, d);
      scatter = new DMatrixRMaj(d, d);
    }
  }

  private int covarianceEigen(String owner, Matrix x, double[] mu, double[] eigenvalues,
      double[] axes) {
    int n = x.rows();
    int d = x.cols();
    double[] a = x.data();
    // S = Σ_i (x_i − μ)(x_i − μ)ᵀ; per chunk S_c = X_cᵀ X_c of the centred rows (EJML)
    ScatterChunk total = Parallel.reduce(n, CHUNK_ROWS, parallelism, () -> new ScatterChunk(d),
        acc -> acc.scatter.zero(),
        (chunk, from, to, acc) -> {
          int rows = to - from;
          acc.rows.reshape(rows, d, false);
          double[] buf = acc.rows.data;
          for (int i = 0; i < rows; i++) {
            int o = (from + i) * d;
            for (int j = 0; j < d; j++) {
              buf[i * d + j] = a[o + j] - mu[j];
            }
          }
          CommonOps_DDRM.multTransA(acc.rows, acc.rows, acc.scatter);
        },
        (into, from) -> CommonOps_DDRM.addEquals(into.scatter, from.scatter));
    DMatrixRMaj cov = total.scatter;
    CommonOps_DDRM.scale(1.0 / (n - 1), cov);
    // exact symmetry for the symmetric solver
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        double v = 0.5 * (cov.get(i, j) + cov.get(j, i));
        cov.set(i, j, v);
        cov.set(j, i, v);
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(cov.copy())) {
      throw new NumericalFailureException(owner + ": the symmetric eigendecomposition of the"
          + " covariance did not converge; check the data scale or use Solver.SVD");
    }
    int found = eig.getNumberOfEigenvalues();
    for (int k = 0; k < found; k++) {
      eigenvalues[k] = eig.getEigenvalue(k).getReal();
      DMatrixRMaj v = eig.getEigenVector(k);
      if (v == null) {
        throw new NumericalFailureException(owner + ": no eigenvector for eigenvalue " + k
            + "; use Solver.SVD");
      }
      double norm = 0;
      for (int j = 0; j < d; j++) {
        norm += v.get(j) * v.get(j);
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < d; j++) {
        axes[k * d + j] = v.get(j) / norm;
      }
    }
    return found;
  }

  private static int dataSvd(String owner, Matrix x, double[] mu, double[] eigenvalues,
      double[] axes) {
    int n = x.rows();
    int d = x.cols();
    double[] a = x.data();
    double[] centred = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred[i * d + j] = a[i * d + j] - mu[j];
      }
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(n, d, false, true, true);
    if (!svd.decompose(DMatrixRMaj.wrap(n, d, centred))) {
      throw new NumericalFailureException(owner + ": the SVD of the centred data did not"
          + " converge; check the data for extreme values");
    }
    double[] s = svd.getSingularValues();
    int found = svd.numberOfSingularValues();
    DMatrixRMaj vt = svd.getV(null, true); // rows are right singular vectors
    for (int k = 0; k < found; k++) {
      eigenvalues[k] = s[k] * s[k] / (n - 1);
      for (int j = 0; j < d; j++) {
        axes[k * d + j] = vt.get(k, j);
      }
    }
    return found;
  }

  private Projection buildProjection(Scaling s) {
    int d = mean.length;
    int k = numComponents;
    double[] w = new double[d * k];
    for (int c = 0; c < k; c++) {
      double scale = s == Scaling.WHITEN ? 1.0 / Math.sqrt(explainedVariance[c]) : 1.0;
      for (int j = 0; j < d; j++) {
        w[j * k + c] = components[c * d + j] * scale;
      }
    }
    double[] ones = new double[d];
    Arrays.fill(ones, 1.0);
    return new Projection(mean, ones, Matrix.wrap(d, k, w));
  }

  // ------------------------------------------------------------------------------------------
  // transform

  private void requireFitted(String owner) {
    if (mean == null) {
      throw NotFittedException.of(owner);
    }
  }

  /**
   * Projects onto the kept components.
   *
   * @param x N×D; not modified
   * @return N×K coordinates (whitened if {@link Scaling#WHITEN})
   * @throws DimensionMismatchException if x does not have D columns
   */
  public Matrix transform(Matrix x) {
    String owner = OWNER + ".transform";
    requireFitted(owner);
    Objects.requireNonNull(x, "x");
    return projection.apply(owner, x);
  }

  /**
   * Maps coordinates back to the input space: \( x = \mu + \sum_k y_k \sqrt{\lambda_k}^{[w]}
   * v_k \) (the factor only when whitened). Exact for K = D; otherwise the projection onto the
   * kept subspace.
   *
   * @param y N×K coordinates; not modified
   * @return N×D reconstructions
   */
  public Matrix inverseTransform(Matrix y) {
    String owner = OWNER + ".inverseTransform";
    requireFitted(owner);
    Objects.requireNonNull(y, "y");
    Check.columns(owner, "y", y, numComponents, "the model has K");
    Check.finite(owner, "y", y);
    int n = y.rows();
    int d = mean.length;
    int k = numComponents;
    double[] b = y.data();
    double[] out = new double[Math.multiplyExact(n, d)];
    for (int i = 0; i < n; i++) {
      int o = i * d;
      System.arraycopy(mean, 0, out, o, d);
      for (int c = 0; c < k; c++) {
        double coef = b[i * k + c];
        if (scaling == Scaling.WHITEN) {
          coef *= Math.sqrt(explainedVariance[c]);
        }
        int co = c * d;
        for (int j = 0; j < d; j++) {
          out[o + j] += coef * components[co + j];
        }
      }
    }
    return Matrix.wrap(n, d, out);
  }

  // ------------------------------------------------------------------------------------------
  // accessors

  /** @return K */
  public int numComponents() {
    return numComponents;
  }

  /** @return D, or 0 if unfitted */
  public int numFeatures() {
    return mean == null ? 0 : mean.length;
  }

  /** @return the scaling */
  public Scaling scaling() {
    return scaling;
  }

  /** @return the solver */
  public Solver solver() {
    return solver;
  }

  /** @return threads of the data passes */
  public int parallelism() {
    return parallelism;
  }

  /** @return whether fitted */
  public boolean isFitted() {
    return mean != null;
  }

  /** @return a copy of μ, length D */
  public double[] mean() {
    requireFitted(OWNER + ".mean");
    return mean.clone();
  }

  /** @return a copy of the principal axes, K×D (orthonormal rows, decreasing variance) */
  public Matrix components() {
    requireFitted(OWNER + ".components");
    return Matrix.copyOf(numComponents, mean.length, components);
  }

  /** @return a copy of λ_1..λ_K (unbiased variance along each kept axis) */
  public double[] explainedVariance() {
    requireFitted(OWNER + ".explainedVariance");
    return explainedVariance.clone();
  }

  /**
   * @return the total variance of the training data (trace of Σ), or Σλ_k over the kept
   *     components for a PCA made by {@link #fromParameters}
   */
  public double totalVariance() {
    requireFitted(OWNER + ".totalVariance");
    return totalVariance;
  }

  /** @return λ_k divided by the total variance of the training data (trace of Σ), length K */
  public double[] explainedVarianceRatio() {
    requireFitted(OWNER + ".explainedVarianceRatio");
    double[] r = new double[numComponents];
    for (int k = 0; k < numComponents; k++) {
      r[k] = totalVariance > 0 ? explainedVariance[k] / totalVariance : 0.0;
    }
    return r;
  }

  /** @return the fitted affine map (D×K weights) */
  public Projection projection() {
    requireFitted(OWNER + ".projection");
    return projection;
  }

  @Override
  public String toString() {
    return "PCA[numComponents=" + numComponents + ", scaling=" + scaling + ", solver=" + solver
        + ", parallelism=" + parallelism + ", fitted=" + isFitted()
        + (isFitted() ? ", D=" + mean.length : "") + "]";
  }
}
