package org.emkit.linear;

import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.internal.Linalg;
import org.emkit.core.validation.Check;

/**
 * Fisher linear discriminant analysis: a projection that maximises between-class scatter
 * relative to within-class scatter, for labelled vectors such as i-vectors.
 *
 * <p><b>Model.</b> With the global mean μ, class means μ_k and sizes n_k:
 *
 * <pre>
 *   S_w = Σ_k Σ_{i∈k} (x_i − μ_k)(x_i − μ_k)ᵀ + ε·I        (within-class scatter, optional ridge ε)
 *   S_b = Σ_k n_k (μ_k − μ)(μ_k − μ)ᵀ                       (between-class scatter)
 *   S_b w = λ S_w w                                         (generalised eigenproblem)
 * </pre>
 *
 * The projection keeps the eigenvectors of the {@code dimension} largest eigenvalues, at most
 * {@code classes − 1} (the rank of S_b), and maps {@code y = (x − μ) W}.
 *
 * <p><b>Algorithm.</b> Cholesky {@code S_w = L Lᵀ}, symmetric eigen-decomposition of
 * {@code L⁻¹ S_b L⁻ᵀ}, back-transformation {@code W = L⁻ᵀ V}. The columns of W are then
 * S_w-orthonormal ({@code Wᵀ S_w W = I}: the projected within-class scatter is the identity,
 * {@link Normalization#WITHIN_CLASS}) or rescaled to unit Euclidean norm
 * ({@link Normalization#UNIT_NORM}, bob.learn.linear's convention). Eigenvector signs are fixed
 * (largest-magnitude component of V positive) so results are deterministic.
 *
 * <p><b>Shapes.</b> x N×D, labels length N (any integers), W D×dimension.
 *
 * <p><b>Parameters.</b> {@code dimension} in [1, classes − 1] (default: classes − 1, capped at D);
 * {@code regularization} ε ≥ 0 (default 0) added to the diagonal of S_w.
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>R. A. Fisher, "The use of multiple measurements in taxonomic problems", Annals of
 *       Eugenics 7(2), 1936. https://doi.org/10.1111/j.1469-1809.1936.tb02137.x
 *   <li>N. Dehak et al., "Front-end factor analysis for speaker verification", IEEE TASLP 19(4),
 *       2011 (LDA + WCCN on i-vectors). https://doi.org/10.1109/TASL.2010.2064307
 * </ol>
 *
 * @see WCCN
 * @see Projection
 */
public final class LDA {

  /** How the discriminant directions are scaled. */
  public enum Normalization {
    /** {@code Wᵀ S_w W = I}: unit within-class scatter in the projected space. */
    WITHIN_CLASS,
    /** Unit Euclidean norm per direction (bob.learn.linear). */
    UNIT_NORM
  }

  private static final String OWNER = "LDA";

  private final int dimension;
  private final double regularization;
  private final Normalization normalization;
  private final Projection projection;
  private final double[] eigenvalues;

  private LDA(int dimension, double regularization, Normalization normalization,
      Projection projection, double[] eigenvalues) {
    this.dimension = dimension;
    this.regularization = regularization;
    this.normalization = normalization;
    this.projection = projection;
    this.eigenvalues = eigenvalues;
  }

  /**
   * @param dimension output dimension, ≥ 1, or 0 for "classes − 1" (the default of {@link #create()})
   * @param regularization ridge ε ≥ 0 added to S_w
   * @param normalization scaling of the directions
   * @return an unfitted LDA
   */
  public static LDA create(int dimension, double regularization, Normalization normalization) {
    Check.atLeast(OWNER, "dimension", dimension, 0);
    Check.nonNegative(OWNER, "regularization", regularization);
    return new LDA(dimension, regularization, Objects.requireNonNull(normalization, "normalization"),
        null, null);
  }

  /**
   * A fitted LDA from stored parameters (for a model read back from a file).
   *
   * @param projection the fitted affine map (mean in {@code inputSubtract}, D×K directions in
   *     {@code weights})
   * @param eigenvalues the K kept generalised eigenvalues, largest first, finite; copied
   * @param dimension the requested dimension: 0 ("classes − 1") or K
   * @param regularization the ridge ε ≥ 0 that was added to S_w
   * @param normalization the scaling of the directions
   * @return the fitted LDA
   * @throws IllegalArgumentException if a value is out of range, or {@code dimension} is
   *     neither 0 nor K
   * @throws org.emkit.core.DimensionMismatchException if {@code eigenvalues} does not have K
   *     entries
   */
  public static LDA fromParameters(Projection projection, double[] eigenvalues, int dimension,
      double regularization, Normalization normalization) {
    String owner = OWNER + ".fromParameters";
    Objects.requireNonNull(projection, "projection");
    Objects.requireNonNull(eigenvalues, "eigenvalues");
    Objects.requireNonNull(normalization, "normalization");
    int k = projection.outputDimension();
    Check.atLeast(owner, "projection.outputDimension", k, 1);
    Check.length(owner, "eigenvalues", eigenvalues, k, "the projection has K columns");
    Check.finite(owner, "eigenvalues", eigenvalues);
    if (dimension != 0 && dimension != k) {
      throw new IllegalArgumentException(owner + ": dimension must be 0 or the projection's K = "
          + k + ", got " + dimension);
    }
    Check.nonNegative(owner, "regularization", regularization);
    Check.finite(owner, "regularization", regularization);
    return new LDA(dimension, regularization, normalization, projection, eigenvalues.clone());
  }

  /** @return an unfitted LDA keeping classes − 1 directions, no ridge, WITHIN_CLASS scaling */
  public static LDA create() {
    return create(0, 0.0, Normalization.WITHIN_CLASS);
  }

  /**
   * @param x N×D vectors; not modified
   * @param labels class of each row (≥ 2 distinct)
   * @return a fitted LDA
   * @throws NumericalFailureException if S_w is singular (remedy: regularisation or PCA first)
   */
  public LDA fit(Matrix x, int[] labels) {
    String owner = OWNER + ".fit";
    ClassScatter cs = ClassScatter.of(owner, x, labels);
    int d = cs.numFeatures;
    int classes = cs.numClasses;
    if (classes < 2) {
      throw new IllegalArgumentException(owner + ": labels must contain at least 2 classes, got "
          + classes);
    }
    int maxDim = Math.min(classes - 1, d);
    int dim = dimension == 0 ? maxDim : dimension;
    if (dim > maxDim) {
      throw new IllegalArgumentException(owner + ": dimension must be in [1, min(classes − 1, D) = "
          + maxDim + "], got " + dim);
    }
    double[] sw = cs.within(false);
    double[] sb = cs.between();
    for (int p = 0; p < d; p++) {
      sw[p * d + p] += regularization;
    }
    double[] l = Linalg.choleskyLower(sw, d);
    if (l == null) {
      throw new NumericalFailureException(owner + ": within-class scatter is not positive definite"
          + " (Cholesky failed); use regularization > 0, reduce the dimension with PCA first, or"
          + " provide more samples per class than features");
    }
    double[] linv = Linalg.invert(l, d);
    // M = L⁻¹ S_b L⁻ᵀ
    double[] tmp = new double[d * d];
    double[] m = new double[d * d];
    for (int p = 0; p < d; p++) {
      for (int q = 0; q < d; q++) {
        double s = 0;
        for (int r = 0; r < d; r++) {
          s += linv[p * d + r] * sb[r * d + q];
        }
        tmp[p * d + q] = s;
      }
    }
    for (int p = 0; p < d; p++) {
      for (int q = 0; q < d; q++) {
        double s = 0;
        for (int r = 0; r < d; r++) {
          s += tmp[p * d + r] * linv[q * d + r];
        }
        m[p * d + q] = s;
      }
    }
    Linalg.SymmetricEigen eig = Linalg.symmetricEigen(m, d);
    if (eig == null) {
      throw new NumericalFailureException(owner + ": eigen-decomposition did not converge; check"
          + " the data for extreme values");
    }
    // W = L⁻ᵀ V (first dim columns)
    double[] w = new double[d * dim];
    for (int p = 0; p < d; p++) {
      for (int c = 0; c < dim; c++) {
        double s = 0;
        for (int r = 0; r < d; r++) {
          s += linv[r * d + p] * eig.vectors[r * d + c];
        }
        w[p * dim + c] = s;
      }
    }
    if (normalization == Normalization.UNIT_NORM) {
      for (int c = 0; c < dim; c++) {
        double norm = 0;
        for (int p = 0; p < d; p++) {
          norm += w[p * dim + c] * w[p * dim + c];
        }
        norm = Math.sqrt(norm);
        for (int p = 0; p < d; p++) {
          w[p * dim + c] /= norm;
        }
      }
    }
    return new LDA(dimension, regularization, normalization,
        new Projection(cs.mean, cs.ones(), Matrix.wrap(d, dim, w)), java.util.Arrays.copyOf(eig.values, dim));
  }

  /** @return whether fitted */
  public boolean isFitted() {
    return projection != null;
  }

  /** @return the requested dimension (0 = classes − 1) */
  public int dimension() {
    return dimension;
  }

  /** @return the ridge added to S_w */
  public double regularization() {
    return regularization;
  }

  /** @return the scaling of the directions */
  public Normalization normalization() {
    return normalization;
  }

  /** @return a copy of the kept generalised eigenvalues (largest first) */
  public double[] eigenvalues() {
    Projection.fitted(projection, OWNER + ".eigenvalues");
    return eigenvalues.clone();
  }

  /** @return the fitted affine map (subtract the mean, multiply by W) */
  public Projection projection() {
    return Projection.fitted(projection, OWNER + ".projection");
  }

  /**
   * @param x N×D; not modified
   * @return {@code (x − μ) W}, N×dimension
   */
  public Matrix transform(Matrix x) {
    return Projection.fitted(projection, OWNER + ".transform").apply(OWNER + ".transform", x);
  }

  @Override
  public String toString() {
    return "LDA[dimension=" + dimension + ", regularization=" + regularization + ", normalization="
        + normalization + ", fitted=" + isFitted() + "]";
  }
}
