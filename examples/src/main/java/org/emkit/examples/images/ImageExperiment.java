package org.emkit.examples.images;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.features.image.DenseDescriptorExtractor;
import org.emkit.features.image.DenseDescriptors;
import org.emkit.features.image.DenseSiftExtractor;
import org.emkit.features.image.RawPatchExtractor;
import org.emkit.fisher.BagOfWordsEncoder;
import org.emkit.fisher.DescriptorEncoder;
import org.emkit.fisher.ImageSize;
import org.emkit.linear.VectorSource;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.VarianceFloor;

/**
 * Image classification with Fisher vectors on Fashion-MNIST, end to end: the design choices of
 * Sánchez, Perronnin, Mensink and Verbeek (IJCV 2013) switched on and off and measured, with
 * bag-of-visual-words and VLAD baselines and an accuracy-versus-K sweep.
 *
 * <p><b>Pipeline.</b>
 *
 * <ol>
 *   <li>Data: the first {@code trainImages} training and {@code testImages} test images;
 *       {@code validationImages} of the training images (a seeded random choice) form the
 *       validation split, the rest the fit split. The ablation and pyramid rows run on these; the
 *       accuracy-versus-K sweep, the power/L2 ablation at {@code normalizationComponents} and the
 *       matched-dimension rows run the whole pipeline again on the first
 *       {@code sweepTrainImages} training images (same test images), which keeps the K = 256
 *       Fisher vectors within memory and time.
 *   <li>Descriptors: dense SIFT-like histograms or raw patches
 *       ({@code org.emkit.features.image}); a whitening PCA fitted on
 *       {@code vocabularySamples} descriptors sampled from the fit split; optionally the patch
 *       centre appended ({@link SpatialAugmentation}).
 *   <li>Vocabularies, on the same processed sample: a diagonal GMM per K (EM on means,
 *       variances and weights, k-means++ initialisation) for the Fisher vectors and soft-BoV,
 *       k-means per K for hard BoV and VLAD.
 *   <li>Encodings through the {@code fisher} module's encoders, every image once per E-step:
 *       the Fisher-vector variants and soft-BoV at one K are derived from one unnormalised
 *       all-block Fisher vector ({@link FisherDerivation}); the pyramid, hard-BoV and VLAD rows
 *       run their own encoders. Encodings are kept in single precision; when they would not fit
 *       in the heap (less a 1 GB reserve and room for one derived variant), the variants are
 *       processed in several passes over the images. About 5.2 GB are stored for the default
 *       main run, so {@code -Xmx8g} runs it in one pass.
 *   <li>Classifier: one-vs-rest linear SVM by SGD ({@code org.emkit.linear.SgdClassifier},
 *       ASGD, 2 epochs by default) with \( \lambda = \lambda' \cdot
 *       \overline{\lVert x\rVert^2} \) (so one grid of λ' serves normalised and unnormalised
 *       encodings alike); λ' chosen on the validation split, then the classifier is refitted on
 *       all training images; test accuracy measured once ({@link LinearSvmSelection}).
 * </ol>
 *
 * <p><b>Reproducibility and threads.</b> Every random choice derives from {@code seed}; the
 * extraction, PCA, GMM, k-means and encoders are bitwise independent of the thread count and
 * SGD trains classes independently, so the accuracies do not depend on {@code threads}; only the
 * times do.
 */
public final class ImageExperiment {

  /** Images described and encoded per batch. */
  static final int BATCH_IMAGES = 500;

  private final ImageExperimentOptions options;
  private final PrintWriter log;

  private ImageExperiment(ImageExperimentOptions options, PrintWriter log) {
    this.options = options;
    this.log = log;
  }

  /**
   * Loads Fashion-MNIST from {@code options.dataDir()} and runs the experiment.
   *
   * @param options the settings
   * @param log progress writer (stderr), or {@code null} for silence
   * @return the results
   * @throws IOException if the data cannot be read
   */
  public static ImageResults run(ImageExperimentOptions options, PrintWriter log)
      throws IOException {
    Objects.requireNonNull(options, "options");
    long t0 = System.nanoTime();
    FashionMnist data = FashionMnist.load(options.dataDir());
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    return new ImageExperiment(options, log).run(data.train(), data.test(), loadSeconds);
  }

  /**
   * Runs the experiment on given images.
   *
   * @param options the settings ({@code dataDir} is not read)
   * @param train training images (at least {@code trainImages})
   * @param test test images (at least {@code testImages})
   * @param log progress writer, or {@code null}
   * @return the results
   */
  public static ImageResults run(ImageExperimentOptions options, ImageSet train, ImageSet test,
      PrintWriter log) {
    Objects.requireNonNull(options, "options");
    return new ImageExperiment(options, log).run(train, test, 0);
  }

  /** A command-line entry point on writers, returning its exit code. */
  interface WriterCommand {
    /**
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    int run(PrintWriter out, PrintWriter err);
  }

  /**
   * Runs a command-line entry point on UTF-8 writers over two streams, flushing both at the end.
   *
   * @param out standard output stream
   * @param err standard error stream
   * @param command the entry point
   * @return its exit code
   */
  static int onStreams(PrintStream out, PrintStream err, WriterCommand command) {
    PrintWriter o = writer(out);
    PrintWriter e = writer(err);
    try {
      return command.run(o, e);
    } finally {
      o.flush();
      e.flush();
    }
  }

  /** An auto-flushing UTF-8 writer on a stream, or null. */
  static PrintWriter writer(PrintStream stream) {
    return stream == null ? null
        : new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  private void say(String s) {
    if (log != null) {
      log.println("[images] " + s);
      log.flush();
    }
  }

  private long seed(int offset) {
    return options.seed() + offset;
  }

  /** The rows, settings and stage times of one run of the pipeline on one training set. */
  private static final class Part {
    final List<ImageResults.Row> rows;
    final Map<String, String> settings;
    final Map<String, Double> stages;
    final CompressionResults compression;

    Part(List<ImageResults.Row> rows, Map<String, String> settings, Map<String, Double> stages,
        CompressionResults compression) {
      this.rows = rows;
      this.settings = settings;
      this.stages = stages;
      this.compression = compression;
    }
  }

  private ImageResults run(ImageSet trainAll, ImageSet testAll, double loadSeconds) {
    long start = System.nanoTime();
    double loadAtStart = loadAverage();
    ImageExperimentOptions o = options;
    if (trainAll.size() < o.trainImages() || testAll.size() < o.testImages()) {
      throw new IllegalArgumentException("ImageExperiment: need " + o.trainImages()
          + " training and " + o.testImages() + " test images, got " + trainAll.size() + " and "
          + testAll.size());
    }
    int sweepTrain = sweepTrainImages();
    boolean separateSweep = (!o.sweepComponents().isEmpty() || !o.matchedComponents().isEmpty()
        || o.normalizationComponents() > 0) && sweepTrain != o.trainImages();
    Part main = part(trainAll, testAll, o.trainImages(), o.validationImages(), true,
        !separateSweep, "");
    Map<String, Double> stages = new LinkedHashMap<>();
    stages.put("load data", loadSeconds);
    stages.putAll(main.stages);
    List<ImageResults.Row> rows = new ArrayList<>(main.rows);
    Map<String, String> settings = new LinkedHashMap<>(main.settings);
    if (separateSweep) {
      say("accuracy-versus-K sweep, normalisation and matched-dimension rows on the first "
          + sweepTrain + " training images");
      Part sweep = part(trainAll, testAll, sweepTrain, sweepValidationImages(), false, true,
          "sweep: ");
      rows.addAll(sweep.rows);
      for (Map.Entry<String, Double> e : sweep.stages.entrySet()) {
        stages.put("sweep: " + e.getKey(), e.getValue());
      }
      settings.put("sweep data", sweep.settings.get("data"));
      settings.put("sweep vocabulary fit times", sweep.settings.get("vocabulary fit times"));
    }
    stages.put("total", (System.nanoTime() - start) / 1e9 + loadSeconds);
    settings.put("machine load", machineLoad(loadAtStart));
    return new ImageResults(o, rows, settings, stages, main.compression);
  }

  /** @return the selected dense extractor of the options */
  static DenseDescriptorExtractor extractor(ImageExperimentOptions o) {
    return o.descriptor() == DescriptorKind.SIFT ? DenseSiftExtractor.of(o.sift())
        : RawPatchExtractor.of(o.patches());
  }

  /** @return the 1-minute system load average now */
  static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage();
  }

  /**
   * @param loadAtStart the load average at the start of a run
   * @return the report's "machine load" note: start and current load, processors
   */
  static String machineLoad(double loadAtStart) {
    return String.format(Locale.ROOT, "1-minute load average %.1f at the start and %.1f at the"
        + " end of the run, on %d processors (other processes share the machine; times scale"
        + " with it)", loadAtStart, loadAverage(), Runtime.getRuntime().availableProcessors());
  }

  /** @return training images of the sweep: {@code min(sweepTrainImages, trainImages)} */
  int sweepTrainImages() {
    return Math.min(options.sweepTrainImages(), options.trainImages());
  }

  /** @return validation images of the sweep, in the proportion of the main run (at least 1) */
  int sweepValidationImages() {
    int n = sweepTrainImages();
    long v = Math.round((double) options.validationImages() * n / options.trainImages());
    return (int) Math.max(1, Math.min(n - 1, v));
  }

  private Part part(ImageSet trainAll, ImageSet testAll, int trainImages, int validationImages,
      boolean ablation, boolean sweep, String label) {
    Map<String, Double> stages = new LinkedHashMap<>();
    ImageExperimentOptions o = options;
    ImageSet train = trainAll.head(trainImages);
    ImageSet test = testAll.head(o.testImages());
    int nVal = validationImages;
    int nFit = trainImages - nVal;
    int nTest = o.testImages();
    int rows = nFit + nVal + nTest;
    // split: a seeded permutation of the training images, validation first
    int[] perm = new NumpyRandom(seed(0)).permutation(trainImages);
    int[] valIdx = java.util.Arrays.copyOfRange(perm, 0, nVal);
    int[] fitIdx = java.util.Arrays.copyOfRange(perm, nVal, perm.length);
    int[] labels = new int[rows];
    for (int i = 0; i < nFit; i++) {
      labels[i] = train.label(fitIdx[i]);
    }
    for (int i = 0; i < nVal; i++) {
      labels[nFit + i] = train.label(valIdx[i]);
    }
    for (int i = 0; i < nTest; i++) {
      labels[nFit + nVal + i] = test.label(i);
    }
    say(String.format(Locale.ROOT, "%sFashion-MNIST: %d fit + %d validation training images, %d"
        + " test images; %s; %d threads", label, nFit, nVal, nTest, o.descriptorSummary(),
        o.threads()));

    // descriptors: sample, PCA, processed sample for the vocabularies
    long t = System.nanoTime();
    DenseDescriptorExtractor extractor = extractor(o);
    int height = train.height();
    int width = train.width();
    ImageSize size = new ImageSize(width, height);
    DenseDescriptors rawSample = DescriptorPipeline.sampleRaw(extractor, train, fitIdx,
        o.vocabularySamples(), o.vocabularyImages(), seed(1), o.threads());
    DescriptorPipeline pipeline = DescriptorPipeline.fit(extractor, rawSample.descriptors(),
        o.pcaComponents(), o.spatialAugmentation(), height, width, o.threads());
    Matrix sample = pipeline.process(rawSample.descriptors(), rawSample.positions());
    int d = pipeline.dimension();
    stages.put("descriptor sample + PCA", (System.nanoTime() - t) / 1e9);
    say(String.format(Locale.ROOT, "%d descriptors per image, D = %d -> PCA %d%s = d %d;"
        + " vocabulary sample %d x %d", pipeline.perImage(), extractor.dimension(),
        o.pcaComponents(), o.spatialAugmentation() == SpatialAugmentation.XY ? " + xy" : "", d,
        sample.rows(), sample.cols()));

    // the plan
    Map<Variant, Set<ImageResults.Role>> plan = plan(d, ablation, sweep);
    List<Variant> variants = new ArrayList<>(plan.keySet());

    // vocabularies
    t = System.nanoTime();
    TreeMap<Integer, GMMMachine> gmms = new TreeMap<>();
    TreeMap<Integer, KMeansMachine> kmeans = new TreeMap<>();
    for (Variant v : variants) {
      if (v.encoding().usesGmm()) {
        gmms.put(v.components(), null);
      } else {
        kmeans.put(v.components(), null);
      }
    }
    Map<String, Double> vocabularySeconds = new LinkedHashMap<>();
    for (int k : new ArrayList<>(gmms.keySet())) {
      long tk = System.nanoTime();
      gmms.put(k, fitGmm(k, sample));
      vocabularySeconds.put("GMM K=" + k, (System.nanoTime() - tk) / 1e9);
    }
    for (int k : new ArrayList<>(kmeans.keySet())) {
      long tk = System.nanoTime();
      kmeans.put(k, fitKMeans(k, sample));
      vocabularySeconds.put("k-means K=" + k, (System.nanoTime() - tk) / 1e9);
    }
    stages.put("vocabularies (" + gmms.size() + " GMMs, " + kmeans.size() + " k-means)",
        (System.nanoTime() - t) / 1e9);

    // jobs
    List<EncodingJob> jobs = jobs(variants, gmms, kmeans, rows);
    List<List<EncodingJob>> passes = passes(jobs);
    // encoding times on the first test images (validation images when there is no test set)
    ImageSet timingSet = nTest > 0 ? test : train;
    int[] timingIdx = new int[Math.min(o.timingImages(), nTest > 0 ? nTest : nVal)];
    for (int i = 0; i < timingIdx.length; i++) {
      timingIdx[i] = nTest > 0 ? i : valIdx[i];
    }
    Map<Variant, ImageResults.Row> results = new LinkedHashMap<>();
    Map<Variant, String> validationLog = new LinkedHashMap<>();
    double describeSeconds = 0;
    double describeTimingSeconds = 0;
    double encodeSeconds = 0;
    double classifySeconds = 0;
    double compressionSeconds = 0;
    CompressionResults compression = null;
    Variant compressed = ablation && !o.compression().isEmpty()
        ? new Variant(Encoding.FV_IMPROVED, o.components()) : null;
    for (int p = 0; p < passes.size(); p++) {
      List<EncodingJob> pass = passes.get(p);
      long floats = 0;
      for (EncodingJob j : pass) {
        j.allocate();
        floats += j.storedFloats();
      }
      say(String.format(Locale.ROOT, "%spass %d/%d: %s (%.2f GB of encodings)", label, p + 1,
          passes.size(), passVariants(pass), floats * 4 / 1e9));
      // encode every image: [fit | validation | test]
      try (ProgressBar bar = new ProgressBar(log, label + "encode pass " + (p + 1), rows)) {
        for (int first = 0; first < rows; first += BATCH_IMAGES) {
          int n = Math.min(BATCH_IMAGES, rows - first);
          long td = System.nanoTime();
          DescriptorPipeline.Batch batch = describeRows(pipeline, train, test, fitIdx, valIdx,
              nFit, nVal, first, n);
          describeSeconds += (System.nanoTime() - td) / 1e9;
          long te = System.nanoTime();
          for (EncodingJob j : pass) {
            j.encode(batch, size, first, o.threads());
          }
          encodeSeconds += (System.nanoTime() - te) / 1e9;
          bar.step(n);
        }
      }
      // single-thread timing of each variant's own encoder
      long tt = System.nanoTime();
      DescriptorPipeline.Batch timing = pipeline.describe(timingSet, timingIdx, 1);
      describeTimingSeconds = (System.nanoTime() - tt) / 1e9;
      Map<Variant, Double> encodeMs = new LinkedHashMap<>();
      for (EncodingJob j : pass) {
        for (Variant v : j.variants) {
          encodeMs.put(v, 1000 * j.timeEncoding(v, timing, size) / timingIdx.length);
        }
      }
      // classify
      long tc = System.nanoTime();
      VectorSource compressionSource = null;
      double compressionLambda = 0;
      try (ProgressBar bar = new ProgressBar(log, label + "SVMs pass " + (p + 1),
          passSize(pass))) {
        for (EncodingJob j : pass) {
          for (Variant v : j.variants) {
            VectorSource src = j.source(v, o.threads());
            LinearSvmSelection.Outcome out = LinearSvmSelection.run(src, nFit, nVal, labels,
                o.lambdas(), o.epochs(), o.averaging(), seed(4), o.threads());
            results.put(v, new ImageResults.Row(v, trainImages, src.dimension(),
                out.testAccuracy, out.bestValidationAccuracy(), out.lambda, encodeMs.get(v),
                out.searchSeconds, out.trainSeconds, plan.get(v)));
            validationLog.put(v, java.util.Arrays.toString(out.validationAccuracy));
            if (v.equals(compressed)) {
              compressionSource = src;
              compressionLambda = out.lambda;
            }
            bar.step(1);
          }
        }
      }
      classifySeconds += (System.nanoTime() - tc) / 1e9;
      if (compressionSource != null) {
        long tz = System.nanoTime();
        compression = new CompressionStudy(o, log).run(compressionSource, nFit, nVal, labels,
            o.components(), compressionLambda, seed(4));
        compressionSeconds = (System.nanoTime() - tz) / 1e9;
      }
      for (EncodingJob j : pass) {
        j.release();
        for (Variant v : j.variants) {
          ImageResults.Row r = results.get(v);
          say(String.format(Locale.ROOT, "%s%-40s dim %6d  test %.2f%%  (val %.2f%%, lambda' %.0e;"
              + " validation per lambda' %s; search %.1fs, train %.1fs)", label, v,
              r.dimension(), 100 * r.testAccuracy(), 100 * r.validationAccuracy(), r.lambda(),
              validationLog.get(v), r.searchSeconds(), r.trainSeconds()));
        }
      }
    }
    stages.put("descriptors for encoding (" + passes.size() + " pass" + (passes.size() > 1
        ? "es" : "") + ")", describeSeconds);
    stages.put("encoding (all variants)", encodeSeconds);
    stages.put("SVM selection + training (all variants)", classifySeconds);
    if (compression != null) {
      stages.put("compression study (codebooks, encoding, SVMs, search)", compressionSeconds);
    }
    List<ImageResults.Row> ordered = new ArrayList<>();
    for (Variant v : variants) {
      ordered.add(results.get(v));
    }
    Map<String, String> settings = settings(pipeline, d, vocabularySeconds,
        1000 * describeTimingSeconds / timingIdx.length, trainImages, nFit, nVal, nTest,
        passes.size());
    return new Part(ordered, settings, stages, compression);
  }

  private static int passSize(List<EncodingJob> pass) {
    int n = 0;
    for (EncodingJob j : pass) {
      n += j.variants.size();
    }
    return n;
  }

  private static String passVariants(List<EncodingJob> pass) {
    List<String> s = new ArrayList<>();
    for (EncodingJob j : pass) {
      for (Variant v : j.variants) {
        s.add(v.toString());
      }
    }
    return String.join(", ", s);
  }

  /** Rows [first, first + n) of the [fit | validation | test] order. */
  private DescriptorPipeline.Batch describeRows(DescriptorPipeline pipeline, ImageSet train,
      ImageSet test, int[] fitIdx, int[] valIdx, int nFit, int nVal, int first, int n) {
    // a batch never mixes the two image sets: split at the train/test boundary
    int nTrain = nFit + nVal;
    if (first < nTrain && first + n > nTrain) {
      DescriptorPipeline.Batch a = describeRows(pipeline, train, test, fitIdx, valIdx, nFit, nVal,
          first, nTrain - first);
      DescriptorPipeline.Batch b = describeRows(pipeline, train, test, fitIdx, valIdx, nFit, nVal,
          nTrain, first + n - nTrain);
      return concat(a, b);
    }
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      int r = first + i;
      idx[i] = r < nFit ? fitIdx[r] : r < nTrain ? valIdx[r - nFit] : r - nTrain;
    }
    return pipeline.describe(first < nTrain ? train : test, idx, options.threads());
  }

  private static DescriptorPipeline.Batch concat(DescriptorPipeline.Batch a,
      DescriptorPipeline.Batch b) {
    int d = a.descriptors.cols();
    double[] desc = new double[a.descriptors.data().length + b.descriptors.data().length];
    System.arraycopy(a.descriptors.data(), 0, desc, 0, a.descriptors.data().length);
    System.arraycopy(b.descriptors.data(), 0, desc, a.descriptors.data().length,
        b.descriptors.data().length);
    double[] pos = new double[a.positions.data().length + b.positions.data().length];
    System.arraycopy(a.positions.data(), 0, pos, 0, a.positions.data().length);
    System.arraycopy(b.positions.data(), 0, pos, a.positions.data().length,
        b.positions.data().length);
    int[] len = new int[a.lengths.length + b.lengths.length];
    System.arraycopy(a.lengths, 0, len, 0, a.lengths.length);
    System.arraycopy(b.lengths, 0, len, a.lengths.length, b.lengths.length);
    int n = a.descriptors.rows() + b.descriptors.rows();
    return new DescriptorPipeline.Batch(Matrix.wrap(n, d, desc), Matrix.wrap(n, 2, pos), len);
  }

  /** Every variant to measure, in table order, with the tables it belongs to. */
  Map<Variant, Set<ImageResults.Role>> plan(int d, boolean ablation, boolean sweep) {
    ImageExperimentOptions o = options;
    Map<Variant, Set<ImageResults.Role>> plan = new LinkedHashMap<>();
    if (ablation) {
      ablationPlan(plan, d);
    }
    if (sweep) {
      int kn = o.normalizationComponents();
      if (kn > 0) {
        for (Encoding e : new Encoding[] {Encoding.FV_IMPROVED, Encoding.FV_NO_POWER,
            Encoding.FV_NO_L2, Encoding.FV_PLAIN}) {
          add(plan, new Variant(e, kn), ImageResults.Role.NORMALIZATION);
        }
      }
      for (int m : o.matchedComponents()) {
        int words = 2 * m * d;
        add(plan, new Variant(Encoding.FV_IMPROVED, m), ImageResults.Role.MATCHED);
        add(plan, new Variant(Encoding.SOFT_BOV, words), ImageResults.Role.MATCHED);
        add(plan, new Variant(Encoding.HARD_BOV, words), ImageResults.Role.MATCHED);
      }
      for (int k : o.sweepComponents()) {
        add(plan, new Variant(Encoding.FV_IMPROVED, k), ImageResults.Role.SWEEP);
        add(plan, new Variant(Encoding.SOFT_BOV, k), ImageResults.Role.SWEEP);
        add(plan, new Variant(Encoding.HARD_BOV, k), ImageResults.Role.SWEEP);
      }
    }
    return plan;
  }

  private void ablationPlan(Map<Variant, Set<ImageResults.Role>> plan, int d) {
    ImageExperimentOptions o = options;
    for (Encoding e : Encoding.values()) {
      if (!o.encodings().contains(e)) {
        continue;
      }
      if (e == Encoding.FV_PYRAMID_2X2 || e == Encoding.FV_PYRAMID_3X1) {
        if (o.pyramidComponents() > 0) {
          add(plan, new Variant(Encoding.FV_IMPROVED, o.pyramidComponents()),
              ImageResults.Role.PYRAMID);
          add(plan, new Variant(e, o.pyramidComponents()), ImageResults.Role.PYRAMID);
        }
      } else {
        add(plan, new Variant(e, o.components()), ImageResults.Role.ABLATION);
      }
    }
  }

  private static void add(Map<Variant, Set<ImageResults.Role>> plan, Variant v,
      ImageResults.Role role) {
    plan.computeIfAbsent(v, x -> EnumSet.noneOf(ImageResults.Role.class)).add(role);
  }

  private static List<EncodingJob> jobs(List<Variant> variants, Map<Integer, GMMMachine> gmms,
      Map<Integer, KMeansMachine> kmeans, int rows) {
    Map<Integer, List<Variant>> fisher = new TreeMap<>();
    Map<Integer, Map<Variant, DescriptorEncoder>> direct = new TreeMap<>();
    List<EncodingJob> jobs = new ArrayList<>();
    for (Variant v : variants) {
      if (v.encoding().derivedFromFisher()) {
        fisher.computeIfAbsent(v.components(), k -> new ArrayList<>()).add(v);
      } else if (!v.encoding().usesGmm()) {
        direct.computeIfAbsent(v.components(), k -> new LinkedHashMap<>())
            .put(v, EncodingJob.Direct.words(v, kmeans.get(v.components())));
      }
    }
    for (Map.Entry<Integer, List<Variant>> e : fisher.entrySet()) {
      List<Variant> vs = e.getValue();
      if (vs.size() == 1 && vs.get(0).encoding() == Encoding.SOFT_BOV) {
        // no Fisher vector at this K: the bag-of-words encoder alone is cheaper
        direct.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(vs.get(0),
            BagOfWordsEncoder.of(gmms.get(e.getKey()), FisherDerivation.softBovOptions()));
      } else {
        jobs.add(new EncodingJob.Fisher(rows, vs, gmms.get(e.getKey())));
      }
    }
    for (Variant v : variants) {
      if (v.encoding() == Encoding.FV_PYRAMID_2X2 || v.encoding() == Encoding.FV_PYRAMID_3X1) {
        jobs.add(new EncodingJob.Pyramid(rows, v, gmms.get(v.components())));
      }
    }
    for (Map<Variant, DescriptorEncoder> e : direct.values()) {
      jobs.add(new EncodingJob.Direct(rows, e));
    }
    return jobs;
  }

  /**
   * Groups jobs into passes (first-fit decreasing) so that the stored encodings of a pass fit
   * in the heap left after a 1 GB reserve and room for the largest variant derived on the fly.
   */
  static List<List<EncodingJob>> passes(List<EncodingJob> jobs) {
    long materialised = 0;
    for (EncodingJob j : jobs) {
      if (j instanceof EncodingJob.Fisher) {
        materialised = Math.max(materialised, ((EncodingJob.Fisher) j).materialisedFloats());
      }
    }
    long budget = Math.max(64L << 20,
        (Runtime.getRuntime().maxMemory() - (1L << 30)) / 4 - materialised);
    List<List<EncodingJob>> passes = new ArrayList<>();
    List<Long> loads = new ArrayList<>();
    List<EncodingJob> sorted = new ArrayList<>(jobs);
    sorted.sort((a, b) -> Long.compare(b.storedFloats(), a.storedFloats()));
    for (EncodingJob j : sorted) {
      boolean placed = false;
      for (int p = 0; p < passes.size() && !placed; p++) {
        if (loads.get(p) + j.storedFloats() <= budget) {
          passes.get(p).add(j);
          loads.set(p, loads.get(p) + j.storedFloats());
          placed = true;
        }
      }
      if (!placed) {
        List<EncodingJob> pass = new ArrayList<>();
        pass.add(j);
        passes.add(pass);
        loads.add(j.storedFloats());
      }
    }
    return passes;
  }

  private GMMMachine fitGmm(int k, Matrix sample) {
    return fitGmm(options, k, sample, seed(2), log);
  }

  /**
   * The vocabulary GMM of every Fisher-vector experiment: EM on weights, means and variances
   * from a k-means++ initialisation, with the options' iterations, variance floor and threads.
   *
   * @param o the settings
   * @param k K
   * @param sample processed descriptors
   * @param seed seed of k-means++ and EM
   * @param log progress writer, or null
   * @return the fitted GMM
   */
  static GMMMachine fitGmm(ImageExperimentOptions o, int k, Matrix sample, long seed,
      PrintWriter log) {
    KMeansMachine init = KMeansMachine.builder(k).init(KMeansMachine.Init.KMEANS_PLUS_PLUS)
        .maxIterations(o.kmeansIterations()).seed(seed).parallelism(o.threads()).build();
    try (ProgressBar bar = new ProgressBar(log, "GMM K=" + k, o.gmmIterations())) {
      return GMMMachine.builder(k)
          .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
          .varianceFloor(VarianceFloor.scalar(o.varianceFloor())).maxIterations(o.gmmIterations())
          .convergenceThreshold(1e-4).init(GMMMachine.Init.KMEANS).kmeans(init).seed(seed)
          .parallelism(o.threads()).build().fit(sample, (it, obj) -> {
            bar.step(1);
            return true;
          });
    }
  }

  private KMeansMachine fitKMeans(int k, Matrix sample) {
    ImageExperimentOptions o = options;
    try (ProgressBar bar = new ProgressBar(log, "k-means K=" + k, o.kmeansIterations())) {
      return KMeansMachine.builder(k).init(KMeansMachine.Init.KMEANS_PLUS_PLUS)
          .maxIterations(o.kmeansIterations()).seed(seed(3)).parallelism(o.threads()).build()
          .fit(sample, (it, obj) -> {
            bar.step(1);
            return true;
          });
    }
  }

  private Map<String, String> settings(DescriptorPipeline pipeline, int d,
      Map<String, Double> vocabularySeconds, double describeMs, int trainImages, int nFit,
      int nVal, int nTest, int passes) {
    ImageExperimentOptions o = options;
    Map<String, String> s = new LinkedHashMap<>();
    s.put("data", "Fashion-MNIST (" + o.dataDir() + "): first " + trainImages
        + " training images (" + nFit + " fit + " + nVal + " validation, seeded random split),"
        + " first " + nTest + " test images");
    s.put("seed", Long.toString(o.seed()));
    s.put("threads", Integer.toString(o.threads()));
    s.put("descriptor", o.descriptorSummary() + "; " + pipeline.perImage() + " per image");
    s.put("PCA", "whitened, " + o.pcaComponents() + " of " + pipeline.pca().numFeatures()
        + " dimensions, " + String.format(Locale.ROOT, "%.1f", 100 * sum(
            pipeline.pca().explainedVarianceRatio())) + "% of the variance");
    s.put("spatial augmentation", o.spatialAugmentation() == SpatialAugmentation.XY
        ? "(2x/W-1, 2y/H-1) appended" : "none");
    s.put("descriptor dimension d", Integer.toString(d));
    s.put("vocabulary sample", o.vocabularySamples() + " descriptors from " + Math.min(
        o.vocabularyImages(), nFit) + " fit images (PCA, GMMs and k-means)");
    s.put("GMM", "diagonal, EM on weights+means+variances, k-means++ init (" + o.kmeansIterations()
        + " Lloyd iterations), at most " + o.gmmIterations() + " EM iterations, relative"
        + " tolerance 1e-4, variance floor " + o.varianceFloor());
    s.put("k-means", "k-means++ init, at most " + o.kmeansIterations() + " iterations");
    s.put("vocabulary fit times", format(vocabularySeconds));
    s.put("classifier", "one-vs-rest linear SVM (hinge), SGD 'optimal' schedule, " + o.epochs()
        + " epochs, averaging " + o.averaging() + ", seed " + seed(4) + "; lambda = lambda' x"
        + " mean squared norm of the fit encodings, lambda' from " + o.lambdas() + " by"
        + " validation accuracy, then refitted on all training images (fit + validation)");
    s.put("descriptor time", String.format(Locale.ROOT, "%.3f ms per image (extraction + PCA, one"
        + " thread)", describeMs));
    s.put("encode time", "per image, one thread, the variant's own fisher-module encoder on "
        + Math.min(o.timingImages(), nTest > 0 ? nTest : nVal)
        + (nTest > 0 ? " test" : " validation") + " images (descriptors excluded)");
    s.put("encoding passes", passes + " (the stored encodings of a pass must fit in the heap less"
        + " a 1 GB reserve and one derived variant; JVM max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB)");
    s.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        + ", " + Runtime.getRuntime().availableProcessors() + " processors");
    return s;
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  private static String format(Map<String, Double> seconds) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Double> e : seconds.entrySet()) {
      parts.add(String.format(Locale.ROOT, "%s %.1fs", e.getKey(), e.getValue()));
    }
    return String.join(", ", parts);
  }
}
