package org.emkit.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Where a command writes (results to {@code out}, progress and messages to {@code err}),
 * whether {@code err} is a terminal (progress bar) or not (plain lines), and the clock used for
 * elapsed times. Tests pass their own writers and clock.
 */
final class CliContext {

  final PrintWriter out;
  final PrintWriter err;
  final boolean terminal;
  final LongSupplier nanoClock;
  /** Whether a progress bar line is open on {@code err} (not yet ended by a newline). */
  boolean barOpen;

  /** Ends an open progress-bar line so that a message can start on a line of its own. */
  void endBar() {
    if (barOpen) {
      err.println();
      barOpen = false;
    }
  }

  CliContext(PrintWriter out, PrintWriter err, boolean terminal, LongSupplier nanoClock) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.terminal = terminal;
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }
}
