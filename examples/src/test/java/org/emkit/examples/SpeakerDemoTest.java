package org.emkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emkit.examples.speaker.ExperimentConfig;
import org.emkit.examples.speaker.ExperimentResult;
import org.emkit.examples.speaker.FoldScheme;
import org.emkit.examples.speaker.SystemKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's demo, as a library call and as a command, on the three-voice subset. */
@Tag("slow")
class SpeakerDemoTest {

  @Test
  void libraryCallRunsGmmUbmAndIsvAndWritesTheReport(@TempDir Path out) throws IOException {
    Path dir = DebVoxSubset.directory();
    ExperimentConfig c = SpeakerDemo.config(DebVoxData.manifest(dir));
    assertEquals(List.of(SystemKind.GMM_UBM, SystemKind.ISV), List.copyOf(c.systems()));
    assertEquals(FoldScheme.TRAIN_ON_EACH_GROUP, c.foldScheme());
    ExperimentResult r = SpeakerDemo.run(dir, out, null, c, ProgressListener.NONE);
    assertEquals(List.of("GMM-UBM", "ISV"), r.summary().stringColumn("system").asList());
    assertTrue(Files.size(out.resolve("speaker-demo-det.png")) > 1000);
    assertTrue(Files.readString(out.resolve("speaker-demo.md")).contains("| ISV |"));
    String report = SpeakerDemo.report(r);
    assertTrue(report.contains("| system | EER % | minDCF | targets | nontargets |"), report);
    assertTrue(report.contains("EER (%) per test channel"), report);
    // prepared data is reused: the script is not run again
    assertFalse(DebVoxData.ensurePrepared(dir, true, null, ProgressListener.NONE));
  }

  @Test
  void commandPrintsTheEerTableAndExitsZero(@TempDir Path out) throws IOException {
    Path dir = DebVoxSubset.directory();
    StringWriter so = new StringWriter();
    StringWriter se = new StringWriter();
    int code = new CommandLine(new SpeakerDemo()).setOut(new PrintWriter(so))
        .setErr(new PrintWriter(se))
        .execute("--data", dir.toString(), "--out", out.toString(), "--threads", "2", "-q");
    assertEquals(0, code, se.toString());
    assertEquals("", se.toString());
    String text = so.toString();
    assertTrue(text.contains("| GMM-UBM |") && text.contains("| ISV |"), text);
    assertTrue(text.contains("DET plot: " + out.resolve("speaker-demo-det.png")), text);
  }

  @Test
  void progressGoesToStderrAsPlainLines(@TempDir Path out) throws IOException {
    Path dir = DebVoxSubset.directory();
    StringWriter so = new StringWriter();
    StringWriter se = new StringWriter();
    int code = new CommandLine(new SpeakerDemo()).setOut(new PrintWriter(so))
        .setErr(new PrintWriter(se)).execute("--data", dir.toString(), "--out", out.toString());
    assertEquals(0, code, se.toString());
    String err = se.toString();
    assertTrue(err.contains("features (MFCC, VAD, CMVN): done 48/48"), err);
    assertTrue(err.contains("fold 3/3: ISV U (rank 10"), err);
    assertFalse(so.toString().contains("features (MFCC"), "progress must not go to stdout");
  }

  @Test
  void unpreparableDataExitsThreeWithTheReason(@TempDir Path tmp) {
    StringWriter se = new StringWriter();
    // a repository without the script: preparation cannot start
    int code = new CommandLine(new SpeakerDemo()).setOut(new PrintWriter(new StringWriter()))
        .setErr(new PrintWriter(se)).execute("--data", tmp.resolve("none").toString(),
            "--repo", tmp.toString(), "-q");
    assertEquals(3, code);
    assertTrue(se.toString().contains("scripts/prepare-debvox.sh does not exist"), se.toString());
  }
}
