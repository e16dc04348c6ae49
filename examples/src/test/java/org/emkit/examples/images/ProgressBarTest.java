package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void printsStepsAndEndsAtOneHundredPercent() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(buf, StandardCharsets.UTF_8),
        true);
    try (ProgressBar bar = new ProgressBar(out, "work", 40)) {
      for (int i = 0; i < 40; i++) {
        bar.step(1);
      }
    }
    String s = buf.toString(StandardCharsets.UTF_8);
    assertTrue(s.contains("work") && s.contains("100%") && s.contains("ETA"), s);
    assertTrue(s.contains("[" + "#".repeat(30) + "]"), s);
  }

  @Test
  void withoutATerminalItPrintsOneLinePerTenPercent() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(buf, StandardCharsets.UTF_8),
        true);
    try (ProgressBar bar = new ProgressBar(out, "many", 1000)) {
      for (int i = 0; i < 1000; i++) {
        bar.step(1);
      }
    }
    long lines = buf.toString(StandardCharsets.UTF_8).lines().count();
    assertTrue(lines >= 10 && lines <= 12, lines + " lines");
  }
}
