package org.emkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void plainModePrintsStartQuartersAndDoneWithoutCarriageReturns() {
    StringWriter sw = new StringWriter();
    AtomicLong clock = new AtomicLong();
    ConsoleProgress p = new ConsoleProgress(new PrintWriter(sw), false, clock::get);
    try (ProgressListener.Task t = p.start("stage", 8)) {
      for (int i = 0; i < 8; i++) {
        clock.addAndGet(SECOND);
        t.note("x " + i);
        t.step();
      }
    }
    String out = sw.toString();
    assertFalse(out.contains("\r"), out);
    String[] lines = out.split("\n");
    assertEquals("stage: started (8 steps)", lines[0]);
    // one line at 25 %, 50 %, 75 % (the 100 % step is reported by close)
    assertEquals("stage: 2/8 elapsed 2.0s ETA 6.0s x 1", lines[1]);
    assertEquals("stage: 4/8 elapsed 4.0s ETA 4.0s x 3", lines[2]);
    assertEquals("stage: 6/8 elapsed 6.0s ETA 2.0s x 5", lines[3]);
    assertEquals("stage: done 8/8 in 8.0s x 7", lines[4]);
    assertEquals(5, lines.length);
  }

  @Test
  void plainModeAlsoReportsSlowStagesEveryTenSeconds() {
    StringWriter sw = new StringWriter();
    AtomicLong clock = new AtomicLong();
    ConsoleProgress p = new ConsoleProgress(new PrintWriter(sw), false, clock::get);
    ProgressListener.Task t = p.start("slow", 0);
    clock.addAndGet(11 * SECOND);
    t.step();
    t.close();
    t.close();
    String[] lines = sw.toString().split("\n");
    assertEquals("slow: started", lines[0]);
    assertEquals("slow: 1 elapsed 11.0s", lines[1]);
    assertEquals("slow: done 1 in 11.0s", lines[2]);
    assertEquals(3, lines.length);
  }

  @Test
  void terminalModeRedrawsOneBarLine() {
    StringWriter sw = new StringWriter();
    AtomicLong clock = new AtomicLong();
    ConsoleProgress p = new ConsoleProgress(new PrintWriter(sw), true, clock::get);
    try (ProgressListener.Task t = p.start("bar", 4)) {
      clock.addAndGet(SECOND);
      t.advance(2);
    }
    p.message("after");
    String out = sw.toString();
    assertTrue(out.startsWith("\rbar [........................] 0/4 elapsed 0.0s"), out);
    assertTrue(out.contains("\rbar [############............] 2/4 elapsed 1.0s ETA 1.0s"), out);
    assertTrue(out.endsWith("\nafter\n"), out);
  }

  @Test
  void monitorAdvancesOneStepPerIterationAndNeverStops() {
    StringWriter sw = new StringWriter();
    ConsoleProgress p = new ConsoleProgress(new PrintWriter(sw), false, () -> 0L);
    ProgressListener.Task t = p.start("em", 4);
    assertTrue(t.monitor("avg log-lik").onIteration(1, -12.5));
    assertTrue(t.monitor("avg log-lik").onIteration(2, -12.25));
    t.close();
    assertTrue(sw.toString().contains("em: done 2/4 in 0.0s avg log-lik -12.2500"),
        sw.toString());
  }

  @Test
  void durationsAreHumanReadable() {
    assertEquals("0.4s", ConsoleProgress.duration(400_000_000L));
    assertEquals("3m05s", ConsoleProgress.duration(185 * SECOND));
    assertEquals("2h07m", ConsoleProgress.duration((2 * 3600 + 7 * 60) * SECOND));
  }

  @Test
  void noneIgnoresEverything() {
    ProgressListener.Task t = ProgressListener.NONE.start("x", 3);
    t.step();
    t.note("y");
    t.close();
    ProgressListener.NONE.message("z");
    assertTrue(t.monitor("m").onIteration(1, 0.5));
  }
}
