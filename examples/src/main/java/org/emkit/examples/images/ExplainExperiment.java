package org.emkit.examples.images;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.core.internal.Parallel;
import org.emkit.core.random.NumpyRandom;
import org.emkit.features.image.DenseDescriptors;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.explain.Decomposition;
import org.emkit.fisher.explain.FisherRelevance;
import org.emkit.fisher.explain.Heatmap;
import org.emkit.fisher.explain.ResamplingEvaluation;
import org.emkit.linear.SgdClassifier;
import org.emkit.mixture.GMMMachine;

/**
 * Explains a Fisher-vector image classifier on Fashion-MNIST by layer-wise relevance propagation
 * and evaluates the explanations by local feature resampling (Lapuschkin, Binder, Montavon,
 * Müller, Samek, CVPR 2016 and its supplement; Bach et al., PLOS ONE 2015), with the
 * {@code fisher.explain} package.
 *
 * <p><b>Pipeline.</b>
 *
 * <ol>
 *   <li>The classifier of the image experiment ({@link ImageExperiment}) at one K: dense
 *       descriptors, whitening PCA (+ xy), a GMM, improved Fisher vectors Φ (power 0.5 + L2),
 *       one-vs-rest linear SVMs \( f_c(x) = \langle w_c, \Phi(x)\rangle + b_c \) by SGD with λ
 *       chosen on a validation split, test accuracy on the first {@code testImages}.
 *   <li>Relevance for the <em>predicted</em> class c of a test image: \( R_d = w_{c,d}\Phi_d \)
 *       (the power and L2 normalisation count as part of the kernel, so Σ_d R_d = f_c − b_c; the
 *       bias is not attributed), distributed over the image's descriptors by the plain, ε and
 *       absolute rules ({@link Decomposition}), then over pixels: each descriptor's relevance
 *       spread uniformly over its square patch, all scales summed per pixel ({@link Heatmap}).
 *   <li>Heatmaps for the first {@code perClass} images of each class of a seeded test subset.
 *   <li>Resampling (Algorithm 1 of the supplement, {@link ResamplingEvaluation}) on the subset
 *       images classified correctly: descriptors are replaced by GMM samples in batches of
 *       {@code batchSize}, most relevant first for each rule and in a random order as the
 *       baseline, until all are replaced; f_c is recorded after each batch. The same replacement
 *       samples serve all four orders of an image (seed derived from the run's seed and the
 *       test index), so the orders differ only in which descriptor is replaced when.
 * </ol>
 *
 * <p><b>Reproducibility and threads.</b> Every random choice derives from {@code seed}; the
 * extraction, PCA, GMM, encodings and SGD are bitwise independent of the thread count (as in
 * {@link ImageExperiment}), and each evaluated image is computed on one thread from its own
 * descriptors, so every number except the times is the same for any {@code threads}.
 */
public final class ExplainExperiment {

  /** The decompositions and the baseline, in report order. */
  static final List<String> ORDERS = List.of("plain", "epsilon", "absolute", "random");

  private final ExplainOptions options;
  private final ImageExperimentOptions o;
  private final PrintWriter log;

  private ExplainExperiment(ExplainOptions options, PrintWriter log) {
    this.options = options;
    this.o = options.pipeline();
    this.log = log;
  }

  /**
   * Loads Fashion-MNIST from {@code options.pipeline().dataDir()} and runs the experiment.
   *
   * @param options the settings
   * @param log progress writer (stderr), or {@code null} for silence
   * @return the results
   * @throws IOException if the data cannot be read
   */
  public static ExplainResults run(ExplainOptions options, PrintWriter log) throws IOException {
    Objects.requireNonNull(options, "options");
    long t0 = System.nanoTime();
    FashionMnist data = FashionMnist.load(options.pipeline().dataDir());
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    return new ExplainExperiment(options, log).run(data.train(), data.test(), loadSeconds);
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
  public static ExplainResults run(ExplainOptions options, ImageSet train, ImageSet test,
      PrintWriter log) {
    Objects.requireNonNull(options, "options");
    return new ExplainExperiment(options, log).run(train, test, 0);
  }

  private void say(String s) {
    if (log != null) {
      log.println("[explain] " + s);
      log.flush();
    }
  }

  private long seed(int offset) {
    return o.seed() + offset;
  }

  private ExplainResults run(ImageSet trainAll, ImageSet testAll, double loadSeconds) {
    long start = System.nanoTime();
    double loadAtStart = ImageExperiment.loadAverage();
    if (trainAll.size() < o.trainImages() || testAll.size() < o.testImages()) {
      throw new IllegalArgumentException("ExplainExperiment: need " + o.trainImages()
          + " training and " + o.testImages() + " test images, got " + trainAll.size() + " and "
          + testAll.size());
    }
    Map<String, Double> stages = new LinkedHashMap<>();
    stages.put("load data", loadSeconds);
    ImageSet train = trainAll.head(o.trainImages());
    ImageSet test = testAll.head(o.testImages());
    int nVal = o.validationImages();
    int nFit = o.trainImages() - nVal;
    int nTest = o.testImages();
    int[] perm = new NumpyRandom(seed(0)).permutation(o.trainImages());
    int[] valIdx = Arrays.copyOfRange(perm, 0, nVal);
    int[] fitIdx = Arrays.copyOfRange(perm, nVal, perm.length);
    say(String.format(Locale.ROOT, "Fashion-MNIST: %d fit + %d validation training images, %d"
        + " test images; %s; K = %d; %d threads", nFit, nVal, nTest, o.descriptorSummary(),
        o.components(), o.threads()));

    // descriptors and vocabulary
    long t = System.nanoTime();
    DenseDescriptors rawSample = DescriptorPipeline.sampleRaw(ImageExperiment.extractor(o), train,
        fitIdx, o.vocabularySamples(), o.vocabularyImages(), seed(1), o.threads());
    DescriptorPipeline pipeline = DescriptorPipeline.fit(ImageExperiment.extractor(o),
        rawSample.descriptors(), o.pcaComponents(), o.spatialAugmentation(), train.height(),
        train.width(), o.threads());
    Matrix sample = pipeline.process(rawSample.descriptors(), rawSample.positions());
    stages.put("descriptor sample + PCA", (System.nanoTime() - t) / 1e9);
    t = System.nanoTime();
    GMMMachine gmm = ImageExperiment.fitGmm(o, o.components(), sample, seed(2), log);
    FisherVectorEncoder encoder = FisherVectorEncoder.improved(gmm);
    stages.put("GMM K=" + o.components(), (System.nanoTime() - t) / 1e9);

    // encodings [fit | validation | test] and the classifier
    t = System.nanoTime();
    int rows = nFit + nVal + nTest;
    FloatRows encodings = new FloatRows(rows, encoder.length());
    int[] labels = new int[rows];
    int[] testIdx = new int[nTest];
    for (int i = 0; i < nTest; i++) {
      testIdx[i] = i;
    }
    try (ProgressBar bar = new ProgressBar(log, "encode", rows)) {
      encode(pipeline, encoder, train, fitIdx, encodings, labels, 0, bar);
      encode(pipeline, encoder, train, valIdx, encodings, labels, nFit, bar);
      encode(pipeline, encoder, test, testIdx, encodings, labels, nFit + nVal, bar);
    }
    stages.put("descriptors + Fisher vectors (" + rows + " images)", (System.nanoTime() - t) / 1e9);
    t = System.nanoTime();
    LinearSvmSelection.Outcome svm = LinearSvmSelection.run(encodings, nFit, nVal, labels,
        o.lambdas(), o.epochs(), o.averaging(), seed(4), o.threads());
    stages.put("SVM selection + training", (System.nanoTime() - t) / 1e9);
    say(String.format(Locale.ROOT, "test accuracy %.2f%% on %d test images (lambda' %.0e)",
        100 * svm.testAccuracy, nTest, svm.lambda));

    // the subset: heatmap images and resampling images
    int[] subset = new NumpyRandom(seed(5)).choice(nTest, options.testSubset(), false);
    Arrays.sort(subset);
    int[] predicted = svm.testPredictions;
    t = System.nanoTime();
    List<ExplainResults.Explained> heatmaps = heatmaps(pipeline, encoder, svm.model, test,
        subset, predicted);
    stages.put("heatmaps (" + heatmaps.size() + " images)", (System.nanoTime() - t) / 1e9);
    List<Integer> correct = new ArrayList<>();
    for (int i : subset) {
      if (predicted[i] == test.label(i)) {
        correct.add(i);
      }
    }
    t = System.nanoTime();
    double[][][] traces = resample(pipeline, encoder, svm.model, test, correct);
    stages.put("resampling (" + correct.size() + " images x " + ORDERS.size() + " orders)",
        (System.nanoTime() - t) / 1e9);
    stages.put("total", (System.nanoTime() - start) / 1e9 + loadSeconds);

    Map<String, String> settings = settings(pipeline, encoder, svm, nFit, nVal, nTest);
    settings.put("machine load", ImageExperiment.machineLoad(loadAtStart));
    int[] evaluated = correct.stream().mapToInt(Integer::intValue).toArray();
    return new ExplainResults(options, svm.testAccuracy, pipeline.perImage(), test.height(),
        test.width(), heatmaps,
        evaluated, traces, settings, stages);
  }

  /** Describes and encodes images {@code indices} of {@code set} into rows from {@code first}. */
  private void encode(DescriptorPipeline pipeline, FisherVectorEncoder encoder, ImageSet set,
      int[] indices, FloatRows out, int[] labels, int first, ProgressBar bar) {
    for (int from = 0; from < indices.length; from += ImageExperiment.BATCH_IMAGES) {
      int[] idx = Arrays.copyOfRange(indices, from,
          Math.min(indices.length, from + ImageExperiment.BATCH_IMAGES));
      DescriptorPipeline.Batch batch = pipeline.describe(set, idx, o.threads());
      Matrix fv = encoder.encodeSets(batch.descriptors, batch.lengths, o.threads());
      for (int i = 0; i < idx.length; i++) {
        out.set(first + from + i, fv.data(), i * fv.cols());
        labels[first + from + i] = set.label(idx[i]);
      }
      bar.step(idx.length);
    }
  }

  /**
   * The explainer of one class's decision: \( f_c = \langle w_c, \Phi\rangle + b_c \). A binary
   * classifier (two classes) has one weight row for the second class; the first class's decision
   * is its negation.
   */
  static FisherRelevance explainer(FisherVectorEncoder encoder, SgdClassifier model, int label) {
    int[] classes = model.classes();
    Matrix w = model.weights();
    double[] b = model.biases();
    int k = Arrays.binarySearch(classes, label);
    if (k < 0) {
      throw new IllegalArgumentException("ExplainExperiment: label " + label
          + " is not a class of the model " + Arrays.toString(classes));
    }
    if (w.rows() == 1) {
      double sign = k == 1 ? 1 : -1;
      double[] row = w.row(0);
      for (int j = 0; j < row.length; j++) {
        row[j] *= sign;
      }
      return FisherRelevance.of(encoder, row, sign * b[0]);
    }
    return FisherRelevance.of(encoder, w.row(k), b[k]);
  }

  /** The decompositions of the report, in {@link #ORDERS} order (without the baseline). */
  private Decomposition[] rules() {
    return new Decomposition[] {Decomposition.PLAIN, Decomposition.epsilon(options.epsilon()),
        Decomposition.ABSOLUTE};
  }

  private List<ExplainResults.Explained> heatmaps(DescriptorPipeline pipeline,
      FisherVectorEncoder encoder, SgdClassifier model, ImageSet test, int[] subset,
      int[] predicted) {
    List<ExplainResults.Explained> out = new ArrayList<>();
    int classes = test.numClasses();
    for (int c = 0; c < classes; c++) {
      int taken = 0;
      for (int k = 0; k < subset.length && taken < options.perClass(); k++) {
        int i = subset[k];
        if (test.label(i) != c) {
          continue;
        }
        taken++;
        DescriptorPipeline.Batch batch = pipeline.describe(test, new int[] {i}, 1);
        FisherRelevance e = explainer(encoder, model, predicted[i]);
        double[] rd = e.dimensionRelevance(batch.descriptors);
        Matrix m = e.mappings(batch.descriptors);
        int[][] fields = pipeline.receptiveFields(batch.positions, 0);
        Decomposition[] rules = rules();
        double[][] maps = new double[rules.length][];
        for (int r = 0; r < rules.length; r++) {
          maps[r] = Heatmap.render(FisherRelevance.distribute(rd, m, rules[r]), fields,
              test.width(), test.height());
        }
        out.add(new ExplainResults.Explained(i, c, predicted[i],
            e.decision(encoder.encode(batch.descriptors)), test.image(i).data(), maps));
      }
    }
    return out;
  }

  /**
   * Seed of the replacement samples of test image {@code index}: derived from the run's seed,
   * the same for every order, different between images.
   */
  long replacementSeed(int index) {
    return (o.seed() * 1_000_003L + 7919L * (index + 1)) & 0xFFFFFFFFL;
  }

  /** Seed of the random baseline order of test image {@code index}. */
  long randomOrderSeed(int index) {
    return (replacementSeed(index) ^ 0x5DEECE66L) & 0xFFFFFFFFL;
  }

  /** @return traces[order][image][step], one trace per order and evaluated image */
  private double[][][] resample(DescriptorPipeline pipeline, FisherVectorEncoder encoder,
      SgdClassifier model, ImageSet test, List<Integer> images) {
    int n = images.size();
    double[][][] traces = new double[ORDERS.size()][n][];
    try (ProgressBar bar = new ProgressBar(log, "resampling", n)) {
      Parallel.forEachChunk(n, 1, o.threads(), (from, to) -> {
        for (int k = from; k < to; k++) {
          int i = images.get(k);
          DescriptorPipeline.Batch batch = pipeline.describe(test, new int[] {i}, 1);
          FisherRelevance e = explainer(encoder, model, test.label(i));
          double[] rd = e.dimensionRelevance(batch.descriptors);
          Matrix m = e.mappings(batch.descriptors);
          Decomposition[] rules = rules();
          long seed = replacementSeed(i);
          for (int r = 0; r < ORDERS.size(); r++) {
            int[] order = r < rules.length
                ? ResamplingEvaluation.mostRelevantFirst(FisherRelevance.distribute(rd, m, rules[r]))
                : ResamplingEvaluation.randomOrder(batch.descriptors.rows(), randomOrderSeed(i));
            traces[r][k] = ResamplingEvaluation.run(e, batch.descriptors, order,
                options.batchSize(), seed).decisions();
          }
          bar.step(1);
        }
      });
    }
    return traces;
  }

  private Map<String, String> settings(DescriptorPipeline pipeline, FisherVectorEncoder encoder,
      LinearSvmSelection.Outcome svm, int nFit, int nVal, int nTest) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("data", "Fashion-MNIST (" + o.dataDir() + "): first " + o.trainImages()
        + " training images (" + nFit + " fit + " + nVal + " validation, seeded random split),"
        + " first " + nTest + " test images");
    s.put("seed", Long.toString(o.seed()));
    s.put("threads", Integer.toString(o.threads()));
    s.put("descriptor", o.descriptorSummary() + "; " + pipeline.perImage() + " per image");
    s.put("PCA", "whitened, " + o.pcaComponents() + " of " + pipeline.pca().numFeatures()
        + " dimensions" + (o.spatialAugmentation() == SpatialAugmentation.XY
            ? ", then (2x/W-1, 2y/H-1) appended" : "") + "; d = " + pipeline.dimension());
    s.put("vocabulary", "diagonal GMM, K = " + o.components() + ", EM (at most "
        + o.gmmIterations() + " iterations) from k-means++ on " + o.vocabularySamples()
        + " descriptors of " + Math.min(o.vocabularyImages(), nFit) + " fit images");
    s.put("encoding", "improved Fisher vector (∇μ, ∇σ; power 0.5; L2), dimension "
        + encoder.length());
    s.put("classifier", "one-vs-rest linear SVM (hinge), SGD, " + o.epochs() + " epochs, averaging "
        + o.averaging() + "; lambda' " + svm.lambda + " chosen from " + o.lambdas()
        + " on the validation split, refitted on all training images");
    s.put("test accuracy", String.format(Locale.ROOT, "%.2f%% on the first %d test images",
        100 * svm.testAccuracy, nTest));
    s.put("relevance", "R_d = w_d Phi_d(x) of the predicted class (power + L2 normalisation"
        + " attributed to the kernel; sum_d R_d = f(x) - b, the bias not attributed)");
    s.put("decompositions", "plain; epsilon = " + options.epsilon() + " (Z_d + epsilon"
        + " sign(Z_d), not conserving); absolute (|m_d(l)|)");
    s.put("pixel maps", "each descriptor's relevance spread uniformly over its square patch,"
        + " all patch sizes summed per pixel");
    s.put("test subset", options.testSubset() + " test images drawn with seed " + seed(5)
        + "; heatmaps for the first " + options.perClass() + " of each class");
    s.put("resampling", "correctly classified subset images; batches of " + options.batchSize()
        + " of " + pipeline.perImage() + " descriptors replaced by GMM samples until all are"
        + " replaced; the same samples for the four orders of an image");
    s.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        + ", " + Runtime.getRuntime().availableProcessors() + " processors, max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
    return s;
  }
}
