package org.emkit.features.image;

/**
 * The element types of the IDX format (LeCun et al., the MNIST file format): the third byte of
 * the magic number, and the size of one big-endian element.
 */
public enum IdxType {
  /** Code 0x08: unsigned byte, 0..255 (the MNIST and Fashion-MNIST files). */
  UNSIGNED_BYTE(0x08, 1),
  /** Code 0x09: signed byte, −128..127. */
  SIGNED_BYTE(0x09, 1),
  /** Code 0x0B: signed 16-bit integer, big-endian. */
  SHORT(0x0B, 2),
  /** Code 0x0C: signed 32-bit integer, big-endian. */
  INT(0x0C, 4),
  /** Code 0x0D: IEEE 754 single precision, big-endian. */
  FLOAT(0x0D, 4),
  /** Code 0x0E: IEEE 754 double precision, big-endian. */
  DOUBLE(0x0E, 8);

  private final int code;
  private final int bytes;

  IdxType(int code, int bytes) {
    this.code = code;
    this.bytes = bytes;
  }

  /** @return the type code stored in the third byte of the magic number */
  public int code() {
    return code;
  }

  /** @return the size of one element in bytes */
  public int bytes() {
    return bytes;
  }

  /** @return whether the elements are integers (every type except FLOAT and DOUBLE) */
  public boolean isInteger() {
    return this != FLOAT && this != DOUBLE;
  }

  /**
   * @param code a type code
   * @return the type with that code, or {@code null} if there is none
   */
  static IdxType fromCode(int code) {
    for (IdxType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
