package org.emkit.features.audio;

import java.io.IOException;

/**
 * A segment manifest that cannot be read: missing header or required column, duplicated column
 * or id, a row with the wrong number of fields, an empty id or path. The message names the file,
 * the line and what was expected and found.
 */
public class ManifestFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** @param message file, line, expected and found */
  public ManifestFormatException(String message) {
    super(message);
  }
}
