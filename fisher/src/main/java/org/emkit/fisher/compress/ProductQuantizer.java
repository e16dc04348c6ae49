package org.emkit.fisher.compress;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.internal.Parallel;
import org.emkit.core.random.NumpyRandom;
import org.emkit.core.validation.Check;
import org.emkit.linear.VectorSource;

/**
 * Product quantisation of fixed-length vectors (Jégou, Douze, Schmid 2011): the vector is cut
 * into M sub-vectors of G dimensions, and each sub-vector is replaced by the index of its
 * nearest centroid in a per-sub-space codebook of {@code 2^(b·G)} centroids learned by k-means,
 * so a vector costs {@code b} bits per dimension.
 *
 * <p><b>Model.</b> With codebooks \( C_m = \{c_{m,1}, …, c_{m,K}\} \subset \mathbb{R}^G \),
 * \( q(x) = (q_1(x^{(1)}), …, q_M(x^{(M)})) \), \( q_m(u) = \arg\min_k \lVert u - c_{m,k}
 * \rVert^2 \); decoding concatenates the chosen centroids. G must divide the length L (a
 * typed error otherwise); {@link SparseFisherCodec} pads its blocks itself.
 *
 * <p><b>Search.</b> Asymmetric distance computation (ADC): for a query y, the table
 * \( T[m][k] = \lVert y^{(m)} - c_{m,k} \rVert^2 \) is computed once; the distance to a coded
 * vector is \( \sum_m T[m][q_m] \), which equals the squared distance from y to the decoded
 * vector.
 *
 * <p><b>Codes.</b> Each sub-vector index takes {@code b·G} bits, packed little-endian into a
 * byte array of {@code ceil(M·b·G / 8)} bytes.
 *
 * <p><b>Parameters.</b> {@code subvectorLength} G ≥ 1; {@code bitsPerDimension} b ≥ 1 with
 * {@code b·G ≤ 16} (at most 65 536 centroids per sub-space); training uses k-means++ with
 * {@code seed + m} for sub-space m and a budget of at most {@code kmeansIterations} Lloyd
 * iterations (default 20; reaching the budget logs no non-convergence warning), on at most
 * {@code maxTrainingVectors} vectors drawn without replacement (default: all).
 *
 * <p><b>Threads.</b> Sub-spaces are trained in parallel ({@code parallelism}); each sub-space's
 * k-means is single-threaded and seeded, so results are bitwise identical for any thread count.
 * Immutable and thread-safe once fitted.
 *
 * <p><b>Shapes.</b> Codebook m is K×G row-major ({@code K = 2^(b·G)}); sub-vector m of x is
 * {@code x[m·G .. (m+1)·G)}; the index of sub-vector m occupies bits {@code [m·b·G,
 * (m+1)·b·G)} of the code, bit i of byte j being bit {@code 8j + i}.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>H. Jégou, M. Douze, C. Schmid, "Product quantization for nearest neighbor search", IEEE
 *       TPAMI 33(1), 2011. https://doi.org/10.1109/TPAMI.2010.57
 *   <li>J. Sánchez, F. Perronnin, T. Mensink, J. Verbeek, "Image classification with the Fisher
 *       vector: theory and practice", IJCV 105, 2013, §4.
 * </ol>
 */
public final class ProductQuantizer {

  private static final String OWNER = "ProductQuantizer";

  private final int subvectorLength;
  private final int bitsPerDimension;
  private final int kmeansIterations;
  private final int maxTrainingVectors;
  private final long seed;
  private final int parallelism;
  private final int length;
  private final double[][] codebooks;

  private ProductQuantizer(Builder b, int length, double[][] codebooks) {
    this.subvectorLength = b.subvectorLength;
    this.bitsPerDimension = b.bitsPerDimension;
    this.kmeansIterations = b.kmeansIterations;
    this.maxTrainingVectors = b.maxTrainingVectors;
    this.seed = b.seed;
    this.parallelism = b.parallelism;
    this.length = length;
    this.codebooks = codebooks;
  }

  /**
   * @param subvectorLength G ≥ 1
   * @param bitsPerDimension b ≥ 1, with b·G ≤ 16
   * @return a builder
   */
  public static Builder builder(int subvectorLength, int bitsPerDimension) {
    return new Builder(subvectorLength, bitsPerDimension);
  }

  /** Builder of {@link ProductQuantizer}. */
  public static final class Builder {
    private final int subvectorLength;
    private final int bitsPerDimension;
    private int kmeansIterations = 20;
    private int maxTrainingVectors = Integer.MAX_VALUE;
    private long seed = 0;
    private int parallelism = 1;

    private Builder(int subvectorLength, int bitsPerDimension) {
      this.subvectorLength = Check.atLeast(OWNER, "subvectorLength", subvectorLength, 1);
      this.bitsPerDimension = Check.atLeast(OWNER, "bitsPerDimension", bitsPerDimension, 1);
      if ((long) subvectorLength * bitsPerDimension > 16) {
        throw new IllegalArgumentException(OWNER + ": bitsPerDimension*subvectorLength must be in"
            + " [1, 16], got " + bitsPerDimension + "*" + subvectorLength + " = "
            + ((long) subvectorLength * bitsPerDimension));
      }
    }

    /**
     * @param iterations Lloyd iterations per codebook, ≥ 1 (default 20)
     * @return this
     */
    public Builder kmeansIterations(int iterations) {
      this.kmeansIterations = Check.atLeast(OWNER, "kmeansIterations", iterations, 1);
      return this;
    }

    /**
     * @param max training vectors used per codebook, ≥ 1 (default all)
     * @return this
     */
    public Builder maxTrainingVectors(int max) {
      this.maxTrainingVectors = Check.atLeast(OWNER, "maxTrainingVectors", max, 1);
      return this;
    }

    /**
     * @param seed seed of the sub-sampling and of each codebook's k-means++ (default 0)
     * @return this
     */
    public Builder seed(long seed) {
      this.seed = Check.seed(OWNER, seed);
      return this;
    }

    /**
     * @param parallelism threads training sub-spaces concurrently, ≥ 1 (default 1)
     * @return this
     */
    public Builder parallelism(int parallelism) {
      this.parallelism = Check.atLeast(OWNER, "parallelism", parallelism, 1);
      return this;
    }

    /** @return an unfitted quantiser */
    public ProductQuantizer build() {
      return new ProductQuantizer(this, 0, null);
    }

    /**
     * A fitted quantiser with these hyperparameters and stored codebooks (for a model read back
     * from a file).
     *
     * @param length vector length L, a multiple of G
     * @param codebooks one K×G codebook per sub-space (row-major), M = L/G of them, finite;
     *     copied
     * @return the quantiser
     * @throws IllegalArgumentException if G does not divide L or a value is not finite
     * @throws DimensionMismatchException if the number or size of the codebooks is wrong
     */
    public ProductQuantizer buildFitted(int length, double[][] codebooks) {
      String owner = OWNER + ".Builder.buildFitted";
      Objects.requireNonNull(codebooks, "codebooks");
      Check.atLeast(owner, "length", length, 1);
      if (length % subvectorLength != 0) {
        throw new IllegalArgumentException(owner + ": subvectorLength (" + subvectorLength
            + ") must divide length " + length);
      }
      int m = length / subvectorLength;
      if (codebooks.length != m) {
        throw new DimensionMismatchException(owner + ": codebooks has " + codebooks.length
            + " entries but length/subvectorLength = " + m);
      }
      int k = 1 << (subvectorLength * bitsPerDimension);
      double[][] copy = new double[m][];
      for (int q = 0; q < m; q++) {
        Objects.requireNonNull(codebooks[q], "codebooks[" + q + "]");
        Check.length(owner, "codebooks[" + q + "]", codebooks[q], k * subvectorLength,
            "2^(b*G) * G");
        copy[q] = Check.finite(owner, "codebooks[" + q + "]", codebooks[q]).clone();
      }
      return new ProductQuantizer(this, length, copy);
    }
  }

  /** @return a builder preset with these hyperparameters */
  public Builder toBuilder() {
    return new Builder(subvectorLength, bitsPerDimension).kmeansIterations(kmeansIterations)
        .maxTrainingVectors(maxTrainingVectors).seed(seed).parallelism(parallelism);
  }

  /**
   * A fitted quantiser from stored codebooks.
   *
   * @param length vector length L
   * @param subvectorLength G
   * @param bitsPerDimension b
   * @param codebooks one K×G codebook per sub-space (row-major), M = L/G of them; copied
   * @return the quantiser
   */
  public static ProductQuantizer fromCodebooks(int length, int subvectorLength, int bitsPerDimension,
      double[][] codebooks) {
    return new Builder(subvectorLength, bitsPerDimension).buildFitted(length, codebooks);
  }

  /** @return G */
  public int subvectorLength() {
    return subvectorLength;
  }

  /** @return b */
  public int bitsPerDimension() {
    return bitsPerDimension;
  }

  /** @return maximum Lloyd iterations per codebook */
  public int kmeansIterations() {
    return kmeansIterations;
  }

  /** @return maximum training vectors per codebook ({@link Integer#MAX_VALUE}: all) */
  public int maxTrainingVectors() {
    return maxTrainingVectors;
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /** @return threads used by {@link #fit} */
  public int parallelism() {
    return parallelism;
  }

  /** @return centroids per sub-space, 2^(b·G) */
  public int numCentroids() {
    return 1 << (subvectorLength * bitsPerDimension);
  }

  /** @return vector length L (0 if unfitted) */
  public int length() {
    return length;
  }

  /** @return number of sub-spaces M = L/G */
  public int numSubspaces() {
    fitted(OWNER + ".numSubspaces");
    return codebooks.length;
  }

  /** @return bytes of one code, ceil(M·b·G/8) */
  public int codeBytes() {
    fitted(OWNER + ".codeBytes");
    return (codebooks.length * subvectorLength * bitsPerDimension + 7) / 8;
  }

  /**
   * @param m sub-space
   * @return a copy of its codebook, K×G row-major
   */
  public double[] codebook(int m) {
    fitted(OWNER + ".codebook");
    return codebooks[m].clone();
  }

  /** @return whether fitted */
  public boolean isFitted() {
    return codebooks != null;
  }

  private void fitted(String owner) {
    if (codebooks == null) {
      throw NotFittedException.of(owner);
    }
  }

  /**
   * @param x N×L training vectors; not modified
   * @return a fitted quantiser
   */
  public ProductQuantizer fit(Matrix x) {
    Check.finite(OWNER + ".fit", "x", x);
    return fit(VectorSource.of(x));
  }

  /**
   * Learns one k-means codebook per sub-space.
   *
   * @param x training vectors (N ≥ 2^(b·G) after sub-sampling)
   * @return a fitted quantiser
   */
  public ProductQuantizer fit(VectorSource x) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(x, "x");
    int n = x.size();
    int len = x.dimension();
    Check.atLeast(owner, "x.dimension", len, 1);
    int k = numCentroids();
    if (n == 0) {
      throw new IllegalArgumentException(owner + ": x must have at least 1 vector, got 0");
    }
    if (len % subvectorLength != 0) {
      throw new IllegalArgumentException(owner + ": subvectorLength (" + subvectorLength
          + ") must divide the vector length " + len);
    }
    int used = Math.min(n, maxTrainingVectors);
    if (used < k) {
      throw new IllegalArgumentException(owner + ": the number of training vectors (" + used
          + ") must be >= 2^(b*G) = " + k + " centroids per sub-space");
    }
    int[] rows = used == n ? null : new NumpyRandom(seed).choice(n, used, false);
    if (rows != null) {
      Arrays.sort(rows);
    }
    int g = subvectorLength;
    int m = (len + g - 1) / g;
    // gather the training sub-vectors of every sub-space (zero-padded at the end)
    double[][] sub = new double[m][used * g];
    double[] buf = new double[len];
    for (int i = 0; i < used; i++) {
      x.get(rows == null ? i : rows[i], buf);
      for (int j = 0; j < len; j++) {
        if (!Double.isFinite(buf[j])) {
          throw new IllegalArgumentException(owner + ": x[" + (rows == null ? i : rows[i]) + ", "
              + j + "] is " + buf[j] + "; inputs must be finite");
        }
        sub[j / g][i * g + (j % g)] = buf[j];
      }
    }
    double[][] books = new double[m][];
    Parallel.forEachChunk(m, 1, parallelism, (from, to) -> {
      for (int q = from; q < to; q++) {
        // a fixed budget of Lloyd iterations (as Jégou et al.): the monitor ends the fit at
        // the budget, so reaching it is not reported as non-convergence per sub-space
        KMeansMachine km = KMeansMachine.builder(k).init(KMeansMachine.Init.KMEANS_PLUS_PLUS)
            .seed((seed + q) & 0xFFFFFFFFL).maxIterations(kmeansIterations).build()
            .fit(Matrix.wrap(used, g, sub[q]), (iteration, objective) ->
                iteration < kmeansIterations);
        books[q] = km.centroids().toArray();
      }
    });
    return new ProductQuantizer(toBuilder(), len, books);
  }

  /**
   * @param v length-L vector; not modified
   * @return its packed code
   */
  public byte[] encode(double[] v) {
    fitted(OWNER + ".encode");
    Check.length(OWNER + ".encode", "v", v, length, "the quantiser has length L");
    byte[] code = new byte[codeBytes()];
    encodeInto(v, 0, code, 0);
    return code;
  }

  /**
   * Encodes {@code v[from .. from+L)} into {@code code} starting at bit {@code bitOffset}.
   *
   * @param v source; not modified
   * @param from offset of the vector in {@code v}
   * @param code destination; modified
   * @param bitOffset first bit to write
   */
  void encodeInto(double[] v, int from, byte[] code, int bitOffset) {
    int g = subvectorLength;
    int k = numCentroids();
    int bits = g * bitsPerDimension;
    for (int q = 0; q < codebooks.length; q++) {
      double[] book = codebooks[q];
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int j = 0; j < g; j++) {
          int idx = q * g + j;
          double e = v[from + idx] - book[c * g + j];
          s += e * e;
        }
        if (s < bestD) {
          bestD = s;
          best = c;
        }
      }
      Bits.write(code, bitOffset + q * bits, bits, best);
    }
  }

  /**
   * @param code a code of {@link #codeBytes()} bytes
   * @return the decoded length-L vector
   */
  public double[] decode(byte[] code) {
    fitted(OWNER + ".decode");
    Objects.requireNonNull(code, "code");
    if (code.length != codeBytes()) {
      throw new DimensionMismatchException(OWNER + ".decode: code has " + code.length
          + " bytes but codeBytes() = " + codeBytes());
    }
    double[] out = new double[length];
    decodeInto(code, 0, out, 0);
    return out;
  }

  /**
   * Decodes a code starting at {@code bitOffset} into {@code out[from .. from+L)}.
   *
   * @param code packed codes; not modified
   * @param bitOffset first bit
   * @param out destination; modified
   * @param from offset in {@code out}
   */
  void decodeInto(byte[] code, int bitOffset, double[] out, int from) {
    int g = subvectorLength;
    int bits = g * bitsPerDimension;
    for (int q = 0; q < codebooks.length; q++) {
      int c = Bits.read(code, bitOffset + q * bits, bits);
      for (int j = 0; j < g; j++) {
        out[from + q * g + j] = codebooks[q][c * g + j];
      }
    }
  }

  /**
   * The ADC table of a query: {@code T[m*K + k] = ‖y^(m) − c_{m,k}‖²}.
   *
   * @param query length-L vector; not modified
   * @return the M×K table, row-major
   */
  public double[] distanceTable(double[] query) {
    fitted(OWNER + ".distanceTable");
    Check.length(OWNER + ".distanceTable", "query", query, length, "the quantiser has length L");
    int g = subvectorLength;
    int k = numCentroids();
    double[] t = new double[codebooks.length * k];
    for (int q = 0; q < codebooks.length; q++) {
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int j = 0; j < g; j++) {
          int idx = q * g + j;
          double e = query[idx] - codebooks[q][c * g + j];
          s += e * e;
        }
        t[q * k + c] = s;
      }
    }
    return t;
  }

  /**
   * Asymmetric distance: the squared distance from the query of {@code table} to the decoded
   * vector of {@code code}.
   *
   * @param table from {@link #distanceTable}
   * @param code a code
   * @return Σ_m T[m][q_m]
   */
  public double adcDistance(double[] table, byte[] code) {
    fitted(OWNER + ".adcDistance");
    Check.length(OWNER + ".adcDistance", "table", table, codebooks.length * numCentroids(),
        "M * 2^(b*G)");
    Objects.requireNonNull(code, "code");
    if (code.length != codeBytes()) {
      throw new DimensionMismatchException(OWNER + ".adcDistance: code has " + code.length
          + " bytes but codeBytes() = " + codeBytes());
    }
    return adcDistance(table, 0, code, 0);
  }

  /**
   * Σ_m T[offset + m·K + q_m] for the code starting at {@code bitOffset}; no checks.
   *
   * @param table ADC tables; not modified
   * @param offset first entry of this quantiser's table
   * @param code packed codes; not modified
   * @param bitOffset first bit of the code
   * @return the asymmetric squared distance
   */
  double adcDistance(double[] table, int offset, byte[] code, int bitOffset) {
    int bits = subvectorLength * bitsPerDimension;
    int k = numCentroids();
    int m = codebooks.length;
    double s = 0;
    if ((bitOffset & 7) == 0 && (bits == 8 || bits == 4)) {
      // byte-aligned one-byte or half-byte indices: the same sum without the bit reader
      int at = bitOffset >>> 3;
      if (bits == 8) {
        for (int q = 0; q < m; q++) {
          s += table[offset + (q << 8) + (code[at + q] & 0xFF)];
        }
      } else {
        for (int q = 0; q < m; q++) {
          int b = code[at + (q >>> 1)];
          s += table[offset + (q << 4) + (((q & 1) == 0 ? b : b >>> 4) & 15)];
        }
      }
      return s;
    }
    for (int q = 0; q < m; q++) {
      s += table[offset + q * k + Bits.read(code, bitOffset + q * bits, bits)];
    }
    return s;
  }

  /**
   * The {@code r} database entries closest to the query by ADC (ties to the lower index).
   *
   * @param query length-L vector
   * @param database codes
   * @param r number of results, ≥ 1
   * @return indices into {@code database}, nearest first ({@code min(r, N)} of them)
   */
  public int[] search(double[] query, byte[][] database, int r) {
    Check.atLeast(OWNER + ".search", "r", r, 1);
    Objects.requireNonNull(database, "database");
    double[] table = distanceTable(query);
    double[] d = new double[database.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = adcDistance(table, database[i]);
    }
    return Nearest.smallest(d, r);
  }

  @Override
  public String toString() {
    return "ProductQuantizer[subvectorLength=" + subvectorLength + ", bitsPerDimension="
        + bitsPerDimension + ", centroids=" + numCentroids() + ", length=" + length + ", fitted="
        + isFitted() + "]";
  }
}
