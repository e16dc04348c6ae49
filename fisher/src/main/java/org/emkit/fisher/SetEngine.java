package org.emkit.fisher;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.validation.Check;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.mixture.PosteriorRule;

/**
 * The common path of every encoder: validation, the shared E-step
 * ({@link GMMMachine#accumulateCentred(Matrix, int, int, GMMStats, PosteriorRule)} for encoders
 * that need moments about the means, {@link GMMMachine#accumulate(Matrix, int, int, GMMStats,
 * PosteriorRule)} otherwise; never a second implementation), then the encoder's
 * {@link Finisher}; plus batch encoding of consecutive sets.
 */
final class SetEngine {

  /**
   * The argument checks of an encoder's {@code of(KMeansMachine, options)}.
   *
   * @param owner the encoder's class name
   * @param kmeans the machine; must be fitted
   * @param options the encoder's options; must not be null
   * @return the machine's centroids (a copy)
   */
  static Matrix fittedCentroids(String owner, KMeansMachine kmeans, Object options) {
    Objects.requireNonNull(kmeans, "kmeans");
    Objects.requireNonNull(options, "options");
    if (!kmeans.isFitted()) {
      throw NotFittedException.of(owner + ".of (kmeans)");
    }
    return kmeans.centroids();
  }

  /**
   * The argument checks of an encoder's {@code of(GMMMachine, options)}.
   *
   * @param owner the encoder's class name
   * @param gmm the machine; must be fitted
   * @param options the encoder's options; must not be null
   * @return {@code gmm}
   */
  static GMMMachine fittedGmm(String owner, GMMMachine gmm, Object options) {
    Objects.requireNonNull(gmm, "gmm");
    Objects.requireNonNull(options, "options");
    if (!gmm.isFitted()) {
      throw NotFittedException.of(owner + ".of (gmm)");
    }
    return gmm;
  }

  final String name;
  final GMMMachine machine;
  final PosteriorRule rule;
  final int numComponents;
  final int numFeatures;
  final Finisher finisher;
  /** Whether the finisher reads moments about the means (accumulateCentred) or raw moments. */
  final boolean centred;

  SetEngine(String name, GMMMachine machine, PosteriorRule rule, Finisher finisher,
      boolean centred) {
    this.name = name;
    this.centred = centred;
    this.machine = machine;
    this.rule = rule;
    this.numComponents = machine.numComponents();
    this.numFeatures = machine.numFeatures();
    this.finisher = finisher;
  }

  int length() {
    return finisher.length();
  }

  GMMStats newStats() {
    return new GMMStats(numComponents, numFeatures);
  }

  /** Columns must be D. */
  void checkColumns(String owner, Matrix x) {
    Objects.requireNonNull(x, "descriptors");
    if (x.cols() != numFeatures) {
      throw new DimensionMismatchException(owner + ": descriptors has " + x.cols() + " columns"
          + " (shape " + x.rows() + "x" + x.cols() + ") but the model has D = " + numFeatures);
    }
  }

  /** Rejects the first non-finite cell of rows [from, to), naming its (global) row and column. */
  static void checkFinite(String owner, Matrix x, int from, int to) {
    double[] a = x.data();
    int d = x.cols();
    for (int k = from * d, end = to * d; k < end; k++) {
      double v = a[k];
      if (v - v != 0) {
        throw new IllegalArgumentException(owner + ": descriptors[" + (k / d) + ", " + (k % d)
            + "] is " + v + "; descriptors must be finite");
      }
    }
  }

  /** Validates a whole matrix and returns set offsets. */
  int[] checkSets(String owner, Matrix x, int[] setLengths, int parallelism) {
    checkColumns(owner, x);
    Objects.requireNonNull(setLengths, "setLengths");
    Check.atLeast(owner, "parallelism", parallelism, 1);
    int[] offsets = GMMMachine.setOffsets(owner, setLengths, x.rows());
    checkFinite(owner, x, 0, x.rows());
    return offsets;
  }

  double[] encode(String owner, Matrix x, int from, int to) {
    checkColumns(owner, x);
    Objects.checkFromToIndex(from, to, x.rows());
    checkFinite(owner, x, from, to);
    double[] out = new double[length()];
    encodeInto(x, from, to, newStats(), out, 0);
    return out;
  }

  /** Encodes validated rows [from, to) into {@code out[offset..]}, reusing {@code stats}. */
  void encodeInto(Matrix x, int from, int to, GMMStats stats, double[] out, int offset) {
    if (from == to) {
      Arrays.fill(out, offset, offset + length(), 0.0);
      return;
    }
    stats.reset();
    accumulate(x, from, to, stats);
    finisher.finish(stats, out, offset, true);
  }

  /** The shared E-step on validated rows [from, to), added into {@code stats}. */
  void accumulate(Matrix x, int from, int to, GMMStats stats) {
    if (centred) {
      machine.accumulateCentred(x, from, to, stats, rule);
    } else {
      machine.accumulate(x, from, to, stats, rule);
    }
  }

  Matrix encodeSets(String owner, Matrix x, int[] setLengths, int parallelism) {
    int[] off = checkSets(owner, x, setLengths, parallelism);
    int len = length();
    int sets = setLengths.length;
    double[] out = new double[Math.multiplyExact(sets, len)];
    Batch.forEach(sets, parallelism, this::newStats,
        (stats, s) -> encodeInto(x, off[s], off[s + 1], stats, out, s * len));
    return Matrix.wrap(sets, len, out);
  }

}
