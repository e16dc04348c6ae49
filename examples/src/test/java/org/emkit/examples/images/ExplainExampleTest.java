package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emkit.core.io.Npy;
import org.emkit.core.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExplainExampleTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream outBuf = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBuf = new ByteArrayOutputStream();

  private int run(String... args) {
    return ExplainExample.run(args, new PrintStream(outBuf, true, StandardCharsets.UTF_8),
        new PrintStream(errBuf, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return errBuf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsTheUsageWithTheDefaults() {
    assertEquals(0, run("--help"));
    String out = outBuf.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("usage: emkit example explain") && out.contains("--test-subset")
        && out.contains("(default 200)") && out.contains("(default 20000)")
        && out.contains("(default 100.0)"), out);
  }

  @Test
  void defaultsAreTheDocumentedOnes() throws ImageExample.UsageException {
    ExplainOptions d = ExplainExample.parse(new String[0]).options;
    assertEquals(ExplainOptions.defaults(), d);
    assertEquals(200, d.testSubset());
    assertEquals(2, d.perClass());
    assertEquals(10, d.batchSize());
    assertEquals(100.0, d.epsilon());
    assertEquals(20000, d.pipeline().trainImages());
    assertEquals(2000, d.pipeline().validationImages());
    assertEquals(10000, d.pipeline().testImages());
    assertEquals(64, d.pipeline().components());
    assertEquals(FashionMnist.DEBIAN_DIR, d.pipeline().dataDir());
    ExplainExample.Parsed p = ExplainExample.parse(new String[] {"--test-subset", "50",
        "--per-class", "1", "--batch", "5", "--epsilon", "0.5", "--components", "8", "--seed",
        "3", "--threads", "1", "--out", "o", "--name", "n", "--quiet"});
    assertEquals(new ExplainOptions(ExplainOptions.defaultPipeline().toBuilder().components(8)
        .seed(3).threads(1).build(), 50, 1, 5, 0.5), p.options);
    assertEquals(Path.of("o"), p.out);
    assertEquals("n", p.name);
    assertTrue(p.quiet);
  }

  @Test
  void usageErrorsExitTwoNamingTheParameterAndValue() {
    assertEquals(2, run("--bogus", "1"));
    assertTrue(err().contains("unknown option --bogus"), err());
    assertEquals(2, run("--batch", "0"));
    assertTrue(err().contains("ExplainOptions: batchSize must be in [1, inf), got 0"), err());
    assertEquals(2, run("--epsilon", "big"));
    assertTrue(err().contains("--epsilon needs a number, got 'big'"), err());
    assertEquals(2, run("--epsilon", "0"));
    assertTrue(err().contains("epsilon must be in (0, inf), got 0.0"), err());
    assertEquals(2, run("--test", "100", "--test-subset", "101"));
    assertTrue(err().contains("testSubset must be in [1, testImages = 100], got 101"), err());
    assertEquals(2, run("--per-class", "-1"));
    assertTrue(err().contains("perClass must be in [0, 100], got -1"), err());
    assertEquals(2, run("--components"));
    assertTrue(err().contains("--components needs a value"), err());
    assertEquals(2, run("stray"));
    assertTrue(err().contains("unexpected argument 'stray'"), err());
  }

  @Test
  void missingDataExitsThreeWithTheInstallHint() {
    assertEquals(3, run("--data", dir.resolve("none").toString(), "--out", dir.toString()));
    assertTrue(err().contains("Fashion-MNIST file missing") && err().contains("apt-get install"),
        err());
  }

  private static String[] viaExampleCommand(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new org.emkit.examples.ExamplesCommandProvider.ExampleCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void isTheExplainSubcommandOfExample() {
    String[] help = viaExampleCommand("explain", "--help");
    assertEquals("0", help[0], help[2]);
    assertTrue(help[1].startsWith("usage: emkit example explain"), help[1]);
    String[] missing = viaExampleCommand("explain", "--data", "/nonexistent/fashion-mnist");
    assertEquals("3", missing[0]);
    assertTrue(missing[2].contains("apt-get install"), missing[2]);
    String[] bad = viaExampleCommand("explain", "--batch", "x");
    assertEquals("2", bad[0]);
    assertTrue(bad[2].contains("--batch needs an integer, got 'x'"), bad[2]);
  }

  private String[] tinyArgs(Path data, Path out, int threads) {
    return new String[] {"--data", data.toString(), "--train", "60", "--validation", "15",
        "--test", "30", "--test-subset", "24", "--components", "2", "--pca", "4", "--samples",
        "400", "--sample-images", "30", "--lambdas", "1e-2", "--per-class", "2", "--batch", "3",
        "--threads", Integer.toString(threads), "--out", out.toString(), "--quiet"};
  }

  @Test
  void runsOnTinyDataWritingTheReportsIdenticallyForAnyThreadCount() throws IOException {
    Path data = TinyFashionMnist.write(dir);
    Path one = dir.resolve("one");
    Path two = dir.resolve("two");
    assertEquals(0, run(tinyArgs(data, one, 1)), err());
    assertEquals(0, run(tinyArgs(data, two, 2)), err());
    String stdout = outBuf.toString(StandardCharsets.UTF_8);
    assertTrue(stdout.contains("| order | images | A mean |"), stdout);
    List<String> csv = Files.readAllLines(one.resolve("explain.csv"));
    assertEquals(5, csv.size(), String.join("\n", csv));
    assertTrue(csv.get(0).startsWith("order,images,A mean,A s.e.,"), csv.get(0));
    assertTrue(csv.get(1).startsWith("plain,") && csv.get(2).startsWith("epsilon (100.0),")
        && csv.get(3).startsWith("absolute,") && csv.get(4).startsWith("random,"),
        String.join("\n", csv));
    // 12×12 images, SIFT patches 8 and 12 fit (16 does not): 9 + 1 descriptors, batches of 3
    assertTrue(csv.get(1).endsWith(",3,4,10"), csv.get(1));
    assertTrue(csv.get(0).contains(",flip rate %,replaced at flip %,"), csv.get(0));
    // 2 per class × 3 classes, three maps of 12×12
    NpyArray eps = Npy.read(one.resolve("explain-heatmaps").resolve("epsilon.npy"));
    assertArrayEquals(new int[] {6, 12, 12}, eps.shape());
    assertEquals(7, Files.readAllLines(one.resolve("explain-heatmaps").resolve("index.csv"))
        .size());
    String md = Files.readString(one.resolve("explain.md"));
    assertTrue(md.contains("![heatmaps](explain-heatmaps.png)")
        && md.contains("emkit example explain --data") && md.contains("## Local feature"
            + " resampling"), md);
    for (String f : new String[] {"explain.csv", "explain-curves.csv",
        "explain-heatmaps/epsilon.npy", "explain-heatmaps/plain.npy",
        "explain-heatmaps/absolute.npy", "explain-heatmaps/index.csv"}) {
      assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(two.resolve(f)),
          f + " depends on the thread count");
    }
    assertTrue(Files.size(one.resolve("explain-heatmaps.png")) > 0);
    assertTrue(Files.size(one.resolve("explain-resampling.png")) > 0);
  }
}
