package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.emkit.core.Matrix;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class MfccTest {

  private static final int RATE = 8000;

  /** Log-domain oracle vs kernel: FFT vs O(n²) DFT rounding, amplified by log at low energy. */
  private static final Tolerance FRONT_END_VS_ORACLE = new Tolerance(1e-9, 1e-9);

  @Test
  void frameCountCoversWholeWindowsOnly() {
    Mfcc m = Mfcc.defaults();
    assertEquals(0, m.numFrames(0));
    assertEquals(0, m.numFrames(159));
    assertEquals(1, m.numFrames(160));
    assertEquals(1, m.numFrames(239));
    assertEquals(2, m.numFrames(240));
    assertEquals(199, m.numFrames(16000));
    Matrix empty = m.compute(new double[100]);
    assertEquals(0, empty.rows());
    assertEquals(38, empty.cols());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> m.numFrames(-1));
    assertTrue(e.getMessage().contains("numSamples") && e.getMessage().contains("got -1"));
  }

  /**
   * The whole pipeline from the formulas of the class documentation with naive pieces: O(n²)
   * DFT, dense triangles, the DCT sum written out.
   */
  private static double[] oracleFrame(double[] x, int t, MfccOptions o) {
    int w = o.windowLength();
    int n = o.fftSize();
    int m = o.numFilters();
    int s0 = t * o.frameShift();
    double[] y = new double[n];
    for (int j = 0; j < w; j++) {
      double prev = s0 + j - 1 >= 0 ? x[s0 + j - 1] : 0;
      y[j] = (x[s0 + j] - o.preEmphasis() * prev)
          * (0.54 - 0.46 * Math.cos(2 * Math.PI * j / (w - 1)));
    }
    double[] p = new double[n / 2 + 1];
    for (int k = 0; k <= n / 2; k++) {
      double re = 0;
      double im = 0;
      for (int j = 0; j < n; j++) {
        double a = 2 * Math.PI * ((long) j * k % n) / n;
        re += y[j] * Math.cos(a);
        im -= y[j] * Math.sin(a);
      }
      p[k] = re * re + im * im;
    }
    double melLo = 2595 * Math.log10(1 + o.lowFrequency() / 700);
    double melHi = 2595 * Math.log10(1 + o.highFrequency() / 700);
    double[] e = new double[m + 2];
    for (int i = 0; i < m + 2; i++) {
      e[i] = 700 * (Math.pow(10, (melLo + i * (melHi - melLo) / (m + 1)) / 2595) - 1);
    }
    double[] logMel = new double[m];
    for (int f = 0; f < m; f++) {
      double acc = 0;
      for (int k = 0; k <= n / 2; k++) {
        double hz = (double) k * o.sampleRate() / n;
        double wgt = hz > e[f] && hz < e[f + 2]
            ? Math.min((hz - e[f]) / (e[f + 1] - e[f]), (e[f + 2] - hz) / (e[f + 2] - e[f + 1]))
            : 0;
        acc += wgt * p[k];
      }
      logMel[f] = Math.log(Math.max(acc, o.energyFloor()));
    }
    int k = o.numCepstra();
    double[] out = new double[o.staticDimension()];
    for (int q = 1; q <= k; q++) {
      double acc = 0;
      for (int f = 0; f < m; f++) {
        acc += logMel[f] * Math.cos(Math.PI * q * (f + 0.5) / m);
      }
      out[q - 1] = Math.sqrt(2.0 / m) * acc;
    }
    if (o.energy() == EnergyTerm.C0) {
      double acc = 0;
      for (int f = 0; f < m; f++) {
        acc += logMel[f];
      }
      out[k] = acc / Math.sqrt(m);
    } else if (o.energy() == EnergyTerm.LOG_ENERGY) {
      double acc = 0;
      for (int j = 0; j < w; j++) {
        acc += x[s0 + j] * x[s0 + j];
      }
      out[k] = Math.log(Math.max(acc, o.energyFloor()));
    }
    return out;
  }

  @Test
  void staticFeaturesMatchANaiveOracleOfTheDocumentedFormulas() {
    double[] x = TestSignals.concat(TestSignals.noise(3000, 900, 7),
        TestSignals.tone(8000, 440, RATE, 700, 0.3), new double[300]);
    MfccOptions[] variants = {
      MfccOptions.builder().deltaOrder(0).build(),
      MfccOptions.builder().deltaOrder(0).energy(EnergyTerm.C0).numCepstra(12).build(),
      MfccOptions.builder().deltaOrder(0).energy(EnergyTerm.LOG_ENERGY).preEmphasis(0)
          .windowSeconds(0.025).fftSize(512).numFilters(30).lowFrequency(100)
          .highFrequency(3600).build(),
    };
    for (MfccOptions o : variants) {
      Mfcc mfcc = Mfcc.of(o);
      Matrix got = mfcc.staticFeatures(x);
      int frames = mfcc.numFrames(x.length);
      assertEquals(frames, got.rows());
      double[] expected = new double[frames * o.staticDimension()];
      for (int t = 0; t < frames; t++) {
        System.arraycopy(oracleFrame(x, t, o), 0, expected, t * o.staticDimension(),
            o.staticDimension());
      }
      NumericAssert.assertAllClose(Matrix.wrap(frames, o.staticDimension(), expected), got,
          FRONT_END_VS_ORACLE, o.toString());
    }
  }

  @Test
  void dctRowsAreOrthonormalAndHaveTheKnownValues() {
    Mfcc mfcc = Mfcc.of(MfccOptions.builder().energy(EnergyTerm.C0).numCepstra(23).build());
    int m = 24;
    double[] d = mfcc.dctMatrix();
    assertEquals(24 * m, d.length);
    for (int a = 0; a < 24; a++) {
      for (int b = 0; b < 24; b++) {
        double dot = 0;
        for (int j = 0; j < m; j++) {
          dot += d[a * m + j] * d[b * m + j];
        }
        assertEquals(a == b ? 1.0 : 0.0, dot, 1e-13, "rows " + a + ", " + b);
      }
    }
    // A constant log spectrum has only c0 = sqrt(M) · value; c1..c23 vanish.
    for (int q = 0; q < 23; q++) {
      double s = 0;
      for (int j = 0; j < m; j++) {
        s += d[q * m + j];
      }
      assertEquals(0.0, s, 1e-13, "c" + (q + 1) + " of a constant");
    }
    double c0 = 0;
    for (int j = 0; j < m; j++) {
      c0 += d[23 * m + j];
    }
    assertEquals(Math.sqrt(24), c0, 1e-13);
    // The cosine cos(π·5(j+½)/M) maps to c5 = sqrt(M/2) and nothing else.
    for (int q = 0; q < 23; q++) {
      double s = 0;
      for (int j = 0; j < m; j++) {
        s += d[q * m + j] * Math.cos(Math.PI * 5 * (j + 0.5) / m);
      }
      assertEquals(q == 4 ? Math.sqrt(12) : 0.0, s, 1e-13, "c" + (q + 1));
    }
    // Hand values of c1's basis: sqrt(2/24) cos(π/48) and sqrt(2/24) cos(47π/48).
    assertEquals(0.288057, d[0], 1e-6);
    assertEquals(-0.288057, d[23], 1e-6);
  }

  @Test
  void pureToneLandsInItsFftBinAndMelBand() {
    // 1000 Hz is exactly bin 32 of a 256-point FFT at 8 kHz.
    double[] x = TestSignals.tone(10000, 1000, RATE, 1600, 0);
    Mfcc mfcc = Mfcc.defaults();
    double[] p = mfcc.framePowerSpectrum(x, 5);
    int peak = 0;
    for (int k = 1; k < p.length; k++) {
      peak = p[k] > p[peak] ? k : peak;
    }
    assertEquals(32, peak);
    Matrix logMel = mfcc.logMelSpectrum(x);
    double[] e = mfcc.filterbank().edges;
    // The filter whose centre frequency e_{m+1} is nearest to 1000 Hz responds most.
    int nearest = 0;
    for (int m = 1; m < 24; m++) {
      nearest = Math.abs(e[m + 1] - 1000) < Math.abs(e[nearest + 1] - 1000) ? m : nearest;
    }
    int loudest = 0;
    for (int m = 1; m < 24; m++) {
      loudest = logMel.get(5, m) > logMel.get(5, loudest) ? m : loudest;
    }
    assertEquals(nearest, loudest);
    assertTrue(e[loudest] < 1000 && 1000 < e[loudest + 2]);
  }

  @Test
  void dcOnlyReachesBinZeroAndPreEmphasisRemovesIt() {
    double c = 100;
    double[] x = new double[800];
    java.util.Arrays.fill(x, c);
    double windowSum = 0.54 * 160 - 0.46; // Σ_j 0.54 - 0.46 cos(2πj/159), j = 0..159
    Mfcc plain = Mfcc.of(MfccOptions.builder().preEmphasis(0).build());
    double[] p = plain.framePowerSpectrum(x, 2);
    assertEquals(c * c * windowSum * windowSum, p[0], 1e-6);
    // Beyond the main lobe (±3.2 bins for 160 samples in 256 points) only Hamming side lobes
    // remain, all below -42 dB.
    for (int k = 4; k < p.length; k++) {
      assertTrue(p[k] < 1e-4 * p[0], "bin " + k + " holds " + p[k] / p[0] + " of the DC power");
    }
    // With α = 0.97 the constant becomes 0.03 c (after the first sample of the signal).
    double[] q = Mfcc.defaults().framePowerSpectrum(x, 2);
    assertEquals(0.03 * 0.03 * c * c * windowSum * windowSum, q[0], 1e-6);
  }

  @Test
  void energyTermsHaveTheirDefinitions() {
    double a = 300;
    double[] x = new double[400];
    java.util.Arrays.fill(x, a);
    Matrix le = Mfcc.of(MfccOptions.builder().energy(EnergyTerm.LOG_ENERGY).deltaOrder(0)
        .build()).compute(x);
    assertEquals(20, le.cols());
    assertEquals(Math.log(160 * a * a), le.get(1, 19), 1e-12);
    Mfcc c0 = Mfcc.of(MfccOptions.builder().energy(EnergyTerm.C0).deltaOrder(0).build());
    double[] y = TestSignals.noise(1000, 800, 5);
    Matrix f = c0.compute(y);
    Matrix logMel = c0.logMelSpectrum(y);
    for (int t = 0; t < f.rows(); t++) {
      double s = 0;
      for (int m = 0; m < 24; m++) {
        s += logMel.get(t, m);
      }
      assertEquals(s / Math.sqrt(24), f.get(t, 19), 1e-12, "c0 at frame " + t);
    }
    // Silence hits the floor: every log value is ln(floor) = -10.
    Matrix silent = Mfcc.of(MfccOptions.builder().energy(EnergyTerm.LOG_ENERGY).deltaOrder(0)
        .build()).compute(new double[400]);
    assertEquals(-10.0, silent.get(0, 19), 1e-12);
    assertEquals(0.0, silent.get(0, 0), 1e-12);
  }

  @Test
  void doublingTheAmplitudeShiftsOnlyTheEnergyTerms() {
    double[] x = TestSignals.noise(2000, 2000, 11);
    double[] x2 = x.clone();
    for (int i = 0; i < x2.length; i++) {
      x2[i] *= 2;
    }
    for (EnergyTerm term : new EnergyTerm[] {EnergyTerm.C0, EnergyTerm.LOG_ENERGY}) {
      Mfcc mfcc = Mfcc.of(MfccOptions.builder().energy(term).deltaOrder(0).build());
      Matrix a = mfcc.compute(x);
      Matrix b = mfcc.compute(x2);
      double shift = term == EnergyTerm.C0 ? Math.sqrt(24) * Math.log(4) : Math.log(4);
      for (int t = 0; t < a.rows(); t++) {
        for (int q = 0; q < 19; q++) {
          assertEquals(a.get(t, q), b.get(t, q), 1e-10, term + " c" + (q + 1));
        }
        assertEquals(a.get(t, 19) + shift, b.get(t, 19), 1e-10, term + " energy");
      }
    }
  }

  @Test
  void deltaBlocksAreDeltasOfTheStaticBlock() {
    double[] x = TestSignals.noise(2000, 4000, 13);
    Mfcc mfcc = Mfcc.of(MfccOptions.builder().deltaOrder(2).energy(EnergyTerm.LOG_ENERGY)
        .build());
    Matrix all = mfcc.compute(AudioSignal.of(x, RATE));
    assertEquals(60, all.cols());
    assertEquals(60, mfcc.dimension());
    Matrix statics = mfcc.staticFeatures(x);
    Matrix d1 = Deltas.delta(statics, 2);
    Matrix d2 = Deltas.delta(d1, 2);
    for (int t = 0; t < all.rows(); t++) {
      for (int j = 0; j < 20; j++) {
        assertEquals(statics.get(t, j), all.get(t, j));
        assertEquals(d1.get(t, j), all.get(t, 20 + j), 1e-12);
        assertEquals(d2.get(t, j), all.get(t, 40 + j), 1e-12);
      }
    }
  }

  @Test
  void outputIsDeterministicAndTheInputUntouched() {
    double[] x = TestSignals.noise(2000, 3000, 17);
    double[] copy = x.clone();
    Matrix a = Mfcc.defaults().compute(x);
    Matrix b = Mfcc.defaults().compute(x);
    assertEquals(a, b);
    assertTrue(java.util.Arrays.equals(copy, x));
  }

  @Test
  void rejectsAWrongSampleRateAndNonFiniteSamples() {
    IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
        () -> Mfcc.defaults().compute(AudioSignal.of(new double[400], 16000)));
    assertTrue(rate.getMessage().contains("signal.sampleRate must be 8000")
        && rate.getMessage().contains("got 16000") && rate.getMessage().contains("sox"),
        rate.getMessage());
    double[] x = new double[400];
    x[123] = Double.POSITIVE_INFINITY;
    IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
        () -> Mfcc.defaults().compute(x));
    assertTrue(inf.getMessage().contains("samples[123]")
        && inf.getMessage().contains("Infinity"), inf.getMessage());
  }

  @Test
  void allocatesNothingPerFrame() {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Mfcc mfcc = Mfcc.defaults();
    double[] small = TestSignals.noise(1000, 80 * 1000 + 80, 19);
    double[] large = TestSignals.noise(1000, 80 * 4000 + 80, 19);
    for (int i = 0; i < 5; i++) {
      mfcc.staticFeatures(small);
      mfcc.staticFeatures(large);
    }
    long id = Thread.currentThread().getId();
    long b0 = bean.getThreadAllocatedBytes(id);
    mfcc.staticFeatures(small);
    long b1 = bean.getThreadAllocatedBytes(id);
    mfcc.staticFeatures(large);
    long b2 = bean.getThreadAllocatedBytes(id);
    // 3000 more frames cost the 3000 · 19 output doubles and nothing else per frame.
    long extra = (b2 - b1) - (b1 - b0);
    long outputBytes = 3000L * 19 * 8;
    assertTrue(extra < outputBytes + 16 * 1024,
        "allocated " + extra + " extra bytes for 3000 frames; output alone is " + outputBytes);
  }
}
