package org.emkit.testing;

import java.util.Arrays;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.mixture.GMMMachine;

/**
 * The synthetic workload of the peer benchmark ({@code shared/bench/peers/common/gen_data.py}),
 * written once for the benchmarks ({@code org.emkit.bench.BenchData}, {@code FisherData}) and
 * em-spark's measurements ({@code W1Data}): a random diagonal GMM with means ~ N(0, 0.4²),
 * variances ~ U(0.3, 1) and weights ~ U(0.5, 1.5) normalised, frames drawn from it, and the
 * initial model of the EM benchmarks (K distinct data rows as means, the global variance of each
 * feature, uniform weights).
 *
 * <p><b>Reproducibility.</b> Every draw comes from the {@link NumpyRandom} passed in, in the
 * order of the Python generator (means, variances, weights; component labels, then the frames
 * row by row; the initial rows), so that a seed gives the same data as the peers' numpy script.
 */
public final class SyntheticGmm {

  /** Components K. */
  public final int numComponents;
  /** Features D. */
  public final int numFeatures;
  /** Weights, length K, summing to 1. */
  public final double[] weights;
  /** Means, K×D row-major. */
  public final double[] means;
  /** Variances, K×D row-major. */
  public final double[] variances;

  private SyntheticGmm(int k, int d, double[] weights, double[] means, double[] variances) {
    this.numComponents = k;
    this.numFeatures = d;
    this.weights = weights;
    this.means = means;
    this.variances = variances;
  }

  /**
   * Draws the generating GMM: K·D means ~ N(0, 0.4²), then K·D variances ~ U(0.3, 1), then K
   * weights ~ U(0.5, 1.5), normalised.
   *
   * @param r the generator
   * @param k components
   * @param d features
   * @return the GMM's parameters
   */
  public static SyntheticGmm draw(NumpyRandom r, int k, int d) {
    double[] means = r.normal(0, 0.4, k * d);
    double[] vars = new double[k * d];
    for (int q = 0; q < vars.length; q++) {
      vars[q] = r.uniform(0.3, 1.0);
    }
    double[] w = new double[k];
    double sum = 0;
    for (int c = 0; c < k; c++) {
      w[c] = r.uniform(0.5, 1.5);
      sum += w[c];
    }
    for (int c = 0; c < k; c++) {
      w[c] /= sum;
    }
    return new SyntheticGmm(k, d, w, means, vars);
  }

  /** @return the generating GMM as a fitted machine */
  public GMMMachine machine() {
    return GMMMachine.fromParameters(weights, Matrix.wrap(numComponents, numFeatures, means),
        Matrix.wrap(numComponents, numFeatures, variances));
  }

  /**
   * Draws frames: the component of every frame ({@code choice(weights, n)}), then each frame's
   * features {@code mean + sqrt(variance) · randn()}, row by row.
   *
   * @param r the generator
   * @param n frames
   * @return n×D row-major frames
   */
  public double[] frames(NumpyRandom r, int n) {
    int d = numFeatures;
    int[] comp = r.choice(weights, n);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int c = comp[i];
      for (int j = 0; j < d; j++) {
        x[i * d + j] = means[c * d + j] + Math.sqrt(variances[c * d + j]) * r.randn();
      }
    }
    return x;
  }

  /**
   * The initial model of the EM benchmarks: K distinct rows of {@code x} drawn without
   * replacement and sorted, as means; the global (1/N) variance of each feature for every
   * component; uniform weights; every parameter updated.
   *
   * @param r the generator
   * @param x n×D row-major frames
   * @param n frames
   * @param d features
   * @param k components
   * @return a builder holding those parameters (callers may add settings)
   */
  public static GMMMachine.Builder initialModel(NumpyRandom r, double[] x, int n, int d, int k) {
    int[] rows = r.choice(n, k, false);
    Arrays.sort(rows);
    double[] initMeans = new double[k * d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(x, rows[c] * d, initMeans, c * d, d);
    }
    double[] mean = new double[d];
    double[] gvar = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[i * d + j] / n;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double e = x[i * d + j] - mean[j];
        gvar[j] += e * e / n;
      }
    }
    double[] initVars = new double[k * d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(gvar, 0, initVars, c * d, d);
    }
    double[] uniform = new double[k];
    Arrays.fill(uniform, 1.0 / k);
    return GMMMachine.builder(k).weights(uniform).means(Matrix.wrap(k, d, initMeans))
        .variances(Matrix.wrap(k, d, initVars))
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS);
  }
}
