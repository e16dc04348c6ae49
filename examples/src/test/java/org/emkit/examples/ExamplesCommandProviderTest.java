package org.emkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.emkit.cli.Main;
import org.junit.jupiter.api.Test;

/** The examples' subcommands are found by the command line through the service loader. */
class ExamplesCommandProviderTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), false);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void demoAndExampleAreSubcommandsOfEmkit() {
    String[] top = run("--help");
    assertEquals("0", top[0], top[2]);
    assertTrue(top[1].contains("demo") && top[1].contains("example"), top[1]);
    String[] demo = run("demo", "--help");
    assertEquals("0", demo[0], demo[2]);
    assertTrue(demo[1].contains("Usage: emkit demo"), demo[1]);
    String[] speaker = run("example", "speaker", "--help");
    assertEquals("0", speaker[0], speaker[2]);
    assertTrue(speaker[1].contains("Usage: emkit example speaker"), speaker[1]);
    String[] missing = run("example");
    assertEquals("2", missing[0]);
    assertTrue(missing[2].contains("missing experiment name"), missing[2]);
  }
}
