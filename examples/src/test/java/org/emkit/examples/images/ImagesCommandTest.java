package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ImagesCommandTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new ImagesCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void forwardsEveryArgumentToTheExample() {
    String[] help = run("--help");
    assertEquals("0", help[0], help[2]);
    assertTrue(help[1].startsWith("usage: emkit example images"), help[1]);
    String[] bad = run("--components", "zero");
    assertEquals("2", bad[0]);
    assertTrue(bad[2].contains("--components needs an integer, got 'zero'"), bad[2]);
    String[] missing = run("--data", "/nonexistent/fashion-mnist");
    assertEquals("3", missing[0]);
    assertTrue(missing[2].contains("apt-get install"), missing[2]);
  }
}
