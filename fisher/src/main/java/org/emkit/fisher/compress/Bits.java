package org.emkit.fisher.compress;

/** Little-endian bit packing of unsigned integers of at most 16 bits into byte arrays. */
final class Bits {

  private Bits() {}

  /**
   * Writes the low {@code width} bits of {@code value} at bit {@code offset}.
   *
   * @param a destination; modified
   * @param offset first bit (bit i of byte b is bit 8b + i)
   * @param width 1..16
   * @param value non-negative, below 2^width
   */
  static void write(byte[] a, int offset, int width, int value) {
    for (int i = 0; i < width; i++) {
      int bit = offset + i;
      if (((value >>> i) & 1) != 0) {
        a[bit >>> 3] |= (byte) (1 << (bit & 7));
      } else {
        a[bit >>> 3] &= (byte) ~(1 << (bit & 7));
      }
    }
  }

  /**
   * @param a source; not modified
   * @param offset first bit
   * @param width 1..16
   * @return the unsigned value stored there
   */
  static int read(byte[] a, int offset, int width) {
    if ((offset & 7) == 0) {
      // byte-aligned whole bytes (b·G = 8 or 16): one or two loads
      if (width == 8) {
        return a[offset >>> 3] & 0xFF;
      }
      if (width == 16) {
        return (a[offset >>> 3] & 0xFF) | ((a[(offset >>> 3) + 1] & 0xFF) << 8);
      }
    }
    int v = 0;
    for (int i = 0; i < width; i++) {
      int bit = offset + i;
      v |= ((a[bit >>> 3] >>> (bit & 7)) & 1) << i;
    }
    return v;
  }
}
