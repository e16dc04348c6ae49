package org.emkit.features.audio;

import java.io.IOException;

/**
 * A WAV file that cannot be read: not RIFF/WAVE, a malformed or unsupported {@code fmt } chunk, a
 * missing or truncated {@code data} chunk. The message names the file, the byte offset, what was
 * expected and what was found, and how to convert the file when the format is merely unsupported.
 */
public class WavFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** @param message file, offset, expected and found */
  public WavFormatException(String message) {
    super(message);
  }
}
