package org.emkit.fisher;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMStats;

/**
 * Encodes a set of local descriptors with their image positions as the concatenation of the
 * encodings of the descriptors falling in each region of a {@link SpatialPyramid}.
 *
 * <p><b>Model.</b> For regions \( R_1..R_R \) and a base encoder \( \Phi \) (Fisher vector, VLAD
 * or bag of words), the encoding is \( [\Phi(X \cap R_1), \dots, \Phi(X \cap R_R)] \), where
 * each region's encoding is computed from that region's descriptors only (a Fisher vector of a
 * region divides by its own count \( T_r \)); a region without descriptors gives zeros.
 * The final L2 normalisation is applied per region, to the whole, or both
 * ({@link PyramidNormalization}).
 *
 * <p><b>Algorithm.</b> Statistics are additive, so the E-step runs once per descriptor, not once
 * per grid: the descriptors are sorted (stably) by the tuple of their cells in all grids (the
 * "atoms" of the common refinement of the grids), the shared E-step accumulates the statistics
 * of each atom, and each region's statistics are the merge of its atoms'; then the base
 * encoder's finishing step turns each region's statistics into its encoding. Each worker reuses
 * its sort keys, gathered rows and statistics across sets.
 *
 * <p><b>Shapes and layout.</b> Descriptors T×D; coordinates T×2 ({@code (x, y)} per row, in the
 * units of {@link ImageSize}); the encoding has R·L entries with region r at
 * {@code [r·L, (r+1)·L)}, L the base encoder's length, regions numbered as in
 * {@link SpatialPyramid}.
 *
 * <p><b>Parameters.</b> The base encoder (its options apply within every region; an EMPIRICAL
 * Fisher encoder applies its fitted statistics to every region) and the pyramid.
 *
 * <p><b>Reproducibility and threads.</b> Deterministic (the atom order depends only on the
 * positions and row indices); immutable and thread-safe; {@link #encodeSets} gives bitwise the
 * same rows for any {@code parallelism}. Region statistics are merged from atoms, so they may
 * differ from a direct accumulation over the region's rows by rounding.
 *
 * <p><b>Compatibility.</b> Regions follow the usual spatial-pyramid construction (Lazebnik et
 * al. 2006) as used for Fisher vectors by Sánchez et al. 2013; VLFeat has no pyramid encoder.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>S. Lazebnik, C. Schmid, J. Ponce, "Beyond Bags of Features: Spatial Pyramid Matching
 *       for Recognizing Natural Scene Categories", CVPR 2006.
 *       https://doi.org/10.1109/CVPR.2006.68
 *   <li>J. Sánchez, F. Perronnin, T. Mensink, J. Verbeek, "Image Classification with the Fisher
 *       Vector: Theory and Practice", IJCV 105(3), 2013.
 *       https://doi.org/10.1007/s11263-013-0636-x
 * </ol>
 *
 * @see SpatialPyramid
 * @see FisherVectorEncoder
 * @see VLADEncoder
 * @see BagOfWordsEncoder
 */
public final class SpatialPyramidEncoder {

  private static final String OWNER = "SpatialPyramidEncoder";

  private final SetEngine base;
  private final SpatialPyramid pyramid;
  private final int numRegions;
  private final int[] gridRows;
  private final int[] gridCols;
  private final int[] regionOffset; // first region of each grid
  private final long[] radix; // mixed-radix weight of each grid's cell in the atom key

  private SpatialPyramidEncoder(SetEngine base, SpatialPyramid pyramid) {
    this.base = base;
    this.pyramid = Objects.requireNonNull(pyramid, "pyramid");
    List<SpatialPyramid.Grid> grids = pyramid.grids();
    int g = grids.size();
    gridRows = new int[g];
    gridCols = new int[g];
    regionOffset = new int[g];
    radix = new long[g];
    int r = 0;
    long w = 1;
    for (int i = 0; i < g; i++) {
      gridRows[i] = grids.get(i).rows();
      gridCols[i] = grids.get(i).cols();
      regionOffset[i] = r;
      radix[i] = w;
      r += grids.get(i).cells();
      w *= grids.get(i).cells();
    }
    numRegions = r;
    Math.multiplyExact(numRegions, base.length());
  }

  /**
   * @param base a (fitted) Fisher-vector encoder
   * @param pyramid the pyramid
   * @return the pyramid encoder
   */
  public static SpatialPyramidEncoder of(FisherVectorEncoder base, SpatialPyramid pyramid) {
    return new SpatialPyramidEncoder(Objects.requireNonNull(base, "base").engine(), pyramid);
  }

  /**
   * @param base a VLAD encoder
   * @param pyramid the pyramid
   * @return the pyramid encoder
   */
  public static SpatialPyramidEncoder of(VLADEncoder base, SpatialPyramid pyramid) {
    return new SpatialPyramidEncoder(Objects.requireNonNull(base, "base").engine(), pyramid);
  }

  /**
   * @param base a bag-of-words encoder
   * @param pyramid the pyramid
   * @return the pyramid encoder
   */
  public static SpatialPyramidEncoder of(BagOfWordsEncoder base, SpatialPyramid pyramid) {
    return new SpatialPyramidEncoder(Objects.requireNonNull(base, "base").engine(), pyramid);
  }

  /** @return R·L, the encoding length */
  public int length() {
    return numRegions * base.length();
  }

  /** @return R */
  public int numRegions() {
    return numRegions;
  }

  /** @return L, the length of one region's encoding */
  public int regionLength() {
    return base.length();
  }

  /** @return D */
  public int numFeatures() {
    return base.numFeatures;
  }

  /** @return the pyramid */
  public SpatialPyramid pyramid() {
    return pyramid;
  }

  // ------------------------------------------------------------------------------------------
  // encoding

  /**
   * @param descriptors T×D, finite; not modified
   * @param coordinates T×2 positions (x, y) inside the image; not modified
   * @param size the image size
   * @return the encoding, length {@link #length()}
   * @throws DimensionMismatchException if the shapes disagree
   * @throws IllegalArgumentException for a non-finite descriptor or a position outside the image
   *     (row and column named)
   */
  public double[] encode(Matrix descriptors, Matrix coordinates, ImageSize size) {
    String owner = OWNER + ".encode";
    Objects.requireNonNull(size, "size");
    checkShapes(owner, descriptors, coordinates);
    int n = descriptors.rows();
    SetEngine.checkFinite(owner, descriptors, 0, n);
    checkPositions(owner, coordinates, 0, n, size);
    double[] out = new double[length()];
    encodeInto(descriptors, coordinates, 0, n, size, new Work(this), out, 0);
    return out;
  }

  /**
   * Encodes consecutive sets, each with its own image size.
   *
   * @param descriptors N×D, finite; not modified
   * @param coordinates N×2 positions; not modified
   * @param setLengths lengths of consecutive sets, summing to N
   * @param sizes one image size per set
   * @param parallelism threads, ≥ 1; results do not depend on it
   * @return S×{@link #length()}
   */
  public Matrix encodeSets(Matrix descriptors, Matrix coordinates, int[] setLengths,
      List<ImageSize> sizes, int parallelism) {
    String owner = OWNER + ".encodeSets";
    checkShapes(owner, descriptors, coordinates);
    Objects.requireNonNull(sizes, "sizes");
    int[] off = base.checkSets(owner, descriptors, setLengths, parallelism);
    if (sizes.size() != setLengths.length) {
      throw new DimensionMismatchException(owner + ": sizes has " + sizes.size()
          + " entries but setLengths has " + setLengths.length + " sets");
    }
    for (int s = 0; s < setLengths.length; s++) {
      ImageSize size = Objects.requireNonNull(sizes.get(s), "sizes element");
      checkPositions(owner, coordinates, off[s], off[s + 1], size);
    }
    int len = length();
    double[] out = new double[Math.multiplyExact(setLengths.length, len)];
    Batch.forEach(setLengths.length, parallelism, () -> new Work(this),
        (work, s) -> encodeInto(descriptors, coordinates, off[s], off[s + 1], sizes.get(s), work,
            out, s * len));
    return Matrix.wrap(setLengths.length, len, out);
  }

  private void checkShapes(String owner, Matrix descriptors, Matrix coordinates) {
    base.checkColumns(owner, descriptors);
    Objects.requireNonNull(coordinates, "coordinates");
    if (coordinates.cols() != 2 || coordinates.rows() != descriptors.rows()) {
      throw new DimensionMismatchException(owner + ": coordinates has shape "
          + coordinates.rows() + "x" + coordinates.cols() + " but must be " + descriptors.rows()
          + "x2 (one (x, y) per descriptor row)");
    }
  }

  private static void checkPositions(String owner, Matrix coordinates, int from, int to,
      ImageSize size) {
    double[] c = coordinates.data();
    for (int i = from; i < to; i++) {
      double x = c[2 * i];
      double y = c[2 * i + 1];
      if (!(x >= 0 && x <= size.width())) {
        throw new IllegalArgumentException(owner + ": coordinates[" + i + ", 0] = " + x
            + " is outside [0, " + size.width() + "] (the image width)");
      }
      if (!(y >= 0 && y <= size.height())) {
        throw new IllegalArgumentException(owner + ": coordinates[" + i + ", 1] = " + y
            + " is outside [0, " + size.height() + "] (the image height)");
      }
    }
  }

  /** Per-worker scratch, grown as needed and reused across sets. */
  private static final class Work {
    final GMMStats atom;
    final GMMStats[] regions;
    long[] keys = new long[0];
    double[] rows = new double[0];

    Work(SpatialPyramidEncoder p) {
      atom = p.base.newStats();
      regions = new GMMStats[p.numRegions];
      for (int r = 0; r < regions.length; r++) {
        regions[r] = p.base.newStats();
      }
    }
  }

  private void encodeInto(Matrix x, Matrix coordinates, int from, int to, ImageSize size,
      Work work, double[] out, int offset) {
    int t = to - from;
    int len = length();
    if (t == 0) {
      Arrays.fill(out, offset, offset + len, 0.0);
      return;
    }
    int d = base.numFeatures;
    if (work.keys.length < t) {
      work.keys = new long[Math.max(t, 2 * work.keys.length)];
      work.rows = new double[work.keys.length * d];
    }
    long[] keys = work.keys;
    double[] c = coordinates.data();
    double width = size.width();
    double height = size.height();
    // key = (Σ_g cell_g · radix_g) << 32 | local row: sorting groups rows by atom, stably
    for (int i = 0; i < t; i++) {
      double px = c[2 * (from + i)];
      double py = c[2 * (from + i) + 1];
      long atom = 0;
      for (int g = 0; g < gridRows.length; g++) {
        int col = Math.min(gridCols[g] - 1, (int) Math.floor(px * gridCols[g] / width));
        int row = Math.min(gridRows[g] - 1, (int) Math.floor(py * gridRows[g] / height));
        atom += (row * gridCols[g] + col) * radix[g];
      }
      keys[i] = (atom << 32) | i;
    }
    Arrays.sort(keys, 0, t);
    double[] src = x.data();
    double[] rows = work.rows;
    for (int p = 0; p < t; p++) {
      int i = (int) (keys[p] & 0xFFFFFFFFL);
      System.arraycopy(src, (from + i) * d, rows, p * d, d);
    }
    Matrix gathered = Matrix.wrap(rows.length / d, d, rows);
    for (GMMStats r : work.regions) {
      r.reset();
    }
    int p = 0;
    while (p < t) {
      long atom = keys[p] >>> 32;
      int q = p + 1;
      while (q < t && (keys[q] >>> 32) == atom) {
        q++;
      }
      work.atom.reset();
      base.accumulate(gathered, p, q, work.atom);
      for (int g = 0; g < gridRows.length; g++) {
        int cell = (int) ((atom / radix[g]) % (gridRows[g] * gridCols[g]));
        work.regions[regionOffset[g] + cell].merge(work.atom);
      }
      p = q;
    }
    int regionLen = base.length();
    PyramidNormalization norm = pyramid.normalization();
    boolean perRegionFinal = norm != PyramidNormalization.GLOBAL;
    for (int r = 0; r < numRegions; r++) {
      base.finisher.finish(work.regions[r], out, offset + r * regionLen, perRegionFinal);
    }
    if (norm == PyramidNormalization.GLOBAL) {
      base.finisher.finalNormalization().apply(out, offset, len);
    } else if (norm == PyramidNormalization.PER_REGION_AND_GLOBAL) {
      VectorNormalization.l2(out, offset, len);
    }
  }

  @Override
  public String toString() {
    return "SpatialPyramidEncoder[" + base.name + ", grids=" + pyramid.grids() + ", "
        + pyramid.normalization() + ", R=" + numRegions + ", length=" + length() + "]";
  }
}
