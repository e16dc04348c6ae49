package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import org.emkit.linear.SgdClassifier;
import org.junit.jupiter.api.Test;

class ImageExperimentOptionsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    ImageExperimentOptions d = ImageExperimentOptions.defaults();
    assertEquals(FashionMnist.DEBIAN_DIR, d.dataDir());
    assertEquals(60000, d.trainImages());
    assertEquals(10000, d.validationImages());
    assertEquals(10000, d.testImages());
    assertEquals(DescriptorKind.SIFT, d.descriptor());
    assertEquals(List.of(8, 12, 16), d.sift().patchSizes());
    assertEquals(7, d.patches().patchSize());
    assertEquals(32, d.pcaComponents());
    assertEquals(SpatialAugmentation.XY, d.spatialAugmentation());
    assertEquals(50000, d.vocabularySamples());
    assertEquals(5000, d.vocabularyImages());
    assertEquals(25, d.gmmIterations());
    assertEquals(20, d.kmeansIterations());
    assertEquals(1e-3, d.varianceFloor());
    assertEquals(64, d.components());
    assertEquals(EnumSet.allOf(Encoding.class), d.encodings());
    assertEquals(16, d.pyramidComponents());
    assertEquals(List.of(4), d.matchedComponents());
    assertEquals(List.of(16, 32, 64, 128, 256), d.sweepComponents());
    assertEquals(20000, d.sweepTrainImages());
    assertEquals(256, d.normalizationComponents());
    assertEquals(List.of(1e-5, 1e-6), d.lambdas());
    assertEquals(2, d.epochs());
    assertEquals(SgdClassifier.Averaging.ASGD, d.averaging());
    assertEquals(500, d.timingImages());
    assertEquals(0, d.seed());
    assertEquals(Runtime.getRuntime().availableProcessors(), d.threads());
  }

  @Test
  void invalidSettingsNameTheParameterAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageExperimentOptions.builder().validationImages(60000).build());
    assertEquals("ImageExperimentOptions: validationImages must be in [1, 59999], got 60000",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ImageExperimentOptions.builder().lambdas(List.of(1e-5, -1.0)).build());
    assertEquals("ImageExperimentOptions: lambdas must each be in (0, inf), got [1.0E-5, -1.0]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ImageExperimentOptions.builder().lambdas(List.of()).build());
    assertEquals("ImageExperimentOptions: lambdas must contain at least 1 value, got []",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ImageExperimentOptions.builder().varianceFloor(0).build());
    assertEquals("ImageExperimentOptions: varianceFloor must be in (0, inf), got 0.0",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ImageExperimentOptions.builder().sweepComponents(List.of(16, 0)).build());
    assertEquals("ImageExperimentOptions: sweepComponents element must be in [1, inf), got 0",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ImageExperimentOptions.builder().seed(-1).build());
    assertEquals("ImageExperimentOptions: seed must be in [0, 4294967287], got -1",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ImageExperimentOptions.builder().testImages(10001).build());
    assertEquals("ImageExperimentOptions: testImages must be in [0, 10000], got 10001",
        e.getMessage());
    assertThrows(NullPointerException.class,
        () -> ImageExperimentOptions.builder().averaging(null).build());
  }

  @Test
  void encodingDimensionsFollowThePaper() {
    assertEquals(2 * 64 * 34, Encoding.FV_IMPROVED.dimension(64, 34));
    assertEquals(64 * 34, Encoding.FV_MEANS.dimension(64, 34));
    assertEquals(64 * 69, Encoding.FV_WEIGHTS_MEANS_VARIANCES.dimension(64, 34));
    assertEquals(5 * 2 * 16 * 34, Encoding.FV_PYRAMID_2X2.dimension(16, 34));
    assertEquals(4 * 2 * 16 * 34, Encoding.FV_PYRAMID_3X1.dimension(16, 34));
    assertEquals(64, Encoding.SOFT_BOV.dimension(64, 34));
    assertEquals(64 * 34, Encoding.VLAD.dimension(64, 34));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Variant(Encoding.VLAD, 0));
    assertEquals("Variant: components must be in [1, inf), got 0", e.getMessage());
    assertEquals("VLAD, intra-norm. K=8", new Variant(Encoding.VLAD, 8).toString());
  }
}
