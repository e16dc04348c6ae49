package org.emkit.examples.images;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.emkit.features.image.IdxFormatException;

/**
 * Command-line entry point of the Fisher-vector explanation experiment
 * ({@code emkit example explain [options]}); see {@link #usage()}.
 *
 * <p>{@link #run(String[], PrintWriter, PrintWriter)} parses the options, runs
 * {@link ExplainExperiment}, writes the reports ({@link ExplainResults#write}) and prints the
 * resampling table on {@code out}; progress goes to {@code err}. Exit codes: 0 success, 1 the
 * reports cannot be written, 2 usage error, 3 missing or invalid data files (as
 * {@link ImageExample}).
 */
public final class ExplainExample {

  private static final String NAME = "emkit example explain";

  private ExplainExample() {}

  /**
   * Runs the experiment from the command line and exits with its status.
   *
   * @param args options, see {@link #usage()}
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** @return the usage text */
  public static String usage() {
    ExplainOptions d = ExplainOptions.defaults();
    ImageExperimentOptions p = d.pipeline();
    return String.join("\n",
        "usage: " + NAME + " [options]",
        "",
        "Explains a Fisher-vector classifier on Fashion-MNIST (Lapuschkin et al., CVPR 2016):",
        "relevance R_d = w_d Phi_d of the predicted class, distributed to descriptors (plain,",
        "epsilon, absolute rules) and pixels (heatmaps), evaluated by local feature resampling",
        "(area A and flip rate of relevance orders versus a random order). Writes <out>/<name>.md,",
        ".csv, -curves.csv, -settings.csv, -resampling.png, -heatmaps.png and -heatmaps/*.npy.",
        "",
        "  --data DIR           Fashion-MNIST folder (default " + p.dataDir() + ")",
        "  --train N            training images used (default " + p.trainImages() + ")",
        "  --validation N       of which held out to choose lambda (default "
            + p.validationImages() + ")",
        "  --test N             test images classified for the accuracy (default "
            + p.testImages() + ")",
        "  --test-subset N      of which drawn (seeded) for heatmaps and resampling (default "
            + d.testSubset() + ")",
        "  --components K       GMM components of the improved FV (default " + p.components()
            + ")",
        "  --per-class N        heatmap images per class (default " + d.perClass() + ")",
        "  --batch N            descriptors replaced per resampling step (default "
            + d.batchSize() + ")",
        "  --epsilon E          stabiliser of the epsilon rule (default " + d.epsilon() + ")",
        "  --pca N              PCA dimensions (default " + p.pcaComponents() + ")",
        "  --samples N          descriptors sampled for PCA and GMM (default "
            + p.vocabularySamples() + ")",
        "  --sample-images N    images they are sampled from (default " + p.vocabularyImages()
            + ")",
        "  --lambdas LIST       SVM regularisation grid (default " + p.lambdas() + ")",
        "  --seed S             seed (default " + p.seed() + ")",
        "  --threads T          threads (default: available processors)",
        "  --out DIR            report folder (default " + ImageExample.DEFAULT_OUTPUT + ")",
        "  --name NAME          report file stem (default explain)",
        "  --quiet              no progress output",
        "  --help               this text",
        "");
  }

  /** Parsed command line. */
  static final class Parsed {
    ExplainOptions options;
    Path out = ImageExample.DEFAULT_OUTPUT;
    String name = "explain";
    boolean quiet;
    boolean help;
  }

  static Parsed parse(String[] args) throws ImageExample.UsageException {
    Parsed p = new Parsed();
    ExplainOptions d = ExplainOptions.defaults();
    ImageExperimentOptions.Builder b = d.pipeline().toBuilder();
    int testSubset = d.testSubset();
    int perClass = d.perClass();
    int batch = d.batchSize();
    double epsilon = d.epsilon();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        p.help = true;
        continue;
      }
      if (a.equals("--quiet")) {
        p.quiet = true;
        continue;
      }
      if (!a.startsWith("--")) {
        throw new ImageExample.UsageException("unexpected argument '" + a + "'");
      }
      if (i + 1 >= args.length) {
        throw new ImageExample.UsageException("option " + a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--data" -> b.dataDir(Path.of(v));
        case "--train" -> b.trainImages(ImageExample.integer(a, v));
        case "--validation" -> b.validationImages(ImageExample.integer(a, v));
        case "--test" -> b.testImages(ImageExample.integer(a, v));
        case "--test-subset" -> testSubset = ImageExample.integer(a, v);
        case "--components" -> b.components(ImageExample.integer(a, v));
        case "--per-class" -> perClass = ImageExample.integer(a, v);
        case "--batch" -> batch = ImageExample.integer(a, v);
        case "--epsilon" -> epsilon = number(a, v);
        case "--pca" -> b.pcaComponents(ImageExample.integer(a, v));
        case "--samples" -> b.vocabularySamples(ImageExample.integer(a, v));
        case "--sample-images" -> b.vocabularyImages(ImageExample.integer(a, v));
        case "--lambdas" -> b.lambdas(ImageExample.doubles(a, v));
        case "--seed" -> b.seed(ImageExample.longValue(a, v));
        case "--threads" -> b.threads(ImageExample.integer(a, v));
        case "--out" -> p.out = Path.of(v);
        case "--name" -> p.name = v;
        default -> throw new ImageExample.UsageException("unknown option " + a);
      }
    }
    try {
      p.options = new ExplainOptions(b.build(), testSubset, perClass, batch, epsilon);
    } catch (IllegalArgumentException e) {
      throw new ImageExample.UsageException(e.getMessage());
    }
    return p;
  }

  /**
   * Parses the options, runs the experiment and writes the reports.
   *
   * @param args options, see {@link #usage()}
   * @param out receives the usage text or the result table
   * @param err receives progress and errors
   * @return exit code: 0 success, 1 the reports cannot be written, 2 usage error, 3 missing or
   *     invalid data files
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ImageExperiment.onStreams(out, err, (o, e) -> run(args, o, e));
  }

  /**
   * Parses the options, runs the experiment and writes the reports (for picocli commands).
   *
   * @param args options, see {@link #usage()}
   * @param out receives the usage text or the result table
   * @param err receives progress and errors
   * @return exit code: 0 success, 1 the reports cannot be written, 2 usage error, 3 missing or
   *     invalid data files
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Parsed p;
    try {
      p = parse(args);
    } catch (ImageExample.UsageException e) {
      err.println(NAME + ": " + e.getMessage());
      err.println("run with --help for the options");
      return 2;
    }
    if (p.help) {
      out.print(usage());
      return 0;
    }
    System.setProperty("java.awt.headless", "true");
    ExplainResults results;
    try {
      results = ExplainExperiment.run(p.options, p.quiet ? null : err);
    } catch (NoSuchFileException | IdxFormatException e) {
      err.println(NAME + ": " + e.getMessage());
      return 3;
    } catch (IOException e) {
      err.println(NAME + ": cannot read the data: " + e.getMessage());
      return 3;
    }
    String command = (NAME + " " + String.join(" ", args)).trim();
    try {
      List<Path> files = results.write(p.out, p.name, command);
      out.println(ImageResults.markdown(results.summary()));
      for (String f : results.findings()) {
        out.println(f);
      }
      for (Path f : files) {
        err.println("wrote " + f);
      }
    } catch (IOException e) {
      err.println(NAME + ": cannot write the reports: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  private static double number(String option, String v) throws ImageExample.UsageException {
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new ImageExample.UsageException(option + " needs a number, got '" + v + "'");
    }
  }
}
