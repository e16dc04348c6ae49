package org.emkit.cluster;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API twin of {@link KMeansKernels#distances}: 4 centroids per lane group, register-tiled
 * 4 rows × 8 centroids, the sum over features sequential per lane with one fused multiply-add per
 * term ({@code a = fma(e, e, a)}, as the scalar kernel's {@link Math#fma}), so results equal the
 * scalar kernel bit for bit.
 */
final class KMeansVectorKernels {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

  private KMeansVectorKernels() {}

  static void distances(double[] x, int from, int rows, int d, double[] ct, int k, double[] out) {
    int k8 = k & ~7;
    int k4 = k & ~3;
    int i = 0;
    for (; i + 3 < rows; i += 4) {
      int x0 = (from + i) * d;
      int x1 = x0 + d;
      int x2 = x1 + d;
      int x3 = x2 + d;
      for (int c = 0; c < k8; c += 8) {
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a31 = DoubleVector.zero(S);
        for (int j = 0; j < d; j++) {
          // a_r += (x_rj − μ_j)², four centroids per lane group
          int p = j * k + c;
          DoubleVector m0 = DoubleVector.fromArray(S, ct, p);
          DoubleVector m1 = DoubleVector.fromArray(S, ct, p + 4);
          DoubleVector xb = DoubleVector.broadcast(S, x[x0 + j]);
          DoubleVector e = xb.sub(m0);
          a00 = e.fma(e, a00);
          e = xb.sub(m1);
          a01 = e.fma(e, a01);
          xb = DoubleVector.broadcast(S, x[x1 + j]);
          e = xb.sub(m0);
          a10 = e.fma(e, a10);
          e = xb.sub(m1);
          a11 = e.fma(e, a11);
          xb = DoubleVector.broadcast(S, x[x2 + j]);
          e = xb.sub(m0);
          a20 = e.fma(e, a20);
          e = xb.sub(m1);
          a21 = e.fma(e, a21);
          xb = DoubleVector.broadcast(S, x[x3 + j]);
          e = xb.sub(m0);
          a30 = e.fma(e, a30);
          e = xb.sub(m1);
          a31 = e.fma(e, a31);
        }
        a00.intoArray(out, i * k + c);
        a01.intoArray(out, i * k + c + 4);
        a10.intoArray(out, (i + 1) * k + c);
        a11.intoArray(out, (i + 1) * k + c + 4);
        a20.intoArray(out, (i + 2) * k + c);
        a21.intoArray(out, (i + 2) * k + c + 4);
        a30.intoArray(out, (i + 3) * k + c);
        a31.intoArray(out, (i + 3) * k + c + 4);
      }
    }
    for (int r = 0; r < rows; r++) {
      int xo = (from + r) * d;
      for (int c = r < i ? k8 : 0; c < k4; c += 4) {
        DoubleVector a = DoubleVector.zero(S);
        for (int j = 0; j < d; j++) {
          DoubleVector e = DoubleVector.broadcast(S, x[xo + j]).sub(DoubleVector.fromArray(S, ct, j * k + c));
          a = e.fma(e, a);
        }
        a.intoArray(out, r * k + c);
      }
    }
    if (k4 < k) {
      KMeansKernels.distancesScalar(x, from, rows, d, ct, k, out, k4);
    }
  }
}
