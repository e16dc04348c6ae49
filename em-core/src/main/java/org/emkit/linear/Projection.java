package org.emkit.linear;

import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.validation.Check;

/**
 * An affine projection \( y = ((x - s) / q)\, W \) with an input shift s, an input scale q and a
 * D×K weight matrix W: the fitted state of {@link Whitening}, {@link WCCN} and the other linear
 * transforms (bob.learn.linear's {@code Machine}: {@code input_subtract}, {@code input_divide},
 * {@code weights}).
 *
 * <p>Shapes: x is N×D, W is D×K row-major, the result N×K. Immutable and thread-safe.
 */
public final class Projection {

  private final double[] inputSubtract;
  private final double[] inputDivide;
  private final Matrix weights;

  /**
   * @param inputSubtract s, length D; copied
   * @param inputDivide q, length D, non-zero; copied
   * @param weights W, D×K; copied
   */
  public Projection(double[] inputSubtract, double[] inputDivide, Matrix weights) {
    Objects.requireNonNull(weights, "weights");
    int d = weights.rows();
    Check.length("Projection", "inputSubtract", inputSubtract, d, "weights has D rows");
    Check.length("Projection", "inputDivide", inputDivide, d, "weights has D rows");
    Check.finite("Projection", "inputSubtract", inputSubtract);
    Check.finite("Projection", "inputDivide", inputDivide);
    for (int j = 0; j < d; j++) {
      if (inputDivide[j] == 0) {
        throw new IllegalArgumentException("Projection: inputDivide[" + j + "] must be non-zero,"
            + " got 0.0");
      }
    }
    Check.finite("Projection", "weights", weights);
    this.inputSubtract = inputSubtract.clone();
    this.inputDivide = inputDivide.clone();
    this.weights = Matrix.copyOf(weights.rows(), weights.cols(), weights.data());
  }

  /** @return input dimension D */
  public int inputDimension() {
    return weights.rows();
  }

  /** @return output dimension K */
  public int outputDimension() {
    return weights.cols();
  }

  /** @return a copy of s */
  public double[] inputSubtract() {
    return inputSubtract.clone();
  }

  /** @return a copy of q */
  public double[] inputDivide() {
    return inputDivide.clone();
  }

  /** @return a copy of W (D×K) */
  public Matrix weights() {
    return Matrix.copyOf(weights.rows(), weights.cols(), weights.data());
  }

  /**
   * The fitted projection of a transform ({@link LDA}, {@link WCCN}, {@link Whitening} hold
   * {@code null} until fitted).
   *
   * @param p the transform's projection, or {@code null}
   * @param owner {@code Class.method} for the message
   * @return {@code p}
   * @throws NotFittedException if {@code p} is {@code null}
   */
  static Projection fitted(Projection p, String owner) {
    if (p == null) {
      throw NotFittedException.of(owner);
    }
    return p;
  }

  /**
   * @param owner caller for messages
   * @param x N×D; not modified
   * @return N×K projection
   */
  Matrix apply(String owner, Matrix x) {
    Check.columns(owner, "x", x, weights.rows(), "the projection has D");
    Check.finite(owner, "x", x);
    int n = x.rows();
    int d = weights.rows();
    int k = weights.cols();
    double[] a = x.data();
    double[] w = weights.data();
    double[] out = new double[Math.multiplyExact(n, k)];
    double[] row = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        row[j] = (a[i * d + j] - inputSubtract[j]) / inputDivide[j];
      }
      // out[i, :] = Σ_j row[j] W[j, :]
      for (int j = 0; j < d; j++) {
        double r = row[j];
        int wo = j * k;
        int oo = i * k;
        for (int q = 0; q < k; q++) {
          out[oo + q] += r * w[wo + q];
        }
      }
    }
    return Matrix.wrap(n, k, out);
  }

  /**
   * @param x N×D; not modified
   * @return N×K
   */
  public Matrix transform(Matrix x) {
    return apply("Projection.transform", x);
  }

  /**
   * @param x one vector of length D; not modified
   * @return the projected vector of length K
   */
  public double[] transform(double[] x) {
    return apply("Projection.transform", Matrix.rowVector(x)).data();
  }
}
