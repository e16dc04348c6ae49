package org.emkit.features.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import org.emkit.core.io.AtomicFiles;

/**
 * Writes an {@link IdxArray} as an IDX file (the MNIST format; see {@link IdxReader}),
 * gzip-compressed when the file name ends in {@code .gz}.
 *
 * <p><b>Algorithm.</b> The magic number {@code 0x00 0x00 type rank}, the dimension sizes as
 * big-endian 32-bit integers, then the element bytes. The file is written to a temporary file
 * and renamed over the target ({@link AtomicFiles}), so a failed write never leaves a partial
 * file. {@code IdxReader.read(IdxWriter.write(a))} equals {@code a}.
 *
 * <p><b>Reproducibility and threads.</b> Stateless static methods; thread-safe. Plain output is
 * byte-for-byte deterministic.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>Y. LeCun, C. Cortes, C. J. C. Burges, "The MNIST database of handwritten digits" (file
 *       formats section). http://yann.lecun.com/exdb/mnist/
 * </ol>
 *
 * @see IdxReader
 * @see IdxArray
 */
public final class IdxWriter {

  private IdxWriter() {}

  /**
   * @param file target path; gzip-compressed if its name ends in {@code .gz}
   * @param array the array; not modified
   * @throws IOException if the file cannot be written (the target is then unchanged)
   */
  public static void write(Path file, IdxArray array) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(array, "array");
    boolean gzip = file.getFileName().toString().endsWith(".gz");
    AtomicFiles.write(file, (OutputStream out) -> {
      if (gzip) {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        writeTo(gz, array);
        gz.finish();
      } else {
        writeTo(out, array);
      }
    });
  }

  private static void writeTo(OutputStream out, IdxArray a) throws IOException {
    int[] shape = a.shape();
    out.write(0);
    out.write(0);
    out.write(a.type().code());
    out.write(shape.length);
    for (int d : shape) {
      out.write(d >>> 24);
      out.write(d >>> 16);
      out.write(d >>> 8);
      out.write(d);
    }
    out.write(a.payload());
  }
}
