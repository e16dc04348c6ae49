package org.emkit.examples.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.emkit.scoring.VerificationMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ResultTablesTest {

  private static final Corpus CORPUS = SyntheticCorpus.debvox(16);
  private static final List<Fold> FOLDS = List.of(
      new Fold(0, 2, List.of("ast_june", "fil_nl_m", "fil_nl_v", "tux_fr"),
          List.of("ast_allison", "ast_carlo", "ast_menardi", "tux_es")),
      new Fold(1, 2, List.of("ast_allison", "ast_carlo", "ast_menardi", "tux_es"),
          List.of("ast_june", "fil_nl_m", "fil_nl_v", "tux_fr")));
  private static final ExperimentConfig CONFIG =
      ExperimentConfig.builder(Paths.get("segments.tsv")).cohortPerSpeaker(4).build();

  private static List<Trial> trials() {
    List<Trial> out = new ArrayList<>();
    for (Fold f : FOLDS) {
      out.addAll(TrialPlan.build(CORPUS, f, 2, "clean", 4).trials());
    }
    return out;
  }

  /** Perfect system (targets 1, impostors 0), reversed system, and noisy scores. */
  private static ExperimentResult result() {
    List<Trial> trials = trials();
    double[] perfect = new double[trials.size()];
    double[] reversed = new double[trials.size()];
    double[] noisy = new double[trials.size()];
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < trials.size(); i++) {
      boolean t = trials.get(i).target();
      perfect[i] = t ? 1 : 0;
      reversed[i] = t ? 0 : 1;
      noisy[i] = (t ? 1.0 : 0.0) + 1.5 * rng.nextDouble();
    }
    return ExperimentResult.of(CONFIG, CORPUS, FOLDS, trials, List.of(
        new SystemScores(SystemKind.GMM_UBM, ScoreNorm.NONE, "perfect", perfect),
        new SystemScores(SystemKind.ISV, ScoreNorm.NONE, "reversed", reversed),
        new SystemScores(SystemKind.ISV, ScoreNorm.S, "noisy", noisy)));
  }

  @Test
  void metricsMatchTheMeasuresOnHandSelectedSubsets() {
    ExperimentResult r = result();
    Table m = r.metrics();
    assertEquals(3 * (1 + 8 + 3), m.rowCount());
    double[] noisy = r.system("ISV + s-norm").scores();
    List<Trial> trials = r.trials();
    for (int row = 0; row < m.rowCount(); row++) {
      if (!m.stringColumn("system").get(row).equals("ISV + s-norm")) {
        continue;
      }
      String subset = m.stringColumn("subset").get(row);
      List<Double> t = new ArrayList<>();
      List<Double> n = new ArrayList<>();
      for (int i = 0; i < trials.size(); i++) {
        Trial tr = trials.get(i);
        boolean in = subset.equals("pooled")
            || subset.equals("channel:" + tr.channel())
            || subset.equals("hard-impostors") && (tr.hardImpostor() || tr.target()
                && List.of("ast_carlo", "ast_menardi", "fil_nl_m", "fil_nl_v")
                    .contains(tr.modelSpeaker()))
            || subset.equals("cross-language") && tr.modelSpeaker().equals("ast_allison")
                && (tr.crossLanguage() || !tr.target())
            || subset.equals("cross-language-contrast") && tr.modelSpeaker().equals("ast_allison")
                && !tr.crossLanguage();
        if (in) {
          (tr.target() ? t : n).add(noisy[i]);
        }
      }
      double[] ta = t.stream().mapToDouble(Double::doubleValue).toArray();
      double[] na = n.stream().mapToDouble(Double::doubleValue).toArray();
      assertEquals(ta.length, m.intColumn("targets").get(row), subset);
      assertEquals(na.length, m.intColumn("nontargets").get(row), subset);
      assertEquals(100 * VerificationMetrics.eer(ta, na), m.doubleColumn("eer_percent").get(row),
          1e-12, subset);
      assertEquals(VerificationMetrics.minDcf(ta, na, 0.01, 1, 1),
          m.doubleColumn("min_dcf").get(row), 1e-12, subset);
    }
  }

  @Test
  void summaryHasPerfectAndReversedExtremes() {
    Table s = result().summary();
    assertEquals(List.of("GMM-UBM", "ISV", "ISV + s-norm"), s.stringColumn("system").asList());
    assertEquals(0.0, s.doubleColumn("eer_percent").get(0));
    assertEquals(0.0, s.doubleColumn("min_dcf").get(0));
    assertEquals(100.0, s.doubleColumn("eer_percent").get(1));
    assertEquals(0.0, s.doubleColumn("hard_eer_percent").get(0));
    assertEquals(0.0, s.doubleColumn("xlang_eer_percent").get(0));
    int targets = s.intColumn("targets").get(0);
    int nontargets = s.intColumn("nontargets").get(0);
    assertEquals(trials().size(), targets + nontargets);
  }

  @Test
  void missingSubsetsGiveMissingValuesNotNumbers() {
    // only fold 2: no Allison, no Carlo/Menardi; fil_nl_m/v remain hard impostors
    List<Trial> trials = TrialPlan.build(CORPUS, FOLDS.get(1), 2, "clean", 4).trials();
    double[] s = new double[trials.size()];
    ExperimentResult r = ExperimentResult.of(CONFIG, CORPUS, FOLDS.subList(1, 2), trials,
        List.of(new SystemScores(SystemKind.GMM_UBM, ScoreNorm.NONE, "d", s)));
    Table t = r.summary();
    assertTrue(t.doubleColumn("xlang_eer_percent").isMissing(0));
    assertTrue(!t.doubleColumn("hard_eer_percent").isMissing(0));
    assertTrue(ResultWriter.markdown(r, "t", List.of("t-det.png"), "t").contains("| – |"));
  }

  @Test
  void perChannelTablesHaveOneColumnPerChannel() {
    ExperimentResult r = result();
    Table eer = r.channelEer();
    Table dcf = r.channelMinDcf();
    assertEquals(1 + 8, eer.columnCount());
    assertEquals(SyntheticCorpus.CHANNELS, eer.columnNames().subList(1, 9));
    assertEquals(0.0, eer.doubleColumn("gsm").get(0));
    assertEquals(100.0, eer.doubleColumn("gsm").get(1));
    assertEquals(1.0, dcf.doubleColumn("clean").get(1));
  }

  @Test
  void unknownSystemNamesAreRejectedWithTheKnownOnes() {
    NoSuchElementException e = assertThrows(NoSuchElementException.class,
        () -> result().system("JFA"));
    assertTrue(e.getMessage().contains("[GMM-UBM, ISV, ISV + s-norm]"), e.getMessage());
  }

  @Test
  void scoresMustCoverEveryTrial() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExperimentResult.of(CONFIG, CORPUS, FOLDS, trials(), List.of(
            new SystemScores(SystemKind.GMM_UBM, ScoreNorm.NONE, "d", new double[3]))));
    assertTrue(e.getMessage().contains("has 3 scores but there are"), e.getMessage());
  }

  @Test
  void writerWritesCsvMarkdownSettingsScoresAndAPng(@TempDir Path dir) throws IOException {
    ExperimentResult r = result();
    ResultWriter.Written w = ResultWriter.write(r, dir, "x", "Test report", true);
    assertEquals(dir.resolve("x.md"), w.markdown());
    List<String> summary = Files.readAllLines(dir.resolve("x-summary.csv"));
    assertEquals("system,eer_percent,min_dcf,hard_eer_percent,hard_min_dcf,xlang_eer_percent,"
        + "xlang_contrast_eer_percent,targets,nontargets", summary.get(0));
    assertTrue(summary.get(1).startsWith("GMM-UBM,0.0,0.0,"), summary.get(1));
    assertEquals(4, summary.size());
    List<String> metrics = Files.readAllLines(dir.resolve("x-metrics.csv"));
    assertEquals(1 + 3 * 12, metrics.size());
    List<String> channels = Files.readAllLines(dir.resolve("x-channel-eer.csv"));
    assertEquals("system," + String.join(",", SyntheticCorpus.CHANNELS), channels.get(0));
    List<String> settings = Files.readAllLines(dir.resolve("x-settings.tsv"));
    assertTrue(settings.contains("seed\t0"), settings.toString());
    assertTrue(settings.contains("min_dcf_operating_point\tP_target=0.01, C_miss=1.0, C_fa=1.0"),
        settings.toString());
    assertTrue(settings.contains("fold 1/2: eval speakers\tast_allison,ast_carlo,ast_menardi,"
        + "tux_es"), settings.toString());
    List<String> scores = Files.readAllLines(dir.resolve("x-scores.csv"));
    assertEquals(1 + r.trials().size(), scores.size());
    assertTrue(scores.get(0).endsWith(",GMM-UBM,ISV,ISV + s-norm"), scores.get(0));
    String md = Files.readString(dir.resolve("x.md"), StandardCharsets.UTF_8);
    assertTrue(md.startsWith("# Test report\n"), md);
    assertTrue(md.contains("| GMM-UBM | 0.00 | 0.000 |"), md);
    assertTrue(md.contains("| ISV | 100.00 | 1.000 |"), md);
    assertTrue(md.contains("![DET curves](x-det.png)"), md);
    assertTrue(md.contains("![DET curves](x-det-s-norm.png)"), md);
    assertEquals(List.of(dir.resolve("x-det.png"), dir.resolve("x-det-s-norm.png")), w.dets());
    assertTrue(md.contains("P_target = 0.01, C_miss = 1.0, C_fa = 1.0"), md);
    assertTrue(md.contains("one recording session"), md);
    BufferedImage png = ImageIO.read(w.det().toFile());
    assertEquals(900, png.getWidth());
    assertEquals(760, png.getHeight());
  }

  @Test
  void markdownTableFormatsNumbersAndEscapesBars() {
    Table t = Table.create("t", tech.tablesaw.api.StringColumn.create("system", "a|b"),
        tech.tablesaw.api.DoubleColumn.create("eer_percent", 1.23456),
        tech.tablesaw.api.DoubleColumn.create("min_dcf", 0.123456));
    assertEquals("| system | EER % | minDCF |\n|---|---:|---:|\n| a\\|b | 1.23 | 0.123 |\n",
        ResultWriter.markdownTable(t));
  }
}
