package org.emkit.cluster;

import org.emkit.core.internal.VectorSupport;

/**
 * Hot loops of k-means: squared Euclidean distances of a block of rows to all centroids,
 * evaluated directly as {@code Σ_j (x_j − μ_cj)²} in increasing j (as bob/scipy
 * {@code cdist}; no {@code ‖x‖² + ‖μ‖² − 2x·μ} expansion, so no cancellation). The centroids are
 * read transposed (D×K, {@code centroidsT[j*K + c]}) so that the vector twin
 * ({@code KMeansVectorKernels}) can put 4 centroids in the lanes of a vector and perform the same
 * additions in the same order: results are bitwise identical with or without the Vector API.
 */
final class KMeansKernels {

  private KMeansKernels() {}

  /**
   * @param centroids K×D row-major
   * @param k K
   * @param d D
   * @return the D×K transpose
   */
  static double[] transpose(double[] centroids, int k, int d) {
    double[] t = new double[k * d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        t[j * k + c] = centroids[c * d + j];
      }
    }
    return t;
  }

  /**
   * Squared distances of rows {@code [from, from+rows)} to every centroid.
   *
   * <pre>
   *   out[i*K + c] = Σ_j (x[(from+i)*D + j] − centroidsT[j*K + c])²      (j increasing)
   *   each term: e = x − μ;  s = fma(e, e, s)   (one rounding per term)
   * </pre>
   *
   * @param x data, D columns; not modified
   * @param from first row
   * @param rows number of rows
   * @param d D
   * @param centroidsT D×K transposed centroids; not modified
   * @param k K
   * @param out at least {@code rows*K}; written
   */
  static void distances(double[] x, int from, int rows, int d, double[] centroidsT, int k,
      double[] out) {
    if (VectorSupport.ENABLED) {
      KMeansVectorKernels.distances(x, from, rows, d, centroidsT, k, out);
    } else {
      distancesScalar(x, from, rows, d, centroidsT, k, out, 0);
    }
  }

  /** Scalar implementation of {@link #distances} for centroids {@code [c0, K)}. */
  static void distancesScalar(double[] x, int from, int rows, int d, double[] centroidsT, int k,
      double[] out, int c0) {
    for (int i = 0; i < rows; i++) {
      int xo = (from + i) * d;
      for (int c = c0; c < k; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double e = x[xo + j] - centroidsT[j * k + c];
          s = Math.fma(e, e, s);
        }
        out[i * k + c] = s;
      }
    }
  }

  /**
   * Arg-min over each row of a {@code rows × K} distance block (ties to the lowest index).
   *
   * @param dist distances; not modified
   * @param rows rows
   * @param k K
   * @param labels output labels at {@code labels[labelOffset + i]}; written
   * @param labelOffset offset into {@code labels}
   * @param minDist output minimum distance at {@code minDist[labelOffset + i]}, or null
   */
  static void argmin(double[] dist, int rows, int k, int[] labels, int labelOffset, double[] minDist) {
    for (int i = 0; i < rows; i++) {
      int o = i * k;
      double best = dist[o];
      int arg = 0;
      for (int c = 1; c < k; c++) {
        double v = dist[o + c];
        if (v < best) {
          best = v;
          arg = c;
        }
      }
      labels[labelOffset + i] = arg;
      if (minDist != null) {
        minDist[labelOffset + i] = best;
      }
    }
  }
}
