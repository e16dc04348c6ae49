package org.emkit.linear;

import java.util.Objects;
import java.util.TreeMap;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Class statistics of labelled vectors shared by {@link WCCN}, {@link LDA} and
 * {@link Whitening} (one class): class index (labels in increasing order), counts, class means,
 * global mean, and two-pass scatter matrices.
 *
 * <pre>
 *   within(perClassNormalised = false) = Σ_k Σ_{i∈k} (x_i − μ_k)(x_i − μ_k)ᵀ
 *   within(perClassNormalised = true)  = Σ_k (1/n_k) Σ_{i∈k} (x_i − μ_k)(x_i − μ_k)ᵀ
 *   between                            = Σ_k n_k (μ_k − μ)(μ_k − μ)ᵀ
 * </pre>
 *
 * Matrices are D×D row-major and exactly symmetric.
 */
final class ClassScatter {

  final int numFeatures;
  final int numClasses;
  final int[] classOf;
  final double[] counts;
  final double[] classMeans;
  final double[] mean;
  private final double[] x;
  private final int n;

  private ClassScatter(Matrix x, int[] classOf, int numClasses) {
    this.x = x.data();
    this.n = x.rows();
    this.numFeatures = x.cols();
    this.classOf = classOf;
    this.numClasses = numClasses;
    int d = numFeatures;
    counts = new double[numClasses];
    classMeans = new double[numClasses * d];
    mean = new double[d];
    for (int i = 0; i < n; i++) {
      int c = classOf[i];
      counts[c]++;
      for (int j = 0; j < d; j++) {
        classMeans[c * d + j] += this.x[i * d + j];
        mean[j] += this.x[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int c = 0; c < numClasses; c++) {
      for (int j = 0; j < d; j++) {
        classMeans[c * d + j] /= counts[c];
      }
    }
  }

  /**
   * Validates and indexes labelled data.
   *
   * @param owner caller for messages
   * @param x N×D, N ≥ 1, finite
   * @param labels length N, any integers
   * @return the statistics
   */
  static ClassScatter of(String owner, Matrix x, int[] labels) {
    Check.nonEmpty(owner, "x", x);
    Check.finite(owner, "x", x);
    Objects.requireNonNull(labels, "labels");
    if (labels.length != x.rows()) {
      throw new DimensionMismatchException(owner + ": labels has length " + labels.length
          + " but x has N = " + x.rows() + " rows");
    }
    TreeMap<Integer, Integer> index = new TreeMap<>();
    for (int l : labels) {
      index.put(l, 0);
    }
    int k = 0;
    for (var e : index.entrySet()) {
      e.setValue(k++);
    }
    int[] classOf = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      classOf[i] = index.get(labels[i]);
    }
    return new ClassScatter(x, classOf, k);
  }

  /**
   * @param owner caller for messages
   * @param x N×D, N ≥ 1, finite
   * @return the statistics of a single class
   */
  static ClassScatter oneClass(String owner, Matrix x) {
    Check.nonEmpty(owner, "x", x);
    Check.finite(owner, "x", x);
    return new ClassScatter(x, new int[x.rows()], 1);
  }

  /**
   * @param perClassNormalised whether each class's scatter is divided by its size
   * @return the within-class scatter, D×D
   */
  double[] within(boolean perClassNormalised) {
    int d = numFeatures;
    double[] s = new double[d * d];
    double[] row = new double[d];
    for (int i = 0; i < n; i++) {
      int c = classOf[i];
      double scale = perClassNormalised ? 1.0 / counts[c] : 1.0;
      for (int j = 0; j < d; j++) {
        row[j] = x[i * d + j] - classMeans[c * d + j];
      }
      for (int p = 0; p < d; p++) {
        for (int q = 0; q <= p; q++) {
          s[p * d + q] += scale * row[p] * row[q];
        }
      }
    }
    return mirror(s, d);
  }

  /** @return the between-class scatter, D×D */
  double[] between() {
    int d = numFeatures;
    double[] s = new double[d * d];
    double[] row = new double[d];
    for (int c = 0; c < numClasses; c++) {
      for (int j = 0; j < d; j++) {
        row[j] = classMeans[c * d + j] - mean[j];
      }
      for (int p = 0; p < d; p++) {
        for (int q = 0; q <= p; q++) {
          s[p * d + q] += counts[c] * row[p] * row[q];
        }
      }
    }
    return mirror(s, d);
  }

  /** Copies the lower triangle to the upper one. */
  private static double[] mirror(double[] s, int d) {
    for (int p = 0; p < d; p++) {
      for (int q = 0; q < p; q++) {
        s[q * d + p] = s[p * d + q];
      }
    }
    return s;
  }

  /**
   * @param s D×D; modified
   * @param factor multiplier
   * @return {@code s}
   */
  static double[] scale(double[] s, double factor) {
    for (int k = 0; k < s.length; k++) {
      s[k] *= factor;
    }
    return s;
  }

  /** @return a vector of D ones ({@code input_divide} of an unscaled projection) */
  double[] ones() {
    double[] o = new double[numFeatures];
    java.util.Arrays.fill(o, 1.0);
    return o;
  }
}
