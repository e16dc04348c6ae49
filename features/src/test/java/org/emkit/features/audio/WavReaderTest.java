package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {

  private static AudioSignal parse(byte[] bytes) throws WavFormatException {
    return WavReader.parse(bytes, "test.wav", ChannelMixdown.AVERAGE);
  }

  @Test
  void readsPcm16MonoWithoutRescaling() throws Exception {
    byte[] b = WavBytes.riff().fmt(1, 1, 8000, 16).data16(0, 1, -1, 32767, -32768, 1234).build();
    AudioSignal s = parse(b);
    assertEquals(8000, s.sampleRate());
    assertArrayEquals(new double[] {0, 1, -1, 32767, -32768, 1234}, s.samples());
    assertEquals(6.0 / 8000, s.durationSeconds());
  }

  @Test
  void stereoIsAveragedOrReducedToTheFirstChannel() throws Exception {
    byte[] b = WavBytes.riff().fmt(1, 2, 16000, 16).data16(100, 300, -5, 6, 7, 7).build();
    assertArrayEquals(new double[] {200, 0.5, 7},
        WavReader.parse(b, "s.wav", ChannelMixdown.AVERAGE).samples());
    assertArrayEquals(new double[] {100, -5, 7},
        WavReader.parse(b, "s.wav", ChannelMixdown.FIRST).samples());
    assertEquals(16000, parse(b).sampleRate());
  }

  @Test
  void g711HandValuesFromTheRecommendation() throws Exception {
    // µ-law: 0xFF and 0x7F are +0 and -0; 0x80 / 0x00 are the extremes ±32124.
    byte[] u = WavBytes.riff().fmt(7, 1, 8000, 8).data8(0xFF, 0x7F, 0x80, 0x00, 0xEF).build();
    // 0xEF = ~0x10: segment 1, step 0 -> ((0 << 3) + 132) << 1 - 132 = 132.
    assertArrayEquals(new double[] {0, 0, 32124, -32124, 132}, parse(u).samples());
    // A-law: 0xD5 / 0x55 are ±8 (smallest step), 0xAA / 0x2A are ±32256.
    byte[] a = WavBytes.riff().fmt(6, 1, 8000, 8).data8(0xD5, 0x55, 0xAA, 0x2A, 0xC5).build();
    // 0xC5 ^ 0x55 = 0x90: sign +, segment 1, step 0 -> 0x108 = 264.
    assertArrayEquals(new double[] {8, -8, 32256, -32256, 264}, parse(a).samples());
  }

  @Test
  void allG711CodesMatchTheJdkDecoders() throws Exception {
    for (AudioFormat.Encoding enc : new AudioFormat.Encoding[] {AudioFormat.Encoding.ULAW,
        AudioFormat.Encoding.ALAW}) {
      int[] codes = new int[256];
      byte[] raw = new byte[256];
      for (int c = 0; c < 256; c++) {
        codes[c] = c;
        raw[c] = (byte) c;
      }
      int tag = enc == AudioFormat.Encoding.ULAW ? 7 : 6;
      double[] ours = parse(WavBytes.riff().fmt(tag, 1, 8000, 8).data8(codes).build()).samples();
      // Independent oracle: javax.sound's G.711 codec converting the same bytes to PCM16.
      AudioFormat law = new AudioFormat(enc, 8000, 8, 1, 1, 8000, false);
      AudioFormat pcm = new AudioFormat(8000, 16, 1, true, false);
      try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(raw), law, 256);
          AudioInputStream conv = AudioSystem.getAudioInputStream(pcm, in)) {
        byte[] out = conv.readAllBytes();
        ByteBuffer bb = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < 256; c++) {
          assertEquals(bb.getShort(2 * c), ours[c], enc + " code " + c);
        }
      }
    }
  }

  @Test
  void readsWaveFormatExtensiblePcmAndSkipsUnknownOddChunks() throws Exception {
    WavBytes w = WavBytes.riff().ascii("LIST").u32(3).bytes(1, 2, 3, 0) // odd size + pad byte
        .ascii("fmt ").u32(40).u16(0xFFFE).u16(1).u32(8000).u32(16000).u16(2).u16(16)
        .u16(22).u16(16).u32(4) // cbSize, valid bits, channel mask
        .bytes(0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00,
            0x38, 0x9B, 0x71)
        .ascii("fact").u32(4).u32(3)
        .data16(5, -6, 7);
    assertArrayEquals(new double[] {5, -6, 7}, parse(w.build()).samples());
  }

  @Test
  void matchesJavaSoundOnAFileWrittenByWavWriter(@TempDir Path dir) throws Exception {
    double[] x = TestSignals.noise(20000, 1000, 42);
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.rint(x[i]);
    }
    Path f = dir.resolve("n.wav");
    WavWriter.write(f, AudioSignal.of(x, 8000));
    assertArrayEquals(x, WavReader.read(f).samples(), "round trip");
    try (AudioInputStream in = AudioSystem.getAudioInputStream(f.toFile())) {
      assertEquals(8000f, in.getFormat().getSampleRate());
      ByteBuffer bb = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < x.length; i++) {
        assertEquals(x[i], bb.getShort(2 * i), "sample " + i);
      }
    }
  }

  @Test
  void readFromStreamUsesTheGivenName() throws Exception {
    byte[] b = WavBytes.riff().fmt(1, 1, 8000, 16).data16(1, 2).build();
    assertArrayEquals(new double[] {1, 2},
        WavReader.read(new ByteArrayInputStream(b), "mem", ChannelMixdown.FIRST).samples());
    WavFormatException e = assertThrows(WavFormatException.class, () -> WavReader.read(
        new ByteArrayInputStream(Arrays.copyOf(b, 10)), "resource:x", ChannelMixdown.FIRST));
    assertTrue(e.getMessage().contains("resource:x"), e.getMessage());
  }

  private static void assertRejected(byte[] b, String... fragments) {
    WavFormatException e = assertThrows(WavFormatException.class, () -> parse(b));
    assertTrue(e.getMessage().startsWith("WavReader: test.wav at byte "), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + f + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void rejectsBadHeadersWithOffsetExpectedAndFound() {
    assertRejected(new byte[5], "at byte 0", "12-byte", "5 bytes");
    assertRejected(WavBytes.riff().build().clone(), "a 'fmt ' chunk", "end of file");
    byte[] notRiff = WavBytes.riff().fmt(1, 1, 8000, 16).data16(1).build();
    notRiff[0] = 'X';
    assertRejected(notRiff, "at byte 0", "magic 'RIFF'", "'XIFF'");
    byte[] rifx = WavBytes.riff().fmt(1, 1, 8000, 16).data16(1).build();
    rifx[3] = 'X';
    assertRejected(rifx, "RIFX", "sox");
    byte[] notWave = WavBytes.riff().fmt(1, 1, 8000, 16).data16(1).build();
    notWave[8] = 'A';
    assertRejected(notWave, "at byte 8", "'WAVE'", "'AAVE'");
    assertRejected(WavBytes.riff().ascii("fmt ").u32(14).u16(1).u16(1).u32(8000).u32(16000)
        .u16(2).build(), "at byte 16", "at least 16 bytes", "14 bytes");
  }

  @Test
  void rejectsUnsupportedEncodingsWithAConversionHint() {
    assertRejected(WavBytes.riff().fmt(3, 1, 8000, 32).data16(0, 0).build(), "at byte 20",
        "format tag 3", "sox");
    assertRejected(WavBytes.riff().fmt(1, 1, 8000, 24).data8(0, 0, 0).build(), "at byte 34",
        "16 bits per sample for PCM", "found 24", "sox");
    assertRejected(WavBytes.riff().fmt(7, 1, 8000, 16).data16(0).build(),
        "8 bits per sample for µ-law", "found 16");
    assertRejected(WavBytes.riff().fmt(1, 0, 8000, 16).data16().build(), "at least 1 channel",
        "0 channels");
    assertRejected(WavBytes.riff().ascii("fmt ").u32(16).u16(1).u16(1).u32(8000).u32(16000)
        .u16(4).u16(16).data16(1, 2).build(), "at byte 32", "block align", "found 4");
  }

  @Test
  void rejectsMissingMisplacedAndTruncatedData() {
    assertRejected(WavBytes.riff().data16(1, 2).fmt(1, 1, 8000, 16).build(), "at byte 12",
        "'fmt ' chunk before the 'data' chunk");
    assertRejected(WavBytes.riff().fmt(1, 1, 8000, 16).build(), "a 'data' chunk", "end of file");
    byte[] full = WavBytes.riff().fmt(1, 1, 8000, 16).data16(1, 2, 3, 4).build();
    assertRejected(Arrays.copyOf(full, full.length - 3), "at byte 40",
        "'data' chunk of 8 bytes", "only 5 bytes left", "truncated");
    assertRejected(WavBytes.riff().fmt(1, 1, 8000, 16).data8(1, 2, 3).build(),
        "multiple of the block size 2", "3 bytes");
    assertRejected(WavBytes.riff().ascii("LIST").u32(100).bytes(1, 2).build(), "at byte 16",
        "complete 'LIST' chunk of 100 bytes", "only 2 bytes left");
  }

  @Test
  void readingAMissingFileIsAnIoException(@TempDir Path dir) {
    assertThrows(IOException.class, () -> WavReader.read(dir.resolve("none.wav")));
    assertTrue(Files.notExists(dir.resolve("none.wav")));
  }

  @Test
  void writerRejectsOutOfRangeSamplesNamingIndexAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WavWriter.toBytes(AudioSignal.of(new double[] {0, 32767.4, 32767.6}, 8000)));
    assertTrue(e.getMessage().contains("signal[2]") && e.getMessage().contains("32767.6")
        && e.getMessage().contains("[-32768, 32767]"), e.getMessage());
  }

  @Test
  void signalCopiesAndValidates() {
    double[] x = {1, 2};
    AudioSignal s = AudioSignal.of(x, 8000);
    x[0] = 99;
    assertEquals(1.0, s.sample(0));
    s.samples()[1] = 99;
    assertEquals(2.0, s.sample(1));
    IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
        () -> AudioSignal.of(new double[1], 0));
    assertTrue(rate.getMessage().contains("sampleRate") && rate.getMessage().contains("got 0"),
        rate.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> AudioSignal.of(new double[] {0, Double.NaN}, 8000));
    assertTrue(nan.getMessage().contains("samples") && nan.getMessage().contains("NaN"),
        nan.getMessage());
  }
}
