package org.emkit.io.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A value to be written as an HDF5 dataset or attribute: an element type, a shape (empty for a
 * scalar) and the elements, either as little-endian bytes or as strings.
 */
final class H5Value {

  /** Element types emkit writes; the HDF5 encoding of each is in {@link H5Writer}. */
  enum Kind {
    /** IEEE float64, little-endian. */
    F64(8),
    /** IEEE float32, little-endian. */
    F32(4),
    /** Signed 64-bit integer, little-endian. */
    I64(8),
    /** Signed 32-bit integer, little-endian. */
    I32(4),
    /** Unsigned 64-bit integer, little-endian (bob's {@code uint64_t} sizes). */
    U64(8),
    /** Unsigned 32-bit integer, little-endian (bob's {@code uint32_t} index lists). */
    U32(4),
    /** Unsigned 8-bit integer. */
    U8(1),
    /** h5py's boolean: an enum {FALSE=0, TRUE=1} over int8. */
    BOOL(1),
    /** Variable-length UTF-8 string (stored in a global heap). */
    VSTRING(16);

    final int size;

    Kind(int size) {
      this.size = size;
    }
  }

  final Kind kind;
  final long[] dims;
  final byte[] raw;
  final String[] strings;

  private H5Value(Kind kind, long[] dims, byte[] raw, String[] strings) {
    this.kind = kind;
    this.dims = dims;
    this.raw = raw;
    this.strings = strings;
  }

  long count() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  private static long[] checkDims(int[] shape, long count) {
    Objects.requireNonNull(shape, "shape");
    long n = 1;
    long[] dims = new long[shape.length];
    for (int k = 0; k < shape.length; k++) {
      if (shape[k] < 0) {
        throw new IllegalArgumentException("H5Value: shape entries must be in [0, inf), got "
            + Arrays.toString(shape));
      }
      dims[k] = shape[k];
      n *= shape[k];
    }
    if (n != count) {
      throw new IllegalArgumentException("H5Value: shape " + Arrays.toString(shape) + " holds " + n
          + " elements but " + count + " values were given");
    }
    return dims;
  }

  private static ByteBuffer le(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  static H5Value f64(double v) {
    return new H5Value(Kind.F64, new long[0], le(8).putDouble(v).array(), null);
  }

  static H5Value f64(int[] shape, double[] values) {
    long[] dims = checkDims(shape, values.length);
    ByteBuffer b = le(Math.multiplyExact(values.length, 8));
    b.asDoubleBuffer().put(values);
    return new H5Value(Kind.F64, dims, b.array(), null);
  }

  static H5Value f32(int[] shape, float[] values) {
    long[] dims = checkDims(shape, values.length);
    ByteBuffer b = le(Math.multiplyExact(values.length, 4));
    b.asFloatBuffer().put(values);
    return new H5Value(Kind.F32, dims, b.array(), null);
  }

  static H5Value i64(long v) {
    return new H5Value(Kind.I64, new long[0], le(8).putLong(v).array(), null);
  }

  static H5Value i64(int[] shape, long[] values) {
    long[] dims = checkDims(shape, values.length);
    ByteBuffer b = le(Math.multiplyExact(values.length, 8));
    b.asLongBuffer().put(values);
    return new H5Value(Kind.I64, dims, b.array(), null);
  }

  static H5Value i32(int[] shape, int[] values) {
    long[] dims = checkDims(shape, values.length);
    ByteBuffer b = le(Math.multiplyExact(values.length, 4));
    b.asIntBuffer().put(values);
    return new H5Value(Kind.I32, dims, b.array(), null);
  }

  static H5Value u64(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("H5Value: uint64 value must be in [0, 2^63), got " + v);
    }
    return new H5Value(Kind.U64, new long[0], le(8).putLong(v).array(), null);
  }

  static H5Value u32(int[] shape, long[] values) {
    long[] dims = checkDims(shape, values.length);
    ByteBuffer b = le(Math.multiplyExact(values.length, 4));
    for (long v : values) {
      if (v < 0 || v > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("H5Value: uint32 value must be in [0, 4294967295], got "
            + v);
      }
      b.putInt((int) v);
    }
    return new H5Value(Kind.U32, dims, b.array(), null);
  }

  static H5Value u8(boolean v) {
    return new H5Value(Kind.U8, new long[0], new byte[] {(byte) (v ? 1 : 0)}, null);
  }

  static H5Value u8(int[] shape, byte[] values) {
    long[] dims = checkDims(shape, values.length);
    return new H5Value(Kind.U8, dims, values.clone(), null);
  }

  static H5Value bool(boolean v) {
    return new H5Value(Kind.BOOL, new long[0], new byte[] {(byte) (v ? 1 : 0)}, null);
  }

  static H5Value string(String v) {
    Objects.requireNonNull(v, "v");
    return new H5Value(Kind.VSTRING, new long[0], null, new String[] {v});
  }
}
