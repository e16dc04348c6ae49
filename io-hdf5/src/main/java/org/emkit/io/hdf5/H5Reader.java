package org.emkit.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads HDF5 files through jhdf behind a wall: every jhdf failure (jhdf throws assorted
 * runtime exceptions, and may try to allocate absurd arrays, on corrupt input) becomes an
 * {@link Hdf5FormatException} naming the file and the object path, and dataset sizes are
 * checked against the file size before any data is read.
 */
final class H5Reader implements Closeable {

  /** Largest inflation of stored bytes we accept (deflate cannot exceed about 1032:1). */
  private static final long MAX_INFLATION = 1100;
  /** Datasets below this many bytes are always accepted. */
  private static final long SMALL_DATASET_BYTES = 1L << 20;
  /** Largest dataset we read into one Java array. */
  private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  /** A dataset read into memory with its logical element class. */
  static final class Raw {
    /** 'f' floating-point, 'i' integer, 'b' boolean, 's' string. */
    final char kind;
    final String dtype;
    final int[] dims;
    final double[] doubles;
    final long[] longs;
    final String[] strings;

    Raw(char kind, String dtype, int[] dims, double[] doubles, long[] longs, String[] strings) {
      this.kind = kind;
      this.dtype = dtype;
      this.dims = dims;
      this.doubles = doubles;
      this.longs = longs;
      this.strings = strings;
    }

    int count() {
      return kind == 's' ? strings.length : kind == 'f' ? doubles.length : longs.length;
    }

    boolean numeric() {
      return kind != 's';
    }

    double[] asDoubles() {
      if (kind == 'f') {
        return doubles.clone();
      }
      double[] d = new double[longs.length];
      for (int k = 0; k < d.length; k++) {
        d[k] = longs[k];
      }
      return d;
    }

    /** @return the shape in numpy notation: {@code ()}, {@code (3,)}, {@code (2, 3)} */
    String shapeString() {
      return shapeString(dims);
    }

    static String shapeString(int[] dims) {
      StringBuilder b = new StringBuilder("(");
      for (int k = 0; k < dims.length; k++) {
        b.append(k > 0 ? ", " : "").append(dims[k]);
      }
      return b.append(dims.length == 1 ? ",)" : ")").toString();
    }
  }

  final Path file;
  private final HdfFile hdf;
  private final long fileSize;
  /** Datasets already read (the checksum pass reads every dataset; loaders then reuse them). */
  private final Map<String, Raw> cache = new java.util.HashMap<>();

  private H5Reader(Path file, HdfFile hdf, long fileSize) {
    this.file = file;
    this.hdf = hdf;
    this.fileSize = fileSize;
  }

  static H5Reader open(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new Hdf5FormatException(file, "/", "not a regular file");
    }
    long size = Files.size(file);
    checkSuperblock(file, size);
    try {
      return new H5Reader(file, new HdfFile(file), size);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new Hdf5FormatException(file, "/", "not a readable HDF5 file (" + describe(e) + ")", e);
    }
  }

  /**
   * Detects truncation before jhdf parses anything: the superblock's end-of-file address must
   * not lie beyond the end of the file (libhdf5 rejects such files too), and a version-2/3
   * superblock must match its checksum. Files whose superblock is not at offset 0 (a user
   * block) or that use 4-byte offsets are left to jhdf.
   */
  private static void checkSuperblock(Path file, long size) throws IOException {
    byte[] head = new byte[56];
    int n;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    byte[] sig = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    if (n < sig.length || !Arrays.equals(Arrays.copyOf(head, sig.length), sig)) {
      if (n < sig.length) {
        throw new Hdf5FormatException(file, "/", "not a readable HDF5 file (" + size
            + " bytes, shorter than the HDF5 signature)");
      }
      return;
    }
    int version = head[8] & 0xff;
    int eofAt;
    int offsetsSize;
    if (version == 0 || version == 1) {
      offsetsSize = head[13] & 0xff;
      eofAt = version == 0 ? 40 : 44;
    } else if (version == 2 || version == 3) {
      offsetsSize = head[9] & 0xff;
      eofAt = 28;
      if (n >= 48 && offsetsSize == 8) {
        int stored = (head[44] & 0xff) | (head[45] & 0xff) << 8 | (head[46] & 0xff) << 16
            | (head[47] & 0xff) << 24;
        if (stored != Lookup3.hash(head, 0, 44, 0)) {
          throw new Hdf5FormatException(file, "/", "superblock checksum mismatch (corrupt file)");
        }
      }
    } else {
      throw new Hdf5FormatException(file, "/", "unsupported HDF5 superblock version " + version);
    }
    if (offsetsSize != 8 || n < eofAt + 8) {
      if (n < eofAt + 8) {
        throw new Hdf5FormatException(file, "/", "truncated file: " + size + " bytes end inside"
            + " the superblock");
      }
      return;
    }
    long eof = 0;
    for (int k = 7; k >= 0; k--) {
      eof = (eof << 8) | (head[eofAt + k] & 0xff);
    }
    if (eof > size || eof < 0) {
      throw new Hdf5FormatException(file, "/", "truncated file: the superblock says it ends at"
          + " byte " + Long.toUnsignedString(eof) + " but it has " + size + " bytes");
    }
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  Hdf5FormatException error(String path, String message) {
    return new Hdf5FormatException(file, path, message);
  }

  private <T> T guard(String path, Supplier<T> action) throws Hdf5FormatException {
    try {
      return action.get();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new Hdf5FormatException(file, path, "corrupt or unsupported HDF5 content ("
          + describe(e) + ")", e);
    }
  }

  /**
   * @param path absolute object path ("/" for the root)
   * @return the node, or {@code null} if there is none
   */
  Node node(String path) throws Hdf5FormatException {
    return guard(path, () -> {
      Node n = hdf;
      for (String part : path.split("/")) {
        if (part.isEmpty()) {
          continue;
        }
        if (!(n instanceof Group)) {
          return null;
        }
        n = ((Group) n).getChildren().get(part);
        if (n == null) {
          return null;
        }
      }
      return n;
    });
  }

  boolean isDataset(String path) throws Hdf5FormatException {
    Node n = node(path);
    return n instanceof Dataset && !guard(path, n::isLink);
  }

  boolean isGroup(String path) throws Hdf5FormatException {
    Node n = node(path);
    return n instanceof Group && !guard(path, n::isLink);
  }

  /** @return every dataset path under {@code path}, depth first, in name order */
  List<String> datasetPaths(String path) throws Hdf5FormatException {
    List<String> out = new ArrayList<>();
    collect(path, out, 0);
    return out;
  }

  private void collect(String path, List<String> out, int depth) throws Hdf5FormatException {
    if (depth > 32) {
      throw error(path, "groups nested deeper than 32 levels (cyclic or corrupt file)");
    }
    Node n = node(path);
    if (!(n instanceof Group)) {
      return;
    }
    Map<String, Node> children = guard(path, ((Group) n)::getChildren);
    List<String> names = new ArrayList<>(children.keySet());
    names.sort(null);
    for (String name : names) {
      String child = (path.endsWith("/") ? path : path + "/") + name;
      Node c = children.get(name);
      if (guard(child, c::isLink)) {
        continue;
      }
      if (c instanceof Dataset) {
        out.add(child);
      } else if (c instanceof Group) {
        collect(child, out, depth + 1);
      }
    }
  }

  /**
   * @param nodePath object holding the attribute
   * @param name attribute name
   * @return the attribute as a string, or {@code null} if absent
   */
  String attributeString(String nodePath, String name) throws Hdf5FormatException {
    Node n = node(nodePath);
    if (n == null) {
      return null;
    }
    String where = nodePath + " attribute " + name;
    return guard(where, () -> {
      Attribute a = n.getAttributes().get(name);
      if (a == null) {
        return null;
      }
      Object data = a.getData();
      if (data != null && data.getClass().isArray() && Array.getLength(data) == 1) {
        data = Array.get(data, 0);
      }
      if (data instanceof byte[]) {
        return new String((byte[]) data, java.nio.charset.StandardCharsets.UTF_8);
      }
      if (!(data instanceof String)) {
        throw new IllegalStateException("expected a string, found "
            + (data == null ? "nothing" : data.getClass().getSimpleName()));
      }
      return (String) data;
    });
  }

  /**
   * Reads a whole dataset.
   *
   * @param path absolute dataset path
   * @return its contents
   * @throws Hdf5FormatException if missing, not a dataset, too large, or unreadable
   */
  Raw read(String path) throws Hdf5FormatException {
    Raw cached = cache.get(path);
    if (cached != null) {
      return cached;
    }
    Node n = node(path);
    if (n == null) {
      throw error(path, "missing dataset");
    }
    if (!(n instanceof Dataset)) {
      throw error(path, "expected a dataset, found a " + (n instanceof Group ? "group" : "link"));
    }
    Dataset ds = (Dataset) n;
    Raw raw = guard(path, () -> readDataset(path, ds));
    cache.put(path, raw);
    return raw;
  }

  private Raw readDataset(String path, Dataset ds) {
    int[] dims = ds.getDimensions();
    long count = 1;
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalStateException("negative dimension in " + Arrays.toString(dims));
      }
      count = Math.multiplyExact(count, d);
    }
    DataType type = ds.getDataType();
    long elementBytes = Math.max(1, type.getSize());
    long bytes = Math.multiplyExact(count, elementBytes);
    long limit = Math.max(SMALL_DATASET_BYTES, Math.multiplyExact(fileSize, MAX_INFLATION));
    if (count > MAX_ELEMENTS || bytes > limit) {
      throw new IllegalStateException("dataset claims " + count + " elements (" + bytes
          + " bytes) in a file of " + fileSize + " bytes");
    }
    String dtype = dtypeName(type);
    Object data = ds.isScalar() ? ds.getData() : count == 0 ? new double[0] : ds.getDataFlat();
    List<Object> flat = new ArrayList<>((int) count);
    flatten(data, flat);
    if (flat.size() != count) {
      throw new IllegalStateException("read " + flat.size() + " elements but the shape "
          + Arrays.toString(dims) + " holds " + count);
    }
    int n = flat.size();
    if (type instanceof FloatingPoint) {
      double[] v = new double[n];
      for (int k = 0; k < n; k++) {
        v[k] = ((Number) flat.get(k)).doubleValue();
      }
      return new Raw('f', dtype, dims, v, null, null);
    }
    if (type instanceof FixedPoint) {
      long[] v = new long[n];
      for (int k = 0; k < n; k++) {
        Object o = flat.get(k);
        v[k] = o instanceof Boolean ? ((Boolean) o ? 1 : 0) : ((Number) o).longValue();
      }
      return new Raw('i', dtype, dims, null, v, null);
    }
    if ("bool".equals(dtype)) {
      long[] v = new long[n];
      for (int k = 0; k < n; k++) {
        Object o = flat.get(k);
        v[k] = o instanceof Boolean ? ((Boolean) o ? 1 : 0)
            : o instanceof Number ? (((Number) o).longValue() != 0 ? 1 : 0)
            : "TRUE".equals(o) ? 1 : 0;
      }
      return new Raw('b', dtype, dims, null, v, null);
    }
    String[] v = new String[n];
    for (int k = 0; k < n; k++) {
      Object o = flat.get(k);
      v[k] = o instanceof byte[] ? new String((byte[]) o, java.nio.charset.StandardCharsets.UTF_8)
          : String.valueOf(o);
    }
    return new Raw('s', dtype, dims, null, null, v);
  }

  private static String dtypeName(DataType type) {
    if (type instanceof FloatingPoint) {
      return "float" + type.getSize() * 8;
    }
    if (type instanceof FixedPoint) {
      return (((FixedPoint) type).isSigned() ? "int" : "uint") + type.getSize() * 8;
    }
    if (type instanceof EnumDataType) {
      Map<Integer, String> names = ((EnumDataType) type).getEnumMapping();
      if (names.size() == 2 && "FALSE".equals(names.get(0)) && "TRUE".equals(names.get(1))) {
        return "bool";
      }
      return "enum";
    }
    return "string";
  }

  private static void flatten(Object data, List<Object> out) {
    if (data == null) {
      return;
    }
    Class<?> c = data.getClass();
    if (!c.isArray()) {
      out.add(data);
      return;
    }
    int n = Array.getLength(data);
    for (int i = 0; i < n; i++) {
      Object e = Array.get(data, i);
      if (e != null && e.getClass().isArray()) {
        flatten(e, out);
      } else {
        out.add(e);
      }
    }
  }

  @Override
  public void close() {
    try {
      hdf.close();
    } catch (RuntimeException e) {
      // closing a corrupt file must not mask the original error
    }
  }
}
