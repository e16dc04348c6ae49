package org.emkit.core.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emkit.core.Matrix;

/**
 * Reads and writes numpy {@code .npy} files (format versions 1.0, 2.0 and 3.0).
 *
 * <p><b>Supported.</b> C-order arrays of dtype float64 ({@code f8}), float32 ({@code f4}),
 * signed integers ({@code i1 i2 i4 i8}), unsigned integers ({@code u1 u2 u4}) and booleans
 * ({@code b1}), either byte order. Values are widened to {@code double}. Writing produces
 * version 1.0, little-endian float64, with the header padded to a multiple of 64 bytes as numpy
 * does, through {@link AtomicFiles}.
 *
 * <p><b>Errors.</b> A bad magic string, Fortran order, an unknown dtype, a malformed header or a
 * truncated data section throw {@link ArrayFormatException} naming the file, what was expected
 * and what was found.
 *
 * <p>For arrays larger than memory, {@link #openRows(Path)} streams a 2-D array in row blocks.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** Parsed header of a {@code .npy} file. */
  public static final class Header {
    private final String descr;
    private final int[] shape;
    private final long dataOffset;
    private final ByteOrder order;
    private final char kind;
    private final int itemSize;

    Header(String descr, int[] shape, long dataOffset, ByteOrder order, char kind, int itemSize) {
      this.descr = descr;
      this.shape = shape;
      this.dataOffset = dataOffset;
      this.order = order;
      this.kind = kind;
      this.itemSize = itemSize;
    }

    /** @return the dtype descriptor, e.g. {@code "<f8"} */
    public String descr() {
      return descr;
    }

    /** @return a copy of the shape */
    public int[] shape() {
      return shape.clone();
    }

    /** @return byte offset of the data section */
    public long dataOffset() {
      return dataOffset;
    }

    /** @return bytes per element */
    public int itemSize() {
      return itemSize;
    }

    long count() {
      long n = 1;
      for (int s : shape) {
        n *= s;
      }
      return n;
    }
  }

  /**
   * Reads a whole array.
   *
   * @param path the file
   * @return the array, values widened to double
   * @throws ArrayFormatException if the file is not a supported {@code .npy} array
   * @throws IOException on read failure
   */
  public static NpyArray read(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    try (InputStream raw = Files.newInputStream(path);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      Header h = readHeader(in, path.toString());
      long n = h.count();
      if (n > Integer.MAX_VALUE - 8) {
        throw new ArrayFormatException(path + ": array of " + n + " elements is too large to load"
            + " at once; use Npy.openRows");
      }
      double[] values = new double[(int) n];
      readValues(in, h, values, 0, (int) n, path.toString());
      return new NpyArray(h.shape, values, h.descr);
    }
  }

  /**
   * Reads a 2-D array (or a 1-D array as one row) as a matrix.
   *
   * @param path the file
   * @return the matrix
   * @throws IOException if unreadable or not 1-D/2-D
   */
  public static Matrix readMatrix(Path path) throws IOException {
    NpyArray a = read(path);
    if (a.ndim() != 1 && a.ndim() != 2) {
      throw new ArrayFormatException(path + ": expected a 1-D or 2-D array, found shape "
          + java.util.Arrays.toString(a.shape()));
    }
    return a.toMatrix();
  }

  /**
   * Writes a float64 little-endian C-order array atomically.
   *
   * @param path target file
   * @param array the array
   * @throws IOException on failure (the target is then unchanged)
   */
  public static void write(Path path, NpyArray array) throws IOException {
    Objects.requireNonNull(array, "array");
    AtomicFiles.write(path, (OutputStream out) -> writeTo(out, array.shape(), array.values()));
  }

  /**
   * Writes a matrix as a 2-D float64 array.
   *
   * @param path target file
   * @param m the matrix
   * @throws IOException on failure
   */
  public static void write(Path path, Matrix m) throws IOException {
    AtomicFiles.write(path, (OutputStream out) -> writeTo(out, new int[] {m.rows(), m.cols()}, m.data()));
  }

  /**
   * Writes a vector as a 1-D float64 array.
   *
   * @param path target file
   * @param v the values
   * @throws IOException on failure
   */
  public static void write(Path path, double[] v) throws IOException {
    AtomicFiles.write(path, (OutputStream out) -> writeTo(out, new int[] {v.length}, v));
  }

  /**
   * Writes a float64 array to a stream.
   *
   * @param out destination; not closed
   * @param shape dimensions
   * @param values row-major values
   * @throws IOException on failure
   */
  public static void writeTo(OutputStream out, int[] shape, double[] values) throws IOException {
    StringBuilder sb = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': (");
    for (int k = 0; k < shape.length; k++) {
      sb.append(shape[k]);
      if (shape.length == 1 || k < shape.length - 1) {
        sb.append(',');
        if (k < shape.length - 1) {
          sb.append(' ');
        }
      }
    }
    sb.append("), }");
    int preamble = MAGIC.length + 2 + 2;
    int total = preamble + sb.length() + 1;
    int pad = (64 - total % 64) % 64;
    for (int k = 0; k < pad; k++) {
      sb.append(' ');
    }
    sb.append('\n');
    byte[] header = sb.toString().getBytes(StandardCharsets.US_ASCII);
    out.write(MAGIC);
    out.write(1);
    out.write(0);
    out.write(header.length & 0xff);
    out.write((header.length >>> 8) & 0xff);
    out.write(header);
    ByteBuffer buf = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < values.length; i++) {
      if (!buf.hasRemaining()) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      buf.putDouble(values[i]);
    }
    out.write(buf.array(), 0, buf.position());
  }

  /**
   * Parses the header and leaves the stream at the first data byte.
   *
   * @param in stream positioned at the start of the file
   * @param name file name for messages
   * @return the header
   * @throws IOException if malformed
   */
  public static Header readHeader(DataInputStream in, String name) throws IOException {
    byte[] magic = new byte[6];
    try {
      in.readFully(magic);
    } catch (EOFException e) {
      throw new ArrayFormatException(name + ": not a .npy file (shorter than the 6-byte magic)", e);
    }
    for (int k = 0; k < 6; k++) {
      if (magic[k] != MAGIC[k]) {
        throw new ArrayFormatException(name + ": not a .npy file (expected magic \\x93NUMPY)");
      }
    }
    int major;
    long headerLen;
    long offset;
    try {
      major = in.readUnsignedByte();
      in.readUnsignedByte();
      if (major == 1) {
        headerLen = in.readUnsignedByte() | (in.readUnsignedByte() << 8);
        offset = 10;
      } else if (major == 2 || major == 3) {
        headerLen = (in.readUnsignedByte() | (in.readUnsignedByte() << 8)
            | (in.readUnsignedByte() << 16)) | ((long) in.readUnsignedByte() << 24);
        offset = 12;
      } else {
        throw new ArrayFormatException(name + ": unsupported .npy format version " + major
            + " (supported: 1, 2, 3)");
      }
      if (headerLen > 1 << 24) {
        throw new ArrayFormatException(name + ": .npy header length " + headerLen
            + " is implausible (file corrupt?)");
      }
      byte[] hb = new byte[(int) headerLen];
      in.readFully(hb);
      offset += headerLen;
      String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      return parseHeader(header, offset, name);
    } catch (EOFException e) {
      throw new ArrayFormatException(name + ": truncated .npy header", e);
    }
  }

  private static Header parseHeader(String header, long offset, String name) throws ArrayFormatException {
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      throw new ArrayFormatException(name + ": malformed .npy header (need 'descr', 'fortran_order'"
          + " and 'shape'), found: " + header.trim());
    }
    if (f.group(1).equals("True")) {
      throw new ArrayFormatException(name + ": Fortran-order arrays are not supported; expected"
          + " fortran_order False (save with numpy.ascontiguousarray)");
    }
    String descr = d.group(1);
    if (descr.length() < 3) {
      throw new ArrayFormatException(name + ": unsupported dtype '" + descr + "'");
    }
    char bo = descr.charAt(0);
    char kind = descr.charAt(1);
    int size;
    try {
      size = Integer.parseInt(descr.substring(2));
    } catch (NumberFormatException e) {
      throw new ArrayFormatException(name + ": unsupported dtype '" + descr + "'", e);
    }
    ByteOrder order = bo == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    boolean ok = (bo == '<' || bo == '>' || bo == '|' || bo == '=')
        && ((kind == 'f' && (size == 4 || size == 8))
            || (kind == 'i' && (size == 1 || size == 2 || size == 4 || size == 8))
            || (kind == 'u' && (size == 1 || size == 2 || size == 4))
            || (kind == 'b' && size == 1));
    if (!ok) {
      throw new ArrayFormatException(name + ": unsupported dtype '" + descr + "'; supported: float64,"
          + " float32, int8/16/32/64, uint8/16/32, bool");
    }
    List<Integer> dims = new ArrayList<>();
    for (String part : s.group(1).split(",")) {
      String t = part.trim();
      if (!t.isEmpty()) {
        try {
          long v = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
          if (v < 0 || v > Integer.MAX_VALUE) {
            throw new ArrayFormatException(name + ": shape entry " + v + " out of range");
          }
          dims.add((int) v);
        } catch (NumberFormatException e) {
          throw new ArrayFormatException(name + ": malformed shape (" + s.group(1) + ")", e);
        }
      }
    }
    int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
    return new Header(descr, shape, offset, order, kind, size);
  }

  private static void readValues(DataInputStream in, Header h, double[] out, int from, int count,
      String name) throws IOException {
    int item = h.itemSize;
    byte[] bytes = new byte[Math.max(item, Math.min(1 << 16, count * item) / item * item)];
    ByteBuffer bb = ByteBuffer.wrap(bytes).order(h.order);
    int done = 0;
    while (done < count) {
      int chunk = Math.min(count - done, bytes.length / item);
      int want = chunk * item;
      int got = in.readNBytes(bytes, 0, want);
      if (got < want) {
        throw new ArrayFormatException(name + ": truncated data section: expected " + h.count()
            + " elements of " + h.descr + ", file ends after " + (from + done + got / item));
      }
      bb.clear();
      for (int k = 0; k < chunk; k++) {
        out[from + done + k] = decode(bb, h.kind, item);
      }
      done += chunk;
    }
  }

  private static double decode(ByteBuffer bb, char kind, int size) {
    switch (kind) {
      case 'f':
        return size == 8 ? bb.getDouble() : bb.getFloat();
      case 'i':
        switch (size) {
          case 1:
            return bb.get();
          case 2:
            return bb.getShort();
          case 4:
            return bb.getInt();
          default:
            return bb.getLong();
        }
      case 'u':
        switch (size) {
          case 1:
            return bb.get() & 0xff;
          case 2:
            return bb.getShort() & 0xffff;
          default:
            return bb.getInt() & 0xffffffffL;
        }
      default:
        return bb.get() != 0 ? 1.0 : 0.0;
    }
  }

  /**
   * Opens a 2-D {@code .npy} array for streaming in blocks of rows, for data larger than memory.
   *
   * @param path the file
   * @return a reader; close it after use
   * @throws IOException if the header is invalid or the array is not 2-D
   */
  public static RowReader openRows(Path path) throws IOException {
    return new RowReader(path);
  }

  /** Streams the rows of a 2-D {@code .npy} array in blocks. Not thread-safe. */
  public static final class RowReader implements Closeable {
    private final DataInputStream in;
    private final Header header;
    private final String name;
    private final int rows;
    private final int cols;
    private int next;

    private RowReader(Path path) throws IOException {
      this.name = path.toString();
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 20));
      try {
        this.header = readHeader(in, name);
      } catch (IOException e) {
        in.close();
        throw e;
      }
      if (header.shape.length != 2) {
        in.close();
        throw new ArrayFormatException(name + ": expected a 2-D array for row streaming, found shape "
            + java.util.Arrays.toString(header.shape));
      }
      this.rows = header.shape[0];
      this.cols = header.shape[1];
    }

    /** @return total number of rows */
    public int rows() {
      return rows;
    }

    /** @return number of columns */
    public int cols() {
      return cols;
    }

    /**
     * Reads up to {@code maxRows} further rows.
     *
     * @param maxRows block size, {@code >= 1}
     * @return the next block, or {@code null} at the end
     * @throws IOException if the file is truncated
     */
    public Matrix next(int maxRows) throws IOException {
      if (next >= rows) {
        return null;
      }
      int n = Math.min(maxRows, rows - next);
      double[] block = new double[Math.multiplyExact(n, cols)];
      readValues(in, header, block, 0, block.length, name);
      next += n;
      return Matrix.wrap(n, cols, block);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
