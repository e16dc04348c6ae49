package org.emkit.examples.images;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.emkit.features.image.DenseSiftOptions;
import org.emkit.features.image.IdxFormatException;
import org.emkit.features.image.RawPatchOptions;
import org.emkit.linear.SgdClassifier;

/**
 * Command-line entry point of the Fashion-MNIST Fisher-vector experiment
 * ({@code emkit example images [options]}); see {@link #usage()}.
 *
 * <p>{@link #run(String[], PrintStream, PrintStream)} parses the options, runs
 * {@link ImageExperiment}, writes the reports ({@link ImageResults#write}) and prints the main
 * tables on {@code out}; progress goes to {@code err}. Exit codes: 0 success, 1 the reports
 * cannot be written, 2 usage error, 3 missing or invalid data files.
 */
public final class ImageExample {

  /** Default folder of the reports. */
  public static final Path DEFAULT_OUTPUT = Path.of("docs", "results");

  private ImageExample() {}

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
    ImageExperimentOptions d = ImageExperimentOptions.defaults();
    return String.join("\n",
        "usage: emkit example images [options]",
        "",
        "Image classification with Fisher vectors on Fashion-MNIST (Sanchez et al., IJCV 2013):",
        "dense descriptors -> PCA -> GMM -> FV / BoV / VLAD -> linear SVM (SGD); writes",
        "<out>/<name>.md, .csv, -sweep.csv, -settings.csv and -accuracy-vs-k.png.",
        "",
        "  --data DIR               Fashion-MNIST folder (default " + d.dataDir() + ")",
        "  --train N                training images used (default " + d.trainImages() + ")",
        "  --validation N           of which held out to choose lambda (default "
            + d.validationImages() + ")",
        "  --test N                 test images used (default " + d.testImages() + ")",
        "  --descriptor sift|patches local descriptor (default "
            + d.descriptor().name().toLowerCase(Locale.ROOT) + ")",
        "  --patch-sizes LIST       SIFT patch sizes, e.g. 8,12,16 (default "
            + join(d.sift().patchSizes()) + ")",
        "  --stride N               grid step of the selected descriptor (default sift "
            + d.sift().stride() + ", patches " + d.patches().stride() + ")",
        "  --patch N                raw patch size (default " + d.patches().patchSize() + ")",
        "  --pca N                  PCA dimensions (default " + d.pcaComponents() + ")",
        "  --xy | --no-xy           append patch position after PCA (default "
            + (d.spatialAugmentation() == SpatialAugmentation.XY ? "--xy" : "--no-xy") + ")",
        "  --components K           K of the ablation table (default " + d.components() + ")",
        "  --encodings LIST|all     ablation encodings: " + encodingNames(),
        "  --pyramid-components K   K of the pyramid rows, 0 = none (default "
            + d.pyramidComponents() + ")",
        "  --matched LIST|none      FV sizes m whose dimension 2md the matched BoV rows use"
            + " (default " + join(d.matchedComponents()) + ")",
        "  --sweep LIST|none        K values of the FV/BoV sweep (default "
            + join(d.sweepComponents()) + ")",
        "  --normalization-components K  power/L2 ablation at K on the sweep images, 0 = none"
            + " (default " + d.normalizationComponents() + ")",
        "  --sweep-train N          training images of the sweep (default "
            + d.sweepTrainImages() + "; the main run's if not fewer)",
        "  --lambdas LIST           SVM regularisation grid (default " + join(d.lambdas()) + ")",
        "  --epochs N               SGD epochs (default " + d.epochs() + ")",
        "  --averaging none|asgd    SGD iterate averaging (default "
            + d.averaging().name().toLowerCase(Locale.ROOT) + ")",
        "  --samples N              descriptors sampled for PCA/GMM/k-means (default "
            + d.vocabularySamples() + ")",
        "  --sample-images N        images they are sampled from (default "
            + d.vocabularyImages() + ")",
        "  --gmm-iterations N       EM iterations (default " + d.gmmIterations() + ")",
        "  --kmeans-iterations N    Lloyd iterations (default " + d.kmeansIterations() + ")",
        "  --timing-images N        images for the per-image encode timing (default "
            + d.timingImages() + ")",
        "  --compress LIST|none     product-quantisation study of the improved FV at",
        "                           --components: settings b,G separated by ';' or repeated,",
        "                           e.g. '1,8;1,4;2,4' (default none); writes a compression",
        "                           table and a PQ search table",
        "  --compress-samples N     non-zero blocks per Gaussian to train its codebooks",
        "                           (default " + d.compressionTrainingVectors() + ")",
        "  --search-queries N       test images used as PQ search queries (default "
            + d.searchQueries() + ")",
        "  --seed S                 seed (default " + d.seed() + ")",
        "  --threads T              threads (default: available processors)",
        "  --out DIR                report folder (default " + DEFAULT_OUTPUT + ")",
        "  --name NAME              report file stem (default images)",
        "  --compare-descriptors    instead: compare SIFT and raw patches (with/without xy) by",
        "                           validation accuracy of the improved FV at --components;",
        "                           writes <out>/<name>-descriptors.md and .csv",
        "  --quiet                  no progress output",
        "  --help                   this text",
        "");
  }

  private static String encodingNames() {
    List<String> s = new ArrayList<>();
    for (Encoding e : Encoding.values()) {
      s.add(e.name().toLowerCase(Locale.ROOT));
    }
    return String.join(",", s);
  }

  private static String join(List<?> values) {
    List<String> s = new ArrayList<>();
    for (Object v : values) {
      s.add(String.valueOf(v));
    }
    return values.isEmpty() ? "none" : String.join(",", s);
  }

  /** A command-line error: exit code 2 with a message. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Parsed command line. */
  static final class Parsed {
    ImageExperimentOptions options;
    Path out = DEFAULT_OUTPUT;
    String name = "images";
    boolean quiet;
    boolean help;
    boolean compareDescriptors;
  }

  static Parsed parse(String[] args) throws UsageException {
    Parsed p = new Parsed();
    ImageExperimentOptions.Builder b = ImageExperimentOptions.builder();
    ImageExperimentOptions d = ImageExperimentOptions.defaults();
    DenseSiftOptions.Builder sift = d.sift().toBuilder();
    int patchSize = d.patches().patchSize();
    int patchStride = d.patches().stride();
    Integer stride = null;
    DescriptorKind kind = d.descriptor();
    List<PqSetting> compression = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help":
        case "-h":
          p.help = true;
          break;
        case "--quiet":
          p.quiet = true;
          break;
        case "--compare-descriptors":
          p.compareDescriptors = true;
          break;
        case "--xy":
          b.spatialAugmentation(SpatialAugmentation.XY);
          break;
        case "--no-xy":
          b.spatialAugmentation(SpatialAugmentation.NONE);
          break;
        default:
          if (!a.startsWith("--")) {
            throw new UsageException("unexpected argument '" + a + "'");
          }
          if (i + 1 >= args.length) {
            throw new UsageException("option " + a + " needs a value");
          }
          String v = args[++i];
          switch (a) {
            case "--data":
              b.dataDir(Path.of(v));
              break;
            case "--train":
              b.trainImages(integer(a, v));
              break;
            case "--validation":
              b.validationImages(integer(a, v));
              break;
            case "--test":
              b.testImages(integer(a, v));
              break;
            case "--descriptor":
              kind = descriptor(v);
              break;
            case "--patch-sizes": {
              List<Integer> sizes = integers(a, v);
              if (sizes.isEmpty()) {
                throw new UsageException("--patch-sizes needs at least one size");
              }
              int[] rest = new int[sizes.size() - 1];
              for (int j = 1; j < sizes.size(); j++) {
                rest[j - 1] = sizes.get(j);
              }
              sift.patchSizes(sizes.get(0), rest);
              break;
            }
            case "--stride":
              stride = integer(a, v);
              break;
            case "--patch":
              patchSize = integer(a, v);
              break;
            case "--pca":
              b.pcaComponents(integer(a, v));
              break;
            case "--components":
              b.components(integer(a, v));
              break;
            case "--encodings":
              b.encodings(encodings(v));
              break;
            case "--pyramid-components":
              b.pyramidComponents(integer(a, v));
              break;
            case "--matched":
              b.matchedComponents(integers(a, v));
              break;
            case "--sweep":
              b.sweepComponents(integers(a, v));
              break;
            case "--normalization-components":
              b.normalizationComponents(integer(a, v));
              break;
            case "--sweep-train":
              b.sweepTrainImages(integer(a, v));
              break;
            case "--lambdas":
              b.lambdas(doubles(a, v));
              break;
            case "--epochs":
              b.epochs(integer(a, v));
              break;
            case "--averaging":
              if (!v.equals("none") && !v.equals("asgd")) {
                throw new UsageException("--averaging must be none or asgd, got '" + v + "'");
              }
              b.averaging(v.equals("asgd") ? SgdClassifier.Averaging.ASGD
                  : SgdClassifier.Averaging.NONE);
              break;
            case "--samples":
              b.vocabularySamples(integer(a, v));
              break;
            case "--sample-images":
              b.vocabularyImages(integer(a, v));
              break;
            case "--gmm-iterations":
              b.gmmIterations(integer(a, v));
              break;
            case "--kmeans-iterations":
              b.kmeansIterations(integer(a, v));
              break;
            case "--timing-images":
              b.timingImages(integer(a, v));
              break;
            case "--compress":
              compression.addAll(compression(v));
              break;
            case "--compress-samples":
              b.compressionTrainingVectors(integer(a, v));
              break;
            case "--search-queries":
              b.searchQueries(integer(a, v));
              break;
            case "--seed":
              b.seed(longValue(a, v));
              break;
            case "--threads":
              b.threads(integer(a, v));
              break;
            case "--out":
              p.out = Path.of(v);
              break;
            case "--name":
              p.name = v;
              break;
            default:
              throw new UsageException("unknown option " + a);
          }
      }
    }
    try {
      if (kind == DescriptorKind.SIFT && stride != null) {
        sift.stride(stride);
      }
      if (kind == DescriptorKind.PATCHES && stride != null) {
        patchStride = stride;
      }
      b.compression(compression);
      b.descriptor(kind).sift(sift.build())
          .patches(new RawPatchOptions(patchSize, patchStride, d.patches().padding()));
      p.options = b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return p;
  }

  private static DescriptorKind descriptor(String v) throws UsageException {
    switch (v) {
      case "sift":
        return DescriptorKind.SIFT;
      case "patches":
        return DescriptorKind.PATCHES;
      default:
        throw new UsageException("--descriptor must be sift or patches, got '" + v + "'");
    }
  }

  private static Set<Encoding> encodings(String v) throws UsageException {
    if (v.equals("all")) {
      return EnumSet.allOf(Encoding.class);
    }
    if (v.equals("none")) {
      return EnumSet.noneOf(Encoding.class);
    }
    Set<Encoding> s = EnumSet.noneOf(Encoding.class);
    for (String part : v.split(",")) {
      try {
        s.add(Encoding.valueOf(part.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--encodings: unknown encoding '" + part + "'; one of "
            + encodingNames());
      }
    }
    return s;
  }

  private static List<PqSetting> compression(String v) throws UsageException {
    List<PqSetting> out = new ArrayList<>();
    if (v.equals("none")) {
      return out;
    }
    for (String part : v.split(";")) {
      try {
        out.add(PqSetting.parse(part));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--compress: " + e.getMessage());
      }
    }
    return out;
  }

  static int integer(String option, String v) throws UsageException {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs an integer, got '" + v + "'");
    }
  }

  static long longValue(String option, String v) throws UsageException {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs an integer, got '" + v + "'");
    }
  }

  private static List<Integer> integers(String option, String v) throws UsageException {
    List<Integer> out = new ArrayList<>();
    if (v.equals("none") || v.isEmpty()) {
      return out;
    }
    for (String part : v.split(",")) {
      out.add(integer(option, part));
    }
    return out;
  }

  static List<Double> doubles(String option, String v) throws UsageException {
    List<Double> out = new ArrayList<>();
    for (String part : v.split(",")) {
      try {
        out.add(Double.parseDouble(part.trim()));
      } catch (NumberFormatException e) {
        throw new UsageException(option + " needs numbers, got '" + v + "'");
      }
    }
    return out;
  }

  private static int compareDescriptors(Parsed p, String[] args, PrintWriter out,
      PrintWriter err) {
    try {
      FashionMnist data = FashionMnist.load(p.options.dataDir());
      tech.tablesaw.api.Table t = DescriptorComparison.run(p.options, data, p.quiet ? null : err);
      String command = ("emkit example images " + String.join(" ", args)).trim();
      java.nio.file.Files.createDirectories(p.out);
      Path md = p.out.resolve(p.name + "-descriptors.md");
      Path csv = p.out.resolve(p.name + "-descriptors.csv");
      String text = DescriptorComparison.markdown(t, p.options, command);
      org.emkit.core.io.AtomicFiles.write(md, (java.io.OutputStream o) ->
          o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      ImageResults.writeCsv(t, csv);
      out.print(text);
      err.println("wrote " + md);
      err.println("wrote " + csv);
      return 0;
    } catch (NoSuchFileException | IdxFormatException e) {
      err.println("emkit example images: " + e.getMessage());
      return 3;
    } catch (IOException e) {
      err.println("emkit example images: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Parses the options, runs the experiment and writes the reports.
   *
   * @param args options, see {@link #usage()}
   * @param out receives the usage text or the result tables
   * @param err receives progress and errors
   * @return exit code: 0 success, 1 the reports cannot be written, 2 usage error, 3 missing or
   *     invalid data files
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ImageExperiment.onStreams(out, err, (o, e) -> run(args, o, e));
  }

  /**
   * Parses the options, runs the experiment and writes the reports (for picocli commands, whose
   * {@code spec.commandLine().getOut()/getErr()} are writers).
   *
   * @param args options, see {@link #usage()}
   * @param out receives the usage text or the result tables
   * @param err receives progress and errors
   * @return exit code: 0 success, 1 the reports cannot be written, 2 usage error, 3 missing or
   *     invalid data files
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Parsed p;
    try {
      p = parse(args);
    } catch (UsageException e) {
      err.println("emkit example images: " + e.getMessage());
      err.println("run with --help for the options");
      return 2;
    }
    if (p.help) {
      out.print(usage());
      return 0;
    }
    System.setProperty("java.awt.headless", "true");
    if (p.compareDescriptors) {
      return compareDescriptors(p, args, out, err);
    }
    ImageResults results;
    try {
      results = ImageExperiment.run(p.options, p.quiet ? null : err);
    } catch (NoSuchFileException | IdxFormatException e) {
      err.println("emkit example images: " + e.getMessage());
      return 3;
    } catch (IOException e) {
      err.println("emkit example images: cannot read the data: " + e.getMessage());
      return 3;
    }
    String command = "emkit example images " + String.join(" ", args);
    try {
      List<Path> files = results.write(p.out, p.name, command.trim());
      out.println(ImageResults.markdown(results.ablation().copy().removeColumns("details",
          "tables")));
      out.println(ImageResults.markdown(results.sweep()));
      for (String f : results.findings()) {
        out.println(f);
      }
      for (Path f : files) {
        err.println("wrote " + f);
      }
    } catch (IOException e) {
      err.println("emkit example images: cannot write the reports: " + e.getMessage());
      return 1;
    }
    return 0;
  }
}
