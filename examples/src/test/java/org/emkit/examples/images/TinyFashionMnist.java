package org.emkit.examples.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.emkit.features.image.IdxArray;
import org.emkit.features.image.IdxType;
import org.emkit.features.image.IdxWriter;

/**
 * A tiny synthetic data set in the Fashion-MNIST file layout for the examples' end-to-end tests:
 * 60 training and 30 test images of 12×12 pixels in 3 classes (horizontal, vertical and diagonal
 * intensity ramps plus seeded noise), written as the four gzip-compressed IDX files
 * {@link FashionMnist#load} reads.
 */
final class TinyFashionMnist {

  private TinyFashionMnist() {}

  /**
   * @param parent folder to create the data folder in
   * @return the data folder ({@code parent/data})
   * @throws IOException if a file cannot be written
   */
  static Path write(Path parent) throws IOException {
    SplittableRandom rng = new SplittableRandom(1);
    Path data = parent.resolve("data");
    Files.createDirectories(data);
    int[][] sizes = {{60, 0}, {30, 1}};
    for (int[] sz : sizes) {
      int n = sz[0];
      double[] px = new double[n * 144];
      double[] labels = new double[n];
      for (int i = 0; i < n; i++) {
        labels[i] = i % 3;
        for (int k = 0; k < 144; k++) {
          // class-dependent stripes plus noise
          int r = k / 12;
          int c = k % 12;
          double v = (labels[i] == 0 ? r : labels[i] == 1 ? c : r + c) * 10 + rng.nextInt(40);
          px[i * 144 + k] = Math.min(255, v);
        }
      }
      String images = sz[1] == 0 ? FashionMnist.TRAIN_IMAGES : FashionMnist.TEST_IMAGES;
      String lab = sz[1] == 0 ? FashionMnist.TRAIN_LABELS : FashionMnist.TEST_LABELS;
      IdxWriter.write(data.resolve(images), IdxArray.of(IdxType.UNSIGNED_BYTE,
          new int[] {n, 12, 12}, px));
      IdxWriter.write(data.resolve(lab), IdxArray.of(IdxType.UNSIGNED_BYTE, new int[] {n},
          labels));
    }
    return data;
  }
}
