package org.emkit.io.hdf5;

import static org.emkit.io.hdf5.Hdf5.build;
import static org.emkit.io.hdf5.Hdf5.enumValue;
import static org.emkit.io.hdf5.Hdf5.intScalar;
import static org.emkit.io.hdf5.Hdf5.longScalar;
import static org.emkit.io.hdf5.Hdf5.numeric;
import static org.emkit.io.hdf5.Hdf5.readEnum;
import static org.emkit.io.hdf5.Hdf5.requireFinite;
import static org.emkit.io.hdf5.Hdf5.requireWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.emkit.fisher.compress.ProductQuantizer;
import org.emkit.fisher.compress.SparseFisherCodec;

/**
 * Layouts of {@code org.emkit.fisher.compress}: {@link ProductQuantizer},
 * {@link SparseFisherCodec} and the codes of a set of vectors (emkit version 1.0). Tables in
 * {@code docs/file-formats.md}.
 */
final class CompressionFiles {

  /** Largest number of codebook entries accepted, 2^16 centroids. */
  private static final int MAX_CENTROIDS = 1 << 16;

  private CompressionFiles() {}

  // ------------------------------------------------------------------------------------------
  // ProductQuantizer

  static H5Tree.Group pq(ProductQuantizer q) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.PRODUCT_QUANTIZER_CLASS);
    root.dataset("length", H5Value.i64(q.length()));
    putSettings(root, q);
    putCodebooks(root, new ProductQuantizer[] {q}, false);
    return root;
  }

  static ProductQuantizer readPq(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, Hdf5.PRODUCT_QUANTIZER_CLASS);
    int length = intScalar(r, "/length", 1, Hdf5.MAX_DIMENSION);
    ProductQuantizer.Builder b = settings(r);
    ProductQuantizer template = b.build();
    int g = template.subvectorLength();
    if (length % g != 0) {
      throw r.error("/length", "expected a multiple of /subvector_length = " + g + ", found "
          + length);
    }
    double[][] books = codebooks(r, new int[] {length / g, template.numCentroids(), g}, 1)[0];
    return build(r, "/codebooks", "invalid quantiser", () -> b.buildFitted(length, books));
  }

  // ------------------------------------------------------------------------------------------
  // SparseFisherCodec

  static H5Tree.Group codec(SparseFisherCodec c) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.SPARSE_FISHER_CODEC_CLASS);
    root.dataset("num_blocks", H5Value.i64(c.numBlocks()));
    root.dataset("block_length", H5Value.i64(c.blockLength()));
    root.dataset("renormalization", enumValue(c.renormalization()));
    putSettings(root, c.quantizer(0));
    ProductQuantizer[] q = new ProductQuantizer[c.numBlocks()];
    for (int k = 0; k < q.length; k++) {
      q[k] = c.quantizer(k);
    }
    putCodebooks(root, q, true);
    return root;
  }

  static SparseFisherCodec readCodec(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, Hdf5.SPARSE_FISHER_CODEC_CLASS);
    int blocks = intScalar(r, "/num_blocks", 1, Hdf5.MAX_DIMENSION);
    int s = intScalar(r, "/block_length", 1, Hdf5.MAX_DIMENSION);
    SparseFisherCodec.Renormalization renorm = readEnum(r, "/renormalization",
        SparseFisherCodec.Renormalization.class);
    ProductQuantizer.Builder b = settings(r);
    ProductQuantizer template = b.build();
    int g = template.subvectorLength();
    int padded = (s + g - 1) / g * g;
    double[][][] books = codebooks(r, new int[] {padded / g, template.numCentroids(), g}, blocks);
    ProductQuantizer[] q = new ProductQuantizer[blocks];
    for (int k = 0; k < blocks; k++) {
      double[][] bk = books[k];
      q[k] = build(r, "/codebooks", "invalid quantiser", () -> b.buildFitted(padded, bk));
    }
    return build(r, "/", "invalid codec",
        () -> SparseFisherCodec.fromQuantizers(blocks, s, q, renorm));
  }

  // ------------------------------------------------------------------------------------------
  // shared pieces

  private static void putSettings(H5Tree.Group root, ProductQuantizer q) {
    root.dataset("subvector_length", H5Value.i64(q.subvectorLength()));
    root.dataset("bits_per_dimension", H5Value.i64(q.bitsPerDimension()));
    root.dataset("kmeans_iterations", H5Value.i64(q.kmeansIterations()));
    root.dataset("max_training_vectors", H5Value.i64(q.maxTrainingVectors()));
    root.dataset("seed", H5Value.i64(q.seed()));
  }

  private static ProductQuantizer.Builder settings(H5Reader r) throws Hdf5FormatException {
    int g = intScalar(r, "/subvector_length", 1, 16);
    int bits = intScalar(r, "/bits_per_dimension", 1, 16);
    if (g * bits > 16) {
      throw r.error("/bits_per_dimension", "expected b*G in [1, 16] with G = /subvector_length = "
          + g + ", found b = " + bits);
    }
    int iterations = intScalar(r, "/kmeans_iterations", 1, Integer.MAX_VALUE);
    int max = intScalar(r, "/max_training_vectors", 1, Integer.MAX_VALUE);
    long seed = longScalar(r, "/seed");
    return build(r, "/seed", "invalid value", () -> ProductQuantizer.builder(g, bits)
        .kmeansIterations(iterations).maxTrainingVectors(max).seed(seed));
  }

  /** {@code codebooks}: (M, K, G) for one quantiser, (blocks, M, K, G) for a codec. */
  private static void putCodebooks(H5Tree.Group root, ProductQuantizer[] q, boolean perBlock) {
    int m = q[0].numSubspaces();
    int k = q[0].numCentroids();
    int g = q[0].subvectorLength();
    double[] all = new double[q.length * m * k * g];
    for (int b = 0; b < q.length; b++) {
      for (int s = 0; s < m; s++) {
        System.arraycopy(q[b].codebook(s), 0, all, (b * m + s) * k * g, k * g);
      }
    }
    int[] shape = perBlock ? new int[] {q.length, m, k, g} : new int[] {m, k, g};
    root.dataset("codebooks", H5Value.f64(shape, all));
  }

  private static double[][][] codebooks(H5Reader r, int[] mkg, int blocks)
      throws Hdf5FormatException {
    int[] expected = blocks == 1 && !r.isDataset("/num_blocks") ? mkg
        : new int[] {blocks, mkg[0], mkg[1], mkg[2]};
    H5Reader.Raw raw = numeric(r, "/codebooks");
    if (!Arrays.equals(raw.dims, expected) || mkg[1] > MAX_CENTROIDS) {
      throw r.error("/codebooks", "expected shape " + H5Reader.Raw.shapeString(expected)
          + " (blocks, M, 2^(b*G), G), found " + raw.shapeString());
    }
    double[] v = raw.asDoubles();
    requireFinite(r, "/codebooks", v, false);
    int per = mkg[1] * mkg[2];
    double[][][] out = new double[blocks][mkg[0]][];
    for (int b = 0; b < blocks; b++) {
      for (int s = 0; s < mkg[0]; s++) {
        out[b][s] = Arrays.copyOfRange(v, (b * mkg[0] + s) * per, (b * mkg[0] + s + 1) * per);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // codes

  static H5Tree.Group codes(String modelClass, String modelChecksum, int length,
      List<byte[]> codes) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.PQ_CODES_CLASS);
    long total = 0;
    long[] offsets = new long[codes.size() + 1];
    for (int i = 0; i < codes.size(); i++) {
      total += codes.get(i).length;
      offsets[i + 1] = total;
    }
    byte[] flat = new byte[Math.toIntExact(total)];
    for (int i = 0; i < codes.size(); i++) {
      System.arraycopy(codes.get(i), 0, flat, (int) offsets[i], codes.get(i).length);
    }
    root.dataset("codes", H5Value.u8(new int[] {flat.length}, flat));
    root.dataset("offsets", H5Value.i64(new int[] {offsets.length}, offsets));
    root.dataset("length", H5Value.i64(length));
    root.dataset("model_writer_class", H5Value.string(modelClass));
    root.dataset("model_checksum", H5Value.string(modelChecksum));
    return root;
  }

  /** Reads codes written for the model of class {@code modelClass} and checksum. */
  static List<byte[]> readCodes(H5Reader r, String modelClass, String modelChecksum)
      throws Hdf5FormatException {
    requireWriter(r, Hdf5.PQ_CODES_CLASS);
    String cls = Hdf5.stringScalar(r, "/model_writer_class");
    if (!cls.equals(modelClass)) {
      throw r.error("/model_writer_class", "the codes were written by a '" + cls + "', not by"
          + " the given '" + modelClass + "'");
    }
    String sum = Hdf5.stringScalar(r, "/model_checksum");
    if (!sum.equals(modelChecksum)) {
      throw r.error("/model_checksum", "the codes belong to another model: stored " + sum
          + ", the given model has " + modelChecksum);
    }
    H5Reader.Raw raw = r.read("/codes");
    if (raw.kind != 'i' || raw.dims.length != 1) {
      throw r.error("/codes", "expected a uint8 vector, found dtype " + raw.dtype + " shape "
          + raw.shapeString());
    }
    long[] offsets = Hdf5.integerVector(r, "/offsets", "N+1", 1, -1);
    if (offsets[0] != 0 || offsets[offsets.length - 1] != raw.longs.length) {
      throw r.error("/offsets", "expected offsets from 0 to the length of /codes ("
          + raw.longs.length + "), found " + offsets[0] + " .. " + offsets[offsets.length - 1]);
    }
    List<byte[]> out = new ArrayList<>(offsets.length - 1);
    for (int i = 0; i + 1 < offsets.length; i++) {
      if (offsets[i + 1] < offsets[i]) {
        throw r.error("/offsets", "must be non-decreasing; element [" + (i + 1) + "] = "
            + offsets[i + 1] + " < element [" + i + "] = " + offsets[i]);
      }
      byte[] c = new byte[(int) (offsets[i + 1] - offsets[i])];
      for (int j = 0; j < c.length; j++) {
        long v = raw.longs[(int) offsets[i] + j];
        if (v < 0 || v > 255) {
          throw r.error("/codes", "element [" + (offsets[i] + j) + "] must be a byte in [0, 255],"
              + " found " + v);
        }
        c[j] = (byte) v;
      }
      out.add(c);
    }
    return out;
  }

  static int codesLength(H5Reader r) throws Hdf5FormatException {
    return intScalar(r, "/length", 1, Hdf5.MAX_DIMENSION);
  }

  // ------------------------------------------------------------------------------------------
  // inspection

  static String describePq(ProductQuantizer q) {
    return "ProductQuantizer L=" + q.length() + " G=" + q.subvectorLength() + " b="
        + q.bitsPerDimension() + " M=" + q.numSubspaces() + " centroids=" + q.numCentroids()
        + " codeBytes=" + q.codeBytes();
  }

  static String describeCodec(SparseFisherCodec c) {
    return "SparseFisherCodec K=" + c.numBlocks() + " S=" + c.blockLength() + " G="
        + c.subvectorLength() + " b=" + c.bitsPerDimension() + " bytes per non-zero block="
        + c.blockCodeBytes() + " flag bytes=" + c.flagBytes() + " renormalization="
        + c.renormalization();
  }
}
