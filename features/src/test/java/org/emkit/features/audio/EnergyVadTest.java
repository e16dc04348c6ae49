package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.junit.jupiter.api.Test;

class EnergyVadTest {

  @Test
  void silenceAroundAToneIsDropped() {
    // 0.5 s digital silence, 1 s tone, 0.5 s of noise 50 dB below the tone.
    double[] x = TestSignals.concat(new double[4000], TestSignals.tone(10000, 700, 8000, 8000, 0),
        TestSignals.noise(30, 4000, 1));
    Mfcc mfcc = Mfcc.defaults();
    boolean[] keep = EnergyVad.defaults().speechFrames(mfcc.frameLogEnergies(x));
    assertEquals(mfcc.numFrames(x.length), keep.length);
    for (int t = 0; t < keep.length; t++) {
      int start = t * 80;
      int end = start + 160;
      boolean tone = start >= 4000 && end <= 12000;
      boolean quiet = end <= 4000 || start >= 12000;
      if (tone) {
        assertTrue(keep[t], "tone frame " + t + " kept");
      }
      if (quiet) {
        assertFalse(keep[t], "silent frame " + t + " dropped");
      }
    }
  }

  @Test
  void decisionRulesOnHandEnergies() {
    // dB values -> natural-log energies: ln E = dB · ln(10) / 10.
    double[] db = {60, 59, 45, 31, 29, 10, 58};
    double[] ln = new double[db.length];
    for (int i = 0; i < db.length; i++) {
      ln[i] = db[i] * Math.log(10) / 10;
    }
    // Median 45 dB: keep >= 45 and >= 30.
    assertArrayEquals(new boolean[] {true, true, true, false, false, false, true},
        EnergyVad.defaults().speechFrames(ln));
    // Without the median rule: keep >= 30 dB.
    EnergyVad rangeOnly = EnergyVad.builder().medianMarginDb(Double.POSITIVE_INFINITY).build();
    assertArrayEquals(new boolean[] {true, true, true, true, false, false, true},
        rangeOnly.speechFrames(ln));
    // Median margin 20 dB and range 40 dB: keep >= 25 and >= 20.
    EnergyVad loose = EnergyVad.builder().dynamicRangeDb(40).medianMarginDb(20).build();
    assertArrayEquals(new boolean[] {true, true, true, true, true, false, true},
        loose.speechFrames(ln));
    // Even length: median is the mean of the middle two.
    double[] even = {ln[0], ln[2], ln[3], ln[4]}; // 60, 45, 31, 29 -> median 38
    assertArrayEquals(new boolean[] {true, true, false, false},
        EnergyVad.defaults().speechFrames(even));
    assertEquals(0, EnergyVad.defaults().speechFrames(new double[0]).length);
  }

  @Test
  void decisionIsScaleInvariant() {
    double[] x = TestSignals.concat(TestSignals.noise(100, 3000, 3),
        TestSignals.tone(5000, 300, 8000, 3000, 0));
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] *= 0.01;
    }
    Mfcc mfcc = Mfcc.defaults();
    assertArrayEquals(EnergyVad.defaults().speechFrames(mfcc.frameLogEnergies(x)),
        EnergyVad.defaults().speechFrames(mfcc.frameLogEnergies(y)));
  }

  @Test
  void selectKeepsFlaggedRowsInOrder() {
    Matrix x = Matrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    assertEquals(Matrix.of(new double[][] {{1, 2}, {5, 6}}),
        EnergyVad.select(x, new boolean[] {true, false, true}));
    DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
        () -> EnergyVad.select(x, new boolean[2]));
    assertTrue(e.getMessage().contains("length 2") && e.getMessage().contains("3 rows"),
        e.getMessage());
  }

  @Test
  void rejectsInvalidSettingsAndEnergies() {
    IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
        () -> EnergyVad.builder().dynamicRangeDb(0).build());
    assertTrue(r.getMessage().contains("dynamicRangeDb") && r.getMessage().contains("got 0.0"),
        r.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> EnergyVad.builder().medianMarginDb(-1).build());
    assertTrue(m.getMessage().contains("medianMarginDb") && m.getMessage().contains("got -1.0"),
        m.getMessage());
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
        () -> EnergyVad.defaults().speechFrames(new double[] {1, Double.NaN}));
    assertTrue(n.getMessage().contains("logEnergies") && n.getMessage().contains("NaN"),
        n.getMessage());
  }
}
