package org.emkit.fisher.compress;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.internal.Parallel;
import org.emkit.core.random.NumpyRandom;
import org.emkit.core.validation.Check;
import org.emkit.linear.VectorSource;

/**
 * Compression of Fisher vectors by product quantisation with the per-Gaussian sparsity bit of
 * Sánchez et al. (IJCV 2013, §4.3): a Fisher vector in emkit's component-major layout is K
 * blocks of S values (one block per Gaussian); posterior thresholding makes many blocks exactly
 * zero. Each vector is stored as one bit per Gaussian ("block is non-zero") plus the product
 * quantiser codes of the non-zero blocks only.
 *
 * <p><b>Model.</b> One {@link ProductQuantizer} per block position k (its sub-vectors of G
 * dimensions never straddle two Gaussians), trained on the non-zero blocks of the training
 * vectors at that position. When G does not divide S, each block is padded with zeros to
 * {@code P = ceil(S/G)·G} values before quantisation (k-means keeps the padded coordinates of
 * every centroid at exactly 0, so distances are unchanged) and the padding is dropped on decode.
 * Decoding writes zeros for the blocks whose bit is 0 and the decoded block otherwise; optional
 * {@link Renormalization#L2} rescales the decoded vector to unit norm (the encoded Fisher vectors
 * are L2-normalised, their PQ reconstructions slightly shorter).
 *
 * <p><b>Training.</b> For block k, the non-zero blocks of the training vectors are collected; if
 * there are more than the template's {@code maxTrainingVectors}, that many are drawn without
 * replacement with a {@code NumpyRandom} seeded {@code seed + k}. Blocks are trained in
 * parallel (the template's {@code parallelism}), each quantiser single-threaded, so the codec is
 * bitwise identical for any thread count.
 *
 * <p><b>Code layout.</b> {@code ceil(K/8)} bytes of flags (bit k of the code, little-endian
 * within bytes, is 1 if block k is non-zero), then, for each non-zero block in increasing k, its
 * product-quantiser code of {@code ceil(ceil(S/G)·b·G / 8)} bytes. A float32 vector takes
 * {@code 4·K·S} bytes.
 *
 * <p><b>Search.</b> {@link #distanceTable} and {@link #adcDistance} give the asymmetric squared
 * distance from a query to the decoded vector without decoding it: for a zero block, the
 * squared norm of the query's block; otherwise the product quantiser's table sum. It ignores
 * {@link Renormalization} (it is the distance to the reconstruction before rescaling).
 *
 * <p>Immutable and thread-safe once fitted.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>J. Sánchez, F. Perronnin, T. Mensink, J. Verbeek, "Image classification with the Fisher
 *       vector: theory and practice", IJCV 105, 2013, §4–5.
 *       https://doi.org/10.1007/s11263-013-0636-x
 *   <li>H. Jégou, M. Douze, C. Schmid, "Product quantization for nearest neighbor search", IEEE
 *       TPAMI 33(1), 2011. https://doi.org/10.1109/TPAMI.2010.57
 * </ol>
 *
 * @see ProductQuantizer
 */
public final class SparseFisherCodec {

  /** Whether decoded vectors are rescaled. */
  public enum Renormalization {
    /** Decoded vectors as reconstructed. */
    NONE,
    /** Decoded vectors rescaled to unit Euclidean norm (zero vectors stay zero). */
    L2
  }

  private static final String OWNER = "SparseFisherCodec";

  private final int numBlocks;
  private final int blockLength;
  private final int paddedLength;
  private final ProductQuantizer[] quantizers;
  private final Renormalization renormalization;

  private SparseFisherCodec(int numBlocks, int blockLength, ProductQuantizer[] quantizers,
      Renormalization renormalization) {
    this.numBlocks = numBlocks;
    this.blockLength = blockLength;
    this.paddedLength = quantizers[0].length();
    this.quantizers = quantizers;
    this.renormalization = renormalization;
  }

  /** @return {@code ceil(s/g)·g} */
  private static int padded(int s, int g) {
    return (s + g - 1) / g * g;
  }

  /**
   * Trains one product quantiser per block on the non-zero blocks of the training vectors.
   *
   * @param training N×(K·S) Fisher vectors in the EMKIT layout, N ≥ 1; read twice
   * @param numBlocks K (the number of Gaussians), ≥ 1, dividing the vector length
   * @param template an unfitted {@link ProductQuantizer} giving G, b and the training settings
   * @param renormalization what {@link #decode} does after decoding
   * @return the fitted codec
   * @throws IllegalArgumentException if there are no training vectors, a value is not finite, or
   *     a block is non-zero in fewer training vectors than the quantiser has centroids
   * @throws DimensionMismatchException if K does not divide the vector length
   */
  public static SparseFisherCodec fit(VectorSource training, int numBlocks, ProductQuantizer template,
      Renormalization renormalization) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(renormalization, "renormalization");
    Check.atLeast(owner, "numBlocks", numBlocks, 1);
    int n = training.size();
    if (n == 0) {
      throw new IllegalArgumentException(owner + ": training must have at least 1 vector, got 0");
    }
    int len = training.dimension();
    if (len % numBlocks != 0) {
      throw new DimensionMismatchException(owner + ": vector length " + len
          + " is not a multiple of numBlocks = " + numBlocks);
    }
    int s = len / numBlocks;
    int p = padded(s, template.subvectorLength());
    // pass 1: which training vectors have block k non-zero
    int[][] rows = nonZeroRows(training, numBlocks, s, owner);
    int centroids = template.numCentroids();
    int[][] chosen = new int[numBlocks][];
    for (int k = 0; k < numBlocks; k++) {
      int count = rows[k].length;
      if (count < centroids) {
        throw new IllegalArgumentException(owner + ": block " + k + " is non-zero in only "
            + count + " training vectors but its quantiser needs at least 2^(b*G) = "
            + centroids + "; use fewer bits, more training vectors or a lower posterior"
            + " threshold");
      }
      int used = Math.min(count, template.maxTrainingVectors());
      if (used == count) {
        chosen[k] = rows[k];
      } else {
        int[] pick = new NumpyRandom((template.seed() + k) & 0xFFFFFFFFL).choice(count, used,
            false);
        Arrays.sort(pick);
        chosen[k] = new int[used];
        for (int i = 0; i < used; i++) {
          chosen[k][i] = rows[k][pick[i]];
        }
      }
    }
    // pass 2: gather the chosen blocks, zero-padded to P values
    double[][] flat = new double[numBlocks][];
    int[] filled = new int[numBlocks];
    for (int k = 0; k < numBlocks; k++) {
      flat[k] = new double[chosen[k].length * p];
    }
    double[] buf = new double[len];
    int[] next = new int[numBlocks];
    for (int i = 0; i < n; i++) {
      boolean wanted = false;
      for (int k = 0; k < numBlocks && !wanted; k++) {
        wanted = next[k] < chosen[k].length && chosen[k][next[k]] == i;
      }
      if (!wanted) {
        continue;
      }
      training.get(i, buf);
      for (int k = 0; k < numBlocks; k++) {
        if (next[k] < chosen[k].length && chosen[k][next[k]] == i) {
          System.arraycopy(buf, k * s, flat[k], filled[k] * p, s);
          filled[k]++;
          next[k]++;
        }
      }
    }
    ProductQuantizer single = template.toBuilder().parallelism(1).build();
    ProductQuantizer[] q = new ProductQuantizer[numBlocks];
    Parallel.forEachChunk(numBlocks, 1, template.parallelism(), (from, to) -> {
      for (int k = from; k < to; k++) {
        q[k] = single.fit(Matrix.wrap(chosen[k].length, p, flat[k]));
      }
    });
    return new SparseFisherCodec(numBlocks, s, q, renormalization);
  }

  /** For each block, the increasing indices of the vectors whose block is non-zero. */
  private static int[][] nonZeroRows(VectorSource training, int numBlocks, int s, String owner) {
    int n = training.size();
    int len = numBlocks * s;
    int[][] rows = new int[numBlocks][n];
    int[] count = new int[numBlocks];
    double[] buf = new double[len];
    for (int i = 0; i < n; i++) {
      training.get(i, buf);
      for (int j = 0; j < len; j++) {
        if (!Double.isFinite(buf[j])) {
          throw new IllegalArgumentException(owner + ": training[" + i + ", " + j + "] is "
              + buf[j] + "; inputs must be finite");
        }
      }
      for (int k = 0; k < numBlocks; k++) {
        if (!isZero(buf, k * s, s)) {
          rows[k][count[k]++] = i;
        }
      }
    }
    for (int k = 0; k < numBlocks; k++) {
      rows[k] = Arrays.copyOf(rows[k], count[k]);
    }
    return rows;
  }

  /**
   * A fitted codec from stored quantisers (for a model read back from a file).
   *
   * @param numBlocks K ≥ 1
   * @param blockLength S ≥ 1
   * @param quantizers K fitted quantisers with the same G and b, each of length
   *     {@code ceil(S/G)·G}; not copied (they are immutable)
   * @param renormalization what {@link #decode} does after decoding
   * @return the codec
   * @throws IllegalArgumentException if a quantiser is unfitted or their settings differ
   * @throws DimensionMismatchException if the number or length of the quantisers is wrong
   */
  public static SparseFisherCodec fromQuantizers(int numBlocks, int blockLength,
      ProductQuantizer[] quantizers, Renormalization renormalization) {
    String owner = OWNER + ".fromQuantizers";
    Objects.requireNonNull(quantizers, "quantizers");
    Objects.requireNonNull(renormalization, "renormalization");
    Check.atLeast(owner, "numBlocks", numBlocks, 1);
    Check.atLeast(owner, "blockLength", blockLength, 1);
    if (quantizers.length != numBlocks) {
      throw new DimensionMismatchException(owner + ": quantizers has " + quantizers.length
          + " entries but numBlocks = " + numBlocks);
    }
    ProductQuantizer[] copy = quantizers.clone();
    for (int k = 0; k < numBlocks; k++) {
      ProductQuantizer q = Objects.requireNonNull(copy[k], "quantizers[" + k + "]");
      if (!q.isFitted()) {
        throw new IllegalArgumentException(owner + ": quantizers[" + k + "] must be fitted");
      }
      if (q.subvectorLength() != copy[0].subvectorLength()
          || q.bitsPerDimension() != copy[0].bitsPerDimension()) {
        throw new IllegalArgumentException(owner + ": quantizers[" + k + "] has G = "
            + q.subvectorLength() + ", b = " + q.bitsPerDimension() + " but quantizers[0] has G = "
            + copy[0].subvectorLength() + ", b = " + copy[0].bitsPerDimension());
      }
      int p = padded(blockLength, q.subvectorLength());
      if (q.length() != p) {
        throw new DimensionMismatchException(owner + ": quantizers[" + k + "] has length "
            + q.length() + " but blockLength " + blockLength + " padded to a multiple of G = "
            + q.subvectorLength() + " is " + p);
      }
    }
    return new SparseFisherCodec(numBlocks, blockLength, copy, renormalization);
  }

  /**
   * @param renormalization the decoding rule of the copy
   * @return this codec (same quantisers) with another renormalisation
   */
  public SparseFisherCodec withRenormalization(Renormalization renormalization) {
    Objects.requireNonNull(renormalization, "renormalization");
    return new SparseFisherCodec(numBlocks, blockLength, quantizers, renormalization);
  }

  private static boolean isZero(double[] v, int from, int len) {
    for (int j = 0; j < len; j++) {
      if (v[from + j] != 0.0) {
        return false;
      }
    }
    return true;
  }

  /** @return K */
  public int numBlocks() {
    return numBlocks;
  }

  /** @return S */
  public int blockLength() {
    return blockLength;
  }

  /** @return vector length K·S */
  public int length() {
    return numBlocks * blockLength;
  }

  /** @return G of every block's quantiser */
  public int subvectorLength() {
    return quantizers[0].subvectorLength();
  }

  /** @return b of every block's quantiser */
  public int bitsPerDimension() {
    return quantizers[0].bitsPerDimension();
  }

  /** @return the renormalisation applied by {@link #decode} */
  public Renormalization renormalization() {
    return renormalization;
  }

  /**
   * @param k block in [0, K)
   * @return the quantiser of block k (length {@code ceil(S/G)·G})
   */
  public ProductQuantizer quantizer(int k) {
    Check.inClosed(OWNER + ".quantizer", "k", k, 0, numBlocks - 1);
    return quantizers[k];
  }

  /** @return bytes of the flag field, ceil(K/8) */
  public int flagBytes() {
    return (numBlocks + 7) / 8;
  }

  /** @return bytes of one non-zero block's code */
  public int blockCodeBytes() {
    return quantizers[0].codeBytes();
  }

  /**
   * @param fv a length-(K·S) Fisher vector (EMKIT layout), finite; not modified
   * @return its compressed form
   */
  public byte[] encode(double[] fv) {
    Check.length(OWNER + ".encode", "fv", fv, length(), "the codec has length K*S");
    Check.finite(OWNER + ".encode", "fv", fv);
    int flags = flagBytes();
    int per = blockCodeBytes();
    int nonZero = 0;
    for (int k = 0; k < numBlocks; k++) {
      if (!isZero(fv, k * blockLength, blockLength)) {
        nonZero++;
      }
    }
    byte[] out = new byte[flags + nonZero * per];
    double[] block = new double[paddedLength];
    int at = flags;
    for (int k = 0; k < numBlocks; k++) {
      if (!isZero(fv, k * blockLength, blockLength)) {
        out[k >>> 3] |= (byte) (1 << (k & 7));
        System.arraycopy(fv, k * blockLength, block, 0, blockLength);
        quantizers[k].encodeInto(block, 0, out, at * 8);
        at += per;
      }
    }
    return out;
  }

  /**
   * @param code a compressed vector
   * @return the number of non-zero blocks its flags announce
   * @throws IllegalArgumentException if the code is shorter than its flags
   */
  public int nonZeroBlocks(byte[] code) {
    Objects.requireNonNull(code, "code");
    if (code.length < flagBytes()) {
      throw new IllegalArgumentException(OWNER + ".nonZeroBlocks: code must have at least "
          + flagBytes() + " bytes of flags, got " + code.length);
    }
    int c = 0;
    for (int k = 0; k < numBlocks; k++) {
      c += (code[k >>> 3] >>> (k & 7)) & 1;
    }
    return c;
  }

  /** Checks that {@code code} is exactly as long as its flags announce. */
  private void checkCode(String owner, byte[] code) {
    int expected = flagBytes() + nonZeroBlocks(code) * blockCodeBytes();
    if (code.length != expected) {
      throw new IllegalArgumentException(owner + ": code has " + code.length
          + " bytes but its flags announce " + expected + " (" + nonZeroBlocks(code)
          + " non-zero blocks of " + blockCodeBytes() + " bytes after " + flagBytes()
          + " flag bytes)");
    }
  }

  /**
   * @param code a compressed vector from {@link #encode}; not modified
   * @param out length-(K·S) destination; written
   * @throws IllegalArgumentException if the code's length disagrees with its flags
   */
  public void decodeInto(byte[] code, double[] out) {
    Objects.requireNonNull(code, "code");
    Check.length(OWNER + ".decodeInto", "out", out, length(), "the codec has length K*S");
    checkCode(OWNER + ".decodeInto", code);
    int per = blockCodeBytes();
    int at = flagBytes();
    double[] block = new double[paddedLength];
    for (int k = 0; k < numBlocks; k++) {
      if ((code[k >>> 3] & (1 << (k & 7))) != 0) {
        quantizers[k].decodeInto(code, at * 8, block, 0);
        System.arraycopy(block, 0, out, k * blockLength, blockLength);
        at += per;
      } else {
        Arrays.fill(out, k * blockLength, (k + 1) * blockLength, 0.0);
      }
    }
    if (renormalization == Renormalization.L2) {
      double norm = 0;
      for (double v : out) {
        norm += v * v;
      }
      if (norm > 0) {
        double inv = 1.0 / Math.sqrt(norm);
        for (int j = 0; j < out.length; j++) {
          out[j] *= inv;
        }
      }
    }
  }

  /**
   * @param code a compressed vector
   * @return the decoded vector, length K·S
   */
  public double[] decode(byte[] code) {
    double[] out = new double[length()];
    decodeInto(code, out);
    return out;
  }

  /**
   * The ADC table of a query: for each block k, at offset {@code k·(1 + M_b·2^(b·G))}, the
   * squared norm of the query's block (the distance to a zero block) followed by the block
   * quantiser's table ({@link ProductQuantizer#distanceTable}) of the zero-padded query block.
   *
   * @param query length-(K·S) vector, finite; not modified
   * @return the table
   */
  public double[] distanceTable(double[] query) {
    Check.length(OWNER + ".distanceTable", "query", query, length(), "the codec has length K*S");
    Check.finite(OWNER + ".distanceTable", "query", query);
    int stride = tableStride();
    double[] table = new double[numBlocks * stride];
    double[] block = new double[paddedLength];
    for (int k = 0; k < numBlocks; k++) {
      double norm = 0;
      for (int j = 0; j < blockLength; j++) {
        double v = query[k * blockLength + j];
        norm += v * v;
      }
      table[k * stride] = norm;
      System.arraycopy(query, k * blockLength, block, 0, blockLength);
      double[] t = quantizers[k].distanceTable(block);
      System.arraycopy(t, 0, table, k * stride + 1, t.length);
    }
    return table;
  }

  private int tableStride() {
    return 1 + quantizers[0].numSubspaces() * quantizers[0].numCentroids();
  }

  /**
   * Asymmetric squared distance from the query of {@code table} to the (not renormalised)
   * decoded vector of {@code code}.
   *
   * @param table from {@link #distanceTable}; not modified
   * @param code a compressed vector; not modified
   * @return the squared distance
   * @throws IllegalArgumentException if the code's length disagrees with its flags
   */
  public double adcDistance(double[] table, byte[] code) {
    int stride = tableStride();
    Check.length(OWNER + ".adcDistance", "table", table, numBlocks * stride,
        "K * (1 + M * 2^(b*G))");
    checkCode(OWNER + ".adcDistance", code);
    int per = blockCodeBytes();
    int at = flagBytes();
    double s = 0;
    for (int k = 0; k < numBlocks; k++) {
      if ((code[k >>> 3] & (1 << (k & 7))) != 0) {
        s += quantizers[k].adcDistance(table, k * stride + 1, code, at * 8);
        at += per;
      } else {
        s += table[k * stride];
      }
    }
    return s;
  }

  /**
   * The {@code r} compressed vectors nearest to the query by ADC (ties to the lower index).
   *
   * @param query length-(K·S) vector; not modified
   * @param database compressed vectors; not modified
   * @param r number of results, ≥ 1
   * @return indices into {@code database}, nearest first ({@code min(r, N)} of them)
   */
  public int[] search(double[] query, List<byte[]> database, int r) {
    Check.atLeast(OWNER + ".search", "r", r, 1);
    Objects.requireNonNull(database, "database");
    double[] table = distanceTable(query);
    double[] d = new double[database.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = adcDistance(table, database.get(i));
    }
    return Nearest.smallest(d, r);
  }

  /**
   * A view of compressed vectors that decodes each one on demand (for streaming learners such as
   * {@link org.emkit.linear.SgdClassifier}); memory is that of the codes.
   *
   * @param codes compressed vectors (not copied; must not be mutated)
   * @return the source
   */
  public VectorSource source(List<byte[]> codes) {
    Objects.requireNonNull(codes, "codes");
    return new VectorSource() {
      @Override
      public int size() {
        return codes.size();
      }

      @Override
      public int dimension() {
        return length();
      }

      @Override
      public void get(int index, double[] out) {
        decodeInto(codes.get(index), out);
      }
    };
  }

  @Override
  public String toString() {
    return "SparseFisherCodec[numBlocks=" + numBlocks + ", blockLength=" + blockLength
        + ", subvectorLength=" + subvectorLength() + ", bitsPerDimension=" + bitsPerDimension()
        + ", blockCodeBytes=" + blockCodeBytes() + ", renormalization=" + renormalization + "]";
  }
}
