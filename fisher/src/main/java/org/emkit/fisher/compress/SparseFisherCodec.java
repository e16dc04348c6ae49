package org.emkit.fisher.compress;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
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
 * vectors at that position. Decoding writes zeros for the blocks whose bit is 0 and the decoded
 * block otherwise; optional {@link Renormalization#L2} rescales the decoded vector to unit norm
 * (the encoded Fisher vectors are L2-normalised, their PQ reconstructions slightly shorter).
 *
 * <p><b>Size.</b> {@code ceil(K/8)} bytes of flags plus, per non-zero block,
 * {@code ceil(ceil(S/G)·b·G / 8)} bytes, against {@code 4·K·S} bytes for float32.
 *
 * <p>Immutable and thread-safe once fitted.
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
  private final ProductQuantizer[] quantizers;
  private final Renormalization renormalization;

  private SparseFisherCodec(int numBlocks, int blockLength, ProductQuantizer[] quantizers,
      Renormalization renormalization) {
    this.numBlocks = numBlocks;
    this.blockLength = blockLength;
    this.quantizers = quantizers;
    this.renormalization = renormalization;
  }

  /**
   * Trains one product quantiser per block on the non-zero blocks of the training vectors.
   *
   * @param training N×(K·S) Fisher vectors in the EMKIT layout
   * @param numBlocks K (the number of Gaussians)
   * @param template an unfitted {@link ProductQuantizer} giving G, b and the training settings
   * @param renormalization what {@link #decode} does after decoding
   * @return the fitted codec
   */
  public static SparseFisherCodec fit(VectorSource training, int numBlocks, ProductQuantizer template,
      Renormalization renormalization) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(renormalization, "renormalization");
    Check.atLeast(owner, "numBlocks", numBlocks, 1);
    int len = training.dimension();
    if (len % numBlocks != 0) {
      throw new DimensionMismatchException(owner + ": vector length " + len
          + " is not a multiple of numBlocks = " + numBlocks);
    }
    int s = len / numBlocks;
    int n = training.size();
    if (n == 0) {
      throw new IllegalArgumentException(owner + ": training must have at least 1 vector, got 0");
    }
    // collect the non-zero blocks of every position
    List<List<double[]>> blocks = new ArrayList<>();
    for (int k = 0; k < numBlocks; k++) {
      blocks.add(new ArrayList<>());
    }
    double[] buf = new double[len];
    for (int i = 0; i < n; i++) {
      training.get(i, buf);
      for (int k = 0; k < numBlocks; k++) {
        if (!isZero(buf, k * s, s)) {
          double[] b = new double[s];
          System.arraycopy(buf, k * s, b, 0, s);
          blocks.get(k).add(b);
        }
      }
    }
    ProductQuantizer[] q = new ProductQuantizer[numBlocks];
    for (int k = 0; k < numBlocks; k++) {
      List<double[]> list = blocks.get(k);
      if (list.size() < template.numCentroids()) {
        throw new IllegalArgumentException(owner + ": block " + k + " is non-zero in only "
            + list.size() + " training vectors but its quantiser needs at least 2^(b*G) = "
            + template.numCentroids() + "; use fewer bits, more training vectors or a lower"
            + " posterior threshold");
      }
      double[] flat = new double[list.size() * s];
      for (int i = 0; i < list.size(); i++) {
        System.arraycopy(list.get(i), 0, flat, i * s, s);
      }
      q[k] = template.fit(Matrix.wrap(list.size(), s, flat));
    }
    return new SparseFisherCodec(numBlocks, s, q, renormalization);
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

  /** @return the renormalisation applied by {@link #decode} */
  public Renormalization renormalization() {
    return renormalization;
  }

  /**
   * @param k block
   * @return the quantiser of block k
   */
  public ProductQuantizer quantizer(int k) {
    return quantizers[k];
  }

  /** @return bytes of the flag field, ceil(K/8) */
  public int flagBytes() {
    return (numBlocks + 7) / 8;
  }

  /**
   * @param fv a length-(K·S) Fisher vector (EMKIT layout); not modified
   * @return its compressed form
   */
  public byte[] encode(double[] fv) {
    Check.length(OWNER + ".encode", "fv", fv, length(), "the codec has length K*S");
    Check.finite(OWNER + ".encode", "fv", fv);
    int flags = flagBytes();
    int per = quantizers[0].codeBytes();
    int nonZero = 0;
    for (int k = 0; k < numBlocks; k++) {
      if (!isZero(fv, k * blockLength, blockLength)) {
        nonZero++;
      }
    }
    byte[] out = new byte[flags + nonZero * per];
    int at = flags;
    for (int k = 0; k < numBlocks; k++) {
      if (!isZero(fv, k * blockLength, blockLength)) {
        out[k >>> 3] |= (byte) (1 << (k & 7));
        byte[] tmp = new byte[per];
        quantizers[k].encodeInto(fv, k * blockLength, tmp, 0);
        System.arraycopy(tmp, 0, out, at, per);
        at += per;
      }
    }
    return out;
  }

  /**
   * @param code a compressed vector from {@link #encode}
   * @param out length-(K·S) destination; written
   */
  public void decodeInto(byte[] code, double[] out) {
    Objects.requireNonNull(code, "code");
    Check.length(OWNER + ".decodeInto", "out", out, length(), "the codec has length K*S");
    int flags = flagBytes();
    int per = quantizers[0].codeBytes();
    int at = flags;
    byte[] tmp = new byte[per];
    for (int k = 0; k < numBlocks; k++) {
      boolean nonZero = (code[k >>> 3] & (1 << (k & 7))) != 0;
      if (nonZero) {
        if (at + per > code.length) {
          throw new IllegalArgumentException(OWNER + ".decodeInto: code is truncated: "
              + code.length + " bytes, block " + k + " needs bytes up to " + (at + per));
        }
        System.arraycopy(code, at, tmp, 0, per);
        quantizers[k].decodeInto(tmp, 0, out, k * blockLength);
        at += per;
      } else {
        java.util.Arrays.fill(out, k * blockLength, (k + 1) * blockLength, 0.0);
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
   * @return the decoded vector
   */
  public double[] decode(byte[] code) {
    double[] out = new double[length()];
    decodeInto(code, out);
    return out;
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
}
