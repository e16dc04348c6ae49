package org.emkit.examples.speaker;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.emkit.core.io.AtomicFiles;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Writes an {@link ExperimentResult} to a directory, every file named after a base name
 * {@code B}:
 *
 * <ul>
 *   <li>{@code B.md}: the Markdown report (summary, per-channel EER and minDCF, trial counts,
 *       systems, settings, runtimes, the DET plot, the data caveats);
 *   <li>{@code B-summary.csv}, {@code B-metrics.csv}, {@code B-channel-eer.csv},
 *       {@code B-channel-mindcf.csv}: the tables of {@link ResultTables} (Tablesaw CSV);
 *   <li>{@code B-settings.tsv}: every setting and per-fold fact, key TAB value;
 *   <li>{@code B-det.png}: the DET plot of every system on raw scores, and
 *       {@code B-det-zt-norm.png}, {@code B-det-s-norm.png} for the normalised scores (one plot
 *       per normalisation keeps each readable);
 *   <li>{@code B-scores.csv} (only if asked): one row per trial with every system's score.
 * </ul>
 *
 * <p>Every file is written atomically (temporary file, then rename).
 */
public final class ResultWriter {

  private ResultWriter() {}

  /**
   * The files written.
   *
   * @param markdown the report
   * @param det the DET plot of the raw scores (or of the first normalisation reported)
   * @param dets every DET plot, one per score normalisation
   * @param tables the CSV tables, settings and (if written) scores
   */
  public record Written(Path markdown, Path det, List<Path> dets, List<Path> tables) {}

  /**
   * Writes the report.
   *
   * @param result the experiment
   * @param dir output directory (created if needed)
   * @param base base name of the files ("speaker")
   * @param title report title
   * @param withScores also write the per-trial scores
   * @return the files written
   * @throws IOException if a file cannot be written
   */
  public static Written write(ExperimentResult result, Path dir, String base, String title,
      boolean withScores) throws IOException {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(base, "base");
    Files.createDirectories(dir);
    List<Path> tables = new ArrayList<>();
    tables.add(csv(result.summary(), dir.resolve(base + "-summary.csv")));
    tables.add(csv(result.metrics(), dir.resolve(base + "-metrics.csv")));
    tables.add(csv(result.channelEer(), dir.resolve(base + "-channel-eer.csv")));
    tables.add(csv(result.channelMinDcf(), dir.resolve(base + "-channel-mindcf.csv")));
    Path settings = dir.resolve(base + "-settings.tsv");
    writeText(settings, settingsText(result));
    tables.add(settings);
    if (withScores) {
      Path scores = dir.resolve(base + "-scores.csv");
      writeText(scores, scoresCsv(result));
      tables.add(scores);
    }
    List<Path> dets = new ArrayList<>();
    List<String> detNames = new ArrayList<>();
    for (ScoreNorm n : normsOf(result)) {
      Path det = dir.resolve(detFile(base, n));
      DetPlot.write(det, title + (n == ScoreNorm.NONE ? "" : " (" + n.label() + ")"),
          curves(result, n));
      dets.add(det);
      detNames.add(det.getFileName().toString());
    }
    Path md = dir.resolve(base + ".md");
    writeText(md, markdown(result, title, detNames, base));
    return new Written(md, dets.get(0), dets, tables);
  }

  /**
   * The DET curves of the system variants with one normalisation, on the pooled trials.
   *
   * @param result the experiment
   * @param norm the normalisation
   * @return one curve per variant with that normalisation
   */
  public static List<DetPlot.Curve> curves(ExperimentResult result, ScoreNorm norm) {
    TrialSubset pooled = TrialSubset.pooled();
    int[] t = pooled.targetIndices(result.trials());
    int[] n = pooled.nontargetIndices(result.trials());
    List<DetPlot.Curve> out = new ArrayList<>();
    for (SystemScores s : result.systems()) {
      if (s.norm() == norm) {
        out.add(new DetPlot.Curve(s.name(), s.select(t), s.select(n)));
      }
    }
    return out;
  }

  /** The normalisations present in a result, in enum order. */
  static List<ScoreNorm> normsOf(ExperimentResult result) {
    List<ScoreNorm> out = new ArrayList<>();
    for (ScoreNorm n : ScoreNorm.values()) {
      for (SystemScores s : result.systems()) {
        if (s.norm() == n && !out.contains(n)) {
          out.add(n);
        }
      }
    }
    return out;
  }

  /**
   * @param base base name
   * @param norm normalisation
   * @return {@code B-det.png} for raw scores, {@code B-det-<norm>.png} otherwise
   */
  public static String detFile(String base, ScoreNorm norm) {
    return base + "-det" + (norm == ScoreNorm.NONE ? "" : "-" + norm.label()) + ".png";
  }

  private static Path csv(Table table, Path file) throws IOException {
    AtomicFiles.write(file, (AtomicFiles.StreamWriter) out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      table.write().csv(w);
      w.flush();
    });
    return file;
  }

  private static void writeText(Path file, String text) throws IOException {
    AtomicFiles.write(file, (AtomicFiles.StreamWriter) out ->
        out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String settingsText(ExperimentResult result) {
    StringBuilder sb = new StringBuilder("key\tvalue\n");
    for (Map.Entry<String, String> e : result.settings().entrySet()) {
      sb.append(e.getKey()).append('\t').append(e.getValue().replace('\t', ' ')).append('\n');
    }
    for (Map.Entry<String, String> e : result.descriptions().entrySet()) {
      sb.append("system: ").append(e.getKey()).append('\t').append(e.getValue()).append('\n');
    }
    return sb.toString();
  }

  static String scoresCsv(ExperimentResult result) {
    StringBuilder sb = new StringBuilder("fold,model_speaker,segment,test_speaker,channel,target,"
        + "hard_impostor,cross_language");
    for (SystemScores s : result.systems()) {
      sb.append(',').append(quote(s.name()));
    }
    sb.append('\n');
    List<Trial> trials = result.trials();
    for (int i = 0; i < trials.size(); i++) {
      Trial t = trials.get(i);
      sb.append(t.fold() + 1).append(',').append(t.modelSpeaker()).append(',')
          .append(result.corpus().get(t.segment()).id()).append(',').append(t.testSpeaker())
          .append(',').append(t.channel()).append(',').append(t.target() ? 1 : 0).append(',')
          .append(t.hardImpostor() ? 1 : 0).append(',').append(t.crossLanguage() ? 1 : 0);
      for (SystemScores s : result.systems()) {
        sb.append(',').append(Double.toString(s.score(i)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /**
   * A Tablesaw table as a Markdown table: EER columns with 2 decimals, minDCF columns (and every
   * number of a table whose name contains "dcf") with 3, means with 4 significant digits,
   * missing values as "–".
   *
   * @param table the table
   * @return Markdown text (header, separator, one line per row)
   */
  public static String markdownTable(Table table) {
    StringBuilder sb = new StringBuilder("|");
    boolean dcfTable = table.name() != null && table.name().contains("dcf");
    List<Column<?>> cols = table.columns();
    for (Column<?> c : cols) {
      sb.append(' ').append(header(c.name())).append(" |");
    }
    sb.append("\n|");
    for (Column<?> c : cols) {
      sb.append(c.type().name().equals("STRING") ? "---|" : "---:|");
    }
    sb.append('\n');
    for (int r = 0; r < table.rowCount(); r++) {
      sb.append('|');
      for (Column<?> c : cols) {
        sb.append(' ').append(cell(c, r, dcfTable)).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String header(String name) {
    switch (name) {
      case "eer_percent":
        return "EER %";
      case "min_dcf":
        return "minDCF";
      case "hard_eer_percent":
        return "hard-impostor EER %";
      case "hard_min_dcf":
        return "hard-impostor minDCF";
      case "xlang_eer_percent":
        return "cross-language EER %";
      case "xlang_contrast_eer_percent":
        return "same-language EER % (same models)";
      case "mean_target":
        return "mean target score";
      case "mean_nontarget":
        return "mean non-target score";
      default:
        return name;
    }
  }

  private static String cell(Column<?> c, int r, boolean dcfTable) {
    if (c.isMissing(r)) {
      return "–";
    }
    Object v = c.get(r);
    if (v instanceof Double) {
      double d = (Double) v;
      String n = c.name();
      if (dcfTable || n.contains("dcf")) {
        return String.format(Locale.ROOT, "%.3f", d);
      }
      if (n.startsWith("mean")) {
        return String.format(Locale.ROOT, "%.4g", d);
      }
      return String.format(Locale.ROOT, "%.2f", d);
    }
    return String.valueOf(v).replace("|", "\\|");
  }

  static String markdown(ExperimentResult result, String title, List<String> detFiles,
      String base) {
    ExperimentConfig c = result.config();
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(title).append("\n\n");
    sb.append(String.format(Locale.ROOT, "Data: `%s`: %d segments of %d speakers, test channels"
        + " %s. Protocol: %d folds (%s), speakers of the development and evaluation sides"
        + " disjoint; enrolment on %d `%s` segment(s) per model; every other evaluation segment"
        + " is a test segment. EER and minDCF are computed on the scores of all folds pooled;"
        + " minDCF is normalised, at P_target = %s, C_miss = %s, C_fa = %s.\n\n",
        c.manifest(), result.corpus().size(), result.corpus().speakers().size(),
        String.join(", ", result.corpus().channels()), c.folds(), c.foldScheme(),
        c.enrolSegments(), c.enrolChannel(), c.pTarget(), c.costMiss(), c.costFalseAlarm()));
    sb.append("## Summary\n\n");
    sb.append(markdownTable(result.summary())).append('\n');
    sb.append("*hard-impostor*: same-language targets of the voices that have a same-family,"
        + " same-language impostor, against those impostors only (Carlo↔Menardi, Fillets cs m↔v,"
        + " nl m↔v). *cross-language*: targets enrolled in one language and tested in another"
        + " (Allison en→es) against all impostors of those models; *same-language* is the same"
        + " models with their same-language targets.\n\n");
    sb.append("## EER (%) per test channel\n\n").append(markdownTable(result.channelEer()))
        .append('\n');
    sb.append("## minDCF per test channel\n\n").append(markdownTable(result.channelMinDcf()))
        .append('\n');
    sb.append("## DET curves (pooled)\n\n");
    for (String f : detFiles) {
      sb.append("![DET curves](").append(f).append(")\n\n");
    }
    sb.append("## Trials per subset\n\n");
    Table metrics = result.metrics();
    if (!result.systems().isEmpty()) {
      String first = result.systems().get(0).name();
      sb.append("| subset | targets | non-targets | definition |\n|---|---:|---:|---|\n");
      List<TrialSubset> subsets = result.subsets();
      for (int r = 0, k = 0; r < metrics.rowCount(); r++) {
        if (!metrics.stringColumn("system").get(r).equals(first)) {
          continue;
        }
        sb.append("| ").append(metrics.stringColumn("subset").get(r)).append(" | ")
            .append(metrics.intColumn("targets").get(r)).append(" | ")
            .append(metrics.intColumn("nontargets").get(r)).append(" | ")
            .append(subsets.get(k++).description()).append(" |\n");
      }
      sb.append('\n');
    }
    sb.append("## Systems\n\n| system | settings |\n|---|---|\n");
    for (Map.Entry<String, String> e : result.descriptions().entrySet()) {
      sb.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
    }
    sb.append("\n## Settings\n\n| setting | value |\n|---|---|\n");
    for (Map.Entry<String, String> e : result.settings().entrySet()) {
      sb.append("| ").append(e.getKey()).append(" | `").append(e.getValue().replace("|", "\\|"))
          .append("` |\n");
    }
    if (!result.timings().isEmpty()) {
      sb.append("\n## Runtimes\n\n| stage | seconds |\n|---|---:|\n");
      for (Map.Entry<String, Double> e : result.timings().entrySet()) {
        sb.append(String.format(Locale.ROOT, "| %s | %.1f |\n", e.getKey(), e.getValue()));
      }
      sb.append(String.format(Locale.ROOT, "\n%d threads, %d processors, Java %s.\n",
          c.threads(), Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version")));
    }
    sb.append("\nFiles: `").append(base).append("-summary.csv`, `").append(base)
        .append("-metrics.csv` (every system × subset), `").append(base)
        .append("-channel-eer.csv`, `").append(base).append("-channel-mindcf.csv`, `")
        .append(base).append("-settings.tsv`.\n");
    sb.append("\n## What these numbers mean\n\n").append(CAVEATS);
    return sb.toString();
  }

  /** The data caveats printed under every report (DATASETS.md §3.4). */
  public static final String CAVEATS = "DebVox holds real voices (Asterisk IVR prompts, Fish"
      + " Fillets voice acting, Tux Paint volunteer recordings), but each voice is one recording"
      + " session, and the speaker is confounded with language, recording setup and speaking"
      + " style; session variability is simulated with real codecs, band-limiting, reverberation,"
      + " noise and EQ. Tux Paint labels are per language and may merge several readers. The"
      + " figures compare systems under channel mismatch on this data; they are not comparable to"
      + " NIST SRE or VoxCeleb results. See `examples/README.md`.\n";
}
