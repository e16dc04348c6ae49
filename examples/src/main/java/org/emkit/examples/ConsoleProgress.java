package org.emkit.examples;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Progress on a character stream (stderr): on a terminal one line per stage is redrawn as a bar
 * with {@code \r}; otherwise plain lines are printed at the start, at most every
 * {@link #PLAIN_INTERVAL_NANOS} (and at every 25 %), and at the end of each stage, so logs stay
 * short. Each line shows the stage, steps done/total, elapsed time and an estimate of the time
 * left.
 *
 * <p>Thread-safe: every method synchronises on the listener.
 */
public final class ConsoleProgress implements ProgressListener {

  /** Minimum time between two plain (non-terminal) lines of one stage: 10 s. */
  public static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;

  /** Characters of the bar. */
  private static final int BAR_WIDTH = 24;

  private final PrintWriter out;
  private final boolean terminal;
  private final LongSupplier clock;
  private int lastLength;

  /**
   * @param out where progress goes (stderr)
   * @param terminal draw redrawn bars (true) or plain lines (false)
   */
  public ConsoleProgress(PrintWriter out, boolean terminal) {
    this(out, terminal, System::nanoTime);
  }

  /**
   * @param out where progress goes
   * @param terminal draw redrawn bars (true) or plain lines (false)
   * @param clock nanosecond clock (tests use a fake)
   */
  public ConsoleProgress(PrintWriter out, boolean terminal, LongSupplier clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.terminal = terminal;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A console listener on stderr; bars if a console is attached ({@code System.console()}),
   * plain lines otherwise.
   *
   * @return the listener
   */
  public static ConsoleProgress stderr() {
    return new ConsoleProgress(new PrintWriter(System.err, true), System.console() != null);
  }

  @Override
  public synchronized Task start(String stage, long total) {
    return new ConsoleTask(stage, Math.max(0, total));
  }

  @Override
  public synchronized void message(String text) {
    endBar();
    out.println(text);
    out.flush();
  }

  private void endBar() {
    if (terminal && lastLength > 0) {
      out.println();
      lastLength = 0;
    }
  }

  /**
   * @param nanos a duration
   * @return {@code 0.4s}, {@code 12.0s}, {@code 3m05s} or {@code 2h07m}
   */
  public static String duration(long nanos) {
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

  private final class ConsoleTask implements Task {
    private final String stage;
    private final long total;
    private final long start;
    private long done;
    private String status = "";
    private long lastPlain;
    private int lastQuarter;
    private boolean closed;

    ConsoleTask(String stage, long total) {
      this.stage = stage;
      this.total = total;
      this.start = clock.getAsLong();
      this.lastPlain = start;
      if (terminal) {
        draw();
      } else {
        endBar();
        out.println(stage + ": started" + (total > 0 ? " (" + total + " steps)" : ""));
        out.flush();
      }
    }

    @Override
    public void advance(long steps) {
      synchronized (ConsoleProgress.this) {
        if (closed || steps <= 0) {
          return;
        }
        done += steps;
        long now = clock.getAsLong();
        if (terminal) {
          draw();
        } else {
          int quarter = total > 0 ? (int) (4 * Math.min(done, total) / total) : 0;
          if (now - lastPlain >= PLAIN_INTERVAL_NANOS || quarter > lastQuarter && done < total) {
            lastPlain = now;
            lastQuarter = quarter;
            out.println(stage + ": " + counts() + timing(now) + status());
            out.flush();
          }
        }
      }
    }

    @Override
    public void note(String text) {
      synchronized (ConsoleProgress.this) {
        status = text == null ? "" : text;
      }
    }

    private String status() {
      return status.isEmpty() ? "" : " " + status;
    }

    private String counts() {
      return total > 0 ? done + "/" + total : String.valueOf(done);
    }

    private String timing(long now) {
      long elapsed = now - start;
      String s = " elapsed " + duration(elapsed);
      if (total > 0 && done > 0 && done < total) {
        s += " ETA " + duration((long) ((double) elapsed / done * (total - done)));
      }
      return s;
    }

    private void draw() {
      long now = clock.getAsLong();
      String bar = "";
      if (total > 0) {
        int filled = (int) (BAR_WIDTH * Math.min(done, total) / total);
        bar = " [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
      }
      String line = stage + bar + " " + counts() + timing(now) + status();
      int pad = Math.max(0, lastLength - line.length());
      out.print("\r" + line + " ".repeat(pad));
      out.flush();
      lastLength = line.length();
    }

    @Override
    public void close() {
      synchronized (ConsoleProgress.this) {
        if (closed) {
          return;
        }
        closed = true;
        long now = clock.getAsLong();
        if (terminal) {
          draw();
          out.println();
          lastLength = 0;
        }
        if (!terminal) {
          out.println(stage + ": done " + counts() + " in " + duration(now - start) + status());
        }
        out.flush();
      }
    }
  }
}
