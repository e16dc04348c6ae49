package org.emkit.examples;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Console programs run every EM with a fixed iteration budget, so the library's "stopped without
 * convergence" warnings are expected and would only break the progress bars. The programs
 * raise the level of the {@code org.emkit} loggers (java.util.logging, the default backend of
 * {@link System.Logger}) to SEVERE unless {@code --verbose} is given; library callers keep their
 * own logging configuration.
 */
final class ConsoleLogging {

  /** Held so that the configured logger is not garbage-collected (and its level lost). */
  private static final Logger EMKIT = Logger.getLogger("org.emkit");

  private ConsoleLogging() {}

  /** Silences emkit's WARNING and lower messages for the rest of the run. */
  static void quietLibraryWarnings() {
    EMKIT.setLevel(Level.SEVERE);
  }
}
