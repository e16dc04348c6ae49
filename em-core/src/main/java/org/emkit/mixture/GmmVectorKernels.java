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
 * <p>Layout and tiling: log-likelihoods put 4 consecutive components in the lanes (means and
 * inverse variances transposed to D×C), register-tiled 4 rows × 8 components (8 accumulators;
 * each parameter vector is loaded once per 4 rows, each data value broadcast once per 8
 * components); the sum over features is sequential per lane, exactly as in the scalar loop.
 * Statistics put 4 consecutive features in the lanes, in tiles of 1 component × 16 features
 * (8 accumulators kept in registers over the rows of a block, feature chunks outermost so the
 * block's data slice stays in L1).
 */
final class GmmVectorKernels {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
  private static final int L = 4;

  private GmmVectorKernels() {}

  static void logWeightedLikelihoods(double[] x, int from, int rows, int d, int c, double[] meansT,
      double[] ivT, double[] logConst, double[] ll) {
    int c8 = c & ~7;
    int c4 = c & ~3;
    int i = 0;
    for (; i + 3 < rows; i += 4) {
      int x0 = (from + i) * d;
      int x1 = x0 + d;
      int x2 = x1 + d;
      int x3 = x2 + d;
      int k = 0;
      for (; k < c8; k += 8) {
        // lanes = components k..k+3 (a·0) and k+4..k+7 (a·1); rows i..i+3
        DoubleVector a00 = DoubleVector.zero(S);
        DoubleVector a01 = DoubleVector.zero(S);
        DoubleVector a10 = DoubleVector.zero(S);
        DoubleVector a11 = DoubleVector.zero(S);
        DoubleVector a20 = DoubleVector.zero(S);
        DoubleVector a21 = DoubleVector.zero(S);
        DoubleVector a30 = DoubleVector.zero(S);
        DoubleVector a31 = DoubleVector.zero(S);
        for (int j = 0; j < d; j++) {
          // a_r = fma((x_rj − μ_j) * (x_rj − μ_j), v_j, a_r), four components per lane group
          int p = j * c + k;
          DoubleVector mu0 = DoubleVector.fromArray(S, meansT, p);
          DoubleVector mu1 = DoubleVector.fromArray(S, meansT, p + 4);
          DoubleVector v0 = DoubleVector.fromArray(S, ivT, p);
          DoubleVector v1 = DoubleVector.fromArray(S, ivT, p + 4);
          DoubleVector xb = DoubleVector.broadcast(S, x[x0 + j]);
          DoubleVector e = xb.sub(mu0);
          a00 = e.mul(e).fma(v0, a00);
          e = xb.sub(mu1);
          a01 = e.mul(e).fma(v1, a01);
          xb = DoubleVector.broadcast(S, x[x1 + j]);
          e = xb.sub(mu0);
          a10 = e.mul(e).fma(v0, a10);
          e = xb.sub(mu1);
          a11 = e.mul(e).fma(v1, a11);
          xb = DoubleVector.broadcast(S, x[x2 + j]);
          e = xb.sub(mu0);
          a20 = e.mul(e).fma(v0, a20);
          e = xb.sub(mu1);
          a21 = e.mul(e).fma(v1, a21);
          xb = DoubleVector.broadcast(S, x[x3 + j]);
          e = xb.sub(mu0);
          a30 = e.mul(e).fma(v0, a30);
          e = xb.sub(mu1);
          a31 = e.mul(e).fma(v1, a31);
        }
        DoubleVector lc0 = DoubleVector.fromArray(S, logConst, k);
        DoubleVector lc1 = DoubleVector.fromArray(S, logConst, k + 4);
        lc0.sub(a00.mul(0.5)).intoArray(ll, i * c + k);
        lc1.sub(a01.mul(0.5)).intoArray(ll, i * c + k + 4);
        lc0.sub(a10.mul(0.5)).intoArray(ll, (i + 1) * c + k);
        lc1.sub(a11.mul(0.5)).intoArray(ll, (i + 1) * c + k + 4);
        lc0.sub(a20.mul(0.5)).intoArray(ll, (i + 2) * c + k);
        lc1.sub(a21.mul(0.5)).intoArray(ll, (i + 2) * c + k + 4);
        lc0.sub(a30.mul(0.5)).intoArray(ll, (i + 3) * c + k);
        lc1.sub(a31.mul(0.5)).intoArray(ll, (i + 3) * c + k + 4);
      }
    }
    // remaining rows: one row × 4 components at a time
    for (int r = 0; r < rows; r++) {
      int xo = (from + r) * d;
      int k = r < i ? c8 : 0;
      for (; k < c4; k += 4) {
        DoubleVector a = DoubleVector.zero(S);
        for (int j = 0; j < d; j++) {
          int p = j * c + k;
          DoubleVector e = DoubleVector.broadcast(S, x[xo + j]).sub(DoubleVector.fromArray(S, meansT, p));
          a = e.mul(e).fma(DoubleVector.fromArray(S, ivT, p), a);
        }
        DoubleVector.fromArray(S, logConst, k).sub(a.mul(0.5)).intoArray(ll, r * c + k);
      }
    }
    if (c4 < c) {
      GmmKernels.logWeightedLikelihoodsScalar(x, from, rows, d, c, meansT, ivT, logConst, ll, c4);
    }
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

  /**
   * Lists, for every component k, the rows of the block with a non-zero responsibility
   * ({@code rowIndex[k*rows .. k*rows + counts[k])}, increasing) and adds them to n[k] in row
   * order. Listing first keeps the vector loops free of branches: loop-carried vector
   * accumulators that meet a control-flow merge are boxed by C2 (JDK 17), which allocates per row
   * and component once a zero-skipping branch has been taken.
   */
  private static void listRows(double[] postT, int rows, int c, double[] n, int[] rowIndex,
      int[] counts) {
    for (int k = 0; k < c; k++) {
      int po = k * rows;
      double nk = n[k];
      int m = 0;
      for (int i = 0; i < rows; i++) {
        double g = postT[po + i];
        if (g != 0.0) {
          nk += g;
          rowIndex[po + m++] = i;
        }
      }
      n[k] = nk;
      counts[k] = m;
    }
  }

  /**
   * Vector twin of {@link GmmKernels#accumulate}: per element (k, j) the same operations in the
   * same (row) order. Feature chunks of 16 are the outer loop so that the block's data slice
   * (rows × 16 doubles) stays in L1 while every component reads it; each (component, chunk)
   * tile keeps its 8 accumulators in registers over the component's listed rows.
   *
   * <p>Uncentred: {@code sumPx = fma(x, g, sumPx)}, {@code sumPxx = fma(x·x, g, sumPxx)} with
   * the squares of the block computed once into {@code sq}. Centred ({@code centre != null}):
   * {@code e = x − μ}, {@code t = e·g}, {@code sumPx += t}, {@code sumPxx = fma(t, e, sumPxx)}.
   */
  static void accumulate(double[] x, int from, int rows, int d, double[] postT, int c,
      double[] centre, double[] n, double[] sumPx, double[] sumPxx, double[] sq, int[] rowIndex,
      int[] counts) {
    listRows(postT, rows, c, n, rowIndex, counts);
    if (centre == null) {
      squares(x, from * d, rows * d, sq);
    }
    int d16 = d & ~15;
    int d4 = d & ~3;
    for (int j = 0; j < d; j += j < d16 ? 16 : j < d4 ? 4 : 1) {
      int width = j < d16 ? 16 : j < d4 ? 4 : 1;
      for (int k = 0; k < c; k++) {
        int m = counts[k];
        if (m == 0) {
          continue;
        }
        int po = k * rows;
        int s = k * d + j;
        if (centre == null) {
          if (width == 16) {
            plain16(x, sq, from * d + j, d, postT, po, rowIndex, m, sumPx, sumPxx, s);
          } else if (width == 4) {
            plain4(x, sq, from * d + j, d, postT, po, rowIndex, m, sumPx, sumPxx, s);
          } else {
            plain1(x, from * d + j, d, postT, po, rowIndex, m, sumPx, sumPxx, s);
          }
        } else {
          if (width == 16) {
            centred16(x, from * d + j, d, centre, postT, po, rowIndex, m, sumPx, sumPxx, s);
          } else if (width == 4) {
            centred4(x, from * d + j, d, centre, postT, po, rowIndex, m, sumPx, sumPxx, s);
          } else {
            centred1(x, from * d + j, d, centre, postT, po, rowIndex, m, sumPx, sumPxx, s);
          }
        }
      }
    }
  }

  /** {@code sq[t] = x[o + t]²} for t in [0, len). */
  private static void squares(double[] x, int o, int len, double[] sq) {
    int t = 0;
    for (; t + 3 < len; t += 4) {
      DoubleVector v = DoubleVector.fromArray(S, x, o + t);
      v.mul(v).intoArray(sq, t);
    }
    for (; t < len; t++) {
      sq[t] = x[o + t] * x[o + t];
    }
  }

  // Tiles: x0 is the offset of (first block row, first feature of the tile) in x (and, minus
  // from·D, in sq); s the offset of (component, first feature) in the sums.

  private static void plain16(double[] x, double[] sq, int x0, int d, double[] postT, int po,
      int[] rowIndex, int m, double[] sumPx, double[] sumPxx, int s) {
    DoubleVector p0 = DoubleVector.fromArray(S, sumPx, s);
    DoubleVector p1 = DoubleVector.fromArray(S, sumPx, s + 4);
    DoubleVector p2 = DoubleVector.fromArray(S, sumPx, s + 8);
    DoubleVector p3 = DoubleVector.fromArray(S, sumPx, s + 12);
    DoubleVector q0 = DoubleVector.fromArray(S, sumPxx, s);
    DoubleVector q1 = DoubleVector.fromArray(S, sumPxx, s + 4);
    DoubleVector q2 = DoubleVector.fromArray(S, sumPxx, s + 8);
    DoubleVector q3 = DoubleVector.fromArray(S, sumPxx, s + 12);
    int so = x0 % d;
    for (int r = 0; r < m; r++) {
      int i = rowIndex[po + r];
      DoubleVector g = DoubleVector.broadcast(S, postT[po + i]);
      int xo = x0 + i * d;
      int qo = so + i * d;
      p0 = DoubleVector.fromArray(S, x, xo).fma(g, p0);
      p1 = DoubleVector.fromArray(S, x, xo + 4).fma(g, p1);
      p2 = DoubleVector.fromArray(S, x, xo + 8).fma(g, p2);
      p3 = DoubleVector.fromArray(S, x, xo + 12).fma(g, p3);
      q0 = DoubleVector.fromArray(S, sq, qo).fma(g, q0);
      q1 = DoubleVector.fromArray(S, sq, qo + 4).fma(g, q1);
      q2 = DoubleVector.fromArray(S, sq, qo + 8).fma(g, q2);
      q3 = DoubleVector.fromArray(S, sq, qo + 12).fma(g, q3);
    }
    p0.intoArray(sumPx, s);
    p1.intoArray(sumPx, s + 4);
    p2.intoArray(sumPx, s + 8);
    p3.intoArray(sumPx, s + 12);
    q0.intoArray(sumPxx, s);
    q1.intoArray(sumPxx, s + 4);
    q2.intoArray(sumPxx, s + 8);
    q3.intoArray(sumPxx, s + 12);
  }

  private static void plain4(double[] x, double[] sq, int x0, int d, double[] postT, int po,
      int[] rowIndex, int m, double[] sumPx, double[] sumPxx, int s) {
    DoubleVector p0 = DoubleVector.fromArray(S, sumPx, s);
    DoubleVector q0 = DoubleVector.fromArray(S, sumPxx, s);
    int so = x0 % d;
    for (int r = 0; r < m; r++) {
      int i = rowIndex[po + r];
      DoubleVector g = DoubleVector.broadcast(S, postT[po + i]);
      p0 = DoubleVector.fromArray(S, x, x0 + i * d).fma(g, p0);
      q0 = DoubleVector.fromArray(S, sq, so + i * d).fma(g, q0);
    }
    p0.intoArray(sumPx, s);
    q0.intoArray(sumPxx, s);
  }

  private static void plain1(double[] x, int x0, int d, double[] postT, int po, int[] rowIndex,
      int m, double[] sumPx, double[] sumPxx, int s) {
    double px = sumPx[s];
    double pxx = sumPxx[s];
    for (int r = 0; r < m; r++) {
      int i = rowIndex[po + r];
      double g = postT[po + i];
      double xv = x[x0 + i * d];
      px = Math.fma(xv, g, px);
      pxx = Math.fma(xv * xv, g, pxx);
    }
    sumPx[s] = px;
    sumPxx[s] = pxx;
  }

  private static void centred16(double[] x, int x0, int d, double[] centre, double[] postT,
      int po, int[] rowIndex, int m, double[] sumPx, double[] sumPxx, int s) {
    DoubleVector p0 = DoubleVector.fromArray(S, sumPx, s);
    DoubleVector p1 = DoubleVector.fromArray(S, sumPx, s + 4);
    DoubleVector p2 = DoubleVector.fromArray(S, sumPx, s + 8);
    DoubleVector p3 = DoubleVector.fromArray(S, sumPx, s + 12);
    DoubleVector q0 = DoubleVector.fromArray(S, sumPxx, s);
    DoubleVector q1 = DoubleVector.fromArray(S, sumPxx, s + 4);
    DoubleVector q2 = DoubleVector.fromArray(S, sumPxx, s + 8);
    DoubleVector q3 = DoubleVector.fromArray(S, sumPxx, s + 12);
    DoubleVector m0 = DoubleVector.fromArray(S, centre, s);
    DoubleVector m1 = DoubleVector.fromArray(S, centre, s + 4);
    DoubleVector m2 = DoubleVector.fromArray(S, centre, s + 8);
    DoubleVector m3 = DoubleVector.fromArray(S, centre, s + 12);
    for (int r = 0; r < m; r++) {
      int i = rowIndex[po + r];
      double g = postT[po + i];
      int xo = x0 + i * d;
      DoubleVector e0 = DoubleVector.fromArray(S, x, xo).sub(m0);
      DoubleVector e1 = DoubleVector.fromArray(S, x, xo + 4).sub(m1);
      DoubleVector e2 = DoubleVector.fromArray(S, x, xo + 8).sub(m2);
      DoubleVector e3 = DoubleVector.fromArray(S, x, xo + 12).sub(m3);
      DoubleVector t0 = e0.mul(g);
      DoubleVector t1 = e1.mul(g);
      DoubleVector t2 = e2.mul(g);
      DoubleVector t3 = e3.mul(g);
      p0 = p0.add(t0);
      p1 = p1.add(t1);
      p2 = p2.add(t2);
      p3 = p3.add(t3);
      q0 = t0.fma(e0, q0);
      q1 = t1.fma(e1, q1);
      q2 = t2.fma(e2, q2);
      q3 = t3.fma(e3, q3);
    }
    p0.intoArray(sumPx, s);
    p1.intoArray(sumPx, s + 4);
    p2.intoArray(sumPx, s + 8);
    p3.intoArray(sumPx, s + 12);
    q0.intoArray(sumPxx, s);
    q1.intoArray(sumPxx, s + 4);
    q2.intoArray(sumPxx, s + 8);
    q3.intoArray(sumPxx, s + 12);
  }

  private static void centred4(double[] x, int x0, int d, double[] centre, double[] postT,
      int po, int[] rowIndex, int m, double[] sumPx, double[] sumPxx, int s) {
    DoubleVector p0 = DoubleVector.fromArray(S, sumPx, s);
    DoubleVector q0 = DoubleVector.fromArray(S, sumPxx, s);
    DoubleVector m0 = DoubleVector.fromArray(S, centre, s);
    for (int r = 0; r < m; r++) {
      int i = rowIndex[po + r];
      DoubleVector e0 = DoubleVector.fromArray(S, x, x0 + i * d).sub(m0);
      DoubleVector t0 = e0.mul(postT[po + i]);
      p0 = p0.add(t0);
      q0 = t0.fma(e0, q0);
    }
    p0.intoArray(sumPx, s);
    q0.intoArray(sumPxx, s);
  }

  private static void centred1(double[] x, int x0, int d, double[] centre, double[] postT,
      int po, int[] rowIndex, int m, double[] sumPx, double[] sumPxx, int s) {
    double px = sumPx[s];
    double pxx = sumPxx[s];
    double mu = centre[s];
    for (int r = 0; r < m; r++) {
      int i = rowIndex[po + r];
      double e = x[x0 + i * d] - mu;
      double t = e * postT[po + i];
      px += t;
      pxx = Math.fma(t, e, pxx);
    }
    sumPx[s] = px;
    sumPxx[s] = pxx;
  }
}
