package org.emkit.features.audio;

import java.io.ByteArrayOutputStream;

/** Hand-assembled RIFF/WAVE files for reader tests (every header field set explicitly). */
final class WavBytes {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static WavBytes riff() {
    WavBytes w = new WavBytes();
    w.ascii("RIFF").u32(0).ascii("WAVE");
    return w;
  }

  WavBytes ascii(String s) {
    for (int k = 0; k < s.length(); k++) {
      out.write(s.charAt(k));
    }
    return this;
  }

  WavBytes u16(int v) {
    out.write(v & 0xFF);
    out.write((v >> 8) & 0xFF);
    return this;
  }

  WavBytes u32(long v) {
    for (int k = 0; k < 4; k++) {
      out.write((int) (v >> (8 * k)) & 0xFF);
    }
    return this;
  }

  WavBytes bytes(int... values) {
    for (int v : values) {
      out.write(v & 0xFF);
    }
    return this;
  }

  /** A 16-byte fmt chunk. */
  WavBytes fmt(int tag, int channels, int rate, int bits) {
    int blockAlign = channels * bits / 8;
    return ascii("fmt ").u32(16).u16(tag).u16(channels).u32(rate).u32((long) rate * blockAlign)
        .u16(blockAlign).u16(bits);
  }

  /** A data chunk of 16-bit samples. */
  WavBytes data16(int... samples) {
    ascii("data").u32(2L * samples.length);
    for (int s : samples) {
      u16(s);
    }
    return this;
  }

  /** A data chunk of raw bytes (declared size = number of bytes). */
  WavBytes data8(int... codes) {
    ascii("data").u32(codes.length);
    return bytes(codes);
  }

  /** The file, with the RIFF size patched to the real length − 8. */
  byte[] build() {
    byte[] b = out.toByteArray();
    long size = b.length - 8L;
    for (int k = 0; k < 4; k++) {
      b[4 + k] = (byte) (size >> (8 * k));
    }
    return b;
  }
}
