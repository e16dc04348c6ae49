package org.emkit.examples.images;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.emkit.core.Matrix;
import org.emkit.features.image.DenseDescriptors;
import org.emkit.features.image.DenseSiftExtractor;
import org.emkit.features.image.IdxArray;
import org.emkit.features.image.IdxType;
import org.emkit.features.image.RawPatchExtractor;
import org.emkit.features.image.RawPatchOptions;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class DescriptorPipelineTest {

  /** n random 12×12 images with integer intensities 0..255. */
  static ImageSet images(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[n * 144];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int k = 0; k < 144; k++) {
        v[i * 144 + k] = rng.nextInt(256);
      }
    }
    return new ImageSet(IdxArray.of(IdxType.UNSIGNED_BYTE, new int[] {n, 12, 12}, v), labels);
  }

  @Test
  void describeIsExtractionThenPcaThenNormalisedPositions() {
    ImageSet set = images(20, 1);
    RawPatchExtractor ex = RawPatchExtractor.of(new RawPatchOptions(4, 2, 0));
    int[] all = new int[20];
    for (int i = 0; i < 20; i++) {
      all[i] = i;
    }
    DenseDescriptors sample = DescriptorPipeline.sampleRaw(ex, set, all, 200, 10, 3, 1);
    assertEquals(200, sample.count());
    // 10 images hold only 250 descriptors: asking for 300 gives all of them
    assertEquals(250, DescriptorPipeline.sampleRaw(ex, set, all, 300, 10, 3, 1).count());
    DescriptorPipeline p = DescriptorPipeline.fit(ex, sample.descriptors(), 5,
        SpatialAugmentation.XY, 12, 12, 1);
    assertEquals(7, p.dimension());
    assertEquals(25, p.perImage());
    DescriptorPipeline.Batch b = p.describe(set, new int[] {4, 9}, 2);
    assertArrayEquals(new int[] {25, 25}, b.lengths);
    // oracle: extract image 9, project with the PCA, append (2x/W − 1, 2y/H − 1)
    DenseDescriptors d9 = ex.extract(set.image(9));
    Matrix y = p.pca().transform(d9.descriptors());
    for (int t = 0; t < 25; t++) {
      double[] expected = new double[7];
      System.arraycopy(y.row(t), 0, expected, 0, 5);
      expected[5] = 2 * d9.positions().get(t, 0) / 12 - 1;
      expected[6] = 2 * d9.positions().get(t, 1) / 12 - 1;
      assertAllClose(expected, b.descriptors.row(25 + t), Tolerance.EXACT);
      assertTrue(Math.abs(expected[5]) <= 1 && Math.abs(expected[6]) <= 1);
    }
    assertArrayEquals(d9.positions().data(), b.positions.rows(25, 50).data());
  }

  @Test
  void samplingAndDescriptionAreDeterministicAndThreadInvariant() {
    ImageSet set = images(30, 2);
    DenseSiftExtractor ex = DenseSiftExtractor.withDefaults();
    int[] candidates = {3, 5, 7, 11, 13, 17, 19, 23};
    DenseDescriptors a = DescriptorPipeline.sampleRaw(ex, set, candidates, 50, 4, 9, 1);
    DenseDescriptors b = DescriptorPipeline.sampleRaw(ex, set, candidates, 50, 4, 9, 3);
    assertArrayEquals(a.descriptors().data(), b.descriptors().data());
    assertArrayEquals(a.positions().data(), b.positions().data());
    DescriptorPipeline p = DescriptorPipeline.fit(ex, a.descriptors(), 8, SpatialAugmentation.NONE,
        12, 12, 1);
    assertEquals(8, p.dimension());
    int[] idx = {0, 29, 3};
    assertArrayEquals(p.describe(set, idx, 1).descriptors.data(),
        p.describe(set, idx, 2).descriptors.data());
  }

  @Test
  void sampledRowsComeFromTheCandidateImagesOnly() {
    ImageSet set = images(10, 4);
    RawPatchExtractor ex = RawPatchExtractor.of(new RawPatchOptions(12, 1, 0));
    // one patch per image = the whole image: each sampled row must equal a candidate image
    DenseDescriptors s = DescriptorPipeline.sampleRaw(ex, set, new int[] {2, 6}, 2, 5, 0, 1);
    assertEquals(2, s.count());
    for (int t = 0; t < 2; t++) {
      double[] row = s.descriptors().row(t);
      boolean fromCandidate = java.util.Arrays.equals(row, set.image(2).data())
          || java.util.Arrays.equals(row, set.image(6).data());
      assertTrue(fromCandidate);
    }
  }

  @Test
  void receptiveFieldsArePatchesOfEveryScaleCentredOnTheDescriptorPositions() {
    // dense SIFT on 28×28, patches 8, 12, 16 every 2 px: 11², 9², 7² patches, in scale order
    DenseSiftExtractor sift = DenseSiftExtractor.withDefaults();
    int[] sides = DescriptorPipeline.patchSides(sift, 28, 28);
    assertEquals(121 + 81 + 49, sides.length);
    assertEquals(8, sides[0]);
    assertEquals(8, sides[120]);
    assertEquals(12, sides[121]);
    assertEquals(12, sides[201]);
    assertEquals(16, sides[202]);
    assertEquals(16, sides[250]);
    ImageSet set = images(6, 2);
    int[] all = {0, 1, 2, 3, 4, 5};
    DenseSiftExtractor small = DenseSiftExtractor.of(sift.options().toBuilder().patchSizes(8, 12)
        .build());
    DenseDescriptors sample = DescriptorPipeline.sampleRaw(small, set, all, 40, 6, 1, 1);
    DescriptorPipeline p = DescriptorPipeline.fit(small, sample.descriptors(), 3,
        SpatialAugmentation.NONE, 12, 12, 1);
    DescriptorPipeline.Batch b = p.describe(set, new int[] {2, 5}, 1);
    int[][] fields = p.receptiveFields(b.positions, p.perImage());
    // 12×12: 3×3 patches of 8 px, then one of 12 px covering the whole image
    assertEquals(10, fields.length);
    assertArrayEquals(new int[] {0, 0, 8, 8}, fields[0]);
    assertArrayEquals(new int[] {4, 2, 8, 8}, fields[5]);
    assertArrayEquals(new int[] {0, 0, 12, 12}, fields[9]);
    for (int l = 0; l < fields.length; l++) {
      assertEquals(b.positions.get(p.perImage() + l, 0), fields[l][0] + fields[l][2] / 2.0);
      assertEquals(b.positions.get(p.perImage() + l, 1), fields[l][1] + fields[l][3] / 2.0);
    }
    assertArrayEquals(new int[] {4, 4, 4, 4},
        DescriptorPipeline.patchSides(RawPatchExtractor.of(new RawPatchOptions(4, 8, 0)), 12, 12));
  }
}
