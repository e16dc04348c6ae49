package org.emkit.cluster;

/**
 * Hot loops of k-means: squared Euclidean distances of a block of rows to all centroids,
 * evaluated directly as {@code Σ_j (x_j − μ_cj)²} (as bob/scipy {@code cdist}; no
 * {@code ‖x‖² + ‖μ‖² − 2x·μ} expansion, so no cancellation), register-tiled 2 rows × 2
 * centroids.
 */
final class KMeansKernels {

  private KMeansKernels() {}

  /**
   * Squared distances of rows {@code [from, from+rows)} to every centroid.
   *
   * <pre>
   *   out[i*K + c] = Σ_j (x[(from+i)*D + j] − centroids[c*D + j])²
   * </pre>
   *
   * @param x data, D columns; not modified
   * @param from first row
   * @param rows number of rows
   * @param d D
   * @param centroids K×D; not modified
   * @param k K
   * @param out at least {@code rows*K}; written
   */
  static void distances(double[] x, int from, int rows, int d, double[] centroids, int k,
      double[] out) {
    int i = 0;
    for (; i + 1 < rows; i += 2) {
      int x0 = (from + i) * d;
      int x1 = x0 + d;
      int c = 0;
      for (; c + 1 < k; c += 2) {
        int m0 = c * d;
        int m1 = m0 + d;
        double a00 = 0;
        double a01 = 0;
        double a10 = 0;
        double a11 = 0;
        for (int j = 0; j < d; j++) {
          double xa = x[x0 + j];
          double xb = x[x1 + j];
          double mu0 = centroids[m0 + j];
          double mu1 = centroids[m1 + j];
          double d00 = xa - mu0;
          double d01 = xa - mu1;
          double d10 = xb - mu0;
          double d11 = xb - mu1;
          a00 += d00 * d00;
          a01 += d01 * d01;
          a10 += d10 * d10;
          a11 += d11 * d11;
        }
        out[i * k + c] = a00;
        out[i * k + c + 1] = a01;
        out[(i + 1) * k + c] = a10;
        out[(i + 1) * k + c + 1] = a11;
      }
      for (; c < k; c++) {
        int m0 = c * d;
        double a0 = 0;
        double a1 = 0;
        for (int j = 0; j < d; j++) {
          double mu = centroids[m0 + j];
          double d0 = x[x0 + j] - mu;
          double d1 = x[x1 + j] - mu;
          a0 += d0 * d0;
          a1 += d1 * d1;
        }
        out[i * k + c] = a0;
        out[(i + 1) * k + c] = a1;
      }
    }
    for (; i < rows; i++) {
      int x0 = (from + i) * d;
      for (int c = 0; c < k; c++) {
        int m0 = c * d;
        double a = 0;
        for (int j = 0; j < d; j++) {
          double df = x[x0 + j] - centroids[m0 + j];
          a += df * df;
        }
        out[i * k + c] = a;
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
