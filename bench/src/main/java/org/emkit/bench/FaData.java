package org.emkit.bench;

import java.util.ArrayList;
import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * Synthetic per-session statistics for factor-analysis benchmarks: a random UBM (C×D) and S
 * sessions whose zeroth-order statistics spread {@code frames} frames over the components
 * (Dirichlet-like weights) and whose first/second-order statistics are those of frames drawn
 * around the UBM means with a per-session offset. Fixed seed.
 */
public final class FaData {

  /** The UBM. */
  public final GMMMachine ubm;
  /** One GMMStats per session. */
  public final List<GMMStats> sessions;
  /** Identity label of each session (sessionsPerIdentity consecutive sessions share one). */
  public final int[] labels;

  private FaData(GMMMachine ubm, List<GMMStats> sessions, int[] labels) {
    this.ubm = ubm;
    this.sessions = sessions;
    this.labels = labels;
  }

  /**
   * @param c components
   * @param d features
   * @param numSessions sessions
   * @param sessionsPerIdentity sessions per identity
   * @param frames frames per session
   * @param seed RNG seed
   * @return the workload
   */
  public static FaData generate(int c, int d, int numSessions, int sessionsPerIdentity, int frames,
      long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    double[] w = new double[c];
    java.util.Arrays.fill(w, 1.0 / c);
    double[] var = new double[c * d];
    for (int q = 0; q < var.length; q++) {
      var[q] = r.uniform(0.5, 1.5);
    }
    GMMMachine ubm = GMMMachine.fromParameters(w, Matrix.wrap(c, d, r.normal(0, 1, c * d)),
        Matrix.wrap(c, d, var));
    double[] mu = ubm.meanSupervector();
    List<GMMStats> out = new ArrayList<>(numSessions);
    int[] labels = new int[numSessions];
    for (int s = 0; s < numSessions; s++) {
      labels[s] = s / sessionsPerIdentity;
      double[] n = new double[c];
      double total = 0;
      for (int k = 0; k < c; k++) {
        double g = -Math.log(1 - r.rand()); // exponential ⇒ Dirichlet(1) after normalisation
        n[k] = g;
        total += g;
      }
      double[] f = new double[c * d];
      double[] sq = new double[c * d];
      double[] offset = r.normal(0, 0.3, c * d);
      for (int k = 0; k < c; k++) {
        n[k] *= frames / total;
        for (int j = 0; j < d; j++) {
          int q = k * d + j;
          double m = mu[q] + offset[q];
          f[q] = n[k] * m;
          sq[q] = n[k] * (m * m + var[q]);
        }
      }
      out.add(GMMStats.of(n, Matrix.wrap(c, d, f), Matrix.wrap(c, d, sq), -1.0 * frames, frames));
    }
    return new FaData(ubm, out, labels);
  }
}
