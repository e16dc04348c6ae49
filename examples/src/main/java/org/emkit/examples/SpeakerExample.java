package org.emkit.examples;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.emkit.examples.speaker.ExperimentConfig;
import org.emkit.examples.speaker.ExperimentResult;
import org.emkit.examples.speaker.FoldScheme;
import org.emkit.examples.speaker.ResultWriter;
import org.emkit.examples.speaker.ScoreNorm;
import org.emkit.examples.speaker.SpeakerExperiment;
import org.emkit.examples.speaker.SystemKind;
import org.emkit.features.audio.FeatureNormalization;
import org.emkit.features.audio.FrontEnd;
import org.emkit.features.audio.ManifestFormatException;
import org.emkit.features.audio.MfccOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The full DebVox speaker-verification protocol: GMM-UBM (linear and frame-LLR scoring), ISV,
 * JFA and i-vector cosine systems trained on the development speakers of two speaker-disjoint
 * folds, with optional ZT/S-norm; EER and minDCF pooled, per test channel, on hard impostors and
 * on cross-language targets; a DET plot. Results go to {@code docs/results/speaker.md} and the
 * files beside it ({@link ResultWriter}).
 *
 * <p><b>As a program.</b> {@code main(String[])}, or the picocli command {@code speaker} (this
 * class; {@code new CommandLine(new SpeakerExample())}): every option has a default, see
 * {@code --help}. Exit codes: 0 ok, 2 usage error, 3 missing or malformed data, 1 other failure.
 *
 * <p><b>As a library.</b> {@link #run(ExperimentConfig, Path, String, boolean, ProgressListener)}
 * runs a configuration, writes the report and returns the {@link ExperimentResult} (its tables:
 * {@link ExperimentResult#summary()}, {@link ExperimentResult#channelEer()}, ...);
 * {@link #defaults(Path)} is the configuration the program uses without options.
 */
@Command(name = "speaker", mixinStandardHelpOptions = true, showDefaultValues = true,
    usageHelpAutoWidth = true,
    description = "Speaker verification on DebVox: GMM-UBM, ISV, JFA and i-vector systems, EER"
        + " and minDCF tables (pooled, per channel, hard impostors, cross-language), DET plot.",
    footer = {"", "Prepare the data first: scripts/prepare-debvox.sh (or pass --prepare).",
        "Exit codes: 0 ok, 2 usage error, 3 missing or malformed data, 1 other failure."})
public final class SpeakerExample implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "DebVox directory holding segments.tsv (default: $EMKIT_DATA/debvox or"
          + " ~/.cache/emkit/debvox)")
  Path data;

  @Option(names = "--prepare", description = "run scripts/prepare-debvox.sh first if the data is"
      + " missing (needs the Debian packages it names)")
  boolean prepare;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs/results",
      description = "output directory")
  Path out;

  @Option(names = "--name", defaultValue = "speaker", description = "base name of the output files")
  String name;

  @Option(names = "--feature-norm", defaultValue = "MEAN_AND_VARIANCE",
      description = "per-segment normalisation after the VAD: MEAN_AND_VARIANCE (CMVN), MEAN,"
          + " WARPING (3 s feature warping) or NONE")
  FeatureNormalization featureNorm;

  @Option(names = "--delta-order", defaultValue = "1",
      description = "MFCC deltas: 0 (c1..c19), 1 (+ delta), 2 (+ delta-delta)")
  int deltaOrder;

  @Option(names = {"-K", "--components"}, defaultValue = "128", description = "UBM components")
  int components;

  @Option(names = "--ubm-iterations", defaultValue = "10", description = "UBM EM iterations")
  int ubmIterations;

  @Option(names = "--kmeans-iterations", defaultValue = "10",
      description = "k-means iterations (UBM initialisation)")
  int kmeansIterations;

  @Option(names = "--ubm-frame-stride", defaultValue = "1",
      description = "train the UBM on every s-th frame")
  int ubmFrameStride;

  @Option(names = "--variance-floor", defaultValue = "0.001",
      description = "UBM variance floor (features are CMVN-normalised)")
  double varianceFloor;

  @Option(names = {"-r", "--relevance-factor"}, defaultValue = "4",
      description = "MAP relevance factor (also D of ISV/JFA)")
  double relevanceFactor;

  @Option(names = "--rank-u", defaultValue = "30", description = "rank of U (ISV, JFA)")
  int rankU;

  @Option(names = "--rank-v", defaultValue = "2",
      description = "rank of V (JFA; at most the development speakers)")
  int rankV;

  @Option(names = "--fa-iterations", defaultValue = "10",
      description = "EM iterations of ISV and of each JFA phase")
  int faIterations;

  @Option(names = "--jfa-train-d", description = "train JFA's D (default: keep the relevance-MAP"
      + " D; a trained D collapses with few development speakers)")
  boolean jfaTrainD;

  @Option(names = "--ivector-rank", defaultValue = "200", description = "i-vector dimension")
  int ivectorRank;

  @Option(names = "--ivector-iterations", defaultValue = "10",
      description = "EM iterations of the i-vector extractor")
  int ivectorIterations;

  @Option(names = "--lda", defaultValue = "16",
      description = "LDA dimension of ivector-lda-wccn (capped at development speakers - 1;"
          + " 0 = no LDA)")
  int lda;

  @Option(names = "--no-wccn", description = "skip WCCN in ivector-lda-wccn")
  boolean noWccn;

  @Option(names = "--plda-iterations", defaultValue = "10",
      description = "EM iterations of the two-covariance PLDA (0 = moment estimates)")
  int pldaIterations;

  @Option(names = "--systems", split = ",", paramLabel = "SYSTEM",
      description = "systems to run (default all): gmm-ubm, gmm-ubm-llr, isv, jfa, ivector-cosine,"
          + " ivector-lda-wccn, ivector-plda")
  List<String> systems;

  @Option(names = "--norms", split = ",", paramLabel = "NORM", defaultValue = "raw,zt-norm,s-norm",
      description = "score normalisations to report: raw, zt-norm, s-norm")
  List<String> norms;

  @Option(names = "--snorm-top", defaultValue = "1.0",
      description = "fraction of the cohort in adaptive S-norm (1 = plain S-norm)")
  double sNormTop;

  @Option(names = "--folds", defaultValue = "2", description = "speaker groups and folds")
  int folds;

  @Option(names = "--fold-scheme", defaultValue = "EVALUATE_EACH_GROUP",
      description = "EVALUATE_EACH_GROUP or TRAIN_ON_EACH_GROUP")
  FoldScheme foldScheme;

  @Option(names = "--enrol-segments", defaultValue = "2", description = "segments per model")
  int enrolSegments;

  @Option(names = "--enrol-channel", defaultValue = "clean",
      description = "channel of the enrolment segments")
  String enrolChannel;

  @Option(names = "--cohort-per-speaker", defaultValue = "8",
      description = "cohort segments per development speaker (Z/T/S-norm)")
  int cohortPerSpeaker;

  @Option(names = "--p-target", defaultValue = "0.01", description = "minDCF target prior")
  double pTarget;

  @Option(names = "--c-miss", defaultValue = "1", description = "minDCF cost of a miss")
  double costMiss;

  @Option(names = "--c-fa", defaultValue = "1", description = "minDCF cost of a false alarm")
  double costFalseAlarm;

  @Option(names = {"-t", "--threads"}, description = "worker threads (default: processors)")
  Integer threads;

  @Option(names = "--seed", defaultValue = "0", description = "seed of every random choice")
  long seed;

  @Option(names = "--scores", description = "also write every trial's scores (<name>-scores.csv)")
  boolean scores;

  @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
  boolean quiet;

  @Option(names = "--verbose", description = "show the library's warnings (non-convergence of the"
      + " fixed-length EM runs is expected and hidden by default)")
  boolean verbose;

  /** A command with the defaults (picocli fills the options). */
  public SpeakerExample() {
    // fields are set by picocli
  }

  /**
   * Runs the program.
   *
   * @param args command-line arguments ({@code --help} lists them)
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SpeakerExample()).execute(args));
  }

  /**
   * The configuration of the full protocol with the program's defaults.
   *
   * @param manifest the DebVox manifest
   * @return the configuration: all systems; raw, ZT- and S-normalised scores; UBM K=128 (10
   *     k-means and 10 EM iterations); r_U=30, r_V=2 with D at its relevance-MAP value; i-vectors
   *     of dimension 200; LDA 16 (capped); 10 EM iterations everywhere; seed 0
   */
  public static ExperimentConfig defaults(Path manifest) {
    SpeakerExample e = new SpeakerExample();
    new CommandLine(e).parseArgs();
    return e.config(manifest);
  }

  /**
   * Runs an experiment and writes its report.
   *
   * @param config the configuration
   * @param outDir output directory ({@code docs/results})
   * @param baseName base name of the files ({@code speaker})
   * @param withScores also write every trial's scores
   * @param progress receives progress
   * @return the result and its tables
   * @throws IOException if the data cannot be read or the report cannot be written
   */
  public static ExperimentResult run(ExperimentConfig config, Path outDir, String baseName,
      boolean withScores, ProgressListener progress) throws IOException {
    ExperimentResult result = SpeakerExperiment.run(config, progress);
    ResultWriter.Written w = ResultWriter.write(result, outDir, baseName,
        "Speaker verification on DebVox", withScores);
    progress.message("wrote " + w.markdown() + ", " + w.dets().size() + " DET plot(s) and "
        + w.tables().size() + " tables");
    return result;
  }

  ExperimentConfig config(Path manifest) {
    Set<SystemKind> kinds = EnumSet.noneOf(SystemKind.class);
    if (systems == null || systems.isEmpty()) {
      kinds = EnumSet.allOf(SystemKind.class);
    } else {
      for (String s : systems) {
        kinds.add(SystemKind.parse(s));
      }
    }
    Set<ScoreNorm> ns = EnumSet.noneOf(ScoreNorm.class);
    for (String n : norms) {
      ns.add(ScoreNorm.parse(n));
    }
    FrontEnd frontEnd = FrontEnd.builder()
        .mfcc(MfccOptions.builder().deltaOrder(deltaOrder).build())
        .normalization(featureNorm).build();
    ExperimentConfig.Builder b = ExperimentConfig.builder(manifest).frontEnd(frontEnd)
        .components(components).ubmIterations(ubmIterations).kmeansIterations(kmeansIterations)
        .ubmFrameStride(ubmFrameStride).varianceFloor(varianceFloor)
        .relevanceFactor(relevanceFactor).rankU(rankU).rankV(rankV).faIterations(faIterations)
        .jfaTrainD(jfaTrainD).ivectorRank(ivectorRank).ivectorIterations(ivectorIterations)
        .ldaDimension(lda).wccn(!noWccn).pldaIterations(pldaIterations).systems(kinds).norms(ns)
        .sNormTopFraction(sNormTop).folds(folds).foldScheme(foldScheme)
        .enrolSegments(enrolSegments).enrolChannel(enrolChannel)
        .cohortPerSpeaker(cohortPerSpeaker).pTarget(pTarget).costMiss(costMiss)
        .costFalseAlarm(costFalseAlarm).seed(seed);
    if (threads != null) {
      b.threads(threads);
    }
    return b.build();
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
    Path dir = data != null ? data : DebVoxData.defaultFullDir();
    ExperimentConfig config;
    try {
      config = config(DebVoxData.manifest(dir));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    try {
      if (prepare) {
        DebVoxData.ensurePrepared(dir, false, null, progress);
      }
      if (!Files.isRegularFile(config.manifest())) {
        err.println("speaker: no DebVox corpus in " + dir + " (" + config.manifest()
            + " is missing); prepare it with scripts/prepare-debvox.sh or pass --prepare");
        err.flush();
        return 3;
      }
      long start = System.nanoTime();
      ExperimentResult result = run(config, out, name, scores, progress);
      stdout.println(ResultWriter.markdownTable(result.summary()));
      stdout.printf(Locale.ROOT, "%d trials, %.1f s; report: %s%n", result.trials().size(),
          (System.nanoTime() - start) / 1e9, out.resolve(name + ".md"));
      stdout.flush();
      return 0;
    } catch (ManifestFormatException | NoSuchFileException | FileNotFoundException e) {
      err.println("speaker: " + e.getMessage());
      err.flush();
      return 3;
    } catch (IOException e) {
      err.println("speaker: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
