package org.emkit.fisher;

import java.util.Arrays;
import java.util.Set;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * Fisher-vector gradients from GMM statistics (n_k, the first and second moments, T), the
 * Fisher-information scaling, power and L2 normalisation, written in the chosen layout.
 *
 * <pre>
 *   r1 = Σ_t γ_t(k)(x_tj − μ_kj)       centred: sumPx;   raw: s1 − μ n
 *   r2 = Σ_t γ_t(k)(x_tj − μ_kj)²      centred: sumPxx;  raw: (s2 − μ s1) − μ r1
 *   q  = Σ_t γ_t(k)[(x_tj − μ_kj)²/σ²_kj − 1] = r2/σ² − n
 *   IDENTITY:  α: (n − T w)/T       μ: r1/(σ² T)        σ: q/(σ T)
 *   ANALYTIC:  α: (n − T w)/(T√w)   μ: r1/(σ T√w)       σ: q/(T√(2w))     (IJCV eqs. 16–18)
 *   EMPIRICAL: IDENTITY, then (g_i − m_i)/s_i per output index i
 * </pre>
 *
 * {@link #finish} reads moments about the means ({@code GMMMachine.accumulateCentred});
 * {@link #finishRaw} reads raw moments (ordinary {@code GMMStats}).
 */
final class FisherFinisher implements Finisher {

  final int numComponents;
  final int numFeatures;
  final boolean hasWeights;
  final boolean hasMeans;
  final boolean hasVariances;
  final FisherLayout layout;
  final FisherNormalization normalization;
  final PowerNormalization power;
  final VectorNormalization l2;
  final int length;
  private final int stride;
  private final double[] weights;
  private final double[] means;
  private final double[] variances;
  private final double[] invVar;
  private final double[] invSd;
  private final double[] invSqrtW;
  private final double[] invSqrt2W;
  private final double[] empiricalMean;
  private final double[] empiricalScale;

  FisherFinisher(GMMMachine gmm, Set<FisherBlock> blocks, FisherLayout layout,
      FisherNormalization normalization, PowerNormalization power, VectorNormalization l2,
      double[] empiricalMean, double[] empiricalScale) {
    this.numComponents = gmm.numComponents();
    this.numFeatures = gmm.numFeatures();
    this.hasWeights = blocks.contains(FisherBlock.WEIGHTS);
    this.hasMeans = blocks.contains(FisherBlock.MEANS);
    this.hasVariances = blocks.contains(FisherBlock.VARIANCES);
    this.layout = layout;
    this.normalization = normalization;
    this.power = power;
    this.l2 = l2;
    int k = numComponents;
    int d = numFeatures;
    this.stride = (hasWeights ? 1 : 0) + (hasMeans ? d : 0) + (hasVariances ? d : 0);
    this.length = Math.multiplyExact(k, stride);
    this.weights = gmm.weights();
    Matrix mu = gmm.means();
    Matrix var = gmm.variances();
    this.means = mu.data();
    this.variances = var.data();
    this.invVar = new double[k * d];
    this.invSd = new double[k * d];
    this.invSqrtW = new double[k];
    this.invSqrt2W = new double[k];
    for (int c = 0; c < k; c++) {
      // a zero-weight component never receives a posterior; its blocks are 0, not 0·∞
      invSqrtW[c] = weights[c] > 0 ? 1.0 / Math.sqrt(weights[c]) : 0.0;
      invSqrt2W[c] = weights[c] > 0 ? 1.0 / Math.sqrt(2 * weights[c]) : 0.0;
      for (int j = 0; j < d; j++) {
        invVar[c * d + j] = 1.0 / variances[c * d + j];
        invSd[c * d + j] = Math.sqrt(invVar[c * d + j]);
      }
    }
    this.empiricalMean = empiricalMean;
    this.empiricalScale = empiricalScale;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public VectorNormalization finalNormalization() {
    return l2;
  }

  /** Position of α_k. */
  int weightIndex(int k) {
    if (layout == FisherLayout.EMKIT) {
      return k * stride;
    }
    return ((hasMeans ? 1 : 0) + (hasVariances ? 1 : 0)) * numComponents * numFeatures + k;
  }

  /** Position of μ_k0 (the block's first entry). */
  int meanIndex(int k) {
    if (layout == FisherLayout.EMKIT) {
      return k * stride + (hasWeights ? 1 : 0);
    }
    return k * numFeatures;
  }

  /** Position of σ_k0. */
  int varianceIndex(int k) {
    if (layout == FisherLayout.EMKIT) {
      return k * stride + (hasWeights ? 1 : 0) + (hasMeans ? numFeatures : 0);
    }
    return (hasMeans ? numComponents * numFeatures : 0) + k * numFeatures;
  }

  @Override
  public void finish(GMMStats stats, double[] out, int offset, boolean finalNormalization) {
    finish(stats, true, out, offset, finalNormalization);
  }

  /** As {@link #finish}, from raw moments (Σγx, Σγx²). */
  void finishRaw(GMMStats stats, double[] out, int offset) {
    finish(stats, false, out, offset, true);
  }

  private void finish(GMMStats stats, boolean centred, double[] out, int offset,
      boolean finalNormalization) {
    long frames = stats.t();
    if (frames == 0) {
      Arrays.fill(out, offset, offset + length, 0.0);
      return;
    }
    writeGradients(stats, centred, (double) frames, out, offset);
    if (normalization == FisherNormalization.EMPIRICAL) {
      // (g_i − m_i) / s_i per output index
      for (int i = 0; i < length; i++) {
        out[offset + i] = (out[offset + i] - empiricalMean[i]) / empiricalScale[i];
      }
    }
    power.apply(out, offset, length);
    if (finalNormalization) {
      l2.apply(out, offset, length);
    }
  }

  private void writeGradients(GMMStats stats, boolean centred, double t, double[] out,
      int offset) {
    int d = numFeatures;
    boolean analytic = normalization == FisherNormalization.ANALYTIC;
    double invT = 1.0 / t;
    for (int k = 0; k < numComponents; k++) {
      double n = stats.n(k);
      // scale of the α, μ and σ blocks of component k
      double cw = analytic ? invT * invSqrtW[k] : invT;
      double cm = analytic ? invT * invSqrtW[k] : invT;
      double cv = analytic ? invT * invSqrt2W[k] : invT;
      if (hasWeights) {
        // α_k: Σ_t (γ_t(k) − w_k) = n − T w
        out[offset + weightIndex(k)] = (n - t * weights[k]) * cw;
      }
      if (!hasMeans && !hasVariances) {
        continue;
      }
      int mo = offset + meanIndex(k);
      int vo = offset + varianceIndex(k);
      int po = k * d;
      for (int j = 0; j < d; j++) {
        double s1 = stats.sumPx(k, j);
        double mu = means[po + j];
        double r1 = centred ? s1 : s1 - mu * n;
        if (hasMeans) {
          // ANALYTIC: Σγ(x−μ)/σ /(T√w);  IDENTITY: Σγ(x−μ)/σ² /T
          out[mo + j] = r1 * (analytic ? invSd[po + j] : invVar[po + j]) * cm;
        }
        if (hasVariances) {
          double s2 = stats.sumPxx(k, j);
          double r2 = centred ? s2 : (s2 - mu * s1) - mu * r1;
          double q = r2 * invVar[po + j] - n;
          // ANALYTIC: Σγ[(x−μ)²/σ² − 1] /(T√(2w));  IDENTITY: the same sum /(σ T)
          out[vo + j] = analytic ? q * cv : q * invSd[po + j] * cv;
        }
      }
    }
  }
}
