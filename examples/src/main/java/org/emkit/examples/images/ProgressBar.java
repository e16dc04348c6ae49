package org.emkit.examples.images;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A text progress bar on a writer (stderr): label, bar, percentage, elapsed time and ETA.
 * On a terminal it redraws one line with carriage returns (at most 4 times a second); otherwise
 * it prints a line at every 10 % step, so logs stay readable. A {@code null} writer makes it
 * silent.
 */
final class ProgressBar implements AutoCloseable {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 250_000_000L;

  private final PrintWriter out;
  private final String label;
  private final long total;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private long lastDraw;
  private int lastDecile = -1;
  private long done;

  ProgressBar(PrintWriter out, String label, long total) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
    this.terminal = System.console() != null;
  }

  /** Adds {@code n} finished units. */
  synchronized void step(long n) {
    done = Math.min(total, done + n);
    draw(false);
  }

  private void draw(boolean last) {
    if (out == null) {
      return;
    }
    long now = System.nanoTime();
    int decile = (int) (10 * done / total);
    if (terminal) {
      if (!last && now - lastDraw < REDRAW_NANOS) {
        return;
      }
    } else if (!last && decile == lastDecile) {
      return;
    }
    lastDraw = now;
    lastDecile = decile;
    double elapsed = (now - start) / 1e9;
    double fraction = (double) done / total;
    int filled = (int) Math.round(fraction * WIDTH);
    String eta = done == 0 ? "?" : seconds(elapsed * (1 - fraction) / fraction);
    String line = String.format(Locale.ROOT, "%-28s [%s%s] %3d%%  %s elapsed, ETA %s", label,
        "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(100 * fraction),
        seconds(elapsed), eta);
    if (terminal) {
      out.print("\r" + line + (last ? "\n" : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  private static String seconds(double s) {
    return s < 100 ? String.format(Locale.ROOT, "%.1fs", s)
        : String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
  }

  @Override
  public synchronized void close() {
    done = total;
    if (lastDecile < 10 || terminal) {
      draw(true);
    }
  }
}
