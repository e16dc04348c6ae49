package org.emkit.cli;

import java.util.Locale;
import org.emkit.core.FitMonitor;
import org.emkit.core.FitReport;

/**
 * Progress of an iterative fit on stderr: iteration, objective, elapsed time and an estimate of
 * the time left (an upper bound: it assumes every remaining iteration runs). On a terminal one
 * line is redrawn as a bar ({@code \r}); otherwise one plain line is printed per iteration.
 * {@code --quiet} silences it.
 */
final class Progress implements FitMonitor {

  /** Characters of the bar. */
  private static final int BAR_WIDTH = 24;

  private final String label;
  private final String objectiveName;
  private final int maxIterations;
  private final CliContext ctx;
  private final boolean quiet;
  private final long start;
  private int lastLength;

  Progress(String label, String objectiveName, int maxIterations, CliContext ctx, boolean quiet) {
    this.label = label;
    this.objectiveName = objectiveName;
    this.maxIterations = maxIterations;
    this.ctx = ctx;
    this.quiet = quiet;
    this.start = ctx.nanoClock.getAsLong();
  }

  @Override
  public boolean onIteration(int iteration, double objective) {
    if (quiet) {
      return true;
    }
    long elapsed = ctx.nanoClock.getAsLong() - start;
    long eta = iteration >= maxIterations ? 0
        : (long) ((double) elapsed / iteration * (maxIterations - iteration));
    String stats = iteration + "/" + maxIterations + " " + objectiveName + " "
        + String.format(Locale.ROOT, "%.6g", objective) + " elapsed " + duration(elapsed)
        + " ETA " + duration(eta);
    if (ctx.terminal) {
      int filled = (int) ((long) BAR_WIDTH * iteration / maxIterations);
      String line = label + " [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
          + stats;
      int pad = Math.max(0, lastLength - line.length());
      ctx.err.print("\r" + line + " ".repeat(pad));
      lastLength = line.length();
      ctx.barOpen = true;
    } else {
      ctx.err.println(label + ": iteration " + stats);
    }
    ctx.err.flush();
    return true;
  }

  /**
   * Ends the bar and prints how the fit ended.
   *
   * @param report the fit report
   */
  void finish(FitReport report) {
    if (quiet) {
      return;
    }
    ctx.endBar();
    long elapsed = ctx.nanoClock.getAsLong() - start;
    ctx.err.println(label + ": " + (report.converged() ? "converged after " : "stopped after ")
        + report.iterations() + " iteration" + (report.iterations() == 1 ? "" : "s") + " in "
        + duration(elapsed));
    ctx.err.flush();
  }

  /**
   * @param nanos a duration
   * @return {@code 0.4s}, {@code 12.0s}, {@code 3m05s} or {@code 2h07m}
   */
  static String duration(long nanos) {
    double s = nanos / 1e9;
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1fs", s);
    }
    long total = Math.round(s);
    if (total < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", total / 60, total % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", total / 3600, (total % 3600) / 60);
  }
}
