package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MelFilterbankTest {

  private static final MfccOptions DEFAULTS = MfccOptions.defaults();

  @Test
  void edgesAreEquallySpacedInMelFromZeroToNyquist() {
    MelFilterbank fb = MelFilterbank.create(DEFAULTS);
    assertEquals(26, fb.edges.length);
    assertEquals(0.0, fb.edges[0]);
    assertEquals(4000.0, fb.edges[25]);
    double step = 2595 * Math.log10(1 + 4000 / 700.0) / 25;
    for (int i = 0; i < 26; i++) {
      assertEquals(i * step, 2595 * Math.log10(1 + fb.edges[i] / 700.0), 1e-9, "edge " + i);
    }
    // Hand value: the first centre is mel^-1(step) = 700 (10^(step/2595) - 1) ≈ 55.4 Hz.
    assertEquals(55.4, fb.edges[1], 0.05);
  }

  @Test
  void sparseWeightsEqualTheTriangleFormulaAtEveryBin() {
    MfccOptions o = MfccOptions.builder().numFilters(24).lowFrequency(133).highFrequency(3800)
        .build();
    MelFilterbank fb = MelFilterbank.create(o);
    double[] dense = fb.dense();
    double[] e = fb.edges;
    for (int m = 0; m < 24; m++) {
      for (int k = 0; k <= 128; k++) {
        double f = k * 8000.0 / 256;
        // Triangle written out independently: rising (f - e_m)/(e_m+1 - e_m) on (e_m, e_m+1],
        // falling (e_m+2 - f)/(e_m+2 - e_m+1) on (e_m+1, e_m+2), else 0.
        double w = 0;
        if (f > e[m] && f <= e[m + 1]) {
          w = (f - e[m]) / (e[m + 1] - e[m]);
        } else if (f > e[m + 1] && f < e[m + 2]) {
          w = (e[m + 2] - f) / (e[m + 2] - e[m + 1]);
        }
        assertEquals(w, dense[m * 129 + k], 1e-15, "filter " + m + " bin " + k);
        assertTrue(w <= 1.0);
      }
    }
  }

  @Test
  void applyIsTheMatrixProduct() {
    MelFilterbank fb = MelFilterbank.create(DEFAULTS);
    double[] p = TestSignals.noise(5, 129, 3);
    double[] out = new double[24];
    fb.apply(p, out);
    double[] dense = fb.dense();
    for (int m = 0; m < 24; m++) {
      double acc = 0;
      for (int k = 0; k < 129; k++) {
        acc += dense[m * 129 + k] * p[k];
      }
      assertEquals(acc, out[m], 1e-12, "filter " + m);
    }
  }

  @Test
  void tooManyFiltersForTheFftGridIsRejectedNamingTheEmptyFilter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MfccOptions.builder().numFilters(128).build());
    assertTrue(e.getMessage().contains("numFilters = 128")
        && e.getMessage().contains("without an FFT bin") && e.getMessage().contains("fftSize"),
        e.getMessage());
  }
}
