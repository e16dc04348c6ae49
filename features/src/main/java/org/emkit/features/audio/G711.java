package org.emkit.features.audio;

/**
 * ITU-T G.711 expansion of 8-bit µ-law and A-law codes to 16-bit linear PCM, as two 256-entry
 * tables built once from the decoding rules of the Recommendation (the reference decoder of
 * Sun's {@code g711.c}, used by sox). µ-law spans ±32124, A-law ±32256.
 */
final class G711 {

  /** µ-law code (unsigned byte) → linear value. */
  static final short[] ULAW = new short[256];

  /** A-law code (unsigned byte) → linear value. */
  static final short[] ALAW = new short[256];

  /** µ-law bias added before the segment shift (G.711 Table 2a). */
  private static final int ULAW_BIAS = 0x84;

  static {
    for (int code = 0; code < 256; code++) {
      ULAW[code] = (short) ulawToLinear(code);
      ALAW[code] = (short) alawToLinear(code);
    }
  }

  private G711() {}

  /*
   * µ-law: the code is transmitted bit-inverted; bits 6..4 are the segment s, bits 3..0 the
   * quantisation step q, bit 7 the sign (1 = positive after inversion = 0). Magnitude
   * ((q << 3) + 0x84) << s, minus the bias 0x84.
   */
  private static int ulawToLinear(int code) {
    int u = ~code & 0xFF;
    int t = ((u & 0x0F) << 3) + ULAW_BIAS;
    t <<= (u & 0x70) >> 4;
    return (u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS;
  }

  /*
   * A-law: even bits are inverted (XOR 0x55); segment s = bits 6..4, step q = bits 3..0, sign
   * bit 7 (1 = positive). Segment 0: (q << 4) + 8; segment s >= 1: ((q << 4) + 0x108) << (s - 1).
   */
  private static int alawToLinear(int code) {
    int a = (code ^ 0x55) & 0xFF;
    int t = (a & 0x0F) << 4;
    int seg = (a & 0x70) >> 4;
    if (seg == 0) {
      t += 8;
    } else {
      t = (t + 0x108) << (seg - 1);
    }
    return (a & 0x80) != 0 ? t : -t;
  }
}
