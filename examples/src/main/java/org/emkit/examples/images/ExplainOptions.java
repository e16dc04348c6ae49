package org.emkit.examples.images;

import java.util.Objects;

/**
 * The settings of the Fisher-vector explanation experiment ({@link ExplainExperiment}).
 *
 * <p>The descriptor pipeline, the vocabulary, the classifier, the data sizes, K, the seed and the
 * threads are those of the image experiment ({@link ImageExperimentOptions}; only
 * {@code dataDir}, {@code trainImages}, {@code validationImages}, {@code testImages}, the
 * descriptor and PCA settings, {@code vocabularySamples}, {@code vocabularyImages},
 * {@code gmmIterations}, {@code kmeansIterations}, {@code varianceFloor}, {@code components},
 * {@code lambdas}, {@code epochs}, {@code averaging}, {@code seed} and {@code threads} are read);
 * the explanation adds the settings below.
 *
 * @param pipeline the image-experiment settings (see above)
 * @param testSubset test images drawn (seeded, without replacement) from the first
 *     {@code testImages}: the heatmap images are taken from them, and the correctly classified
 *     ones are evaluated by resampling; in [1, testImages] (default 200)
 * @param perClass heatmap images per true class, the first ones of that class in the subset, in
 *     [0, 100] (default 2)
 * @param batchSize descriptors replaced per resampling step, ≥ 1 (default 10)
 * @param epsilon ε of the stabilised decomposition, &gt; 0 (default 100, the paper's)
 */
public record ExplainOptions(ImageExperimentOptions pipeline, int testSubset, int perClass,
    int batchSize, double epsilon) {

  private static final String OWNER = "ExplainOptions";

  /** Default training images: enough for ~90% accuracy, small enough for minutes on 2 cores. */
  static final int DEFAULT_TRAIN_IMAGES = 20000;

  /** Default validation images carved from the training images to choose λ. */
  static final int DEFAULT_VALIDATION_IMAGES = 2000;

  /**
   * Validates.
   *
   * @param pipeline image-experiment settings
   * @param testSubset evaluated test images
   * @param perClass heatmap images per class
   * @param batchSize descriptors replaced per step
   * @param epsilon stabiliser of the ε rule
   */
  public ExplainOptions {
    Objects.requireNonNull(pipeline, "pipeline");
    if (pipeline.testImages() < 1) {
      throw new IllegalArgumentException(OWNER + ": testImages must be in [1, 10000], got "
          + pipeline.testImages());
    }
    if (testSubset < 1 || testSubset > pipeline.testImages()) {
      throw new IllegalArgumentException(OWNER + ": testSubset must be in [1, testImages = "
          + pipeline.testImages() + "], got " + testSubset);
    }
    if (perClass < 0 || perClass > 100) {
      throw new IllegalArgumentException(OWNER + ": perClass must be in [0, 100], got "
          + perClass);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(OWNER + ": batchSize must be in [1, inf), got "
          + batchSize);
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException(OWNER + ": epsilon must be in (0, inf), got " + epsilon);
    }
  }

  /**
   * @return the image-experiment settings this experiment starts from: 20000 training images
   *     (2000 of them for validation), all 10000 test images, otherwise the image experiment's
   *     defaults (dense SIFT-like, PCA 32 + xy, K = 64, improved FV, SGD linear SVM)
   */
  public static ImageExperimentOptions defaultPipeline() {
    return ImageExperimentOptions.builder().trainImages(DEFAULT_TRAIN_IMAGES)
        .validationImages(DEFAULT_VALIDATION_IMAGES).build();
  }

  /** @return the defaults: {@link #defaultPipeline()}, 200 test images, 2 per class, batch 10, ε 100 */
  public static ExplainOptions defaults() {
    return new ExplainOptions(defaultPipeline(), 200, 2, 10, 100.0);
  }
}
