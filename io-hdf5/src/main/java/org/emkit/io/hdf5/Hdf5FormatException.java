package org.emkit.io.hdf5;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An HDF5 file that cannot be read as the requested object: missing dataset, wrong shape or
 * dtype, unknown {@code file_version}, truncated or corrupt content. The message always names
 * the file and the object path inside it ({@code "/"} for the file as a whole), then what was
 * expected and what was found.
 */
public class Hdf5FormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** The file that failed to load (not serialised: {@code Path} is not serialisable). */
  private final transient Path file;
  /** The object path inside the file. */
  private final String objectPath;

  /**
   * @param file the file
   * @param objectPath the object inside it, e.g. {@code "/gaussians/means"}
   * @param message expected and found
   */
  public Hdf5FormatException(Path file, String objectPath, String message) {
    this(file, objectPath, message, null);
  }

  /**
   * @param file the file
   * @param objectPath the object inside it
   * @param message expected and found
   * @param cause the underlying failure, or {@code null}
   */
  public Hdf5FormatException(Path file, String objectPath, String message, Throwable cause) {
    super(file + ": " + objectPath + ": " + message, cause);
    this.file = Objects.requireNonNull(file, "file");
    this.objectPath = Objects.requireNonNull(objectPath, "objectPath");
  }

  /** @return the file that failed to load */
  public Path file() {
    return file;
  }

  /** @return the object path inside the file ({@code "/"} for the file as a whole) */
  public String objectPath() {
    return objectPath;
  }
}
