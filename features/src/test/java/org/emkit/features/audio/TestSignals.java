package org.emkit.features.audio;

import java.util.SplittableRandom;

/** Deterministic synthetic signals for the front-end tests. */
final class TestSignals {

  private TestSignals() {}

  /** a · sin(2π f i / rate + phase), i = 0..length−1. */
  static double[] tone(double amplitude, double hz, int rate, int length, double phase) {
    double[] x = new double[length];
    for (int i = 0; i < length; i++) {
      x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / rate + phase);
    }
    return x;
  }

  /** Uniform noise in [−a, a) from a fixed seed. */
  static double[] noise(double amplitude, int length, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[length];
    for (int i = 0; i < length; i++) {
      x[i] = amplitude * (2 * r.nextDouble() - 1);
    }
    return x;
  }

  /** Concatenation of arrays. */
  static double[] concat(double[]... parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] out = new double[n];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Pearson correlation of two equally long sequences. */
  static double correlation(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      double da = a[i] - ma;
      double db = b[i] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
