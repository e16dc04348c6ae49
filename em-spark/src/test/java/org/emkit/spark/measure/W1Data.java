package org.emkit.spark.measure;

import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.mixture.GMMMachine;

/**
 * The W1 workload of the peer benchmark (the recipe of bench's {@code BenchData.gmm}, repeated
 * here because em-spark does not depend on the bench module): frames from a random diagonal GMM
 * (means ~ N(0, 0.4²), variances ~ U(0.3, 1), weights ~ U(0.5, 1.5) normalised) drawn with
 * numpy's legacy generator from a fixed seed; the initial model takes K distinct rows as means,
 * the global variance of each feature and uniform weights, and updates means, variances and
 * weights. Also the source of the generated 10M-frame scaling set.
 */
final class W1Data {

  final Matrix x;
  final GMMMachine init;
  final double[] means;
  final double[] sds;
  final double[] cumWeights;

  private W1Data(Matrix x, GMMMachine init, double[] means, double[] sds, double[] cumWeights) {
    this.x = x;
    this.init = init;
    this.means = means;
    this.sds = sds;
    this.cumWeights = cumWeights;
  }

  static W1Data generate(int n, int d, int k, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
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
    int[] comp = r.choice(w, n);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int c = comp[i];
      for (int j = 0; j < d; j++) {
        x[i * d + j] = means[c * d + j] + Math.sqrt(vars[c * d + j]) * r.randn();
      }
    }
    int[] rows = r.choice(n, k, false);
    java.util.Arrays.sort(rows);
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
    java.util.Arrays.fill(uniform, 1.0 / k);
    GMMMachine init = GMMMachine.builder(k).weights(uniform).means(Matrix.wrap(k, d, initMeans))
        .variances(Matrix.wrap(k, d, initVars))
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .convergenceThreshold(0).build();
    double[] sds = new double[k * d];
    for (int q = 0; q < sds.length; q++) {
      sds[q] = Math.sqrt(vars[q]);
    }
    double[] cum = new double[k];
    double acc = 0;
    for (int c = 0; c < k; c++) {
      acc += w[c];
      cum[c] = acc;
    }
    return new W1Data(Matrix.wrap(n, d, x), init, means, sds, cum);
  }
}
