package org.emkit.scoring;

/**
 * Error rates of a verification system over the threshold sweep of {@link VerificationMetrics}:
 * for each threshold θ (increasing, from −∞ to +∞) the miss rate P_miss(θ) and the false-alarm
 * rate P_fa(θ). Plot {@code probit(pFa)} against {@code probit(pMiss)} for a DET plot.
 * Immutable; accessors copy.
 */
public final class DetCurve {

  private final double[] thresholds;
  private final double[] pMiss;
  private final double[] pFa;

  DetCurve(double[] thresholds, double[] pMiss, double[] pFa) {
    this.thresholds = thresholds;
    this.pMiss = pMiss;
    this.pFa = pFa;
  }

  /** @return a copy of the thresholds (increasing) */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** @return a copy of the miss rates (non-decreasing) */
  public double[] pMiss() {
    return pMiss.clone();
  }

  /** @return a copy of the false-alarm rates (non-increasing) */
  public double[] pFa() {
    return pFa.clone();
  }

  /** @return the number of points */
  public int size() {
    return thresholds.length;
  }
}
