package org.emkit.examples.images;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.features.image.IdxArray;

/**
 * Grey-level images of one size with integer class labels, kept as the bytes of an IDX
 * N×H×W unsigned-byte array (Fashion-MNIST's 60 000 training images take 47 MB).
 *
 * <p>Immutable and thread-safe.
 */
public final class ImageSet {

  private final IdxArray images;
  private final int[] labels;
  private final int height;
  private final int width;

  /**
   * @param images an N×H×W array (any IDX type; values are read as doubles)
   * @param labels N labels, each ≥ 0; copied
   * @throws DimensionMismatchException if the array is not rank 3 or the counts differ
   * @throws IllegalArgumentException if a label is negative
   */
  public ImageSet(IdxArray images, int[] labels) {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(labels, "labels");
    if (images.rank() != 3) {
      throw new DimensionMismatchException("ImageSet: images must have rank 3 (N×H×W), got shape "
          + Arrays.toString(images.shape()));
    }
    if (images.dimension(0) != labels.length) {
      throw new DimensionMismatchException("ImageSet: images has " + images.dimension(0)
          + " images but labels has " + labels.length + " entries");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("ImageSet: labels[" + i + "] must be in [0, inf), got "
            + labels[i]);
      }
    }
    this.images = images;
    this.labels = labels.clone();
    this.height = images.dimension(1);
    this.width = images.dimension(2);
  }

  /** @return N, the number of images */
  public int size() {
    return labels.length;
  }

  /** @return H */
  public int height() {
    return height;
  }

  /** @return W */
  public int width() {
    return width;
  }

  /**
   * @param i image index
   * @return image i as an H×W matrix of its stored values (0..255 for Fashion-MNIST)
   */
  public Matrix image(int i) {
    Objects.checkIndex(i, labels.length);
    double[] px = new double[height * width];
    images.copyTo(i * height * width, height * width, px, 0);
    return Matrix.wrap(height, width, px);
  }

  /**
   * @param i image index
   * @return its label
   */
  public int label(int i) {
    return labels[i];
  }

  /** @return a copy of all labels */
  public int[] labels() {
    return labels.clone();
  }

  /** @return the number of classes, 1 + the largest label (0 if empty) */
  public int numClasses() {
    int max = -1;
    for (int l : labels) {
      max = Math.max(max, l);
    }
    return max + 1;
  }

  /**
   * @param count number of leading images to keep, in [0, size]
   * @return the first {@code count} images
   */
  public ImageSet head(int count) {
    if (count < 0 || count > size()) {
      throw new IllegalArgumentException("ImageSet.head: count must be in [0, " + size()
          + "], got " + count);
    }
    if (count == size()) {
      return this;
    }
    double[] v = new double[count * height * width];
    images.copyTo(0, v.length, v, 0);
    return new ImageSet(IdxArray.of(images.type(), new int[] {count, height, width}, v),
        Arrays.copyOf(labels, count));
  }
}
