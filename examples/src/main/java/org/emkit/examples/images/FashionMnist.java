package org.emkit.examples.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.emkit.features.image.IdxArray;
import org.emkit.features.image.IdxFormatException;
import org.emkit.features.image.IdxReader;
import org.emkit.features.image.IdxType;

/**
 * The Fashion-MNIST data set (Xiao et al. 2017): 60 000 training and 10 000 test images of
 * 28×28 grey pixels in 10 balanced classes of clothing, read from the four IDX files that the
 * Debian package {@code dataset-fashion-mnist} installs in {@link #DEBIAN_DIR}.
 *
 * <p>Install: {@code apt-get install --no-install-recommends dataset-fashion-mnist} (31 MB,
 * MIT licence, Zalando SE), or unpack the {@code .deb} anywhere with {@code dpkg-deb -x} and
 * point {@link #load(Path)} at its {@code usr/share/datasets/fashion-mnist} folder.
 */
public final class FashionMnist {

  /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
  public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  /** The class names, by label. */
  public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover",
      "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  /** The four file names (gzip-compressed IDX). */
  static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

  private final ImageSet train;
  private final ImageSet test;

  private FashionMnist(ImageSet train, ImageSet test) {
    this.train = train;
    this.test = test;
  }

  /**
   * @param dir folder holding the four {@code *-ubyte.gz} files
   * @return whether all four files exist there
   */
  public static boolean isAvailable(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return Files.isRegularFile(dir.resolve(TRAIN_IMAGES))
        && Files.isRegularFile(dir.resolve(TRAIN_LABELS))
        && Files.isRegularFile(dir.resolve(TEST_IMAGES))
        && Files.isRegularFile(dir.resolve(TEST_LABELS));
  }

  /**
   * Reads and validates the data set.
   *
   * @param dir folder holding the four {@code *-ubyte.gz} files
   * @return the training and test sets
   * @throws NoSuchFileException if a file is missing (the message says how to install it)
   * @throws IdxFormatException if a file is not a valid IDX file, the image and label counts
   *     differ, the images are not unsigned bytes of rank 3, or a label is outside 0..9
   * @throws IOException if a file cannot be read
   */
  public static FashionMnist load(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    return new FashionMnist(read(dir, TRAIN_IMAGES, TRAIN_LABELS),
        read(dir, TEST_IMAGES, TEST_LABELS));
  }

  private static ImageSet read(Path dir, String imageFile, String labelFile) throws IOException {
    Path ip = dir.resolve(imageFile);
    Path lp = dir.resolve(labelFile);
    for (Path p : List.of(ip, lp)) {
      if (!Files.isRegularFile(p)) {
        throw new NoSuchFileException(p.toString(), null, "Fashion-MNIST file missing; install"
            + " it with: apt-get install --no-install-recommends dataset-fashion-mnist");
      }
    }
    IdxArray images = IdxReader.read(ip, IdxType.UNSIGNED_BYTE, 3);
    IdxArray labels = IdxReader.read(lp, IdxType.UNSIGNED_BYTE, 1);
    if (images.dimension(0) != labels.dimension(0)) {
      throw new IdxFormatException(ip + " has " + images.dimension(0) + " images but " + lp
          + " has " + labels.dimension(0) + " labels; expected the same count");
    }
    int[] y = labels.toIntArray();
    for (int i = 0; i < y.length; i++) {
      if (y[i] >= CLASS_NAMES.size()) {
        throw new IdxFormatException(lp + ": label " + i + " must be in [0, 9], got " + y[i]);
      }
    }
    return new ImageSet(images, y);
  }

  /** @return the 60 000 training images */
  public ImageSet train() {
    return train;
  }

  /** @return the 10 000 test images */
  public ImageSet test() {
    return test;
  }
}
