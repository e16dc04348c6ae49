package org.emkit.examples;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.emkit.examples.speaker.ExperimentConfig;
import org.emkit.examples.speaker.ExperimentResult;
import org.emkit.examples.speaker.FoldScheme;
import org.emkit.examples.speaker.ResultWriter;
import org.emkit.examples.speaker.ScoreNorm;
import org.emkit.examples.speaker.SpeakerExperiment;
import org.emkit.examples.speaker.SystemKind;
import org.emkit.features.audio.ManifestFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The demonstration of emkit: speaker verification on three real voices end to end in about a
 * minute. It prepares the small DebVox subset if it is missing (three Asterisk voices, 16
 * segments each, eight simulated channels; {@code scripts/prepare-debvox.sh --ci}), trains a
 * GMM-UBM and an ISV system, prints the EER table and writes a DET plot. A second run reuses the
 * prepared data.
 *
 * <p><b>Protocol.</b> With three voices, each of three folds trains the UBM and U on one voice
 * and enrols and tests the other two ({@link FoldScheme#TRAIN_ON_EACH_GROUP}); models are
 * enrolled on two clean segments and tested on every other segment. See
 * {@link #config(Path)} for every setting.
 *
 * <p><b>As a program.</b> {@code main(String[])} or the picocli command {@code demo} (this
 * class). Options: {@code --data}, {@code --out} (default {@code emkit-demo}), {@code --repo},
 * {@code --threads}, {@code --seed}, {@code --quiet}. Exit codes: 0 ok, 2 usage error, 3 data
 * missing and not preparable (the message names the Debian packages), 1 other failure.
 *
 * <p><b>As a library.</b> {@link #run(Path, Path, Path, ExperimentConfig, ProgressListener)}
 * prepares, runs, writes and returns the {@link ExperimentResult}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true,
    usageHelpAutoWidth = true,
    description = "Speaker verification on three real voices (DebVox subset): GMM-UBM vs ISV,"
        + " EER table and DET plot. Prepares the data on first use.",
    footer = {"", "Needs the Debian packages sox libsox-fmt-all codec2 asterisk-core-sounds-en-wav"
        + " asterisk-core-sounds-fr-wav asterisk-core-sounds-it-wav (first run only).",
        "Exit codes: 0 ok, 2 usage error, 3 data missing and not preparable, 1 other failure."})
public final class SpeakerDemo implements Callable<Integer> {

  /** Base name of the files the demo writes. */
  public static final String BASE_NAME = "speaker-demo";

  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "subset directory (default: $EMKIT_DATA/debvox-ci or ~/.cache/emkit/debvox-ci)")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "emkit-demo",
      description = "where the report and the DET plot go")
  Path out;

  @Option(names = "--repo", paramLabel = "DIR",
      description = "emkit repository root holding scripts/prepare-debvox.sh (default: searched"
          + " from $EMKIT_HOME, the working directory and the emkit jar)")
  Path repo;

  @Option(names = {"-t", "--threads"}, description = "worker threads (default: processors)")
  Integer threads;

  @Option(names = "--seed", defaultValue = "0", description = "seed of every random choice")
  long seed;

  @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
  boolean quiet;

  @Option(names = "--verbose", description = "show the library's warnings")
  boolean verbose;

  /** A command with the defaults (picocli fills the options). */
  public SpeakerDemo() {
    // fields are set by picocli
  }

  /**
   * Runs the program.
   *
   * @param args command-line arguments ({@code --help} lists them)
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SpeakerDemo()).execute(args));
  }

  /**
   * The demo's configuration: GMM-UBM and ISV; three folds, each training on one voice
   * ({@link FoldScheme#TRAIN_ON_EACH_GROUP}); UBM K=32 (10 k-means and 10 EM iterations);
   * relevance factor 4; U of rank 10 (10 iterations); enrolment on two clean segments; raw
   * scores; minDCF at P_target = 0.01; seed 0; all processors.
   *
   * @param manifest the subset's manifest
   * @return the configuration (change it with {@link ExperimentConfig#toBuilder()})
   */
  public static ExperimentConfig config(Path manifest) {
    return ExperimentConfig.builder(manifest)
        .systems(EnumSet.of(SystemKind.GMM_UBM, SystemKind.ISV))
        .norms(EnumSet.of(ScoreNorm.NONE))
        .folds(3).foldScheme(FoldScheme.TRAIN_ON_EACH_GROUP)
        .components(32).ubmIterations(10).kmeansIterations(10)
        .rankU(10).faIterations(10)
        .build();
  }

  /**
   * Prepares the subset if needed, runs the demo and writes its report
   * ({@code speaker-demo.md}, {@code speaker-demo-det.png} and the CSV tables).
   *
   * @param dataDir the subset directory ({@link DebVoxData#defaultSubsetDir()})
   * @param outDir where the report goes
   * @param repository the emkit repository root, or {@code null} to search for it
   * @param config the configuration ({@link #config(Path)}; its manifest must be
   *     {@code dataDir/segments.tsv})
   * @param progress receives progress, including the preparation script's lines
   * @return the result and its tables
   * @throws IOException if the data cannot be prepared or read, or the report not written
   */
  public static ExperimentResult run(Path dataDir, Path outDir, Path repository,
      ExperimentConfig config, ProgressListener progress) throws IOException {
    DebVoxData.ensurePrepared(dataDir, true, repository, progress);
    ExperimentResult result = SpeakerExperiment.run(config, progress);
    ResultWriter.Written w = ResultWriter.write(result, outDir, BASE_NAME,
        "emkit demo: speaker verification on three DebVox voices", false);
    progress.message("wrote " + w.markdown() + " and " + w.det());
    return result;
  }

  /**
   * The text the program prints: pooled EER and minDCF per system, then EER per test channel.
   *
   * @param result the demo's result
   * @return Markdown tables
   */
  public static String report(ExperimentResult result) {
    StringBuilder sb = new StringBuilder();
    sb.append("Speaker verification on three real voices (DebVox subset: ")
        .append(result.corpus().size()).append(" segments, ")
        .append(result.trials().size()).append(" trials)\n\n");
    sb.append(ResultWriter.markdownTable(result.summary().selectColumns("system", "eer_percent",
        "min_dcf", "targets", "nontargets")));
    sb.append("\nEER (%) per test channel\n\n").append(ResultWriter.markdownTable(
        result.channelEer()));
    sb.append(String.format(Locale.ROOT, "%nminDCF at P_target=%s, C_miss=%s, C_fa=%s."
        + " Real voices, simulated sessions: compare systems, not absolute numbers"
        + " (examples/README.md).%n", result.config().pTarget(), result.config().costMiss(),
        result.config().costFalseAlarm()));
    return sb.toString();
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    if (!verbose) {
      ConsoleLogging.quietLibraryWarnings();
    }
    ProgressListener progress = quiet ? ProgressListener.NONE
        : new ConsoleProgress(err, System.console() != null);
    Path dir = data != null ? data : DebVoxData.defaultSubsetDir();
    ExperimentConfig config;
    try {
      ExperimentConfig.Builder b = config(DebVoxData.manifest(dir)).toBuilder().seed(seed);
      if (threads != null) {
        b.threads(threads);
      }
      config = b.build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    try {
      ExperimentResult result = run(dir, out, repo, config, progress);
      stdout.print(report(result));
      stdout.println("DET plot: " + out.resolve(BASE_NAME + "-det.png") + "; report: "
          + out.resolve(BASE_NAME + ".md"));
      stdout.flush();
      return 0;
    } catch (FileNotFoundException | ManifestFormatException e) {
      err.println("demo: " + e.getMessage());
      err.flush();
      return 3;
    } catch (IOException e) {
      err.println("demo: " + e.getMessage());
      err.flush();
      return DebVoxData.isPrepared(dir) ? 1 : 3;
    }
  }
}
