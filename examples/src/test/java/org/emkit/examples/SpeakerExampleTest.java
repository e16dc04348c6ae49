package org.emkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import org.emkit.examples.speaker.ExperimentConfig;
import org.emkit.examples.speaker.ScoreNorm;
import org.emkit.examples.speaker.SystemKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SpeakerExampleTest {

  private static int run(StringWriter out, StringWriter err, String... args) {
    return new CommandLine(new SpeakerExample()).setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void defaultsAreTheFullProtocol() {
    ExperimentConfig c = SpeakerExample.defaults(Paths.get("m.tsv"));
    assertEquals(128, c.components());
    assertEquals(EnumSet.allOf(SystemKind.class), c.systems());
    assertEquals(EnumSet.allOf(ScoreNorm.class), c.norms());
    assertEquals(2, c.rankV());
    assertEquals(200, c.ivectorRank());
    assertEquals(2, c.folds());
    assertEquals(Paths.get("m.tsv"), c.manifest());
  }

  @Test
  void helpListsTheOptions() {
    StringWriter out = new StringWriter();
    assertEquals(0, run(out, new StringWriter(), "--help"));
    assertTrue(out.toString().contains("--rank-u"), out.toString());
    assertTrue(out.toString().contains("Exit codes"), out.toString());
  }

  @Test
  void usageErrorsExitTwo() {
    StringWriter err = new StringWriter();
    assertEquals(2, run(new StringWriter(), err, "--no-such-option"));
    assertTrue(err.toString().contains("--no-such-option"), err.toString());
    err = new StringWriter();
    assertEquals(2, run(new StringWriter(), err, "--systems", "plda", "--data", "/x"));
    assertTrue(err.toString().contains("got 'plda'"), err.toString());
    err = new StringWriter();
    assertEquals(2, run(new StringWriter(), err, "-K", "0", "--data", "/x"));
    assertTrue(err.toString().contains("components must be"), err.toString());
  }

  @Test
  void missingDataExitsThreeAndSaysHowToPrepareIt(@TempDir Path tmp) {
    StringWriter err = new StringWriter();
    assertEquals(3, run(new StringWriter(), err, "--data", tmp.toString(), "-q"));
    assertTrue(err.toString().contains("prepare-debvox.sh"), err.toString());
  }

  @Tag("slow")
  @Test
  void runsOnTheSubsetAndWritesTheReport(@TempDir Path out) throws IOException {
    Path dir = DebVoxSubset.directory();
    StringWriter so = new StringWriter();
    StringWriter se = new StringWriter();
    int code = run(so, se, "--data", dir.toString(), "--out", out.toString(), "--name", "s",
        "--systems", "gmm-ubm,isv", "-K", "16", "--rank-u", "5", "--folds", "3", "--fold-scheme",
        "TRAIN_ON_EACH_GROUP", "--norms", "raw,zt-norm", "--scores", "-q", "--threads", "2");
    assertEquals(0, code, se.toString());
    for (String f : new String[] {"s.md", "s-det.png", "s-det-zt-norm.png", "s-summary.csv",
        "s-metrics.csv",
        "s-channel-eer.csv", "s-channel-mindcf.csv", "s-settings.tsv", "s-scores.csv"}) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    assertTrue(so.toString().contains("| ISV + zt-norm |"), so.toString());
    assertTrue(Files.readString(out.resolve("s-settings.tsv")).contains("ubm_components\t16"));
  }
}
