package org.emkit.features.audio;

/**
 * Radix-2 FFT of a real sequence of length n = 2^p (n >= 4), computed as a complex FFT of length
 * n/2 on the packed sequence z_j = x_{2j} + i x_{2j+1} followed by the standard split step.
 * Package-private kernel of {@link Mfcc}; tables are built once and the transform allocates
 * nothing.
 *
 * <p>Definition: \( X_k = \sum_{j=0}^{n-1} x_j e^{-2\pi i jk/n} \), k = 0..n/2 (the rest follows
 * by conjugate symmetry). Split step, with h = n/2, Z the h-point DFT of z and Z_h = Z_0:
 * \( E_k = (Z_k + \overline{Z_{h-k}})/2 \), \( O_k = (Z_k - \overline{Z_{h-k}})/(2i) \),
 * \( X_k = E_k + e^{-2\pi i k/n} O_k \).
 *
 * <p>Instances are immutable; the caller supplies the scratch arrays, so one instance may be
 * shared by threads that each own their scratch.
 */
final class RealFft {

  final int size;
  private final int half;
  private final int[] bitReverse;
  /** cos(2πk/half), sin(2πk/half) for k < half/2: twiddles of the h-point complex FFT. */
  private final double[] cosHalf;
  private final double[] sinHalf;
  /** cos(2πk/n), sin(2πk/n) for k <= half: twiddles of the split step. */
  private final double[] cosFull;
  private final double[] sinFull;

  RealFft(int size) {
    if (size < 4 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException(
          "RealFft: size must be a power of two in [4, inf), got " + size);
    }
    this.size = size;
    this.half = size / 2;
    int bits = Integer.numberOfTrailingZeros(half);
    bitReverse = new int[half];
    for (int i = 0; i < half; i++) {
      bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }
    cosHalf = new double[Math.max(1, half / 2)];
    sinHalf = new double[Math.max(1, half / 2)];
    for (int k = 0; k < half / 2; k++) {
      double a = 2 * Math.PI * k / half;
      cosHalf[k] = Math.cos(a);
      sinHalf[k] = Math.sin(a);
    }
    cosFull = new double[half + 1];
    sinFull = new double[half + 1];
    for (int k = 0; k <= half; k++) {
      double a = 2 * Math.PI * k / size;
      cosFull[k] = Math.cos(a);
      sinFull[k] = Math.sin(a);
    }
  }

  /**
   * Half spectrum X_0..X_{n/2}.
   *
   * @param x input of length n; read
   * @param zr scratch of length n/2; written
   * @param zi scratch of length n/2; written
   * @param outRe real parts, length n/2 + 1; written
   * @param outIm imaginary parts, length n/2 + 1; written
   */
  void transform(double[] x, double[] zr, double[] zi, double[] outRe, double[] outIm) {
    complexHalf(x, zr, zi);
    for (int k = 0; k <= half; k++) {
      int a = k == half ? 0 : k;
      int b = k == 0 ? 0 : half - k;
      double er = 0.5 * (zr[a] + zr[b]);
      double ei = 0.5 * (zi[a] - zi[b]);
      double or = 0.5 * (zi[a] + zi[b]);
      double oi = -0.5 * (zr[a] - zr[b]);
      double c = cosFull[k];
      double s = -sinFull[k];
      outRe[k] = er + c * or - s * oi;
      outIm[k] = ei + c * oi + s * or;
    }
  }

  /**
   * Power spectrum |X_k|² for k = 0..n/2.
   *
   * @param x input of length n; read
   * @param zr scratch of length n/2; written
   * @param zi scratch of length n/2; written
   * @param power output of length n/2 + 1; written
   */
  void power(double[] x, double[] zr, double[] zi, double[] power) {
    complexHalf(x, zr, zi);
    for (int k = 0; k <= half; k++) {
      // Same split step as transform(), fused with the squared modulus.
      int a = k == half ? 0 : k;
      int b = k == 0 ? 0 : half - k;
      double er = 0.5 * (zr[a] + zr[b]);
      double ei = 0.5 * (zi[a] - zi[b]);
      double or = 0.5 * (zi[a] + zi[b]);
      double oi = -0.5 * (zr[a] - zr[b]);
      double c = cosFull[k];
      double s = -sinFull[k];
      double re = er + c * or - s * oi;
      double im = ei + c * oi + s * or;
      power[k] = re * re + im * im;
    }
  }

  /** Packs x into z (bit-reversed order) and runs the iterative h-point complex FFT in place. */
  private void complexHalf(double[] x, double[] zr, double[] zi) {
    final int h = half;
    for (int j = 0; j < h; j++) {
      int r = bitReverse[j];
      zr[r] = x[2 * j];
      zi[r] = x[2 * j + 1];
    }
    // Cooley-Tukey decimation in time: for each span len = 2, 4, ..., h combine pairs
    // (u, v) -> (u + w v, u - w v) with w = exp(-2 pi i j / len).
    for (int len = 2; len <= h; len <<= 1) {
      int halfLen = len >> 1;
      int stride = h / len;
      for (int i = 0; i < h; i += len) {
        for (int j = 0; j < halfLen; j++) {
          double wr = cosHalf[j * stride];
          double wi = -sinHalf[j * stride];
          int p = i + j;
          int q = p + halfLen;
          double vr = zr[q] * wr - zi[q] * wi;
          double vi = zr[q] * wi + zi[q] * wr;
          zr[q] = zr[p] - vr;
          zi[q] = zi[p] - vi;
          zr[p] += vr;
          zi[p] += vi;
        }
      }
    }
  }
}
