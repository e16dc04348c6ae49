package org.emkit.features.image;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;

/**
 * An n-dimensional array as stored in an IDX file: an element type, a shape and the elements in
 * row-major (C) order, the last dimension varying fastest.
 *
 * <p><b>Shapes and layout.</b> For Fashion-MNIST, the image file is an {@link
 * IdxType#UNSIGNED_BYTE} array of shape {@code [N, 28, 28]} (image, row from the top, column
 * from the left) and the label file one of shape {@code [N]}. Element {@code (i, r, c)} is at
 * flat index {@code (i·28 + r)·28 + c}. The elements are kept as the file's big-endian bytes;
 * the accessors decode them, so a 47 MB image file takes 47 MB of memory.
 *
 * <p><b>Reproducibility and threads.</b> Immutable and thread-safe; factories copy their
 * arguments and accessors return copies.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>Y. LeCun, C. Cortes, C. J. C. Burges, "The MNIST database of handwritten digits" (file
 *       formats section). http://yann.lecun.com/exdb/mnist/
 *   <li>H. Xiao, K. Rasul, R. Vollgraf, "Fashion-MNIST: a Novel Image Dataset for Benchmarking
 *       Machine Learning Algorithms", arXiv:1708.07747, 2017.
 * </ol>
 *
 * @see IdxReader
 * @see IdxWriter
 */
public final class IdxArray {

  private static final String OWNER = "IdxArray";

  private final IdxType type;
  private final int[] shape;
  private final int size;
  private final byte[] payload;

  private IdxArray(IdxType type, int[] shape, int size, byte[] payload) {
    this.type = type;
    this.shape = shape;
    this.size = size;
    this.payload = payload;
  }

  /**
   * Validates a shape and returns its number of elements.
   *
   * @param owner caller, for messages
   * @param type element type (for the byte-size limit)
   * @param shape dimensions
   * @return the product of the dimensions
   */
  static int checkShape(String owner, IdxType type, int[] shape) {
    Objects.requireNonNull(shape, "shape");
    if (shape.length < 1 || shape.length > 255) {
      throw new IllegalArgumentException(owner + ": shape must have between 1 and 255"
          + " dimensions, got " + shape.length);
    }
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new IllegalArgumentException(owner + ": shape[" + i + "] must be in [0, inf), got "
            + shape[i]);
      }
      n *= shape[i];
      if (n * type.bytes() > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(owner + ": shape " + Arrays.toString(shape) + " of "
            + type + " must take at most " + (Integer.MAX_VALUE - 8) + " bytes");
      }
    }
    return (int) n;
  }

  /**
   * Wraps bytes already in IDX (big-endian) element order; not copied.
   *
   * @param type element type
   * @param shape dimensions; copied
   * @param payload {@code size·type.bytes()} bytes; not copied, must not be mutated afterwards
   * @return the array
   */
  static IdxArray wrapPayload(IdxType type, int[] shape, byte[] payload) {
    int n = checkShape(OWNER, type, shape);
    if (payload.length != n * type.bytes()) {
      throw new DimensionMismatchException(OWNER + ": payload has " + payload.length
          + " bytes but shape " + Arrays.toString(shape) + " of " + type + " needs "
          + n * type.bytes());
    }
    return new IdxArray(type, shape.clone(), n, payload);
  }

  /**
   * An {@link IdxType#UNSIGNED_BYTE} array.
   *
   * @param shape dimensions, each ≥ 0, between 1 and 255 of them; copied
   * @param values the elements in row-major order, read as unsigned (byte −1 is 255); copied
   * @return the array
   * @throws DimensionMismatchException if the length is not the product of the dimensions
   */
  public static IdxArray ofUnsignedBytes(int[] shape, byte[] values) {
    Objects.requireNonNull(values, "values");
    return wrapPayload(IdxType.UNSIGNED_BYTE, shape, values.clone());
  }

  /**
   * An array of any type from double values.
   *
   * @param type element type
   * @param shape dimensions, each ≥ 0, between 1 and 255 of them; copied
   * @param values the elements in row-major order; not modified. For integer types each value
   *     must be an integer within the type's range; for FLOAT it is rounded to single precision
   * @return the array
   * @throws DimensionMismatchException if the length is not the product of the dimensions
   * @throws IllegalArgumentException if a value cannot be stored exactly in an integer type
   *     (its index named)
   */
  public static IdxArray of(IdxType type, int[] shape, double[] values) {
    String owner = OWNER + ".of";
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(values, "values");
    int n = checkShape(owner, type, shape);
    if (values.length != n) {
      throw new DimensionMismatchException(owner + ": values has length " + values.length
          + " but shape " + Arrays.toString(shape) + " has " + n + " elements");
    }
    byte[] p = new byte[n * type.bytes()];
    for (int i = 0; i < n; i++) {
      double v = values[i];
      switch (type) {
        case UNSIGNED_BYTE:
          p[i] = (byte) checkInteger(owner, i, v, 0, 255);
          break;
        case SIGNED_BYTE:
          p[i] = (byte) checkInteger(owner, i, v, Byte.MIN_VALUE, Byte.MAX_VALUE);
          break;
        case SHORT:
          putInt(p, i * 2, checkInteger(owner, i, v, Short.MIN_VALUE, Short.MAX_VALUE), 2);
          break;
        case INT:
          putInt(p, i * 4, checkInteger(owner, i, v, Integer.MIN_VALUE, Integer.MAX_VALUE), 4);
          break;
        case FLOAT:
          putInt(p, i * 4, Float.floatToRawIntBits((float) v), 4);
          break;
        default:
          long bits = Double.doubleToRawLongBits(v);
          putInt(p, i * 8, (int) (bits >>> 32), 4);
          putInt(p, i * 8 + 4, (int) bits, 4);
          break;
      }
    }
    return new IdxArray(type, shape.clone(), n, p);
  }

  private static int checkInteger(String owner, int index, double v, int lo, int hi) {
    if (!(v >= lo && v <= hi) || v != Math.rint(v)) {
      throw new IllegalArgumentException(owner + ": values[" + index + "] must be an integer in ["
          + lo + ", " + hi + "], got " + v);
    }
    return (int) v;
  }

  private static void putInt(byte[] p, int offset, int value, int bytes) {
    for (int b = 0; b < bytes; b++) {
      p[offset + b] = (byte) (value >>> (8 * (bytes - 1 - b)));
    }
  }

  private int readInt(int offset, int bytes) {
    int v = 0;
    for (int b = 0; b < bytes; b++) {
      v = (v << 8) | (payload[offset + b] & 0xFF);
    }
    return v;
  }

  /** @return the element type */
  public IdxType type() {
    return type;
  }

  /** @return a copy of the dimensions */
  public int[] shape() {
    return shape.clone();
  }

  /** @return the number of dimensions */
  public int rank() {
    return shape.length;
  }

  /**
   * @param axis dimension index in [0, rank)
   * @return the size along that dimension
   */
  public int dimension(int axis) {
    Objects.checkIndex(axis, shape.length);
    return shape[axis];
  }

  /** @return the number of elements (the product of the dimensions) */
  public int size() {
    return size;
  }

  /**
   * @param index flat row-major index in [0, size)
   * @return the element as a double (exact for every type)
   */
  public double get(int index) {
    Objects.checkIndex(index, size);
    switch (type) {
      case UNSIGNED_BYTE:
        return payload[index] & 0xFF;
      case SIGNED_BYTE:
        return payload[index];
      case SHORT:
        return (short) readInt(index * 2, 2);
      case INT:
        return readInt(index * 4, 4);
      case FLOAT:
        return Float.intBitsToFloat(readInt(index * 4, 4));
      default:
        long hi = readInt(index * 8, 4) & 0xFFFFFFFFL;
        long lo = readInt(index * 8 + 4, 4) & 0xFFFFFFFFL;
        return Double.longBitsToDouble((hi << 32) | lo);
    }
  }

  /**
   * Copies the elements {@code [from, from + length)} into {@code out[offset..]} as doubles.
   *
   * @param from first flat index
   * @param length number of elements
   * @param out destination; written in {@code [offset, offset + length)}
   * @param offset first index written
   */
  public void copyTo(int from, int length, double[] out, int offset) {
    Objects.checkFromIndexSize(from, length, size);
    Objects.checkFromIndexSize(offset, length, out.length);
    if (type == IdxType.UNSIGNED_BYTE) {
      for (int i = 0; i < length; i++) {
        out[offset + i] = payload[from + i] & 0xFF;
      }
      return;
    }
    for (int i = 0; i < length; i++) {
      out[offset + i] = get(from + i);
    }
  }

  /** @return all elements as doubles, row-major */
  public double[] toDoubleArray() {
    double[] out = new double[size];
    copyTo(0, size, out, 0);
    return out;
  }

  /**
   * @return all elements as ints, row-major
   * @throws UnsupportedOperationException for FLOAT and DOUBLE arrays
   */
  public int[] toIntArray() {
    if (!type.isInteger()) {
      throw new UnsupportedOperationException(OWNER + ".toIntArray: the element type is " + type
          + "; use toDoubleArray() for floating-point arrays");
    }
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = (int) get(i);
    }
    return out;
  }

  /** The big-endian element bytes; not copied (package-private, for the writer). */
  byte[] payload() {
    return payload;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof IdxArray)) {
      return false;
    }
    IdxArray a = (IdxArray) o;
    return a.type == type && Arrays.equals(a.shape, shape) && Arrays.equals(a.payload, payload);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * type.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "IdxArray[" + type + ", shape=" + Arrays.toString(shape) + "]";
  }
}
