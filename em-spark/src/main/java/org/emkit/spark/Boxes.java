package org.emkit.spark;

import java.io.Serializable;
import org.emkit.cluster.KMeansStats;
import org.emkit.core.Matrix;
import org.emkit.fa.IVectorStats;
import org.emkit.mixture.GMMStats;

/**
 * Serialisable carriers of emkit's statistics (which are plain mutable objects, not {@link
 * Serializable}): a partition's statistics travel to the driver, or through a shuffle of the
 * ordered reduction tree, in one of these and are opened into the emkit object to be merged with
 * its own {@code merge}. Boxing and opening copy the values exactly.
 */
final class Boxes {

  private Boxes() {}

  /** {@link GMMStats}. */
  static final class Gmm implements Serializable {
    private static final long serialVersionUID = 1L;
    final int c;
    final int d;
    final double[] n;
    final double[] sumPx;
    final double[] sumPxx;
    final double logLikelihood;
    final long t;

    Gmm(GMMStats s) {
      c = s.numComponents();
      d = s.numFeatures();
      n = s.n();
      sumPx = s.sumPx().toArray();
      sumPxx = s.sumPxx().toArray();
      logLikelihood = s.logLikelihood();
      t = s.t();
    }

    GMMStats open() {
      return GMMStats.of(n, Matrix.wrap(c, d, sumPx), Matrix.wrap(c, d, sumPxx), logLikelihood, t);
    }

    static Gmm merge(Gmm into, Gmm from) {
      return new Gmm(into.open().merge(from.open()));
    }
  }

  /** {@link KMeansStats}. */
  static final class KMeans implements Serializable {
    private static final long serialVersionUID = 1L;
    final int k;
    final int d;
    final double[] counts;
    final double[] sums;
    final double sumMinDistance;
    final long numSamples;

    KMeans(KMeansStats s) {
      k = s.numClusters();
      d = s.numFeatures();
      counts = s.counts();
      sums = s.sums().toArray();
      sumMinDistance = s.sumMinDistance();
      numSamples = s.numSamples();
    }

    KMeansStats open() {
      return KMeansStats.of(counts, Matrix.wrap(k, d, sums), sumMinDistance, numSamples);
    }

    static KMeans merge(KMeans into, KMeans from) {
      return new KMeans(into.open().merge(from.open()));
    }
  }

  /** {@link IVectorStats}. */
  static final class IVector implements Serializable {
    private static final long serialVersionUID = 1L;
    final int c;
    final int d;
    final int r;
    final double[] nijSigmaWij2;
    final double[] fnormSigmaWij;
    final double[] snormij;
    final double[] nij;
    final double[] sumW;
    final double[] sumWW;
    final long numSessions;

    IVector(IVectorStats s) {
      c = s.numComponents();
      d = s.numFeatures();
      r = s.rank();
      nijSigmaWij2 = new double[c * r * r];
      for (int k = 0; k < c; k++) {
        System.arraycopy(s.nijSigmaWij2(k).data(), 0, nijSigmaWij2, k * r * r, r * r);
      }
      fnormSigmaWij = s.fnormSigmaWij().toArray();
      snormij = s.snormij().toArray();
      nij = s.nij();
      sumW = s.sumW();
      sumWW = s.sumWW().toArray();
      numSessions = s.numSessions();
    }

    IVectorStats open() {
      return IVectorStats.of(c, d, r, nijSigmaWij2, fnormSigmaWij, snormij, nij, sumW, sumWW,
          numSessions);
    }

    static IVector merge(IVector into, IVector from) {
      return new IVector(into.open().merge(from.open()));
    }
  }

  /**
   * Per-cluster count, sum and element-wise square sum of rows (the input of {@link
   * org.emkit.cluster.ClusterMoments#fromSums}); merged by element-wise addition.
   */
  static final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;
    final int k;
    final int d;
    final double[] counts;
    final double[] sums;
    final double[] squares;

    Moments(int k, int d) {
      this.k = k;
      this.d = d;
      counts = new double[k];
      sums = new double[k * d];
      squares = new double[k * d];
    }

    static Moments merge(Moments into, Moments from) {
      for (int i = 0; i < into.counts.length; i++) {
        into.counts[i] += from.counts[i];
      }
      for (int i = 0; i < into.sums.length; i++) {
        into.sums[i] += from.sums[i];
        into.squares[i] += from.squares[i];
      }
      return into;
    }
  }
}
