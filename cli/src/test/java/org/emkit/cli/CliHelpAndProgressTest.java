package org.emkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.emkit.core.FitReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliHelpAndProgressTest {

  @TempDir Path dir;

  @Test
  void everyCommandHasHelpWithDefaults() {
    List<List<String>> commands = List.of(List.of(), List.of("kmeans"), List.of("gmm"),
        List.of("gmm", "train"), List.of("gmm", "map"), List.of("stats"), List.of("score"),
        List.of("info"));
    for (List<String> c : commands) {
      List<String> args = new java.util.ArrayList<>(c);
      args.add("--help");
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertEquals(0, r.code, r.toString());
      assertTrue(r.out.startsWith("Usage: emkit"), r.out);
      assertTrue(r.out.contains("--help"), r.out);
    }
    String km = Cli.run("kmeans", "--help").out;
    assertTrue(km.contains("Default: kmeans++") && km.contains("Default: 20")
        && km.contains("Default: 1e-5") && km.contains("Default: 0"), km);
    String train = Cli.run("gmm", "train", "--help").out;
    assertTrue(train.contains("Default: mvw") && train.contains("Default: 200"), train);
    String map = Cli.run("gmm", "map", "--help").out;
    assertTrue(map.contains("Default: m") && map.contains("Default: 4"), map);
    String score = Cli.run("score", "--help").out;
    assertTrue(score.contains("Default: linear") && score.contains("model,probe,score"), score);
    String top = Cli.run("--help").out;
    for (String s : List.of("kmeans", "gmm", "stats", "score", "info", "Exit codes: 0 ok, 2 usage error, 3 bad input file")) {
      assertTrue(top.contains(s), top);
    }
  }

  @Test
  void versionIsPrinted() {
    Cli.Result r = Cli.run("--version");
    assertEquals(0, r.code);
    assertTrue(r.out.matches("(?s)emkit \\d+\\.\\d+\\.\\d+.*"), r.out);
    assertEquals(0, Cli.run("gmm", "train", "--version").code);
  }

  @Test
  void plainProgressLinesOffTerminalBarOnTerminalNothingWhenQuiet() throws Exception {
    Cli.ubmData(dir.resolve("x.npy"));
    String data = dir.resolve("x.npy").toString();
    Cli.Result plain = Cli.run(false, "gmm", "train", "--data", data, "--components", "2",
        "--max-iter", "3", "--convergence-threshold", "0", "--out", dir.resolve("a.h5").toString());
    assertEquals(0, plain.code, plain.toString());
    String[] lines = plain.err.split("\n");
    // the fake clock advances 0.5 s per reading: start, then one reading per iteration
    assertTrue(lines[0].matches("gmm train: iteration 1/3 log-likelihood -?[0-9.]+ elapsed 0\\.5s ETA 1\\.0s"), lines[0]);
    assertTrue(lines[2].matches("gmm train: iteration 3/3 log-likelihood -?[0-9.]+ elapsed 1\\.5s ETA 0\\.0s"), lines[2]);
    assertTrue(plain.err.contains("warning: GMMMachine.fit: stopped after 3 iterations without convergence"), plain.err);
    assertTrue(plain.err.contains("gmm train: stopped after 3 iterations"), plain.err);
    assertTrue(!plain.err.contains("\r"), plain.err);

    Cli.Result bar = Cli.run(true, "gmm", "train", "--data", data, "--components", "2",
        "--max-iter", "4", "--convergence-threshold", "0", "--out", dir.resolve("b.h5").toString());
    assertEquals(0, bar.code);
    assertTrue(bar.err.contains("\rgmm train [######..................] 1/4 log-likelihood "), bar.err);
    assertTrue(bar.err.contains("\rgmm train [########################] 4/4 "), bar.err);
    assertTrue(bar.err.contains("ETA 0.0s\nwarning: GMMMachine.fit: stopped after 4"), bar.err);
    assertTrue(bar.err.endsWith("\ngmm train: stopped after 4 iterations in 2.5s\n"), bar.err);

    Cli.Result quiet = Cli.run(false, "gmm", "train", "--data", data, "--components", "2",
        "--max-iter", "3", "--quiet", "--out", dir.resolve("c.h5").toString());
    assertEquals(0, quiet.code);
    assertTrue(quiet.err.isEmpty() || quiet.err.startsWith("warning:"), quiet.err);
    assertTrue(quiet.out.isEmpty(), quiet.out);
  }

  @Test
  void durationsAreFormattedForPeople() {
    assertEquals("0.4s", Progress.duration(400_000_000L));
    assertEquals("59.9s", Progress.duration(59_900_000_000L));
    assertEquals("3m05s", Progress.duration(185_000_000_000L));
    assertEquals("2h07m", Progress.duration((2 * 3600 + 7 * 60) * 1_000_000_000L));
  }

  @Test
  void finishReportsConvergence() {
    java.io.StringWriter err = new java.io.StringWriter();
    long[] t = {0};
    CliContext ctx = new CliContext(new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(err, true), false, () -> t[0] += 1_000_000_000L);
    Progress p = new Progress("kmeans", "mean-distance", 20, ctx, false);
    p.onIteration(1, 2.5);
    p.finish(new FitReport(1, true, false, new double[] {2.5}));
    assertEquals("kmeans: iteration 1/20 mean-distance 2.50000 elapsed 1.0s ETA 19.0s\n"
        + "kmeans: converged after 1 iteration in 2.0s\n", err.toString());
  }
}
