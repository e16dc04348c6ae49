package org.emkit.cli;

/**
 * A failure the command reports as one line on stderr with a fixed exit code: {@link #BAD_INPUT}
 * (3) for unreadable or unsuitable input files, {@link #USAGE} (2) for option values found
 * invalid only when the command runs, {@link #FAILURE} (1) for anything else (such as an output
 * file that cannot be written).
 */
final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Exit code: unexpected failure. */
  static final int FAILURE = 1;
  /** Exit code: usage error. */
  static final int USAGE = 2;
  /** Exit code: bad input file. */
  static final int BAD_INPUT = 3;

  private final int exitCode;

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  static CliException badInput(String message, Throwable cause) {
    return new CliException(BAD_INPUT, message, cause);
  }

  static CliException usage(String message) {
    return new CliException(USAGE, message, null);
  }

  int exitCode() {
    return exitCode;
  }
}
