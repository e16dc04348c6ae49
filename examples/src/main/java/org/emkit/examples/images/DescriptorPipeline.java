package org.emkit.examples.images;

import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.core.internal.Parallel;
import org.emkit.core.random.NumpyRandom;
import org.emkit.features.image.DenseDescriptorExtractor;
import org.emkit.features.image.DenseDescriptors;
import org.emkit.features.image.DenseSiftExtractor;
import org.emkit.features.image.DenseSiftOptions;
import org.emkit.features.image.RawPatchExtractor;
import org.emkit.linear.PCA;

/**
 * Local descriptors of images as the encoders see them: dense extraction, PCA (whitened) to
 * {@code pcaComponents} dimensions, then optionally the patch centre appended as
 * \( (2x/W - 1, 2y/H - 1) \in [-1, 1]^2 \) ("spatial augmentation", Sánchez et al. 2012/2013).
 *
 * <p>Images are processed in parallel, each from its own pixels only, so batches are bitwise
 * identical for any thread count.
 */
final class DescriptorPipeline {

  /** Images per parallel chunk (fixed; only the scheduling depends on it). */
  private static final int CHUNK_IMAGES = 8;

  /** A batch of images' descriptors: N×d rows, N×2 patch centres (pixels), per-image counts. */
  static final class Batch {
    final Matrix descriptors;
    final Matrix positions;
    final int[] lengths;

    Batch(Matrix descriptors, Matrix positions, int[] lengths) {
      this.descriptors = descriptors;
      this.positions = positions;
      this.lengths = lengths;
    }
  }

  private final DenseDescriptorExtractor extractor;
  private final PCA pca;
  private final SpatialAugmentation augmentation;
  private final int height;
  private final int width;
  private final int perImage;
  private final int[] patchSides;

  private DescriptorPipeline(DenseDescriptorExtractor extractor, PCA pca,
      SpatialAugmentation augmentation, int height, int width) {
    this.extractor = extractor;
    this.pca = pca;
    this.augmentation = augmentation;
    this.height = height;
    this.width = width;
    this.perImage = extractor.count(height, width);
    this.patchSides = patchSides(extractor, height, width);
  }

  /**
   * Side in pixels of the square patch of each descriptor of one image, in extraction order: raw
   * patches have one size; dense SIFT lists every patch size in turn (scale, then grid row, then
   * grid column), so the counts per size follow from single-size extractors.
   */
  static int[] patchSides(DenseDescriptorExtractor extractor, int height, int width) {
    int[] sides = new int[extractor.count(height, width)];
    if (extractor instanceof DenseSiftExtractor) {
      DenseSiftOptions o = ((DenseSiftExtractor) extractor).options();
      int at = 0;
      for (int p : o.patchSizes()) {
        int n = DenseSiftExtractor.of(o.toBuilder().patchSizes(p).build()).count(height, width);
        java.util.Arrays.fill(sides, at, at + n, p);
        at += n;
      }
    } else if (extractor instanceof RawPatchExtractor) {
      java.util.Arrays.fill(sides, ((RawPatchExtractor) extractor).options().patchSize());
    } else {
      throw new IllegalArgumentException("DescriptorPipeline: receptive fields are known for"
          + " DenseSiftExtractor and RawPatchExtractor, got " + extractor.getClass().getName());
    }
    return sides;
  }

  /**
   * The receptive field of each descriptor of one image: the square patch it was computed from,
   * as {@code {x, y, width, height}} (left column, top row; may reach into the padding), the
   * rectangles {@link org.emkit.fisher.explain.Heatmap#render} takes.
   *
   * @param positions the image's descriptor centres, {@link #perImage()}×2, from
   *     {@link #describe} (rows {@code [from, from + perImage)} of a batch)
   * @param from first row of the image in {@code positions}
   * @return one rectangle per descriptor
   */
  int[][] receptiveFields(Matrix positions, int from) {
    int[][] out = new int[perImage][];
    for (int l = 0; l < perImage; l++) {
      int p = patchSides[l];
      out[l] = new int[] {(int) Math.round(positions.get(from + l, 0) - p / 2.0),
          (int) Math.round(positions.get(from + l, 1) - p / 2.0), p, p};
    }
    return out;
  }

  /**
   * Samples raw descriptors of training images: {@code samples} rows (fewer if the images hold
   * fewer), about
   * {@code ⌈samples / images⌉} random ones from each of up to {@code maxImages} random images.
   *
   * @param extractor the extractor
   * @param images the training images
   * @param candidates indices of the images that may be used (the fit split)
   * @param samples rows wanted
   * @param maxImages images to sample from
   * @param seed seed of the image and row choice
   * @param threads threads
   * @return the sampled raw descriptors and their positions (in image order)
   */
  static DenseDescriptors sampleRaw(DenseDescriptorExtractor extractor, ImageSet images,
      int[] candidates, int samples, int maxImages, long seed, int threads) {
    int perImage = extractor.count(images.height(), images.width());
    int nImages = Math.min(candidates.length, Math.max(maxImages, 1));
    int perPick = Math.min(perImage, (samples + nImages - 1) / nImages);
    NumpyRandom rng = new NumpyRandom(seed);
    int[] order = rng.permutation(candidates.length);
    int[] chosenImages = new int[nImages];
    int[][] chosenRows = new int[nImages][];
    for (int i = 0; i < nImages; i++) {
      chosenImages[i] = candidates[order[i]];
      int[] perm = rng.permutation(perImage);
      chosenRows[i] = java.util.Arrays.copyOf(perm, perPick);
      java.util.Arrays.sort(chosenRows[i]);
    }
    int d = extractor.dimension();
    double[] out = new double[nImages * perPick * d];
    double[] pos = new double[nImages * perPick * 2];
    Parallel.forEachChunk(nImages, CHUNK_IMAGES, threads, (from, to) -> {
      for (int i = from; i < to; i++) {
        DenseDescriptors dd = extractor.extract(images.image(chosenImages[i]));
        double[] src = dd.descriptors().data();
        double[] p = dd.positions().data();
        for (int r = 0; r < perPick; r++) {
          int row = chosenRows[i][r];
          System.arraycopy(src, row * d, out, (i * perPick + r) * d, d);
          pos[2 * (i * perPick + r)] = p[2 * row];
          pos[2 * (i * perPick + r) + 1] = p[2 * row + 1];
        }
      }
    });
    int n = Math.min(samples, nImages * perPick);
    return new DenseDescriptors(Matrix.wrap(n, d, java.util.Arrays.copyOf(out, n * d)),
        Matrix.wrap(n, 2, java.util.Arrays.copyOf(pos, n * 2)));
  }

  /**
   * Fits the PCA on raw descriptors.
   *
   * @return the pipeline
   */
  static DescriptorPipeline fit(DenseDescriptorExtractor extractor, Matrix rawSample,
      int pcaComponents, SpatialAugmentation augmentation, int height, int width, int threads) {
    PCA pca = PCA.builder(pcaComponents).scaling(PCA.Scaling.WHITEN).parallelism(threads).build()
        .fit(rawSample);
    return new DescriptorPipeline(extractor, pca, augmentation, height, width);
  }

  /** @return d, the dimension of the processed descriptors */
  int dimension() {
    return pca.numComponents() + (augmentation == SpatialAugmentation.XY ? 2 : 0);
  }

  /** @return descriptors per image */
  int perImage() {
    return perImage;
  }

  /** @return the fitted PCA */
  PCA pca() {
    return pca;
  }

  /** PCA and augmentation of raw descriptors with their positions (rows in place order). */
  Matrix process(Matrix raw, Matrix positions) {
    Matrix y = pca.transform(raw);
    if (augmentation == SpatialAugmentation.NONE) {
      return y;
    }
    int n = y.rows();
    int k = y.cols();
    double[] out = new double[n * (k + 2)];
    double[] src = y.data();
    double[] p = positions.data();
    for (int i = 0; i < n; i++) {
      System.arraycopy(src, i * k, out, i * (k + 2), k);
      out[i * (k + 2) + k] = 2 * p[2 * i] / width - 1;
      out[i * (k + 2) + k + 1] = 2 * p[2 * i + 1] / height - 1;
    }
    return Matrix.wrap(n, k + 2, out);
  }

  /**
   * Descriptors of some images, stacked in the given order.
   *
   * @param images the image set (all of size H×W)
   * @param indices which images
   * @param threads threads
   * @return the batch
   */
  Batch describe(ImageSet images, int[] indices, int threads) {
    Objects.requireNonNull(indices, "indices");
    if (images.height() != height || images.width() != width) {
      throw new IllegalArgumentException("DescriptorPipeline.describe: images are "
          + images.height() + "x" + images.width() + " but the pipeline was fitted on " + height
          + "x" + width);
    }
    int n = indices.length;
    int d = dimension();
    double[] desc = new double[n * perImage * d];
    double[] pos = new double[n * perImage * 2];
    Parallel.forEachChunk(n, CHUNK_IMAGES, threads, (from, to) -> {
      for (int i = from; i < to; i++) {
        DenseDescriptors raw = extractor.extract(images.image(indices[i]));
        Matrix y = process(raw.descriptors(), raw.positions());
        System.arraycopy(y.data(), 0, desc, i * perImage * d, perImage * d);
        System.arraycopy(raw.positions().data(), 0, pos, i * perImage * 2, perImage * 2);
      }
    });
    int[] lengths = new int[n];
    java.util.Arrays.fill(lengths, perImage);
    return new Batch(Matrix.wrap(n * perImage, d, desc), Matrix.wrap(n * perImage, 2, pos),
        lengths);
  }
}
