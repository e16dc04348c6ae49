package org.emkit.io.hdf5;

/**
 * Bob Jenkins' lookup3 {@code hashlittle} (public domain, 2006), the checksum of HDF5's
 * version-2 superblocks and object headers ({@code H5_checksum_lookup3}).
 */
final class Lookup3 {

  private Lookup3() {}

  /**
   * @param k bytes
   * @param offset first byte
   * @param length number of bytes
   * @param initval seed (HDF5 uses 0)
   * @return the 32-bit hash
   */
  static int hash(byte[] k, int offset, int length, int initval) {
    int a = 0xdeadbeef + length + initval;
    int b = a;
    int c = a;
    int i = offset;
    int len = length;
    while (len > 12) {
      a += word(k, i);
      b += word(k, i + 4);
      c += word(k, i + 8);
      // mix(a, b, c)
      a -= c;
      a ^= Integer.rotateLeft(c, 4);
      c += b;
      b -= a;
      b ^= Integer.rotateLeft(a, 6);
      a += c;
      c -= b;
      c ^= Integer.rotateLeft(b, 8);
      b += a;
      a -= c;
      a ^= Integer.rotateLeft(c, 16);
      c += b;
      b -= a;
      b ^= Integer.rotateLeft(a, 19);
      a += c;
      c -= b;
      c ^= Integer.rotateLeft(b, 4);
      b += a;
      len -= 12;
      i += 12;
    }
    if (len == 0) {
      return c;
    }
    // the last 1..12 bytes, least significant first (the reference's fall-through switch)
    int[] w = new int[3];
    for (int q = 0; q < len; q++) {
      w[q / 4] += (k[i + q] & 0xff) << (8 * (q % 4));
    }
    a += w[0];
    b += w[1];
    c += w[2];
    // final(a, b, c)
    c ^= b;
    c -= Integer.rotateLeft(b, 14);
    a ^= c;
    a -= Integer.rotateLeft(c, 11);
    b ^= a;
    b -= Integer.rotateLeft(a, 25);
    c ^= b;
    c -= Integer.rotateLeft(b, 16);
    a ^= c;
    a -= Integer.rotateLeft(c, 4);
    b ^= a;
    b -= Integer.rotateLeft(a, 14);
    c ^= b;
    c -= Integer.rotateLeft(b, 24);
    return c;
  }

  private static int word(byte[] k, int i) {
    return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
  }
}
