package org.emkit.features.image;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format), plain or gzip-compressed, into an
 * {@link IdxArray}.
 *
 * <p><b>Format.</b> A big-endian header: the magic number (bytes {@code 0x00 0x00}, the type
 * code of {@link IdxType}, the rank r ≥ 1), then r 32-bit dimension sizes, then the
 * {@code Π dims · size(type)} element bytes in row-major order, big-endian. Fashion-MNIST's image
 * files have magic {@code 0x00000803} (unsigned bytes, rank 3: N×28×28) and its label files
 * {@code 0x00000801} (rank 1: N).
 *
 * <p><b>Algorithm.</b> The first two bytes decide the compression: {@code 0x1F 0x8B} is the
 * gzip signature (an IDX magic always starts with {@code 0x00 0x00}), so files are recognised by
 * content, whatever their name. The header is validated, then exactly the announced number of
 * payload bytes is read, and the stream must end there.
 *
 * <p><b>Errors.</b> Every problem is an {@link IdxFormatException} naming the file, the byte
 * offset (in the uncompressed stream), what was expected and what was found: non-zero leading
 * magic bytes, an unknown type code, rank 0, a negative dimension, a size too large for one Java
 * array, a header or payload that ends early (a truncated file), bytes after the payload, a
 * corrupt or truncated gzip stream, or (with {@link #read(Path, IdxType, int)}) another type or
 * rank than expected.
 *
 * <p><b>Reproducibility and threads.</b> Stateless static methods; thread-safe.
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
 * @see IdxArray
 * @see IdxWriter
 */
public final class IdxReader {

  private IdxReader() {}

  /**
   * Reads an IDX file of any type and rank.
   *
   * @param file the file, plain or gzip-compressed
   * @return the array
   * @throws IdxFormatException if the file is not a complete, valid IDX file
   * @throws IOException if the file cannot be read
   */
  public static IdxArray read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1F && b1 == 0x8B) {
        try (InputStream gz = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)) {
          return parse(file, gz, true);
        } catch (ZipException | EOFException e) {
          throw new IdxFormatException(file + ": corrupt or truncated gzip stream (" + e.getMessage()
              + "); the file is damaged, download or unpack it again", e);
        }
      }
      return parse(file, raw, false);
    }
  }

  /**
   * Reads an IDX file and checks its type and rank.
   *
   * @param file the file, plain or gzip-compressed
   * @param type the expected element type
   * @param rank the expected number of dimensions, ≥ 1
   * @return the array
   * @throws IdxFormatException if the file is invalid or has another type or rank
   * @throws IOException if the file cannot be read
   */
  public static IdxArray read(Path file, IdxType type, int rank) throws IOException {
    Objects.requireNonNull(type, "type");
    IdxArray a = read(file);
    if (a.type() != type || a.rank() != rank) {
      throw new IdxFormatException(file + ": at byte 2, expected an IDX array of " + type
          + " (type code 0x" + Integer.toHexString(type.code()) + ") with rank " + rank
          + ", found " + a.type() + " with shape " + Arrays.toString(a.shape()));
    }
    return a;
  }

  private static IdxArray parse(Path file, InputStream in, boolean gzip) throws IOException {
    String where = file + (gzip ? " (gzip, uncompressed offsets)" : "");
    byte[] magic = readFully(in, 4, where, 0, "the 4-byte magic number");
    if (magic[0] != 0 || magic[1] != 0) {
      throw new IdxFormatException(where + ": at byte 0, expected an IDX magic number starting"
          + " with 0x00 0x00, found 0x" + hex(magic) + "; not an IDX file");
    }
    IdxType type = IdxType.fromCode(magic[2] & 0xFF);
    if (type == null) {
      throw new IdxFormatException(where + ": at byte 2, expected a type code in {0x08, 0x09,"
          + " 0x0B, 0x0C, 0x0D, 0x0E}, found 0x" + Integer.toHexString(magic[2] & 0xFF));
    }
    int rank = magic[3] & 0xFF;
    if (rank == 0) {
      throw new IdxFormatException(where + ": at byte 3, expected a rank in [1, 255], found 0");
    }
    byte[] dimBytes = readFully(in, 4 * rank, where, 4, rank + " dimension sizes");
    int[] shape = new int[rank];
    long n = 1;
    for (int i = 0; i < rank; i++) {
      int d = ((dimBytes[4 * i] & 0xFF) << 24) | ((dimBytes[4 * i + 1] & 0xFF) << 16)
          | ((dimBytes[4 * i + 2] & 0xFF) << 8) | (dimBytes[4 * i + 3] & 0xFF);
      if (d < 0) {
        throw new IdxFormatException(where + ": at byte " + (4 + 4 * i) + ", expected dimension "
            + i + " in [0, 2^31), found " + Integer.toUnsignedString(d));
      }
      shape[i] = d;
      n *= d;
      if (n * type.bytes() > Integer.MAX_VALUE - 8) {
        throw new IdxFormatException(where + ": shape " + Arrays.toString(Arrays.copyOf(shape,
            i + 1)) + "... of " + type + " exceeds " + (Integer.MAX_VALUE - 8) + " bytes, the"
            + " largest array this reader holds");
      }
    }
    int header = 4 + 4 * rank;
    int bytes = (int) n * type.bytes();
    byte[] payload = new byte[bytes];
    int got = in.readNBytes(payload, 0, bytes);
    if (got < bytes) {
      throw new IdxFormatException(where + ": truncated: at byte " + (header + got) + ", expected "
          + bytes + " payload bytes (shape " + Arrays.toString(shape) + " of " + type
          + "), found only " + got);
    }
    if (in.read() >= 0) {
      long extra = 1;
      byte[] skip = new byte[8192];
      for (int r = in.read(skip); r > 0; r = in.read(skip)) {
        extra += r;
      }
      throw new IdxFormatException(where + ": at byte " + (header + bytes) + ", expected the end"
          + " of the file after the payload of shape " + Arrays.toString(shape) + ", found "
          + extra + " more bytes");
    }
    return IdxArray.wrapPayload(type, shape, payload);
  }

  private static byte[] readFully(InputStream in, int n, String where, int offset, String what)
      throws IOException {
    byte[] b = new byte[n];
    int got = in.readNBytes(b, 0, n);
    if (got < n) {
      throw new IdxFormatException(where + ": truncated: at byte " + (offset + got)
          + ", expected " + what + " (" + n + " bytes), found only " + got);
    }
    return b;
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x & 0xFF));
    }
    return s.toString();
  }
}
