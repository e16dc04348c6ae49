package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RealFftTest {

  /** Naive O(n²) DFT from the definition: X_k = Σ_j x_j e^{-2πijk/n}. */
  private static double[][] naiveDft(double[] x) {
    int n = x.length;
    double[][] out = new double[2][n / 2 + 1];
    for (int k = 0; k <= n / 2; k++) {
      double re = 0;
      double im = 0;
      for (int j = 0; j < n; j++) {
        double a = -2 * Math.PI * ((long) j * k % n) / n;
        re += x[j] * Math.cos(a);
        im += x[j] * Math.sin(a);
      }
      out[0][k] = re;
      out[1][k] = im;
    }
    return out;
  }

  @Test
  void matchesNaiveDftForEverySizeUpTo1024() {
    for (int n = 4; n <= 1024; n <<= 1) {
      RealFft fft = new RealFft(n);
      double[] x = TestSignals.noise(1000, n, n);
      double[][] expected = naiveDft(x);
      double[] re = new double[n / 2 + 1];
      double[] im = new double[n / 2 + 1];
      double[] power = new double[n / 2 + 1];
      fft.transform(x, new double[n / 2], new double[n / 2], re, im);
      fft.power(x, new double[n / 2], new double[n / 2], power);
      // Rounding of both O(n log n) and O(n²) sums: relative to the signal's L1 norm.
      double l1 = 0;
      for (double v : x) {
        l1 += Math.abs(v);
      }
      double atol = 1e-12 * l1 * Math.log(n);
      for (int k = 0; k <= n / 2; k++) {
        assertEquals(expected[0][k], re[k], atol, "n=" + n + " Re X_" + k);
        assertEquals(expected[1][k], im[k], atol, "n=" + n + " Im X_" + k);
        double p = expected[0][k] * expected[0][k] + expected[1][k] * expected[1][k];
        assertEquals(p, power[k], 4 * atol * Math.sqrt(p) + atol * atol, "n=" + n + " P_" + k);
      }
    }
  }

  @Test
  void unitImpulseAndCosineHaveTheirClosedForms() {
    int n = 16;
    RealFft fft = new RealFft(n);
    double[] impulse = new double[n];
    impulse[0] = 1;
    double[] p = new double[n / 2 + 1];
    fft.power(impulse, new double[n / 2], new double[n / 2], p);
    for (int k = 0; k <= n / 2; k++) {
      assertEquals(1.0, p[k], 1e-15, "flat spectrum of an impulse at bin " + k);
    }
    // cos(2π·3j/16): X_3 = n/2 = 8, all other bins 0.
    double[] c = new double[n];
    for (int j = 0; j < n; j++) {
      c[j] = Math.cos(2 * Math.PI * 3 * j / n);
    }
    double[] re = new double[n / 2 + 1];
    double[] im = new double[n / 2 + 1];
    fft.transform(c, new double[n / 2], new double[n / 2], re, im);
    for (int k = 0; k <= n / 2; k++) {
      assertEquals(k == 3 ? 8.0 : 0.0, re[k], 1e-13, "Re X_" + k);
      assertEquals(0.0, im[k], 1e-13, "Im X_" + k);
    }
  }

  @Test
  void rejectsSizesThatAreNotPowersOfTwo() {
    for (int bad : new int[] {0, 2, 6, 100}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new RealFft(bad));
      assertTrue(e.getMessage().contains("size") && e.getMessage().contains("got " + bad),
          e.getMessage());
    }
  }
}
