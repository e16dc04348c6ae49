package org.emkit.core.io;

import java.io.IOException;

/**
 * An array file ({@code .npy}, {@code .csv}) that cannot be read: bad magic, unsupported dtype
 * or order, truncated data, malformed text. The message names the file and what was expected
 * and found.
 */
public class ArrayFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** @param message file, expected and found */
  public ArrayFormatException(String message) {
    super(message);
  }

  /**
   * @param message file, expected and found
   * @param cause underlying failure
   */
  public ArrayFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
