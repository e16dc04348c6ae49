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
 * (8 accumulators kept in registers over the rows of a 64-row sub-block, feature chunks
 * outermost so the
 * sub-block's data slice stays in L1).
 */
final class GmmVectorKernels {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
  private static final int L = 4;

  private GmmVectorKernels() {}

  static void logWeightedLikelihoods(double[] x, int from, int rows, int d, int c, double[] scaleT,
      double[] shiftT, double[] logConst, double[] ll) {
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
          // e = fma(x_rj, s_j, t_j) = (x_rj − μ_j)/σ_j; a_r = fma(e, e, a_r); 4 components per lane group
          int p = j * c + k;
          DoubleVector s0 = DoubleVector.fromArray(S, scaleT, p);
          DoubleVector s1 = DoubleVector.fromArray(S, scaleT, p + 4);
          DoubleVector t0 = DoubleVector.fromArray(S, shiftT, p);
          DoubleVector t1 = DoubleVector.fromArray(S, shiftT, p + 4);
          DoubleVector xb = DoubleVector.broadcast(S, x[x0 + j]);
          DoubleVector e = xb.fma(s0, t0);
          a00 = e.fma(e, a00);
          e = xb.fma(s1, t1);
          a01 = e.fma(e, a01);
          xb = DoubleVector.broadcast(S, x[x1 + j]);
          e = xb.fma(s0, t0);
          a10 = e.fma(e, a10);
          e = xb.fma(s1, t1);
          a11 = e.fma(e, a11);
          xb = DoubleVector.broadcast(S, x[x2 + j]);
          e = xb.fma(s0, t0);
          a20 = e.fma(e, a20);
          e = xb.fma(s1, t1);
          a21 = e.fma(e, a21);
          xb = DoubleVector.broadcast(S, x[x3 + j]);
          e = xb.fma(s0, t0);
          a30 = e.fma(e, a30);
          e = xb.fma(s1, t1);
          a31 = e.fma(e, a31);
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
          DoubleVector e = DoubleVector.broadcast(S, x[xo + j])
              .fma(DoubleVector.fromArray(S, scaleT, p), DoubleVector.fromArray(S, shiftT, p));
          a = e.fma(e, a);
        }
        DoubleVector.fromArray(S, logConst, k).sub(a.mul(0.5)).intoArray(ll, r * c + k);
      }
    }
    if (c4 < c) {
      GmmKernels.logWeightedLikelihoodsScalar(x, from, rows, d, c, scaleT, shiftT, logConst, ll, c4);
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
        p = p.fma(r, DoubleVector.broadcast(S, c[q]));
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

  /** Rows per sub-block of the statistics loops: x of a sub-block's 16-feature chunk
   * (64 × 16 doubles = 8 KiB) stays in L1 while every component reads them. */
  static final int SUB_ROWS = 64;

  /**
   * Lists, for every component k, the rows {@code r0 ≤ i < r0 + rr} of the block with a non-zero
   * responsibility ({@code rowIndex[k*rr .. k*rr + counts[k])}, increasing) and adds
   * them to n[k] in row order. Listing first keeps the vector loops free of branches:
   * loop-carried vector accumulators that meet a control-flow merge are boxed by C2 (JDK 17),
   * which allocates per row and component once a zero-skipping branch has been taken.
   */
  private static void listRows(double[] postT, int rows, int r0, int rr, int c, double[] n,
      int[] rowIndex, int[] counts) {
    for (int k = 0; k < c; k++) {
      int po = k * rows;
      int lo = k * rr;
      double nk = n[k];
      int m = 0;
      for (int i = r0; i < r0 + rr; i++) {
        double g = postT[po + i];
        if (g != 0.0) {
          nk += g;
          rowIndex[lo + m++] = i;
        }
      }
      n[k] = nk;
      counts[k] = m;
    }
  }

  /**
   * Vector twin of {@link GmmKernels#accumulate}: per element (k, j) the same operations in the
   * same (row) order. Rows go in sub-blocks of {@link #SUB_ROWS}; within one, feature chunks of
   * 16 are the outer loop so that the sub-block's data slice stays in L1 while every component
   * reads it (with whole 1024-row blocks the slices spill to L2 and the loop is bound by L2
   * bandwidth, not by the FMA units); each (component, chunk) tile keeps its 8 accumulators in
   * registers over the component's listed rows.
   *
   * <p>Uncentred: {@code sumPx = fma(x, g, sumPx)}, {@code sumPxx = fma(x·x, g, sumPxx)} (one
   * load of x per row and tile: the loop is bound by loads, not by the FMA units). Centred
   * ({@code centre != null}): {@code e = x − μ}, {@code t = e·g}, {@code sumPx += t},
   * {@code sumPxx = fma(t, e, sumPxx)}.
   */
  static void accumulate(double[] x, int from, int rows, int d, double[] postT, int c,
      double[] centre, double[] n, double[] sumPx, double[] sumPxx, int[] rowIndex, int[] counts) {
    int d16 = d & ~15;
    int d4 = d & ~3;
    for (int r0 = 0; r0 < rows; r0 += SUB_ROWS) {
      int rr = Math.min(SUB_ROWS, rows - r0);
      listRows(postT, rows, r0, rr, c, n, rowIndex, counts);
      for (int j = 0; j < d; j += j < d16 ? 16 : j < d4 ? 4 : 1) {
        int width = j < d16 ? 16 : j < d4 ? 4 : 1;
        int x0 = from * d + j;
        for (int k = 0; k < c; k++) {
          int m = counts[k];
          if (m == 0) {
            continue;
          }
          int po = k * rows;
          int lo = k * rr;
          int s = k * d + j;
          if (centre == null) {
            if (width == 16) {
              plain16(x, x0, d, postT, po, rowIndex, lo, m, sumPx, sumPxx, s);
            } else if (width == 4) {
              plain4(x, x0, d, postT, po, rowIndex, lo, m, sumPx, sumPxx, s);
            } else {
              plain1(x, x0, d, postT, po, rowIndex, lo, m, sumPx, sumPxx, s);
            }
          } else {
            if (width == 16) {
              centred16(x, x0, d, centre, postT, po, rowIndex, lo, m, sumPx, sumPxx, s);
            } else if (width == 4) {
              centred4(x, x0, d, centre, postT, po, rowIndex, lo, m, sumPx, sumPxx, s);
            } else {
              centred1(x, x0, d, centre, postT, po, rowIndex, lo, m, sumPx, sumPxx, s);
            }
          }
        }
      }
    }
  }

  // Tiles: row i of the block is at x0 + i·D in x; the component's listed
  // rows are rowIndex[lo .. lo + m), its responsibilities postT[po + i]; s is the offset of
  // (component, first feature of the tile) in the sums.

  private static void plain16(double[] x, int x0, int d, double[] postT, int po,
      int[] rowIndex, int lo, int m, double[] sumPx, double[] sumPxx, int s) {
    DoubleVector p0 = DoubleVector.fromArray(S, sumPx, s);
    DoubleVector p1 = DoubleVector.fromArray(S, sumPx, s + 4);
    DoubleVector p2 = DoubleVector.fromArray(S, sumPx, s + 8);
    DoubleVector p3 = DoubleVector.fromArray(S, sumPx, s + 12);
    DoubleVector q0 = DoubleVector.fromArray(S, sumPxx, s);
    DoubleVector q1 = DoubleVector.fromArray(S, sumPxx, s + 4);
    DoubleVector q2 = DoubleVector.fromArray(S, sumPxx, s + 8);
    DoubleVector q3 = DoubleVector.fromArray(S, sumPxx, s + 12);
    for (int r = 0; r < m; r++) {
      int i = rowIndex[lo + r];
      DoubleVector g = DoubleVector.broadcast(S, postT[po + i]);
      int xo = x0 + i * d;
      DoubleVector x0v = DoubleVector.fromArray(S, x, xo);
      DoubleVector x1v = DoubleVector.fromArray(S, x, xo + 4);
      DoubleVector x2v = DoubleVector.fromArray(S, x, xo + 8);
      DoubleVector x3v = DoubleVector.fromArray(S, x, xo + 12);
      p0 = x0v.fma(g, p0);
      p1 = x1v.fma(g, p1);
      p2 = x2v.fma(g, p2);
      p3 = x3v.fma(g, p3);
      q0 = x0v.mul(x0v).fma(g, q0);
      q1 = x1v.mul(x1v).fma(g, q1);
      q2 = x2v.mul(x2v).fma(g, q2);
      q3 = x3v.mul(x3v).fma(g, q3);
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

  private static void plain4(double[] x, int x0, int d, double[] postT, int po,
      int[] rowIndex, int lo, int m, double[] sumPx, double[] sumPxx, int s) {
    DoubleVector p0 = DoubleVector.fromArray(S, sumPx, s);
    DoubleVector q0 = DoubleVector.fromArray(S, sumPxx, s);
    for (int r = 0; r < m; r++) {
      int i = rowIndex[lo + r];
      DoubleVector g = DoubleVector.broadcast(S, postT[po + i]);
      DoubleVector xv = DoubleVector.fromArray(S, x, x0 + i * d);
      p0 = xv.fma(g, p0);
      q0 = xv.mul(xv).fma(g, q0);
    }
    p0.intoArray(sumPx, s);
    q0.intoArray(sumPxx, s);
  }

  private static void plain1(double[] x, int x0, int d, double[] postT, int po, int[] rowIndex,
      int lo, int m, double[] sumPx, double[] sumPxx, int s) {
    double px = sumPx[s];
    double pxx = sumPxx[s];
    for (int r = 0; r < m; r++) {
      int i = rowIndex[lo + r];
      double g = postT[po + i];
      double xv = x[x0 + i * d];
      px = Math.fma(xv, g, px);
      pxx = Math.fma(xv * xv, g, pxx);
    }
    sumPx[s] = px;
    sumPxx[s] = pxx;
  }

  private static void centred16(double[] x, int x0, int d, double[] centre, double[] postT,
      int po, int[] rowIndex, int lo, int m, double[] sumPx, double[] sumPxx, int s) {
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
      int i = rowIndex[lo + r];
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
      int po, int[] rowIndex, int lo, int m, double[] sumPx, double[] sumPxx, int s) {
    DoubleVector p0 = DoubleVector.fromArray(S, sumPx, s);
    DoubleVector q0 = DoubleVector.fromArray(S, sumPxx, s);
    DoubleVector m0 = DoubleVector.fromArray(S, centre, s);
    for (int r = 0; r < m; r++) {
      int i = rowIndex[lo + r];
      DoubleVector e0 = DoubleVector.fromArray(S, x, x0 + i * d).sub(m0);
      DoubleVector t0 = e0.mul(postT[po + i]);
      p0 = p0.add(t0);
      q0 = t0.fma(e0, q0);
    }
    p0.intoArray(sumPx, s);
    q0.intoArray(sumPxx, s);
  }

  private static void centred1(double[] x, int x0, int d, double[] centre, double[] postT,
      int po, int[] rowIndex, int lo, int m, double[] sumPx, double[] sumPxx, int s) {
    double px = sumPx[s];
    double pxx = sumPxx[s];
    double mu = centre[s];
    for (int r = 0; r < m; r++) {
      int i = rowIndex[lo + r];
      double e = x[x0 + i * d] - mu;
      double t = e * postT[po + i];
      px += t;
      pxx = Math.fma(t, e, pxx);
    }
    sumPx[s] = px;
    sumPxx[s] = pxx;
  }
}
