package org.emkit.fisher;

import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.PosteriorRule;

/**
 * A naive Fisher-vector implementation straight from Sánchez et al. 2013, eqs. 16–18 (and the
 * unnormalised gradients), with its own posteriors: nested loops over descriptors, components
 * and features, written for clarity, not speed. Used only by tests.
 */
final class FisherOracle {

  private FisherOracle() {}

  /** Responsibilities of one descriptor under the rule, from scratch (log-sum-exp). */
  static double[] posteriors(GMMMachine g, double[] x, PosteriorRule rule) {
    int k = g.numComponents();
    int d = g.numFeatures();
    double[] log = new double[k];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double s = Math.log(g.weight(c));
      for (int j = 0; j < d; j++) {
        double v = g.variance(c, j);
        double diff = x[j] - g.mean(c, j);
        s -= 0.5 * (Math.log(2 * Math.PI * v) + diff * diff / v);
      }
      log[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    double[] p = new double[k];
    for (int c = 0; c < k; c++) {
      p[c] = Math.exp(log[c] - max);
      sum += p[c];
    }
    int arg = 0;
    for (int c = 0; c < k; c++) {
      p[c] /= sum;
      if (p[c] > p[arg]) {
        arg = c;
      }
    }
    switch (rule.kind()) {
      case HARD: {
        double[] h = new double[k];
        h[arg] = 1;
        return h;
      }
      case TRUNCATE:
        for (int c = 0; c < k; c++) {
          if (p[c] < rule.threshold()) {
            p[c] = 0;
          }
        }
        return p;
      case THRESHOLD: {
        double kept = 0;
        for (int c = 0; c < k; c++) {
          if (p[c] < rule.threshold() && c != arg) {
            p[c] = 0;
          }
          kept += p[c];
        }
        for (int c = 0; c < k; c++) {
          p[c] /= kept;
        }
        return p;
      }
      default:
        return p;
    }
  }

  /**
   * The gradient blocks of one set, before any power/L2 normalisation, in the layout of the
   * options; {@code IDENTITY} for EMPIRICAL (the standardisation is applied by the caller).
   */
  static double[] gradients(GMMMachine g, double[][] x, FisherOptions o) {
    int k = g.numComponents();
    int d = g.numFeatures();
    int t = x.length;
    double[] alpha = new double[k];
    double[][] mean = new double[k][d];
    double[][] sigma = new double[k][d];
    if (t > 0) {
      boolean analytic = o.fisherNormalization() == FisherNormalization.ANALYTIC;
      for (double[] xt : x) {
        double[] gamma = posteriors(g, xt, o.posteriorRule());
        for (int c = 0; c < k; c++) {
          double w = g.weight(c);
          if (analytic) {
            alpha[c] += (gamma[c] - w) / (t * Math.sqrt(w));
          } else {
            alpha[c] += (gamma[c] - w) / t;
          }
          for (int j = 0; j < d; j++) {
            double s = Math.sqrt(g.variance(c, j));
            double u = (xt[j] - g.mean(c, j)) / s;
            if (analytic) {
              mean[c][j] += gamma[c] * u / (t * Math.sqrt(w));
              sigma[c][j] += gamma[c] * (u * u - 1) / (t * Math.sqrt(2 * w));
            } else {
              // ∂/∂μ: γ (x−μ)/σ²;  ∂/∂σ: γ [(x−μ)²/σ³ − 1/σ]
              mean[c][j] += gamma[c] * (xt[j] - g.mean(c, j)) / (s * s) / t;
              sigma[c][j] += gamma[c] * (Math.pow(xt[j] - g.mean(c, j), 2) / (s * s * s) - 1 / s)
                  / t;
            }
          }
        }
      }
    }
    boolean hw = o.blocks().contains(FisherBlock.WEIGHTS);
    boolean hm = o.blocks().contains(FisherBlock.MEANS);
    boolean hv = o.blocks().contains(FisherBlock.VARIANCES);
    double[] out = new double[k * ((hw ? 1 : 0) + (hm ? d : 0) + (hv ? d : 0))];
    int p = 0;
    if (o.layout() == FisherLayout.EMKIT) {
      for (int c = 0; c < k; c++) {
        if (hw) {
          out[p++] = alpha[c];
        }
        if (hm) {
          for (int j = 0; j < d; j++) {
            out[p++] = mean[c][j];
          }
        }
        if (hv) {
          for (int j = 0; j < d; j++) {
            out[p++] = sigma[c][j];
          }
        }
      }
    } else {
      if (hm) {
        for (int c = 0; c < k; c++) {
          for (int j = 0; j < d; j++) {
            out[p++] = mean[c][j];
          }
        }
      }
      if (hv) {
        for (int c = 0; c < k; c++) {
          for (int j = 0; j < d; j++) {
            out[p++] = sigma[c][j];
          }
        }
      }
      if (hw) {
        for (int c = 0; c < k; c++) {
          out[p++] = alpha[c];
        }
      }
    }
    return out;
  }

  /** The complete encoding; {@code empMean}/{@code empScale} only for EMPIRICAL. */
  static double[] encode(GMMMachine g, double[][] x, FisherOptions o, double[] empMean,
      double[] empScale) {
    double[] v = gradients(g, x, o);
    if (x.length == 0) {
      return v;
    }
    if (o.fisherNormalization() == FisherNormalization.EMPIRICAL) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (v[i] - empMean[i]) / empScale[i];
      }
    }
    double rho = o.power().rho();
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.signum(v[i]) * Math.pow(Math.abs(v[i]), rho);
    }
    if (o.l2() == VectorNormalization.L2) {
      double n = 0;
      for (double z : v) {
        n += z * z;
      }
      n = Math.max(Math.sqrt(n), 1e-12);
      for (int i = 0; i < v.length; i++) {
        v[i] /= n;
      }
    }
    return v;
  }
}
