package org.emkit.features.image;

import java.io.IOException;

/**
 * An IDX file that cannot be read: a magic number whose first two bytes are not zero, an unknown
 * element type, a rank of zero, a negative dimension, a payload shorter (truncated file) or
 * longer (trailing bytes) than the header announces, or a corrupt gzip stream. The message names
 * the file, the byte offset, what was expected and what was found.
 */
public class IdxFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** @param message file, offset, expected and found */
  public IdxFormatException(String message) {
    super(message);
  }

  /**
   * @param message file, offset, expected and found
   * @param cause the underlying I/O failure (a truncated or corrupt gzip stream)
   */
  public IdxFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
