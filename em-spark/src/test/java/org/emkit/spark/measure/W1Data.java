package org.emkit.spark.measure;

import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.mixture.GMMMachine;
import org.emkit.testing.SyntheticGmm;

/**
 * The W1 workload of the peer benchmark (bench's {@code BenchData.gmm}; both draw it with
 * em-core's test-support {@link SyntheticGmm}): frames from a random diagonal GMM
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
    SyntheticGmm g = SyntheticGmm.draw(r, k, d);
    double[] x = g.frames(r, n);
    GMMMachine init = SyntheticGmm.initialModel(r, x, n, d, k).convergenceThreshold(0).build();
    double[] sds = new double[k * d];
    for (int q = 0; q < sds.length; q++) {
      sds[q] = Math.sqrt(g.variances[q]);
    }
    double[] cum = new double[k];
    double acc = 0;
    for (int c = 0; c < k; c++) {
      acc += g.weights[c];
      cum[c] = acc;
    }
    return new W1Data(Matrix.wrap(n, d, x), init, g.means, sds, cum);
  }
}
