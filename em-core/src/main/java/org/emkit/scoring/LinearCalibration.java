package org.emkit.scoring;

import java.util.Objects;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.validation.Check;

/**
 * Affine calibration of verification scores to log-likelihood ratios by prior-weighted logistic
 * regression, as in the FoCal/BOSARIS toolkits: {@code llr = a·s + b}.
 *
 * <p><b>Objective.</b> With target prior π, {@code logit π = ln(π/(1−π))}, N_T target and N_N
 * non-target scores, minimise the prior-weighted cross-entropy
 *
 * <pre>
 *   C(a, b) = π/N_T Σ_t log(1 + e^{−(a s_t + b + logit π)}) + (1−π)/N_N Σ_n log(1 + e^{a s_n + b + logit π})
 * </pre>
 *
 * which is convex in (a, b); Newton's method with step halving converges in a few iterations.
 * At the optimum, {@code C / ln 2} is the minimum C_llr attainable by an affine map at prior π.
 *
 * <p><b>Properties.</b> For separable data (a → ∞) the iteration stops at a large finite slope
 * after {@code MAX_ITERATIONS}; calibration is monotone whenever {@code a > 0}.
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>N. Brümmer, J. du Preez, "Application-independent evaluation of speaker detection",
 *       Computer Speech and Language 20(2–3), 2006. https://doi.org/10.1016/j.csl.2005.08.001
 * </ol>
 */
public final class LinearCalibration {

  /** Newton iterations cap; each iteration at least halves the gradient on convex problems. */
  public static final int MAX_ITERATIONS = 100;

  private final double slope;
  private final double offset;

  private LinearCalibration(double slope, double offset) {
    this.slope = slope;
    this.offset = offset;
  }

  /**
   * @param slope a
   * @param offset b
   * @return the calibration {@code llr = a·s + b}
   */
  public static LinearCalibration of(double slope, double offset) {
    Check.finite("LinearCalibration", "slope", slope);
    Check.finite("LinearCalibration", "offset", offset);
    return new LinearCalibration(slope, offset);
  }

  private static double softplus(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /**
   * Fits (a, b) on target and non-target scores.
   *
   * @param targets target scores (≥ 1, finite)
   * @param nontargets non-target scores (≥ 1, finite)
   * @param targetPrior π in (0, 1)
   * @return the fitted calibration
   */
  public static LinearCalibration fit(double[] targets, double[] nontargets, double targetPrior) {
    String owner = "LinearCalibration.fit";
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(nontargets, "nontargets");
    if (targets.length == 0 || nontargets.length == 0) {
      throw new IllegalArgumentException(owner + ": targets and nontargets must each have at least"
          + " 1 score, got " + targets.length + " and " + nontargets.length);
    }
    if (!(targetPrior > 0 && targetPrior < 1)) {
      throw new IllegalArgumentException(owner + ": targetPrior must be in (0, 1), got " + targetPrior);
    }
    Check.finite(owner, "targets", targets);
    Check.finite(owner, "nontargets", nontargets);
    double logit = Math.log(targetPrior / (1 - targetPrior));
    double wt = targetPrior / targets.length;
    double wn = (1 - targetPrior) / nontargets.length;
    double a = 1.0;
    double b = 0.0;
    double cost = cost(targets, nontargets, a, b, logit, wt, wn);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double ga = 0;
      double gb = 0;
      double haa = 0;
      double hab = 0;
      double hbb = 0;
      for (double s : targets) {
        double p = sigmoid(-(a * s + b + logit)); // derivative of softplus(−z) is −σ(−z)
        ga -= wt * p * s;
        gb -= wt * p;
        double h = wt * p * (1 - p);
        haa += h * s * s;
        hab += h * s;
        hbb += h;
      }
      for (double s : nontargets) {
        double p = sigmoid(a * s + b + logit);
        ga += wn * p * s;
        gb += wn * p;
        double h = wn * p * (1 - p);
        haa += h * s * s;
        hab += h * s;
        hbb += h;
      }
      double det = haa * hbb - hab * hab;
      if (!(det > 0) || Math.abs(ga) + Math.abs(gb) < 1e-14) {
        break;
      }
      double da = (hbb * ga - hab * gb) / det;
      double db = (haa * gb - hab * ga) / det;
      double step = 1.0;
      double next = Double.POSITIVE_INFINITY;
      while (step > 1e-10) {
        next = cost(targets, nontargets, a - step * da, b - step * db, logit, wt, wn);
        if (next <= cost) {
          break;
        }
        step *= 0.5;
      }
      if (!(next <= cost)) {
        break;
      }
      a -= step * da;
      b -= step * db;
      double change = cost - next;
      cost = next;
      if (change < 1e-15 * Math.max(1, cost)) {
        break;
      }
    }
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      throw new NumericalFailureException(owner + ": logistic regression diverged; the scores may"
          + " contain extreme values — rescale them");
    }
    return new LinearCalibration(a, b);
  }

  private static double cost(double[] t, double[] n, double a, double b, double logit, double wt,
      double wn) {
    double c = 0;
    for (double s : t) {
      c += wt * softplus(-(a * s + b + logit));
    }
    for (double s : n) {
      c += wn * softplus(a * s + b + logit);
    }
    return c;
  }

  /** @return the slope a */
  public double slope() {
    return slope;
  }

  /** @return the offset b */
  public double offset() {
    return offset;
  }

  /**
   * @param scores raw scores; not modified
   * @return calibrated log-likelihood ratios {@code a·s + b}
   */
  public double[] apply(double[] scores) {
    double[] out = new double[scores.length];
    for (int k = 0; k < scores.length; k++) {
      out[k] = slope * scores[k] + offset;
    }
    return out;
  }

  @Override
  public String toString() {
    return "LinearCalibration[slope=" + slope + ", offset=" + offset + "]";
  }
}
