package org.emkit.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes files so that a crash never leaves a half-written file in place of a good one: the
 * content goes to a temporary file in the same directory, is forced to disk, and is then renamed
 * over the target in one atomic step. Readers see either the old file or the complete new one.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /** Writes the content of a file to a path it is given. */
  @FunctionalInterface
  public interface PathWriter {
    /**
     * @param tmp the temporary file to fill (already created, empty)
     * @throws IOException on failure
     */
    void write(Path tmp) throws IOException;
  }

  /** Writes the content of a file to a stream. */
  @FunctionalInterface
  public interface StreamWriter {
    /**
     * @param out the stream of the temporary file
     * @throws IOException on failure
     */
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically through a writer that fills a temporary path.
   *
   * @param target final location
   * @param writer fills the temporary file
   * @throws IOException if writing or renaming fails; the target is then unchanged and the
   *     temporary file removed
   */
  public static void write(Path target, PathWriter writer) throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(writer, "writer");
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    boolean done = false;
    try {
      writer.write(tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Writes {@code target} atomically through a stream writer.
   *
   * @param target final location
   * @param writer writes the bytes
   * @throws IOException if writing or renaming fails; the target is then unchanged
   */
  public static void write(Path target, StreamWriter writer) throws IOException {
    Objects.requireNonNull(writer, "writer");
    write(target, (PathWriter) tmp -> {
      try (OutputStream out = new java.io.BufferedOutputStream(
          Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
        writer.write(out);
      }
    });
  }
}
