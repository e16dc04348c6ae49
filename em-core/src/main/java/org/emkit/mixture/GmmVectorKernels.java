package org.emkit.mixture;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.emkit.core.internal.FastExp;

/**
 * Vector API twin of {@link GmmKernels}: the same floating-point operations in the same order
 * on 4-lane {@code double} vectors (lane l handles the indices ≡ l mod 4), so that results are
 * bitwise identical to the scalar kernels. Loaded only when {@code jdk.incubator.vector} is
 * present (see {@link org.emkit.core.internal.VectorSupport}).
 *
 * <p>Register tiling: log-likelihoods in tiles of 4 rows × 2 components (8 accumulators; each
 * data vector is loaded once per 2 components, each mean/inverse-variance vector once per 4
 * rows); statistics in tiles of 1 component × 16 features (8 accumulators kept in registers
 * over all rows of a block).
 */
final class GmmVectorKernels {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
  private static final int L = 4;

  private GmmVectorKernels() {}

  /** Lane order reduction {@code (v0 + v1) + (v2 + v3)} plus scalar tail terms per lane. */
  private static double finish(DoubleVector acc, double[] x, int xo, double[] means, double[] iv,
      int mo, int d4, int d) {
    double s0 = acc.lane(0);
    double s1 = acc.lane(1);
    double s2 = acc.lane(2);
    double s3 = acc.lane(3);
    for (int j = d4; j < d; j++) {
      double e = x[xo + j] - means[mo + j];
      double t = e * e * iv[mo + j];
      switch (j & 3) {
        case 0:
          s0 += t;
          break;
        case 1:
          s1 += t;
          break;
        case 2:
          s2 += t;
          break;
        default:
          s3 += t;
      }
    }
    return (s0 + s1) + (s2 + s3);
  }

  static void logWeightedLikelihoods(double[] x, int from, int rows, int d, int c, double[] means,
      double[] iv, double[] logConst, double[] ll) {
    int d4 = d & ~3;
    int i = 0;
    for (; i + 3 < rows; i += 4) {
      int x0 = (from + i) * d;
      int x1 = x0 + d;
      int x2 = x1 + d;
      int x3 = x2 + d;
      int k = 0;
      for (; k + 1 < c; k += 2) {
        int m0 = k * d;
        int m1 = m0 + d;
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a31 = DoubleVector.zero(S);
        for (int j = 0; j < d4; j += L) {
          // a_rc += ((x_r − μ_c) * (x_r − μ_c)) * v_c, lanes j..j+3
          DoubleVector mu0 = DoubleVector.fromArray(S, means, m0 + j);
          DoubleVector mu1 = DoubleVector.fromArray(S, means, m1 + j);
          DoubleVector v0 = DoubleVector.fromArray(S, iv, m0 + j);
          DoubleVector v1 = DoubleVector.fromArray(S, iv, m1 + j);
          DoubleVector xr = DoubleVector.fromArray(S, x, x0 + j);
          DoubleVector e = xr.sub(mu0);
          a00 = a00.add(e.mul(e).mul(v0));
          e = xr.sub(mu1);
          a01 = a01.add(e.mul(e).mul(v1));
          xr = DoubleVector.fromArray(S, x, x1 + j);
          e = xr.sub(mu0);
          a10 = a10.add(e.mul(e).mul(v0));
          e = xr.sub(mu1);
          a11 = a11.add(e.mul(e).mul(v1));
          xr = DoubleVector.fromArray(S, x, x2 + j);
          e = xr.sub(mu0);
          a20 = a20.add(e.mul(e).mul(v0));
          e = xr.sub(mu1);
          a21 = a21.add(e.mul(e).mul(v1));
          xr = DoubleVector.fromArray(S, x, x3 + j);
          e = xr.sub(mu0);
          a30 = a30.add(e.mul(e).mul(v0));
          e = xr.sub(mu1);
          a31 = a31.add(e.mul(e).mul(v1));
        }
        double k0 = logConst[k];
        double k1 = logConst[k + 1];
        ll[i * c + k] = k0 - 0.5 * finish(a00, x, x0, means, iv, m0, d4, d);
        ll[i * c + k + 1] = k1 - 0.5 * finish(a01, x, x0, means, iv, m1, d4, d);
        ll[(i + 1) * c + k] = k0 - 0.5 * finish(a10, x, x1, means, iv, m0, d4, d);
        ll[(i + 1) * c + k + 1] = k1 - 0.5 * finish(a11, x, x1, means, iv, m1, d4, d);
        ll[(i + 2) * c + k] = k0 - 0.5 * finish(a20, x, x2, means, iv, m0, d4, d);
        ll[(i + 2) * c + k + 1] = k1 - 0.5 * finish(a21, x, x2, means, iv, m1, d4, d);
        ll[(i + 3) * c + k] = k0 - 0.5 * finish(a30, x, x3, means, iv, m0, d4, d);
        ll[(i + 3) * c + k + 1] = k1 - 0.5 * finish(a31, x, x3, means, iv, m1, d4, d);
      }
      for (; k < c; k++) {
        single(x, x0, means, iv, k * d, d4, d, logConst[k], ll, i * c + k);
        single(x, x1, means, iv, k * d, d4, d, logConst[k], ll, (i + 1) * c + k);
        single(x, x2, means, iv, k * d, d4, d, logConst[k], ll, (i + 2) * c + k);
        single(x, x3, means, iv, k * d, d4, d, logConst[k], ll, (i + 3) * c + k);
      }
    }
    for (; i < rows; i++) {
      int xo = (from + i) * d;
      for (int k = 0; k < c; k++) {
        single(x, xo, means, iv, k * d, d4, d, logConst[k], ll, i * c + k);
      }
    }
  }

  private static void single(double[] x, int xo, double[] means, double[] iv, int mo, int d4,
      int d, double logConst, double[] ll, int out) {
    DoubleVector a = DoubleVector.zero(S);
    for (int j = 0; j < d4; j += L) {
      DoubleVector e = DoubleVector.fromArray(S, x, xo + j).sub(DoubleVector.fromArray(S, means, mo + j));
      a = a.add(e.mul(e).mul(DoubleVector.fromArray(S, iv, mo + j)));
    }
    ll[out] = logConst - 0.5 * finish(a, x, xo, means, iv, mo, d4, d);
  }

  /**
   * Vector {@link FastExp}: {@code a[o+k] ← exp(a[o+k] − max)}, returns the sum in 4 lane partial
   * sums combined as {@code (s0 + s1) + (s2 + s3)}; identical bits to
   * {@link GmmKernels#expShiftedSum}.
   */
  static double expShiftedSum(double[] a, int o, int n, double max) {
    int n4 = n & ~3;
    DoubleVector sum = DoubleVector.zero(S);
    DoubleVector vmax = DoubleVector.broadcast(S, max);
    double[] c = FastExp.COEFFICIENTS;
    long shifterBits = Double.doubleToRawLongBits(FastExp.SHIFTER);
    for (int k = 0; k < n4; k += L) {
      DoubleVector xv = DoubleVector.fromArray(S, a, o + k).sub(vmax);
      DoubleVector t = xv.mul(FastExp.LOG2E).add(FastExp.SHIFTER);
      DoubleVector kd = t.sub(FastExp.SHIFTER);
      LongVector kBits = t.reinterpretAsLongs().sub(shifterBits);
      DoubleVector r = xv.sub(kd.mul(FastExp.LN2_HI)).sub(kd.mul(FastExp.LN2_LO));
      DoubleVector p = DoubleVector.broadcast(S, c[0]);
      for (int q = 1; q < c.length; q++) {
        p = p.mul(r).add(c[q]);
      }
      DoubleVector scale = kBits.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
      DoubleVector e = p.mul(scale);
      VectorMask<Double> under = xv.compare(VectorOperators.LT, FastExp.LOWER_LIMIT);
      e = e.blend(0.0, under);
      e.intoArray(a, o + k);
      sum = sum.add(e);
    }
    double s0 = sum.lane(0);
    double s1 = sum.lane(1);
    double s2 = sum.lane(2);
    double s3 = sum.lane(3);
    for (int k = n4; k < n; k++) {
      double e = FastExp.exp(a[o + k] - max);
      a[o + k] = e;
      switch (k & 3) {
        case 0:
          s0 += e;
          break;
        case 1:
          s1 += e;
          break;
        case 2:
          s2 += e;
          break;
        default:
          s3 += e;
      }
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Vector twin of {@link GmmKernels#accumulate} (second order included). */
  static void accumulate(double[] x, int from, int rows, int d, double[] post, int c, double[] n,
      double[] sumPx, double[] sumPxx) {
    int d16 = d & ~15;
    int d4 = d & ~3;
    for (int k = 0; k < c; k++) {
      int s = k * d;
      double nk = n[k];
      for (int i = 0; i < rows; i++) {
        double g = post[i * c + k];
        if (g != 0.0) {
          nk += g;
        }
      }
      n[k] = nk;
      int j = 0;
      for (; j < d16; j += 16) {
        DoubleVector p0 = DoubleVector.fromArray(S, sumPx, s + j);
        DoubleVector p1 = DoubleVector.fromArray(S, sumPx, s + j + 4);
        DoubleVector p2 = DoubleVector.fromArray(S, sumPx, s + j + 8);
        DoubleVector p3 = DoubleVector.fromArray(S, sumPx, s + j + 12);
        DoubleVector q0 = DoubleVector.fromArray(S, sumPxx, s + j);
        DoubleVector q1 = DoubleVector.fromArray(S, sumPxx, s + j + 4);
        DoubleVector q2 = DoubleVector.fromArray(S, sumPxx, s + j + 8);
        DoubleVector q3 = DoubleVector.fromArray(S, sumPxx, s + j + 12);
        for (int i = 0; i < rows; i++) {
          double g = post[i * c + k];
          if (g == 0.0) {
            continue;
          }
          int xo = (from + i) * d + j;
          // t = g·x; sumPx += t; sumPxx += t·x   (per lane, rows in order)
          DoubleVector x0 = DoubleVector.fromArray(S, x, xo);
          DoubleVector x1 = DoubleVector.fromArray(S, x, xo + 4);
          DoubleVector x2 = DoubleVector.fromArray(S, x, xo + 8);
          DoubleVector x3 = DoubleVector.fromArray(S, x, xo + 12);
          DoubleVector t0 = x0.mul(g);
          DoubleVector t1 = x1.mul(g);
          DoubleVector t2 = x2.mul(g);
          DoubleVector t3 = x3.mul(g);
          p0 = p0.add(t0);
          p1 = p1.add(t1);
          p2 = p2.add(t2);
          p3 = p3.add(t3);
          q0 = q0.add(t0.mul(x0));
          q1 = q1.add(t1.mul(x1));
          q2 = q2.add(t2.mul(x2));
          q3 = q3.add(t3.mul(x3));
        }
        p0.intoArray(sumPx, s + j);
        p1.intoArray(sumPx, s + j + 4);
        p2.intoArray(sumPx, s + j + 8);
        p3.intoArray(sumPx, s + j + 12);
        q0.intoArray(sumPxx, s + j);
        q1.intoArray(sumPxx, s + j + 4);
        q2.intoArray(sumPxx, s + j + 8);
        q3.intoArray(sumPxx, s + j + 12);
      }
      for (; j < d4; j += 4) {
        DoubleVector p0 = DoubleVector.fromArray(S, sumPx, s + j);
        DoubleVector q0 = DoubleVector.fromArray(S, sumPxx, s + j);
        for (int i = 0; i < rows; i++) {
          double g = post[i * c + k];
          if (g == 0.0) {
            continue;
          }
          DoubleVector x0 = DoubleVector.fromArray(S, x, (from + i) * d + j);
          DoubleVector t0 = x0.mul(g);
          p0 = p0.add(t0);
          q0 = q0.add(t0.mul(x0));
        }
        p0.intoArray(sumPx, s + j);
        q0.intoArray(sumPxx, s + j);
      }
      for (; j < d; j++) {
        double px = sumPx[s + j];
        double pxx = sumPxx[s + j];
        for (int i = 0; i < rows; i++) {
          double g = post[i * c + k];
          if (g == 0.0) {
            continue;
          }
          double xv = x[(from + i) * d + j];
          double t = g * xv;
          px += t;
          pxx += t * xv;
        }
        sumPx[s + j] = px;
        sumPxx[s + j] = pxx;
      }
    }
  }
}
