package org.emkit.mixture;

/**
 * Immutable parameters of a diagonal GMM plus the per-component constants the E-step kernel
 * needs, computed once: {@code invVar = 1/σ²}, the transposed (D×C) scales {@code 1/σ} and
 * shifts {@code −μ/σ} of the log-likelihood kernel, and
 * {@code logConst[c] = ln w_c − ½ (D ln 2π + Σ_j ln σ²_cj)}.
 *
 * <p>Arrays are owned by this object and never modified after construction.
 */
final class Gaussians {

  final int numComponents;
  final int numFeatures;
  final double[] weights;
  final double[] means;
  final double[] variances;
  final double[] invVar;
  /** {@code 1/σ} transposed, D×C ({@code scaleT[j*C + c]}): the layout of the E-step kernel. */
  final double[] scaleT;
  /** {@code −μ·(1/σ)} transposed, D×C. */
  final double[] shiftT;
  final double[] logConst;
  final double[] logWeights;
  final double[] gNorms;

  /**
   * @param weights length C; owned (not copied)
   * @param means C×D; owned
   * @param variances C×D, already floored; owned
   * @param numFeatures D
   */
  Gaussians(double[] weights, double[] means, double[] variances, int numFeatures) {
    this.numComponents = weights.length;
    this.numFeatures = numFeatures;
    this.weights = weights;
    this.means = means;
    this.variances = variances;
    int c = numComponents;
    int d = numFeatures;
    this.invVar = new double[c * d];
    this.scaleT = new double[c * d];
    this.shiftT = new double[c * d];
    this.logConst = new double[c];
    this.logWeights = new double[c];
    this.gNorms = new double[c];
    for (int k = 0; k < c; k++) {
      double sumLog = 0;
      for (int j = 0; j < d; j++) {
        double v = variances[k * d + j];
        sumLog += Math.log(v);
        invVar[k * d + j] = 1.0 / v;
        double scale = 1.0 / Math.sqrt(v);
        scaleT[j * c + k] = scale;
        shiftT[j * c + k] = -means[k * d + j] * scale;
      }
      gNorms[k] = d * GmmKernels.LOG_2PI + sumLog;
      logWeights[k] = Math.log(weights[k]);
      logConst[k] = logWeights[k] - 0.5 * gNorms[k];
    }
  }
}
