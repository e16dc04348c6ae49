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
    // the value spans at most 3 bytes (shift ≤ 7, width ≤ 16): load them, shift, mask
    int first = offset >>> 3;
    int shift = offset & 7;
    int bytes = (shift + width + 7) >>> 3;
    int v = 0;
    for (int b = 0; b < bytes; b++) {
      v |= (a[first + b] & 0xFF) << (8 * b);
    }
    return (v >>> shift) & ((1 << width) - 1);
  }
}
