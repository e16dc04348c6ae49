package org.emkit.io.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The content checksum emkit stores in the root attribute {@code emkit_checksum} of every file
 * it writes: CRC-32C over every dataset, in path order (names sorted at each level, depth
 * first), each as its path, element class, shape and values in a canonical little-endian form
 * (floating-point values as float64 bits, integers and booleans as int64, strings as UTF-8
 * with their length). HDF5 itself checksums only metadata, so without this a flipped byte in
 * the raw data of a model would load silently as a different model.
 */
final class ContentDigest {

  /** Name of the root attribute holding the checksum. */
  static final String ATTRIBUTE = "emkit_checksum";
  private static final String PREFIX = "crc32c:";

  private final CRC32C crc = new CRC32C();

  private void header(String path, char kind, long[] dims) {
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(4 + p.length + 2 + 8 * dims.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(p.length).put(p).put((byte) kind).put((byte) dims.length);
    for (long d : dims) {
      b.putLong(d);
    }
    crc.update(b.array());
  }

  private void doubles(double[] v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(v);
    crc.update(b.array());
  }

  private void longs(long[] v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(v);
    crc.update(b.array());
  }

  private void strings(String[] v) {
    for (String s : v) {
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      crc.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(u.length).array());
      crc.update(u);
    }
  }

  private String value() {
    return PREFIX + String.format("%08x", crc.getValue());
  }

  /**
   * @param root the tree about to be written (the checksum attribute itself is not covered)
   * @return the checksum string
   */
  static String of(H5Tree.Group root) {
    ContentDigest d = new ContentDigest();
    d.addTree("", root);
    return d.value();
  }

  private void addTree(String prefix, H5Tree.Group g) {
    List<String> names = new ArrayList<>(g.children.keySet());
    names.sort(null);
    for (String name : names) {
      Object child = g.children.get(name);
      String path = prefix + "/" + name;
      if (child instanceof H5Tree.Group) {
        addTree(path, (H5Tree.Group) child);
      } else {
        addValue(path, ((H5Tree.Dataset) child).value);
      }
    }
  }

  private void addValue(String path, H5Value v) {
    ByteBuffer raw = v.raw == null ? null : ByteBuffer.wrap(v.raw).order(ByteOrder.LITTLE_ENDIAN);
    int n = (int) v.count();
    switch (v.kind) {
      case F64:
      case F32: {
        header(path, 'f', v.dims);
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
          d[k] = v.kind == H5Value.Kind.F64 ? raw.getDouble() : raw.getFloat();
        }
        doubles(d);
        break;
      }
      case VSTRING:
        header(path, 's', v.dims);
        strings(v.strings);
        break;
      default: {
        header(path, v.kind == H5Value.Kind.BOOL ? 'b' : 'i', v.dims);
        long[] l = new long[n];
        for (int k = 0; k < n; k++) {
          switch (v.kind) {
            case I64:
            case U64:
              l[k] = raw.getLong();
              break;
            case I32:
              l[k] = raw.getInt();
              break;
            case U32:
              l[k] = raw.getInt() & 0xFFFFFFFFL;
              break;
            case U8:
              l[k] = raw.get() & 0xff;
              break;
            default:
              l[k] = raw.get();
          }
        }
        longs(l);
      }
    }
  }

  /**
   * @param datasets every dataset of a file read back, keyed by path in path order
   * @return the checksum string
   */
  static String of(Map<String, H5Reader.Raw> datasets) {
    ContentDigest d = new ContentDigest();
    for (Map.Entry<String, H5Reader.Raw> e : datasets.entrySet()) {
      H5Reader.Raw r = e.getValue();
      long[] dims = new long[r.dims.length];
      for (int k = 0; k < dims.length; k++) {
        dims[k] = r.dims[k];
      }
      d.header(e.getKey(), r.kind, dims);
      if (r.kind == 'f') {
        d.doubles(r.doubles);
      } else if (r.kind == 's') {
        d.strings(r.strings);
      } else {
        d.longs(r.longs);
      }
    }
    return d.value();
  }
}
