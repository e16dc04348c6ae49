package org.emkit.examples.images;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.emkit.features.image.DenseSiftOptions;
import org.emkit.features.image.RawPatchOptions;
import org.emkit.linear.SgdClassifier;

/**
 * The settings of the Fashion-MNIST Fisher-vector experiment ({@link ImageExperiment}).
 * Every setting is recorded beside the result tables.
 *
 * @param dataDir folder with the four Fashion-MNIST {@code *-ubyte.gz} files (default
 *     {@link FashionMnist#DEBIAN_DIR})
 * @param trainImages training images used, the first ones of the training file, in
 *     [2, 60000] (default 60000)
 * @param validationImages images carved (at random, seeded) from the training images to choose
 *     the SVM regularisation, in [1, trainImages − 1] (default 10000); the classifier is then
 *     refitted on all training images
 * @param testImages test images used, the first ones of the test file, in [0, 10000] (default
 *     10000); 0 runs model selection only (test accuracies are NaN, encoding times are measured
 *     on validation images)
 * @param descriptor the local descriptor (default SIFT)
 * @param sift dense SIFT options (default: patches 8, 12, 16 every 2 px, 4×4×8)
 * @param patches raw patch options (default 7×7 every pixel)
 * @param pcaComponents dimensions kept by the whitening PCA of the descriptors, ≥ 1
 *     (default 32)
 * @param spatialAugmentation whether (x, y) is appended after PCA (default XY)
 * @param vocabularySamples descriptors sampled from the fit split to fit the PCA, the GMMs and
 *     the k-means vocabularies, ≥ 1 (default 50000)
 * @param vocabularyImages fit images the descriptors are sampled from, ≥ 1 (default 5000)
 * @param gmmIterations maximum EM iterations of every GMM, ≥ 1 (default 25)
 * @param kmeansIterations maximum Lloyd iterations of every k-means (also the GMM
 *     initialisation), ≥ 1 (default 20)
 * @param varianceFloor absolute floor of the GMM variances (the descriptors are whitened, so
 *     it is relative to unit variance), &gt; 0 (default 1e-3)
 * @param components K of the ablation table, ≥ 1 (default 64)
 * @param encodings encodings of the ablation table at K (default all except the pyramids,
 *     which run at {@code pyramidComponents})
 * @param pyramidComponents K of the spatial-pyramid rows (0: no pyramid rows) (default 16)
 * @param matchedComponents for each value m, soft- and hard-BoV rows with as many words as
 *     the improved FV at K = m has dimensions (2·m·d), beside that FV; they run with the sweep
 *     (on {@code sweepTrainImages}) (default [4])
 * @param sweepComponents K values of the accuracy-versus-K sweep of FV, soft-BoV and hard BoV
 *     (default [16, 32, 64, 128, 256])
 * @param normalizationComponents K of a second power/L2 ablation (improved FV, no power, no L2,
 *     neither) run with the sweep, where the paper's normalisations matter more than at small
 *     K; 0 for none (default 256)
 * @param sweepTrainImages training images of the sweep and the matched-dimension rows, the
 *     first ones of the training file, in [2, 60000]; at most {@code trainImages} are used, and
 *     when fewer, the pipeline runs again on them (own PCA, vocabularies and validation split
 *     in the proportion of the main run) so that the largest encodings fit in memory and time
 *     (default 20000)
 * @param lambdas the SVM regularisation grid λ' searched on the validation split, each &gt; 0,
 *     relative to the mean squared norm of the encodings (see {@link ImageExperiment})
 *     (default [1e-5, 1e-6])
 * @param epochs SGD epochs, ≥ 1 (default 2)
 * @param averaging SGD iterate averaging (default ASGD: the average of the iterates of the
 *     second epoch)
 * @param timingImages test images encoded once more by each variant's encoder on one thread
 *     to measure the encoding time per image, ≥ 1 (default 500)
 * @param compression product-quantisation settings of the compression study of the improved
 *     FV at {@code components} (empty: no study) (default [])
 * @param compressionTrainingVectors non-zero blocks per Gaussian used to train each block's
 *     codebooks, ≥ 1 (default 10000)
 * @param searchQueries test images used as queries of the PQ search comparison (at most
 *     {@code testImages}), ≥ 1 (default 1000)
 * @param seed seed of the validation split, the descriptor sample, k-means and SGD, in
 *     [0, 2³² − 1 − 8] (default 0)
 * @param threads threads for extraction, encoding and training, ≥ 1 (default: available
 *     processors)
 */
public record ImageExperimentOptions(Path dataDir, int trainImages, int validationImages,
    int testImages, DescriptorKind descriptor, DenseSiftOptions sift, RawPatchOptions patches,
    int pcaComponents, SpatialAugmentation spatialAugmentation, int vocabularySamples,
    int vocabularyImages, int gmmIterations, int kmeansIterations, double varianceFloor,
    int components, Set<Encoding> encodings, int pyramidComponents,
    List<Integer> matchedComponents, List<Integer> sweepComponents, int normalizationComponents,
    int sweepTrainImages,
    List<Double> lambdas,
    int epochs, SgdClassifier.Averaging averaging, int timingImages,
    List<PqSetting> compression, int compressionTrainingVectors, int searchQueries, long seed,
    int threads) {

  private static final String OWNER = "ImageExperimentOptions";

  /**
   * Validates and copies.
   *
   * @param dataDir data folder
   * @param trainImages training images
   * @param validationImages validation images
   * @param testImages test images
   * @param descriptor descriptor kind
   * @param sift SIFT options
   * @param patches patch options
   * @param pcaComponents PCA dimensions
   * @param spatialAugmentation spatial augmentation
   * @param vocabularySamples sampled descriptors
   * @param vocabularyImages sampled images
   * @param gmmIterations EM iterations
   * @param kmeansIterations Lloyd iterations
   * @param varianceFloor GMM variance floor
   * @param components ablation K
   * @param encodings ablation encodings
   * @param pyramidComponents pyramid K
   * @param matchedComponents matched-dimension FV sizes
   * @param sweepComponents sweep K values
   * @param normalizationComponents K of the second normalisation ablation
   * @param sweepTrainImages sweep training images
   * @param lambdas regularisation grid
   * @param epochs SGD epochs
   * @param averaging SGD averaging
   * @param timingImages timing images
   * @param compression PQ settings of the compression study
   * @param compressionTrainingVectors codebook training blocks
   * @param searchQueries search queries
   * @param seed seed
   * @param threads threads
   */
  public ImageExperimentOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(sift, "sift");
    Objects.requireNonNull(patches, "patches");
    Objects.requireNonNull(spatialAugmentation, "spatialAugmentation");
    Objects.requireNonNull(encodings, "encodings");
    Objects.requireNonNull(averaging, "averaging");
    encodings = encodings.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(encodings));
    matchedComponents = List.copyOf(matchedComponents);
    sweepComponents = List.copyOf(sweepComponents);
    lambdas = List.copyOf(lambdas);
    compression = List.copyOf(compression);
    range("compressionTrainingVectors", compressionTrainingVectors, 1, Integer.MAX_VALUE);
    range("searchQueries", searchQueries, 1, Integer.MAX_VALUE);
    if (!compression.isEmpty() && !encodings.contains(Encoding.FV_IMPROVED)) {
      throw new IllegalArgumentException(OWNER + ": compression studies the improved FV at"
          + " components, so encodings must contain FV_IMPROVED, got " + encodings);
    }
    range("trainImages", trainImages, 2, 60000);
    range("validationImages", validationImages, 1, trainImages - 1);
    range("testImages", testImages, 0, 10000);
    range("sweepTrainImages", sweepTrainImages, 2, 60000);
    range("pcaComponents", pcaComponents, 1, Integer.MAX_VALUE);
    range("vocabularySamples", vocabularySamples, 1, Integer.MAX_VALUE);
    range("vocabularyImages", vocabularyImages, 1, Integer.MAX_VALUE);
    range("gmmIterations", gmmIterations, 1, Integer.MAX_VALUE);
    range("kmeansIterations", kmeansIterations, 1, Integer.MAX_VALUE);
    if (!(varianceFloor > 0) || Double.isInfinite(varianceFloor)) {
      throw new IllegalArgumentException(OWNER + ": varianceFloor must be in (0, inf), got "
          + varianceFloor);
    }
    range("components", components, 1, Integer.MAX_VALUE);
    range("pyramidComponents", pyramidComponents, 0, Integer.MAX_VALUE);
    range("normalizationComponents", normalizationComponents, 0, Integer.MAX_VALUE);
    for (int m : matchedComponents) {
      range("matchedComponents element", m, 1, Integer.MAX_VALUE);
    }
    for (int k : sweepComponents) {
      range("sweepComponents element", k, 1, Integer.MAX_VALUE);
    }
    if (lambdas.isEmpty()) {
      throw new IllegalArgumentException(OWNER + ": lambdas must contain at least 1 value, got []");
    }
    for (double l : lambdas) {
      if (!(l > 0) || Double.isInfinite(l)) {
        throw new IllegalArgumentException(OWNER + ": lambdas must each be in (0, inf), got "
            + lambdas);
      }
    }
    range("epochs", epochs, 1, Integer.MAX_VALUE);
    range("timingImages", timingImages, 1, Integer.MAX_VALUE);
    if (seed < 0 || seed > 0xFFFFFFFFL - 8) {
      throw new IllegalArgumentException(OWNER + ": seed must be in [0, 4294967287], got " + seed);
    }
    range("threads", threads, 1, Integer.MAX_VALUE);
  }

  private static void range(String name, int value, int lo, int hi) {
    if (value < lo || value > hi) {
      throw new IllegalArgumentException(OWNER + ": " + name + " must be in [" + lo + ", "
          + (hi == Integer.MAX_VALUE ? "inf)" : hi + "]") + ", got " + value);
    }
  }

  /** @return the default experiment (the documented full run) */
  public static ImageExperimentOptions defaults() {
    EnumSet<Encoding> ablation = EnumSet.allOf(Encoding.class);
    return new ImageExperimentOptions(FashionMnist.DEBIAN_DIR, 60000, 10000, 10000,
        DescriptorKind.SIFT, DenseSiftOptions.defaults(), RawPatchOptions.defaults(), 32,
        SpatialAugmentation.XY, 50_000, 5000, 25, 20, 1e-3, 64, ablation, 16, List.of(4),
        List.of(16, 32, 64, 128, 256), 256, 20000, List.of(1e-5, 1e-6), 2, SgdClassifier.Averaging.ASGD, 500, List.of(), 10000, 1000, 0,
        Runtime.getRuntime().availableProcessors());
  }

  /** @return a builder starting from {@link #defaults()} */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** @return a builder starting from these options */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** @return the stride and patch sizes of the selected descriptor, for reports */
  String descriptorSummary() {
    if (descriptor == DescriptorKind.SIFT) {
      return "dense SIFT-like " + sift.cells() + "×" + sift.cells() + "×" + sift.orientations()
          + ", patches " + sift.patchSizes() + " px, stride " + sift.stride() + ", padding "
          + sift.padding() + ", window σ = " + sift.windowFactor() + "·P, clip " + sift.clip();
    }
    return "raw " + patches.patchSize() + "×" + patches.patchSize() + " patches, stride "
        + patches.stride() + ", padding " + patches.padding();
  }

  /** Builder of {@link ImageExperimentOptions}; {@link #build()} validates. */
  public static final class Builder {
    private Path dataDir;
    private int trainImages;
    private int validationImages;
    private int testImages;
    private DescriptorKind descriptor;
    private DenseSiftOptions sift;
    private RawPatchOptions patches;
    private int pcaComponents;
    private SpatialAugmentation spatialAugmentation;
    private int vocabularySamples;
    private int vocabularyImages;
    private int gmmIterations;
    private int kmeansIterations;
    private double varianceFloor;
    private int components;
    private Set<Encoding> encodings;
    private int pyramidComponents;
    private List<Integer> matchedComponents;
    private List<Integer> sweepComponents;
    private int normalizationComponents;
    private int sweepTrainImages;
    private List<Double> lambdas;
    private int epochs;
    private SgdClassifier.Averaging averaging;
    private int timingImages;
    private List<PqSetting> compression;
    private int compressionTrainingVectors;
    private int searchQueries;
    private long seed;
    private int threads;

    private Builder(ImageExperimentOptions o) {
      dataDir = o.dataDir;
      trainImages = o.trainImages;
      validationImages = o.validationImages;
      testImages = o.testImages;
      descriptor = o.descriptor;
      sift = o.sift;
      patches = o.patches;
      pcaComponents = o.pcaComponents;
      spatialAugmentation = o.spatialAugmentation;
      vocabularySamples = o.vocabularySamples;
      vocabularyImages = o.vocabularyImages;
      gmmIterations = o.gmmIterations;
      kmeansIterations = o.kmeansIterations;
      varianceFloor = o.varianceFloor;
      components = o.components;
      encodings = o.encodings;
      pyramidComponents = o.pyramidComponents;
      matchedComponents = o.matchedComponents;
      sweepComponents = o.sweepComponents;
      normalizationComponents = o.normalizationComponents;
      sweepTrainImages = o.sweepTrainImages;
      lambdas = o.lambdas;
      epochs = o.epochs;
      averaging = o.averaging;
      timingImages = o.timingImages;
      compression = o.compression;
      compressionTrainingVectors = o.compressionTrainingVectors;
      searchQueries = o.searchQueries;
      seed = o.seed;
      threads = o.threads;
    }

    /**
     * @param dataDir folder of the Fashion-MNIST files (default /usr/share/datasets/fashion-mnist)
     * @return this
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /**
     * @param trainImages training images used (default 60000)
     * @return this
     */
    public Builder trainImages(int trainImages) {
      this.trainImages = trainImages;
      return this;
    }

    /**
     * @param validationImages validation images carved from them (default 10000)
     * @return this
     */
    public Builder validationImages(int validationImages) {
      this.validationImages = validationImages;
      return this;
    }

    /**
     * @param testImages test images used (default 10000)
     * @return this
     */
    public Builder testImages(int testImages) {
      this.testImages = testImages;
      return this;
    }

    /**
     * @param descriptor SIFT or PATCHES (default SIFT)
     * @return this
     */
    public Builder descriptor(DescriptorKind descriptor) {
      this.descriptor = descriptor;
      return this;
    }

    /**
     * @param sift dense SIFT options
     * @return this
     */
    public Builder sift(DenseSiftOptions sift) {
      this.sift = sift;
      return this;
    }

    /**
     * @param patches raw patch options
     * @return this
     */
    public Builder patches(RawPatchOptions patches) {
      this.patches = patches;
      return this;
    }

    /**
     * @param pcaComponents PCA dimensions (default 32)
     * @return this
     */
    public Builder pcaComponents(int pcaComponents) {
      this.pcaComponents = pcaComponents;
      return this;
    }

    /**
     * @param spatialAugmentation NONE or XY (default XY)
     * @return this
     */
    public Builder spatialAugmentation(SpatialAugmentation spatialAugmentation) {
      this.spatialAugmentation = spatialAugmentation;
      return this;
    }

    /**
     * @param vocabularySamples sampled descriptors (default 50000)
     * @return this
     */
    public Builder vocabularySamples(int vocabularySamples) {
      this.vocabularySamples = vocabularySamples;
      return this;
    }

    /**
     * @param vocabularyImages images sampled from (default 5000)
     * @return this
     */
    public Builder vocabularyImages(int vocabularyImages) {
      this.vocabularyImages = vocabularyImages;
      return this;
    }

    /**
     * @param gmmIterations maximum EM iterations (default 25)
     * @return this
     */
    public Builder gmmIterations(int gmmIterations) {
      this.gmmIterations = gmmIterations;
      return this;
    }

    /**
     * @param kmeansIterations maximum Lloyd iterations (default 20)
     * @return this
     */
    public Builder kmeansIterations(int kmeansIterations) {
      this.kmeansIterations = kmeansIterations;
      return this;
    }

    /**
     * @param varianceFloor GMM variance floor (default 1e-3)
     * @return this
     */
    public Builder varianceFloor(double varianceFloor) {
      this.varianceFloor = varianceFloor;
      return this;
    }

    /**
     * @param components ablation K (default 64)
     * @return this
     */
    public Builder components(int components) {
      this.components = components;
      return this;
    }

    /**
     * @param encodings ablation encodings (default: all of them)
     * @return this
     */
    public Builder encodings(Set<Encoding> encodings) {
      this.encodings = encodings;
      return this;
    }

    /**
     * @param pyramidComponents pyramid K, 0 for none (default 16)
     * @return this
     */
    public Builder pyramidComponents(int pyramidComponents) {
      this.pyramidComponents = pyramidComponents;
      return this;
    }

    /**
     * @param matchedComponents FV sizes whose dimension the matched BoV rows use (default [4])
     * @return this
     */
    public Builder matchedComponents(List<Integer> matchedComponents) {
      this.matchedComponents = new ArrayList<>(matchedComponents);
      return this;
    }

    /**
     * @param sweepComponents K values of the sweep (default [16, 32, 64, 128, 256])
     * @return this
     */
    public Builder sweepComponents(List<Integer> sweepComponents) {
      this.sweepComponents = new ArrayList<>(sweepComponents);
      return this;
    }

    /**
     * @param normalizationComponents K of the power/L2 ablation on the sweep images, 0 for none
     *     (default 256)
     * @return this
     */
    public Builder normalizationComponents(int normalizationComponents) {
      this.normalizationComponents = normalizationComponents;
      return this;
    }

    /**
     * @param sweepTrainImages training images of the sweep (default 20000)
     * @return this
     */
    public Builder sweepTrainImages(int sweepTrainImages) {
      this.sweepTrainImages = sweepTrainImages;
      return this;
    }

    /**
     * @param lambdas regularisation grid (default [1e-5, 1e-6])
     * @return this
     */
    public Builder lambdas(List<Double> lambdas) {
      this.lambdas = new ArrayList<>(lambdas);
      return this;
    }

    /**
     * @param epochs SGD epochs (default 2)
     * @return this
     */
    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /**
     * @param averaging SGD iterate averaging (default ASGD)
     * @return this
     */
    public Builder averaging(SgdClassifier.Averaging averaging) {
      this.averaging = averaging;
      return this;
    }

    /**
     * @param timingImages images for the single-thread timing (default 500)
     * @return this
     */
    public Builder timingImages(int timingImages) {
      this.timingImages = timingImages;
      return this;
    }

    /**
     * @param compression PQ settings of the compression study (default [], no study)
     * @return this
     */
    public Builder compression(List<PqSetting> compression) {
      this.compression = new ArrayList<>(compression);
      return this;
    }

    /**
     * @param compressionTrainingVectors codebook training blocks per Gaussian (default 10000)
     * @return this
     */
    public Builder compressionTrainingVectors(int compressionTrainingVectors) {
      this.compressionTrainingVectors = compressionTrainingVectors;
      return this;
    }

    /**
     * @param searchQueries queries of the PQ search comparison (default 1000)
     * @return this
     */
    public Builder searchQueries(int searchQueries) {
      this.searchQueries = searchQueries;
      return this;
    }

    /**
     * @param seed the seed (default 0)
     * @return this
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @param threads threads (default: available processors)
     * @return this
     */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** @return the validated options */
    public ImageExperimentOptions build() {
      return new ImageExperimentOptions(dataDir, trainImages, validationImages, testImages,
          descriptor, sift, patches, pcaComponents, spatialAugmentation, vocabularySamples,
          vocabularyImages, gmmIterations, kmeansIterations, varianceFloor, components, encodings,
          pyramidComponents, matchedComponents, sweepComponents, normalizationComponents,
          sweepTrainImages, lambdas, epochs,
          averaging,
          timingImages, compression, compressionTrainingVectors, searchQueries, seed, threads);
    }
  }
}
