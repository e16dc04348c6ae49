package org.emkit.features.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.junit.jupiter.api.Test;

class RawPatchExtractorTest {

  /** 4×5 image with value 10·row + column. */
  private static Matrix image() {
    double[] px = new double[20];
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 5; c++) {
        px[r * 5 + c] = 10 * r + c;
      }
    }
    return Matrix.wrap(4, 5, px);
  }

  @Test
  void copiesPatchesOnTheCentredGrid() {
    // P = 2, stride 2 on 4×5: rows start at 0, 2; columns: span 3, margin 1 → start 0 (1/2 = 0)
    RawPatchExtractor e = RawPatchExtractor.of(new RawPatchOptions(2, 2, 0));
    DenseDescriptors d = e.extract(image());
    assertEquals(4, e.dimension());
    assertEquals(4, d.count());
    assertArrayEquals(new double[] {0, 1, 10, 11}, d.descriptors().row(0));
    assertArrayEquals(new double[] {2, 3, 12, 13}, d.descriptors().row(1));
    assertArrayEquals(new double[] {20, 21, 30, 31}, d.descriptors().row(2));
    assertArrayEquals(new double[] {1, 1}, d.positions().row(0));
    assertArrayEquals(new double[] {3, 3}, d.positions().row(3));
  }

  @Test
  void paddingAddsZeroPixelsAndKeepsCentresInside() {
    RawPatchExtractor e = RawPatchExtractor.of(new RawPatchOptions(3, 1, 1));
    assertEquals(4 * 5, e.count(4, 5));
    DenseDescriptors d = e.extract(image());
    assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1, 0, 10, 11}, d.descriptors().row(0));
    assertArrayEquals(new double[] {0.5, 0.5}, d.positions().row(0));
    assertArrayEquals(new double[] {4.5, 3.5}, d.positions().row(19));
  }

  @Test
  void defaultsGive484PatchesOf49Pixels() {
    RawPatchExtractor e = RawPatchExtractor.of(RawPatchOptions.defaults());
    assertEquals(49, e.dimension());
    assertEquals(484, e.count(28, 28));
    DescriptorSets s = e.extractAll(List.of(image(), image()), 2);
    assertEquals(0, s.numDescriptors());
    assertArrayEquals(new int[] {0, 0}, s.setLengths());
  }

  @Test
  void batchEqualsSingleImagesForAnyThreadCount() {
    RawPatchExtractor e = RawPatchExtractor.of(new RawPatchOptions(2, 1, 0));
    Matrix a = image();
    Matrix b = image().transpose();
    DescriptorSets one = e.extractAll(List.of(a, b, a), 1);
    DescriptorSets two = e.extractAll(List.of(a, b, a), 2);
    assertArrayEquals(one.descriptors().data(), two.descriptors().data());
    assertArrayEquals(new int[] {12, 12, 12}, one.setLengths());
    assertArrayEquals(e.extract(b).descriptors().data(), one.descriptors().rows(12, 24).data());
  }

  @Test
  void optionErrorsNameTheParameter() {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> new RawPatchOptions(0, 1, 0));
    assertEquals("RawPatchOptions: patchSize must be in [1, inf), got 0", x.getMessage());
    x = assertThrows(IllegalArgumentException.class, () -> new RawPatchOptions(7, 0, 0));
    assertEquals("RawPatchOptions: stride must be in [1, inf), got 0", x.getMessage());
    x = assertThrows(IllegalArgumentException.class, () -> new RawPatchOptions(7, 1, 4));
    assertEquals("RawPatchOptions: padding must be in [0, 3] (half the patch), got 4",
        x.getMessage());
    assertThrows(DimensionMismatchException.class,
        () -> new DenseDescriptors(Matrix.zeros(3, 4), Matrix.zeros(2, 2)));
    assertThrows(DimensionMismatchException.class,
        () -> new DescriptorSets(Matrix.zeros(3, 4), Matrix.zeros(3, 2), new int[] {1, 1}));
    x = assertThrows(IllegalArgumentException.class,
        () -> new DescriptorSets(Matrix.zeros(0, 4), Matrix.zeros(0, 2), new int[] {1, -1}));
    assertEquals("DescriptorSets: setLengths[1] must be in [0, inf), got -1", x.getMessage());
  }
}
