package org.emkit.mixture;

import java.util.Set;
import org.emkit.core.Numerics;

/**
 * The M-steps of GMM training as pure functions of (current parameters, statistics, options).
 * They never modify their arguments and return new parameters. {@link GMMMachine#fit} loops
 * over {@code E-step → M-step}; the Spark module reuses these functions after a distributed
 * reduction of {@link GMMStats}.
 *
 * <p><b>ML step</b> (Dempster, Laird, Rubin 1977), with {@code thr} the update threshold:
 *
 * <pre>
 *   weights:   w_c = n_c / T                       (STANDARD)
 *              w_c = max(n_c, thr) / T             (BOB_COMPATIBLE, no renormalisation)
 *   means:     μ_c = sumPx_c / ñ_c,   ñ_c = max(n_c, thr)
 *   variances: σ²_c = sumPxx_c / ñ_c − μ_c²        (μ_c the new mean if means are updated)
 * </pre>
 *
 * In STANDARD mode a component whose count is below {@code thr} keeps its previous mean and
 * variance (bob moves its mean to 0 = sumPx/thr).
 *
 * <p><b>MAP step</b> (Reynolds, Quatieri, Dunn 2000), prior (w⁰, μ⁰, σ²⁰), adaptation
 * coefficient α_c = n_c / (n_c + r) (relevance factor r) or a fixed α:
 *
 * <pre>
 *   weights:   ŵ_c ∝ α_c n_c / T + (1 − α_c) w⁰_c   (renormalised to sum 1)
 *   means:     μ̂_c = α_c sumPx_c / ñ_c + (1 − α_c) μ⁰_c;   μ̂_c = μ⁰_c where n_c < thr
 *   variances: σ̂²_c = α_c sumPxx_c / n_c + (1 − α_c)(σ²⁰_c + (μ⁰_c)²) − μ̂_c²   (STANDARD, eq. 13)
 *              σ̂²_c = α_c sumPxx_c / n_c + (1 − α_c)(σ²⁰_c + μ⁰_c) − μ̂_c²      (BOB_COMPATIBLE)
 * </pre>
 *
 * Where n_c is below {@code thr} the data term is dropped (STANDARD: σ̂² = σ²⁰; bob:
 * σ²⁰ + μ⁰ − μ̂²). The variance raw-moment formula {@code E[x²] − μ²} is needed for MAP and
 * for bob parity; its cancellation for features with a large mean relative to their spread is
 * absorbed by the variance floor applied after every update.
 */
final class GMMUpdates {

  private GMMUpdates() {}

  static Gaussians ml(Gaussians cur, GMMStats s, Set<GMMMachine.Update> updates, double thr,
      VarianceFloor floor, Numerics numerics) {
    int c = cur.numComponents;
    int d = cur.numFeatures;
    double t = s.t();
    double[] n = s.nArray();
    double[] px = s.sumPxArray();
    double[] pxx = s.sumPxxArray();
    boolean bob = numerics == Numerics.BOB_COMPATIBLE;
    double[] w = cur.weights.clone();
    double[] mu = cur.means.clone();
    double[] var = cur.variances.clone();
    if (updates.contains(GMMMachine.Update.WEIGHTS)) {
      for (int k = 0; k < c; k++) {
        w[k] = (bob ? Math.max(n[k], thr) : n[k]) / t;
      }
    }
    if (updates.contains(GMMMachine.Update.MEANS)) {
      for (int k = 0; k < c; k++) {
        if (!bob && n[k] < thr) {
          continue;
        }
        double nt = Math.max(n[k], thr);
        for (int j = 0; j < d; j++) {
          mu[k * d + j] = px[k * d + j] / nt;
        }
      }
    }
    if (updates.contains(GMMMachine.Update.VARIANCES)) {
      for (int k = 0; k < c; k++) {
        if (!bob && n[k] < thr) {
          continue;
        }
        double nt = Math.max(n[k], thr);
        for (int j = 0; j < d; j++) {
          double m = mu[k * d + j];
          var[k * d + j] = pxx[k * d + j] / nt - m * m;
        }
      }
      floor.apply(var, d);
    }
    return new Gaussians(w, mu, var, d);
  }

  static Gaussians map(Gaussians cur, Gaussians prior, GMMStats s, Set<GMMMachine.Update> updates,
      double thr, GMMMachine.Adaptation adaptation, VarianceFloor floor, Numerics numerics) {
    int c = cur.numComponents;
    int d = cur.numFeatures;
    double t = s.t();
    double[] n = s.nArray();
    double[] px = s.sumPxArray();
    double[] pxx = s.sumPxxArray();
    boolean bob = numerics == Numerics.BOB_COMPATIBLE;
    double[] alpha = new double[c];
    for (int k = 0; k < c; k++) {
      alpha[k] = adaptation.kind() == GMMMachine.Adaptation.Kind.RELEVANCE_FACTOR
          ? n[k] / (n[k] + adaptation.value())
          : adaptation.value();
    }
    double[] w = cur.weights.clone();
    double[] mu = cur.means.clone();
    double[] var = cur.variances.clone();
    if (updates.contains(GMMMachine.Update.WEIGHTS)) {
      double sum = 0;
      for (int k = 0; k < c; k++) {
        w[k] = alpha[k] * n[k] / t + (1 - alpha[k]) * prior.weights[k];
        sum += w[k];
      }
      for (int k = 0; k < c; k++) {
        w[k] /= sum;
      }
    }
    if (updates.contains(GMMMachine.Update.MEANS)) {
      for (int k = 0; k < c; k++) {
        double a = alpha[k];
        double nt = n[k] >= thr ? n[k] : thr;
        for (int j = 0; j < d; j++) {
          int q = k * d + j;
          mu[q] = n[k] < thr ? prior.means[q] : a * px[q] / nt + (1 - a) * prior.means[q];
        }
      }
    }
    if (updates.contains(GMMMachine.Update.VARIANCES)) {
      for (int k = 0; k < c; k++) {
        double a = alpha[k];
        for (int j = 0; j < d; j++) {
          int q = k * d + j;
          double m0 = prior.means[q];
          double v0 = prior.variances[q];
          double m = mu[q];
          if (bob) {
            var[q] = n[k] < thr ? (v0 + m0) - m * m : a * pxx[q] / n[k] + (1 - a) * (v0 + m0) - m * m;
          } else {
            var[q] = n[k] < thr || n[k] == 0
                ? v0
                : a * pxx[q] / n[k] + (1 - a) * (v0 + m0 * m0) - m * m;
          }
        }
      }
      floor.apply(var, d);
    }
    return new Gaussians(w, mu, var, d);
  }
}
