package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MfccOptionsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    MfccOptions o = MfccOptions.defaults();
    assertEquals(8000, o.sampleRate());
    assertEquals(0.97, o.preEmphasis());
    assertEquals(160, o.windowLength());
    assertEquals(80, o.frameShift());
    assertEquals(256, o.fftSize());
    assertEquals(24, o.numFilters());
    assertEquals(0.0, o.lowFrequency());
    assertEquals(4000.0, o.highFrequency());
    assertEquals(19, o.numCepstra());
    assertEquals(EnergyTerm.NONE, o.energy());
    assertEquals(1, o.deltaOrder());
    assertEquals(2, o.deltaWindow());
    assertEquals(Math.exp(-10), o.energyFloor());
    assertEquals(19, o.staticDimension());
    assertEquals(38, o.dimension());
  }

  @Test
  void derivedSizesFollowTheRateAndWindow() {
    MfccOptions o = MfccOptions.builder().sampleRate(16000).windowSeconds(0.025).build();
    assertEquals(400, o.windowLength());
    assertEquals(160, o.frameShift());
    assertEquals(512, o.fftSize());
    assertEquals(8000.0, o.highFrequency());
    assertEquals(57, MfccOptions.builder().deltaOrder(2).build().dimension());
    assertEquals(60, MfccOptions.builder().deltaOrder(2).energy(EnergyTerm.LOG_ENERGY).build()
        .dimension());
  }

  @Test
  void toBuilderRoundTripsAndEqualityIsByValue() {
    MfccOptions o = MfccOptions.builder().numCepstra(12).energy(EnergyTerm.C0).fftSize(512)
        .lowFrequency(100).build();
    assertEquals(o, o.toBuilder().build());
    assertEquals(o.hashCode(), o.toBuilder().build().hashCode());
    assertNotEquals(o, o.toBuilder().numCepstra(13).build());
    assertTrue(o.toString().contains("numCepstra=12") && o.toString().contains("fftSize=512"));
  }

  private static void assertRejected(UnaryOperator<MfccOptions.Builder> setting, String name,
      String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> setting.apply(MfccOptions.builder()).build());
    assertTrue(e.getMessage().startsWith("MfccOptions.Builder.build: " + name),
        e.getMessage());
    assertTrue(e.getMessage().contains("got " + value), e.getMessage());
  }

  @Test
  void everyInvalidSettingIsNamedWithItsValue() {
    assertRejected(b -> b.sampleRate(0), "sampleRate", "0");
    assertRejected(b -> b.preEmphasis(1.0), "preEmphasis", "1.0");
    assertRejected(b -> b.preEmphasis(-0.1), "preEmphasis", "-0.1");
    assertRejected(b -> b.windowSeconds(0), "windowSeconds", "0.0");
    assertRejected(b -> b.windowSeconds(0.0001), "windowSeconds", "1.0E-4");
    assertRejected(b -> b.shiftSeconds(Double.NaN), "shiftSeconds", "NaN");
    assertRejected(b -> b.shiftSeconds(0.00001), "shiftSeconds", "1.0E-5");
    assertRejected(b -> b.fftSize(128), "fftSize", "128");
    assertRejected(b -> b.fftSize(300), "fftSize", "300");
    assertRejected(b -> b.numFilters(1), "numFilters", "1");
    assertRejected(b -> b.lowFrequency(-1), "lowFrequency", "-1.0");
    assertRejected(b -> b.highFrequency(5000), "highFrequency", "5000.0");
    assertRejected(b -> b.lowFrequency(2000).highFrequency(1000), "highFrequency", "1000.0");
    assertRejected(b -> b.numCepstra(24), "numCepstra", "24");
    assertRejected(b -> b.numCepstra(0), "numCepstra", "0");
    assertRejected(b -> b.deltaOrder(3), "deltaOrder", "3");
    assertRejected(b -> b.deltaWindow(0), "deltaWindow", "0");
    assertRejected(b -> b.energyFloor(0), "energyFloor", "0.0");
    assertThrows(NullPointerException.class, () -> MfccOptions.builder().energy(null));
  }
}
