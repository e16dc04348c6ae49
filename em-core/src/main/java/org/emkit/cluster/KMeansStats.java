package org.emkit.cluster;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Sufficient statistics of one Lloyd iteration: per-cluster counts and sums of the assigned
 * rows, and the total of the per-row minimum squared distances. Additive: chunks, threads and
 * Spark partitions each fill one and {@link #merge(KMeansStats)} them in a fixed order.
 *
 * <p>Shapes: {@code counts} length K, {@code sums} K×D row-major.
 *
 * <p>Mutable, not thread-safe.
 *
 * @see KMeansMachine#accumulate(Matrix, KMeansStats)
 * @see KMeansMachine#updateCentroids(KMeansStats)
 */
public final class KMeansStats {

  private final int numClusters;
  private final int numFeatures;
  private final double[] counts;
  private final double[] sums;
  private double sumMinDistance;
  private long numSamples;

  /**
   * @param numClusters K
   * @param numFeatures D
   */
  public KMeansStats(int numClusters, int numFeatures) {
    Check.atLeast("KMeansStats", "numClusters", numClusters, 1);
    Check.atLeast("KMeansStats", "numFeatures", numFeatures, 1);
    this.numClusters = numClusters;
    this.numFeatures = numFeatures;
    this.counts = new double[numClusters];
    this.sums = new double[Math.multiplyExact(numClusters, numFeatures)];
  }

  /**
   * Statistics from values (for example merged elsewhere or read back from a file).
   *
   * @param counts per-cluster counts, length K, non-negative; copied
   * @param sums per-cluster sums, K×D; copied
   * @param sumMinDistance total of the per-row minimum squared distances, {@code >= 0}
   * @param numSamples number of rows, {@code >= 0}
   * @return new statistics
   */
  public static KMeansStats of(double[] counts, Matrix sums, double sumMinDistance,
      long numSamples) {
    String owner = "KMeansStats.of";
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(sums, "sums");
    KMeansStats s = new KMeansStats(counts.length, sums.cols());
    Check.shape(owner, "sums", sums, counts.length, sums.cols());
    Check.nonNegative(owner, "counts", counts);
    Check.nonNegative(owner, "sumMinDistance", sumMinDistance);
    if (numSamples < 0) {
      throw new IllegalArgumentException(owner + ": numSamples must be in [0, inf), got "
          + numSamples);
    }
    System.arraycopy(counts, 0, s.counts, 0, counts.length);
    System.arraycopy(sums.data(), 0, s.sums, 0, s.sums.length);
    s.sumMinDistance = sumMinDistance;
    s.numSamples = numSamples;
    return s;
  }

  /** @return K */
  public int numClusters() {
    return numClusters;
  }

  /** @return D */
  public int numFeatures() {
    return numFeatures;
  }

  /** @return a copy of the per-cluster counts */
  public double[] counts() {
    return counts.clone();
  }

  /** @return a copy of the per-cluster sums, K×D */
  public Matrix sums() {
    return Matrix.copyOf(numClusters, numFeatures, sums);
  }

  /** @return the number of clusters with a count of zero (no row assigned) */
  public int numEmpty() {
    int empty = 0;
    for (double c : counts) {
      if (c == 0) {
        empty++;
      }
    }
    return empty;
  }

  /** @return total of the per-row minimum squared distances */
  public double sumMinDistance() {
    return sumMinDistance;
  }

  /** @return number of rows accumulated */
  public long numSamples() {
    return numSamples;
  }

  double[] countsArray() {
    return counts;
  }

  double[] sumsArray() {
    return sums;
  }

  void add(double minDistance) {
    sumMinDistance += minDistance;
  }

  void addSamples(long rows) {
    numSamples += rows;
  }

  /**
   * Adds {@code other} into this object.
   *
   * @param other stats of the same shape; not modified
   * @return {@code this}
   */
  public KMeansStats merge(KMeansStats other) {
    Objects.requireNonNull(other, "other");
    if (other.numClusters != numClusters || other.numFeatures != numFeatures) {
      throw new DimensionMismatchException("KMeansStats.merge: shapes differ: this is K×D = "
          + numClusters + "x" + numFeatures + ", other is " + other.numClusters + "x"
          + other.numFeatures);
    }
    for (int c = 0; c < numClusters; c++) {
      counts[c] += other.counts[c];
    }
    for (int k = 0; k < sums.length; k++) {
      sums[k] += other.sums[k];
    }
    sumMinDistance += other.sumMinDistance;
    numSamples += other.numSamples;
    return this;
  }

  /** Sets everything to zero. */
  public void reset() {
    Arrays.fill(counts, 0);
    Arrays.fill(sums, 0);
    sumMinDistance = 0;
    numSamples = 0;
  }

  @Override
  public String toString() {
    return "KMeansStats[K=" + numClusters + ", D=" + numFeatures + ", n=" + numSamples + "]";
  }
}
