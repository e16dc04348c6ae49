package org.emkit.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.fisher.compress.ProductQuantizer;
import org.emkit.fisher.compress.SparseFisherCodec;
import org.emkit.linear.VectorSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Product quantisers, sparse Fisher codecs and their codes: round trips, errors, h5py. */
class Hdf5CompressionTest {

  @TempDir Path dir;

  /** N vectors of 4 blocks of 5 values; every third vector has block 1 exactly zero. */
  static Matrix vectors(int n, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    double[] x = new double[n * 20];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 20; j++) {
        x[i * 20 + j] = j / 5 == 1 && i % 3 == 0 ? 0.0 : r.randn() + j % 5;
      }
    }
    return Matrix.wrap(n, 20, x);
  }

  static ProductQuantizer pq() {
    return ProductQuantizer.builder(4, 2).kmeansIterations(4).maxTrainingVectors(300).seed(7).build()
        .fit(vectors(400, 1));
  }

  static SparseFisherCodec codec(SparseFisherCodec.Renormalization r) {
    return SparseFisherCodec.fit(VectorSource.of(vectors(300, 2)), 4,
        ProductQuantizer.builder(2, 2).kmeansIterations(3).seed(5).build(), r);
  }

  @Test
  void productQuantizerRoundTripsBitwiseWithItsSettings() throws Exception {
    ProductQuantizer q = pq();
    Path f = dir.resolve("pq.h5");
    Hdf5.saveProductQuantizer(f, q);
    ProductQuantizer back = Hdf5.loadProductQuantizer(f);
    assertEquals(q.toString(), back.toString());
    assertEquals(7, back.seed());
    assertEquals(4, back.kmeansIterations());
    assertEquals(300, back.maxTrainingVectors());
    for (int m = 0; m < q.numSubspaces(); m++) {
      assertArrayEquals(q.codebook(m), back.codebook(m));
    }
    assertEquals(Hdf5Info.Kind.PRODUCT_QUANTIZER, Hdf5.inspect(f).kind());
  }

  @Test
  void codecAndCodesRoundTripAndCodesAreTiedToTheirModel() throws Exception {
    SparseFisherCodec c = codec(SparseFisherCodec.Renormalization.L2);
    Path f = dir.resolve("codec.h5");
    Hdf5.saveSparseFisherCodec(f, c);
    SparseFisherCodec back = Hdf5.loadSparseFisherCodec(f);
    assertEquals(c.toString(), back.toString());
    Matrix x = vectors(30, 3);
    List<byte[]> codes = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      codes.add(c.encode(x.row(i)));
      assertArrayEquals(c.decode(codes.get(i)), back.decode(codes.get(i)), "vector " + i);
    }
    Path cf = dir.resolve("codes.h5");
    Hdf5.saveCodes(cf, c, codes);
    List<byte[]> read = Hdf5.loadCodes(cf, back);
    assertEquals(30, read.size());
    for (int i = 0; i < 30; i++) {
      assertArrayEquals(codes.get(i), read.get(i));
    }
    Hdf5Info info = Hdf5.inspect(cf);
    assertEquals(Hdf5Info.Kind.PQ_CODES, info.kind());
    Hdf5FormatException e = assertThrows(Hdf5FormatException.class,
        () -> Hdf5.loadCodes(cf, codec(SparseFisherCodec.Renormalization.NONE)));
    assertTrue(e.getMessage().contains("/model_checksum: the codes belong to another model"), e.getMessage());
    e = assertThrows(Hdf5FormatException.class, () -> Hdf5.loadCodes(cf, pq()));
    assertTrue(e.getMessage().contains("/model_writer_class"), e.getMessage());
    // product-quantiser codes too
    ProductQuantizer q = pq();
    List<byte[]> pqCodes = List.of(q.encode(x.row(0)), q.encode(x.row(1)));
    Hdf5.saveCodes(cf, q, pqCodes);
    assertArrayEquals(pqCodes.get(1), Hdf5.loadCodes(cf, q).get(1));
  }

  @Test
  void invalidCodesAndDamagedFilesAreTypedErrors() throws Exception {
    SparseFisherCodec c = codec(SparseFisherCodec.Renormalization.NONE);
    byte[] good = c.encode(vectors(3, 4).row(0));
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Hdf5.saveCodes(dir.resolve("x.h5"), c, List.of(good, truncated)));
    assertTrue(e.getMessage().startsWith("Hdf5.saveCodes: codes[1] is not a valid code:"), e.getMessage());
    // a codes file whose offsets skip a byte: valid HDF5, invalid codes
    H5Tree.Group root = CompressionFiles.codes(Hdf5.SPARSE_FISHER_CODEC_CLASS,
        ContentDigest.of(CompressionFiles.codec(c)), c.length(), List.of(good, truncated));
    Path bad = dir.resolve("bad.h5");
    Hdf5.save(bad, root);
    Hdf5FormatException f = assertThrows(Hdf5FormatException.class, () -> Hdf5.loadCodes(bad, c));
    assertTrue(f.getMessage().contains("/codes: code 1 does not decode"), f.getMessage());
    // an unknown version
    H5Tree.Group v2 = CompressionFiles.pq(pq());
    v2.attribute("file_version", H5Value.string("2.0"));
    Path future = dir.resolve("v2.h5");
    Hdf5.save(future, v2);
    f = assertThrows(Hdf5FormatException.class, () -> Hdf5.loadProductQuantizer(future));
    assertTrue(f.getMessage().contains("unknown file_version '2.0'"), f.getMessage());
    // a codebook of the wrong shape
    H5Tree.Group wrong = Hdf5.emkitRoot(Hdf5.PRODUCT_QUANTIZER_CLASS);
    wrong.dataset("length", H5Value.i64(20));
    wrong.dataset("subvector_length", H5Value.i64(4));
    wrong.dataset("bits_per_dimension", H5Value.i64(2));
    wrong.dataset("kmeans_iterations", H5Value.i64(4));
    wrong.dataset("max_training_vectors", H5Value.i64(300));
    wrong.dataset("seed", H5Value.i64(7));
    wrong.dataset("codebooks", H5Value.f64(new int[] {5, 256, 3}, new double[5 * 256 * 3]));
    Path shape = dir.resolve("shape.h5");
    Hdf5.save(shape, wrong);
    f = assertThrows(Hdf5FormatException.class, () -> Hdf5.loadProductQuantizer(shape));
    assertTrue(f.getMessage().contains("/codebooks: expected shape (5, 256, 4) (blocks, M, 2^(b*G), G),"
        + " found (5, 256, 3)"), f.getMessage());
    // a codec file is not a quantiser
    Path cf = dir.resolve("codec.h5");
    Hdf5.saveSparseFisherCodec(cf, c);
    f = assertThrows(Hdf5FormatException.class, () -> Hdf5.loadProductQuantizer(cf));
    assertTrue(f.getMessage().contains("writer_class"), f.getMessage());
  }

  @Test
  void h5pyReadsTheCodebooksAndTheCodes() throws Exception {
    ProductQuantizer q = pq();
    Path f = dir.resolve("pq.h5");
    Hdf5.saveProductQuantizer(f, q);
    Matrix x = vectors(5, 6);
    List<byte[]> codes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      codes.add(q.encode(x.row(i)));
    }
    Path cf = dir.resolve("codes.h5");
    Hdf5.saveCodes(cf, q, codes);
    // decode vector 3 in numpy from the two files: codebooks[m][code byte m] (b*G = 8 bits)
    String out = H5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "with h5py.File(sys.argv[1], 'r') as m, h5py.File(sys.argv[2], 'r') as c:",
        "    books = m['codebooks'][()]",
        "    o = c['offsets'][()]",
        "    code = c['codes'][o[3]:o[4]]",
        "    print(c['codes'].dtype, m['codebooks'].shape, m.attrs['writer_class'])",
        "    print(' '.join(repr(float(v)) for v in np.concatenate([books[k][code[k]] for k in range(len(code))])))"),
        f.toString(), cf.toString()).trim();
    String[] lines = out.split("\n");
    assertEquals("uint8 (5, 256, 4) org.emkit.fisher.compress.ProductQuantizer", lines[0]);
    double[] expected = q.decode(codes.get(3));
    String[] vals = lines[1].trim().split(" ");
    assertEquals(expected.length, vals.length);
    for (int j = 0; j < vals.length; j++) {
      assertEquals(expected[j], Double.parseDouble(vals[j]), 0.0, "element " + j);
    }
  }
}
