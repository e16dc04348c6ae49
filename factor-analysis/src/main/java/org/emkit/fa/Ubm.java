package org.emkit.fa;

import java.util.List;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.NotFittedException;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * The parts of a universal background model that factor analysis reads: C, D, the mean
 * supervector m and the variance supervector Σ (both length CD, index {@code c*D + d}), copied
 * once. Also the shared validation of per-session statistics against the UBM.
 */
final class Ubm {

  final GMMMachine machine;
  final int numComponents;
  final int numFeatures;
  final int supervectorLength;
  final double[] means;
  final double[] variances;

  private Ubm(GMMMachine machine) {
    this.machine = machine;
    this.numComponents = machine.numComponents();
    this.numFeatures = machine.numFeatures();
    this.supervectorLength = Math.multiplyExact(numComponents, numFeatures);
    this.means = machine.meanSupervector();
    this.variances = machine.varianceSupervector();
  }

  /**
   * @param owner caller for messages
   * @param ubm a fitted GMM
   * @return the view
   * @throws NotFittedException if the GMM has no parameters
   */
  static Ubm of(String owner, GMMMachine ubm) {
    Objects.requireNonNull(ubm, "ubm");
    if (!ubm.isFitted()) {
      throw new NotFittedException(owner + ": ubm is not fitted; fit the GMM or build it from"
          + " parameters first");
    }
    return new Ubm(ubm);
  }

  /**
   * Validates a list of statistics: non-empty (if required), shapes equal to the UBM's, counts
   * finite and non-negative, first-order sums finite.
   *
   * @param owner caller for messages
   * @param name parameter name
   * @param stats the list
   * @param requireNonEmpty whether an empty list is an error
   */
  void checkStats(String owner, String name, List<GMMStats> stats, boolean requireNonEmpty) {
    Objects.requireNonNull(stats, name);
    if (requireNonEmpty && stats.isEmpty()) {
      throw new IllegalArgumentException(owner + ": " + name
          + " must contain at least 1 GMMStats, got 0");
    }
    for (int h = 0; h < stats.size(); h++) {
      checkOne(owner, name + "[" + h + "]", stats.get(h));
    }
  }

  /**
   * @param owner caller for messages
   * @param name parameter name (with index)
   * @param s statistics
   */
  void checkOne(String owner, String name, GMMStats s) {
    Objects.requireNonNull(s, name);
    if (s.numComponents() != numComponents || s.numFeatures() != numFeatures) {
      throw new DimensionMismatchException(owner + ": " + name + " has C×D = " + s.numComponents()
          + "x" + s.numFeatures() + " but the UBM has C×D = " + numComponents + "x"
          + numFeatures);
    }
    for (int c = 0; c < numComponents; c++) {
      double v = s.n(c);
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(owner + ": " + name + ".n[" + c
            + "] must be in [0, inf), got " + v);
      }
      for (int d = 0; d < numFeatures; d++) {
        double f = s.sumPx(c, d);
        if (!Double.isFinite(f)) {
          throw new IllegalArgumentException(owner + ": " + name + ".sumPx[" + c + ", " + d
              + "] is " + f + "; statistics must be finite");
        }
      }
    }
  }

  /**
   * Copies the zeroth order of {@code s} into {@code n[offset .. offset+C)}.
   *
   * @param s statistics
   * @param n destination
   * @param offset start
   */
  void copyN(GMMStats s, double[] n, int offset) {
    for (int c = 0; c < numComponents; c++) {
      n[offset + c] = s.n(c);
    }
  }

  /**
   * Writes {@code out[q] = F[q] − n_c · m[q]} (the first order centred on the UBM means), or
   * {@code F[q] − n_c · (m[q] + shift[q])} when a shift is given, into
   * {@code out[offset .. offset+CD)}.
   *
   * @param s statistics
   * @param shift supervector added to m before centring, or {@code null}
   * @param out destination
   * @param offset start
   */
  void centredFirstOrder(GMMStats s, double[] shift, double[] out, int offset) {
    int d = numFeatures;
    for (int c = 0; c < numComponents; c++) {
      double nc = s.n(c);
      int base = c * d;
      if (shift == null) {
        for (int j = 0; j < d; j++) {
          out[offset + base + j] = s.sumPx(c, j) - nc * means[base + j];
        }
      } else {
        for (int j = 0; j < d; j++) {
          out[offset + base + j] = s.sumPx(c, j) - nc * (means[base + j] + shift[base + j]);
        }
      }
    }
  }
}
