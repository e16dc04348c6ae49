package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.emkit.core.DimensionMismatchException;
import org.emkit.features.image.IdxArray;
import org.emkit.features.image.IdxFormatException;
import org.emkit.features.image.IdxType;
import org.emkit.features.image.IdxWriter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSetTest {

  @TempDir
  Path dir;

  @Test
  void imagesAreRowMajorMatricesAndHeadKeepsTheFirstOnes() {
    double[] v = new double[3 * 2 * 2];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    ImageSet s = new ImageSet(IdxArray.of(IdxType.UNSIGNED_BYTE, new int[] {3, 2, 2}, v),
        new int[] {4, 0, 2});
    assertEquals(3, s.size());
    assertEquals(5, s.numClasses());
    assertArrayEquals(new double[] {4, 5, 6, 7}, s.image(1).data());
    ImageSet h = s.head(2);
    assertArrayEquals(new int[] {4, 0}, h.labels());
    assertArrayEquals(new double[] {4, 5, 6, 7}, h.image(1).data());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.head(4));
    assertEquals("ImageSet.head: count must be in [0, 3], got 4", e.getMessage());
    assertThrows(DimensionMismatchException.class, () -> new ImageSet(IdxArray.of(
        IdxType.UNSIGNED_BYTE, new int[] {3, 2, 2}, v), new int[] {1}));
    e = assertThrows(IllegalArgumentException.class, () -> new ImageSet(IdxArray.of(
        IdxType.UNSIGNED_BYTE, new int[] {1, 2, 2}, new double[4]), new int[] {-1}));
    assertEquals("ImageSet: labels[0] must be in [0, inf), got -1", e.getMessage());
  }

  @Test
  void loadingAMissingFolderSaysHowToInstall() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> FashionMnist.load(dir.resolve("nothing")));
    assertTrue(e.getMessage().contains("apt-get install") && e.getMessage().contains(
        "dataset-fashion-mnist"), e.getMessage());
  }

  @Test
  void inconsistentFilesAreTypedErrors() throws IOException {
    IdxWriter.write(dir.resolve(FashionMnist.TRAIN_IMAGES), IdxArray.of(IdxType.UNSIGNED_BYTE,
        new int[] {2, 2, 2}, new double[8]));
    IdxWriter.write(dir.resolve(FashionMnist.TRAIN_LABELS), IdxArray.of(IdxType.UNSIGNED_BYTE,
        new int[] {3}, new double[3]));
    Files.copy(dir.resolve(FashionMnist.TRAIN_IMAGES), dir.resolve(FashionMnist.TEST_IMAGES));
    Files.copy(dir.resolve(FashionMnist.TRAIN_LABELS), dir.resolve(FashionMnist.TEST_LABELS));
    assertTrue(FashionMnist.isAvailable(dir));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> FashionMnist.load(dir));
    assertTrue(e.getMessage().contains("2 images") && e.getMessage().contains("3 labels"),
        e.getMessage());
    IdxWriter.write(dir.resolve(FashionMnist.TRAIN_LABELS), IdxArray.of(IdxType.UNSIGNED_BYTE,
        new int[] {2}, new double[] {3, 10}));
    e = assertThrows(IdxFormatException.class, () -> FashionMnist.load(dir));
    assertTrue(e.getMessage().contains("label 1 must be in [0, 9], got 10"), e.getMessage());
  }

  @Test
  void readsTheDebianPackage() throws IOException {
    Assumptions.assumeTrue(FashionMnist.isAvailable(FashionMnist.DEBIAN_DIR),
        "dataset-fashion-mnist is not installed");
    FashionMnist data = FashionMnist.load(FashionMnist.DEBIAN_DIR);
    assertEquals(60000, data.train().size());
    assertEquals(10000, data.test().size());
    assertEquals(10, data.train().numClasses());
    // checked independently with Python (gzip + struct)
    assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5},
        java.util.Arrays.copyOf(data.train().labels(), 10));
    double sum = 0;
    for (double p : data.train().image(0).data()) {
      sum += p;
    }
    assertEquals(76247.0, sum);
    assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(9));
  }
}
