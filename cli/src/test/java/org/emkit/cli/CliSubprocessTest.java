package org.emkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./emkit} launcher as a separate process (on this build's class path via
 * {@code EMKIT_CLASSPATH}, since the shaded jar is made after the tests): exit codes, clean
 * stderr (no JVM incubator notice, no stack traces), outputs on disk.
 */
@Tag("slow")
class CliSubprocessTest {

  @TempDir Path dir;

  private static Path launcher() {
    Path p = Paths.get("").toAbsolutePath();
    for (int up = 0; up < 3 && p != null; up++, p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("emkit")) && Files.isDirectory(p.resolve("cli"))) {
        return p.resolve("emkit");
      }
    }
    throw new AssertionError("the ./emkit launcher was not found above " + Paths.get("").toAbsolutePath());
  }

  private static Cli.Result exec(Path script, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread t = new Thread(() -> {
      try {
        p.getErrorStream().transferTo(err);
      } catch (IOException e) {
        // reported through the exit code
      }
    });
    t.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "emkit timed out");
    t.join();
    return new Cli.Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
  }

  private static Cli.Result emkit(String... args) throws Exception {
    return exec(launcher(), Map.of("EMKIT_CLASSPATH", System.getProperty("java.class.path")), args);
  }

  @Test
  void launcherRunsThePipelineWithCleanStderrAndExitCodes() throws Exception {
    Cli.ubmData(dir.resolve("x.npy"));
    Cli.frames(dir.resolve("c.npy"), 5, 50, 1);
    String x = dir.resolve("x.npy").toString();
    Cli.Result train = emkit("gmm", "train", "--data", x, "--components", "2", "--max-iter", "3",
        "--out", dir.resolve("ubm.h5").toString());
    assertEquals(0, train.code, train.toString());
    assertFalse(train.err.contains("incubator"), train.err);
    assertTrue(train.err.startsWith("gmm train: iteration 1/3"), train.err);
    Cli.Result map = emkit("gmm", "map", "--ubm", dir.resolve("ubm.h5").toString(), "--data",
        dir.resolve("c.npy").toString(), "-q", "--out", dir.resolve("c.h5").toString());
    assertEquals(0, map.code, map.toString());
    assertEquals("", map.err);
    Cli.Result info = emkit("info", dir.resolve("c.h5").toString());
    assertEquals(0, info.code);
    assertTrue(info.out.contains("trainer=MAP"), info.out);
    assertEquals("", info.err);

    Cli.Result usage = emkit("kmeans", "--clusters", "x");
    assertEquals(2, usage.code, usage.toString());
    assertTrue(usage.err.startsWith("emkit: "), usage.err);
    Files.writeString(dir.resolve("bad.h5"), "garbage");
    Cli.Result bad = emkit("stats", "--ubm", dir.resolve("bad.h5").toString(), "--data", x,
        "--out", dir.resolve("s.h5").toString());
    assertEquals(3, bad.code, bad.toString());
    assertEquals(1, bad.err.split("\n").length, "one line, no stack trace: " + bad.err);
    assertTrue(bad.err.contains("bad.h5"), bad.err);
    Cli.Result missing = emkit("score", "--ubm", dir.resolve("nope.h5").toString(), "--models",
        "a.h5", "--probes", "p.h5", "--out", dir.resolve("o.csv").toString());
    assertEquals(3, missing.code);
    assertTrue(missing.err.contains("nope.h5: no such file"), missing.err);
    assertFalse(missing.err.contains("\tat "), missing.err);
  }

  @Test
  void launcherWithoutAJarSaysHowToBuildIt() throws Exception {
    Path copy = dir.resolve("emkit");
    Files.copy(launcher(), copy);
    Cli.Result r = exec(copy, Map.of(), "--version");
    assertEquals(1, r.code);
    assertTrue(r.err.contains("examples/target/emkit.jar is missing"), r.err);
    assertTrue(r.err.contains("mvn -q -DskipTests package -pl examples -am"), r.err);
  }
}
