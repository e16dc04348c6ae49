package org.emkit.scoring;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.validation.Check;

/**
 * Evaluation measures of a verification system from target (same identity) and non-target
 * (impostor) trial scores: equal error rate, minimum detection cost, DET curve.
 *
 * <p><b>Definitions.</b> A trial is accepted when its score is ≥ θ. For a threshold θ,
 * \( P_{miss}(\theta) = \#\{\text{targets} &lt; \theta\} / N_T \) and
 * \( P_{fa}(\theta) = \#\{\text{non-targets} \ge \theta\} / N_N \). The sweep visits θ = −∞,
 * every distinct score in increasing order, and +∞; P_miss never decreases and P_fa never
 * increases along it.
 *
 * <ul>
 *   <li><b>EER</b>: between the two consecutive sweep points where \( P_{fa} - P_{miss} \)
 *       changes sign, the DET segment joining them is intersected with \( P_{miss} = P_{fa} \)
 *       (linear interpolation); the EER is the common value. It is 0 for perfectly separated
 *       scores.
 *   <li><b>minDCF</b>: \( \min_\theta [C_{miss} P_T P_{miss}(\theta) + C_{fa} (1-P_T)
 *       P_{fa}(\theta)] / \min(C_{miss} P_T, C_{fa}(1-P_T)) \), the normalised detection cost
 *       of NIST SRE evaluations (1 is the cost of a system that always accepts or always
 *       rejects).
 * </ul>
 *
 * <p>All methods are pure functions and thread-safe.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>A. Martin, G. Doddington, T. Kamm, M. Ordowski, M. Przybocki, "The DET curve in
 *       assessment of detection task performance", Eurospeech 1997.
 *   <li>NIST, "The NIST Year 2010 Speaker Recognition Evaluation Plan", 2010 (DCF definition).
 * </ol>
 */
public final class VerificationMetrics {

  private VerificationMetrics() {}

  /** The sweep of error rates over thresholds. */
  private static final class Sweep {
    final double[] thresholds;
    final double[] pMiss;
    final double[] pFa;

    Sweep(double[] thresholds, double[] pMiss, double[] pFa) {
      this.thresholds = thresholds;
      this.pMiss = pMiss;
      this.pFa = pFa;
    }
  }

  private static Sweep sweep(String owner, double[] targets, double[] nontargets) {
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(nontargets, "nontargets");
    if (targets.length == 0) {
      throw new IllegalArgumentException(owner + ": targets must have at least 1 score, got 0");
    }
    if (nontargets.length == 0) {
      throw new IllegalArgumentException(owner + ": nontargets must have at least 1 score, got 0");
    }
    Check.finite(owner, "targets", targets);
    Check.finite(owner, "nontargets", nontargets);
    double[] t = targets.clone();
    double[] n = nontargets.clone();
    Arrays.sort(t);
    Arrays.sort(n);
    double[] all = new double[t.length + n.length];
    System.arraycopy(t, 0, all, 0, t.length);
    System.arraycopy(n, 0, all, t.length, n.length);
    Arrays.sort(all);
    int unique = 0;
    for (int i = 0; i < all.length; i++) {
      if (i == 0 || all[i] != all[i - 1]) {
        all[unique++] = all[i];
      }
    }
    int m = unique + 2;
    double[] th = new double[m];
    double[] pm = new double[m];
    double[] pf = new double[m];
    th[0] = Double.NEGATIVE_INFINITY;
    pm[0] = 0;
    pf[0] = 1;
    int it = 0;
    int in = 0;
    for (int k = 0; k < unique; k++) {
      double theta = all[k];
      while (it < t.length && t[it] < theta) {
        it++;
      }
      while (in < n.length && n[in] < theta) {
        in++;
      }
      th[k + 1] = theta;
      pm[k + 1] = (double) it / t.length;
      pf[k + 1] = (double) (n.length - in) / n.length;
    }
    th[m - 1] = Double.POSITIVE_INFINITY;
    pm[m - 1] = 1;
    pf[m - 1] = 0;
    return new Sweep(th, pm, pf);
  }

  /**
   * Equal error rate.
   *
   * @param targets scores of target trials (≥ 1, finite); not modified
   * @param nontargets scores of non-target trials (≥ 1, finite); not modified
   * @return EER in [0, 1]
   */
  public static double eer(double[] targets, double[] nontargets) {
    Sweep s = sweep("VerificationMetrics.eer", targets, nontargets);
    for (int k = 1; k < s.thresholds.length; k++) {
      double da = s.pFa[k - 1] - s.pMiss[k - 1];
      double db = s.pFa[k] - s.pMiss[k];
      if (da >= 0 && db <= 0) {
        if (da == db) {
          return s.pMiss[k - 1];
        }
        double u = da / (da - db);
        return s.pMiss[k - 1] + u * (s.pMiss[k] - s.pMiss[k - 1]);
      }
    }
    throw new IllegalStateException("unreachable: P_fa − P_miss goes from 1 to −1");
  }

  /**
   * The threshold of the sweep point closest to the EER (the first θ with
   * {@code P_miss(θ) ≥ P_fa(θ)}).
   *
   * @param targets target scores
   * @param nontargets non-target scores
   * @return the threshold (may be ±∞ for degenerate score sets)
   */
  public static double eerThreshold(double[] targets, double[] nontargets) {
    Sweep s = sweep("VerificationMetrics.eerThreshold", targets, nontargets);
    for (int k = 0; k < s.thresholds.length; k++) {
      if (s.pMiss[k] >= s.pFa[k]) {
        return s.thresholds[k];
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /**
   * Normalised minimum detection cost.
   *
   * @param targets target scores
   * @param nontargets non-target scores
   * @param pTarget prior probability of a target trial, in (0, 1)
   * @param costMiss cost of a miss, &gt; 0
   * @param costFalseAlarm cost of a false alarm, &gt; 0
   * @return min over thresholds of the normalised DCF, in [0, 1]
   */
  public static double minDcf(double[] targets, double[] nontargets, double pTarget, double costMiss,
      double costFalseAlarm) {
    String owner = "VerificationMetrics.minDcf";
    if (!(pTarget > 0 && pTarget < 1)) {
      throw new IllegalArgumentException(owner + ": pTarget must be in (0, 1), got " + pTarget);
    }
    Check.positive(owner, "costMiss", costMiss);
    Check.positive(owner, "costFalseAlarm", costFalseAlarm);
    Sweep s = sweep(owner, targets, nontargets);
    double a = costMiss * pTarget;
    double b = costFalseAlarm * (1 - pTarget);
    double norm = Math.min(a, b);
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k < s.thresholds.length; k++) {
      best = Math.min(best, (a * s.pMiss[k] + b * s.pFa[k]) / norm);
    }
    return best;
  }

  /**
   * Log-likelihood-ratio cost of calibrated scores (Brümmer and du Preez 2006):
   * \( C_{llr} = \tfrac12 [\frac{1}{N_T}\sum_t \log_2(1 + e^{-\ell_t}) + \frac{1}{N_N}
   * \sum_n \log_2(1 + e^{\ell_n})] \). 0 is perfect, 1 is an uninformative system that always
   * outputs 0.
   *
   * @param targetLlrs log-likelihood ratios of target trials
   * @param nontargetLlrs log-likelihood ratios of non-target trials
   * @return C_llr in bits
   */
  public static double cllr(double[] targetLlrs, double[] nontargetLlrs) {
    sweep("VerificationMetrics.cllr", targetLlrs, nontargetLlrs);
    double t = 0;
    for (double l : targetLlrs) {
      t += softplus(-l);
    }
    double n = 0;
    for (double l : nontargetLlrs) {
      n += softplus(l);
    }
    return 0.5 * (t / targetLlrs.length + n / nontargetLlrs.length) / Math.log(2);
  }

  private static double softplus(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  /**
   * Actual (normalised) detection cost of calibrated log-likelihood ratios, with the Bayes
   * decision threshold {@code −ln(C_miss P_T / (C_fa (1 − P_T)))}: a trial is accepted when its
   * LLR is above it.
   *
   * @param targetLlrs target LLRs
   * @param nontargetLlrs non-target LLRs
   * @param pTarget prior in (0, 1)
   * @param costMiss miss cost &gt; 0
   * @param costFalseAlarm false-alarm cost &gt; 0
   * @return the normalised actual DCF
   */
  public static double actualDcf(double[] targetLlrs, double[] nontargetLlrs, double pTarget,
      double costMiss, double costFalseAlarm) {
    String owner = "VerificationMetrics.actualDcf";
    if (!(pTarget > 0 && pTarget < 1)) {
      throw new IllegalArgumentException(owner + ": pTarget must be in (0, 1), got " + pTarget);
    }
    Check.positive(owner, "costMiss", costMiss);
    Check.positive(owner, "costFalseAlarm", costFalseAlarm);
    sweep(owner, targetLlrs, nontargetLlrs);
    double threshold = -Math.log(costMiss * pTarget / (costFalseAlarm * (1 - pTarget)));
    int miss = 0;
    for (double l : targetLlrs) {
      if (!(l > threshold)) {
        miss++;
      }
    }
    int fa = 0;
    for (double l : nontargetLlrs) {
      if (l > threshold) {
        fa++;
      }
    }
    double a = costMiss * pTarget;
    double b = costFalseAlarm * (1 - pTarget);
    return (a * miss / targetLlrs.length + b * fa / nontargetLlrs.length) / Math.min(a, b);
  }

  /**
   * DET curve: the error rates at every threshold of the sweep.
   *
   * @param targets target scores
   * @param nontargets non-target scores
   * @return the curve, from (P_fa = 1, P_miss = 0) to (0, 1)
   */
  public static DetCurve detCurve(double[] targets, double[] nontargets) {
    Sweep s = sweep("VerificationMetrics.detCurve", targets, nontargets);
    return new DetCurve(s.thresholds, s.pMiss, s.pFa);
  }

  /**
   * The standard normal quantile (probit) used for DET axes, by Wichura's algorithm AS 241
   * (relative error about 1e-16).
   *
   * @param p probability in [0, 1]
   * @return Φ⁻¹(p) (±∞ at 0 and 1)
   */
  public static double probit(double p) {
    Check.inClosed("VerificationMetrics.probit", "p", p, 0.0, 1.0);
    if (p == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p == 1) {
      return Double.POSITIVE_INFINITY;
    }
    double q = p - 0.5;
    if (Math.abs(q) <= 0.425) {
      double r = 0.180625 - q * q;
      return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r
          + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r
          + 1971.5909503065514427) * r + 133.14166789178437745) * r + 3.387132872796366608)
          / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r
          + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r
          + 687.1870074920579083) * r + 42.313330701600911252) * r + 1.0);
    }
    double r = q < 0 ? p : 1 - p;
    r = Math.sqrt(-Math.log(r));
    double val;
    if (r <= 5) {
      r -= 1.6;
      val = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r
          + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r
          + 5.7694972214606914055) * r + 4.6303378461565452959) * r + 1.42343711074968357734)
          / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r
          + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r
          + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1.0);
    } else {
      r -= 5;
      val = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r
          + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r
          + 1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772)
          / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r
          + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r
          + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1.0);
    }
    return q < 0 ? -val : val;
  }
}
