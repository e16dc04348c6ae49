package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.emkit.core.Matrix;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;

/** Identities of the front-end pieces over generated inputs. */
class FrontEndProperties {

  /** Rounding of sums of a few hundred terms, relative to the data's scale. */
  private static final Tolerance IDENTITY = new Tolerance(1e-9, 1e-9);

  @Property(tries = 50)
  void fftSatisfiesParseval(@ForAll @IntRange(min = 2, max = 10) int log2n,
      @ForAll long seed) {
    int n = 1 << log2n;
    double[] x = TestSignals.noise(100, n, seed);
    double[] p = new double[n / 2 + 1];
    new RealFft(n).power(x, new double[n / 2], new double[n / 2], p);
    double time = 0;
    for (double v : x) {
      time += v * v;
    }
    // Σ x² = (1/n) (P_0 + 2 Σ_{0<k<n/2} P_k + P_{n/2}).
    double freq = p[0] + p[n / 2];
    for (int k = 1; k < n / 2; k++) {
      freq += 2 * p[k];
    }
    assertEquals(time, freq / n, 1e-10 * time);
  }

  @Property(tries = 50)
  void cmvnIsInvariantToPositiveAffineMapsOfEachColumn(@ForAll long seed,
      @ForAll @DoubleRange(min = 0.01, max = 100) double scale,
      @ForAll @DoubleRange(min = -1000, max = 1000) double shift) {
    Matrix x = Matrix.wrap(40, 3, TestSignals.noise(5, 120, seed));
    double[] y = x.toArray();
    for (int i = 0; i < y.length; i++) {
      y[i] = scale * y[i] + shift;
    }
    NumericAssert.assertAllClose(Cmvn.meanAndVariance().transform(x),
        Cmvn.meanAndVariance().transform(Matrix.wrap(40, 3, y)), IDENTITY);
  }

  @Property(tries = 30)
  void vadAndCepstraIgnoreTheSignalScale(@ForAll long seed,
      @ForAll @DoubleRange(min = 0.05, max = 20) double gain) {
    double[] x = TestSignals.concat(TestSignals.noise(50, 1200, seed),
        TestSignals.tone(3000, 440, 8000, 1600, 0.1), TestSignals.noise(2000, 1200, seed + 1));
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] *= gain;
    }
    FrontEnd fe = FrontEnd.defaults();
    // Gain adds ln(gain²) to every log mel energy, which c1..c19 (and Δ) do not see; the VAD is
    // relative; CMVN removes what is left.
    NumericAssert.assertAllClose(fe.extract(AudioSignal.of(x, 8000)),
        fe.extract(AudioSignal.of(y, 8000)), new Tolerance(1e-6, 1e-6));
  }
}
