package org.emkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.core.io.Npy;
import org.emkit.core.random.NumpyRandom;
import org.emkit.fisher.compress.ProductQuantizer;
import org.emkit.fisher.compress.SparseFisherCodec;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.linear.VectorSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emkit pq train|encode|search}: files equal the library's results; errors are typed. */
class CliPqTest {

  @TempDir Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  /** N × 12 vectors of 3 blocks of 4; block 2 is exactly zero in every other vector. */
  private Matrix vectors(String name, int n, long seed) throws Exception {
    NumpyRandom r = new NumpyRandom(seed);
    double[] v = new double[n * 12];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 12; j++) {
        v[i * 12 + j] = j >= 8 && i % 2 == 0 ? 0.0 : r.randn() + (i % 3) * 2;
      }
    }
    Matrix m = Matrix.wrap(n, 12, v);
    Npy.write(dir.resolve(name), m);
    return m;
  }

  @Test
  void trainEncodeSearchMatchTheLibraryForAQuantizerAndACodec() throws Exception {
    Matrix x = vectors("x.npy", 300, 1);
    Matrix q = vectors("q.npy", 7, 2);
    for (boolean sparse : new boolean[] {false, true}) {
      List<String> args = new ArrayList<>(List.of("pq", "train", "--data", p("x.npy"), "--bits", "2",
          "--group", sparse ? "3" : "4", "--kmeans-iterations", "5", "--seed", "3", "--threads", "2", "--quiet",
          "--out", p("m.h5")));
      if (sparse) {
        args.addAll(List.of("--sparse-blocks", "3"));
      }
      Cli.Result t = Cli.run(args.toArray(new String[0]));
      assertEquals(0, t.code, t.toString());
      Cli.Result e = Cli.run("pq", "encode", "--model", p("m.h5"), "--data", p("x.npy"), "--out", p("c.h5"));
      assertEquals(0, e.code, e.toString());
      assertTrue(e.err.contains("pq encode: 300 vectors"), e.err);
      Cli.Result s = Cli.run("pq", "search", "--model", p("m.h5"), "--codes", p("c.h5"), "--queries", p("q.npy"),
          "--top", "5", "--out", p("nn.npy"));
      assertEquals(0, s.code, s.toString());
      Cli.Result csv = Cli.run("pq", "search", "--model", p("m.h5"), "--codes", p("c.h5"), "--queries",
          p("q.npy"), "--top", "2", "--quiet", "--out", p("nn.csv"));
      assertEquals(0, csv.code, csv.toString());
      Matrix nn = Npy.readMatrix(dir.resolve("nn.npy"));
      assertEquals(7, nn.rows());
      assertEquals(5, nn.cols());
      List<String> lines = Files.readAllLines(dir.resolve("nn.csv"));
      assertEquals("query,rank,index,distance", lines.get(0));
      assertEquals(1 + 7 * 2, lines.size());
      if (sparse) {
        ProductQuantizer template = ProductQuantizer.builder(3, 2).kmeansIterations(5).seed(3).build();
        SparseFisherCodec c = SparseFisherCodec.fit(VectorSource.of(x), 3, template,
            SparseFisherCodec.Renormalization.NONE);
        List<byte[]> codes = Hdf5.loadCodes(dir.resolve("c.h5"), Hdf5.loadSparseFisherCodec(dir.resolve("m.h5")));
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          expected.add(c.encode(x.row(i)));
          assertArrayEquals(expected.get(i), codes.get(i), "code " + i);
        }
        for (int i = 0; i < 7; i++) {
          int[] want = c.search(q.row(i), expected, 5);
          for (int k = 0; k < 5; k++) {
            assertEquals(want[k], (int) nn.get(i, k), "query " + i + " rank " + k);
          }
        }
      } else {
        ProductQuantizer pq = ProductQuantizer.builder(4, 2).kmeansIterations(5).seed(3).build().fit(x);
        List<byte[]> codes = Hdf5.loadCodes(dir.resolve("c.h5"), Hdf5.loadProductQuantizer(dir.resolve("m.h5")));
        byte[][] db = new byte[300][];
        for (int i = 0; i < 300; i++) {
          db[i] = pq.encode(x.row(i));
          assertArrayEquals(db[i], codes.get(i), "code " + i);
        }
        for (int i = 0; i < 7; i++) {
          int[] want = pq.search(q.row(i), db, 5);
          for (int k = 0; k < 5; k++) {
            assertEquals(want[k], (int) nn.get(i, k), "query " + i + " rank " + k);
          }
        }
        String[] first = lines.get(1).split(",");
        assertEquals("0", first[0]);
        assertEquals("1", first[1]);
        assertEquals(pq.adcDistance(pq.distanceTable(q.row(0)), db[want0(pq, q, db)]),
            Double.parseDouble(first[3]), 0.0);
      }
    }
  }

  private static int want0(ProductQuantizer pq, Matrix q, byte[][] db) {
    return pq.search(q.row(0), db, 1)[0];
  }

  @Test
  void errorsAreTypedAndNameTheOptionAndValue() throws Exception {
    vectors("x.npy", 40, 1);
    vectors("wide.npy", 3, 1);
    Npy.write(dir.resolve("narrow.npy"), Matrix.wrap(2, 5, new double[10]));
    Cli.Result r = Cli.run("pq", "train", "--data", p("x.npy"), "--bits", "3", "--group", "8", "--out", p("m.h5"));
    assertEquals(2, r.code, r.toString());
    assertTrue(r.err.contains("--bits and --group must be >= 1 with bits*group in [1, 16], got 3*8 = 24"), r.err);
    r = Cli.run("pq", "train", "--data", p("x.npy"), "--bits", "1", "--group", "5", "--out", p("m.h5"));
    assertEquals(3, r.code, r.toString());
    assertTrue(r.err.contains("subvectorLength (5) must divide the vector length 12"), r.err);
    r = Cli.run("pq", "train", "--data", p("x.npy"), "--bits", "2", "--group", "4", "--out", p("m.h5"));
    assertEquals(3, r.code, r.toString());
    assertTrue(r.err.contains("must be >= 2^(b*G) = 256"), r.err);
    r = Cli.run("pq", "train", "--data", p("x.npy"), "--bits", "1", "--group", "4", "--renormalize", "l1",
        "--out", p("m.h5"));
    assertEquals(2, r.code, r.toString());
    assertTrue(r.err.contains("--renormalize must be none or l2, got 'l1'"), r.err);
    r = Cli.run("pq", "train", "--data", p("x.npy"), "--bits", "1", "--group", "4", "--quiet", "--out", p("m.h5"));
    assertEquals(0, r.code, r.toString());
    r = Cli.run("pq", "encode", "--model", p("m.h5"), "--data", p("narrow.npy"), "--out", p("c.h5"));
    assertEquals(3, r.code, r.toString());
    assertTrue(r.err.contains("--data " + p("narrow.npy") + ": has 5 columns but --model " + p("m.h5")
        + " has length 12"), r.err);
    r = Cli.run("pq", "encode", "--model", p("x.npy"), "--data", p("x.npy"), "--out", p("c.h5"));
    assertEquals(3, r.code, r.toString());
    r = Cli.run("pq", "encode", "--model", p("missing.h5"), "--data", p("x.npy"), "--out", p("c.h5"));
    assertEquals(3, r.code, r.toString());
    assertTrue(r.err.contains("--model " + p("missing.h5") + ": no such file"), r.err);
    assertEquals(0, Cli.run("pq", "encode", "--model", p("m.h5"), "--data", p("x.npy"), "--quiet", "--out",
        p("c.h5")).code);
    // codes of another model
    assertEquals(0, Cli.run("pq", "train", "--data", p("x.npy"), "--bits", "1", "--group", "4", "--seed", "9",
        "--quiet", "--out", p("other.h5")).code);
    r = Cli.run("pq", "search", "--model", p("other.h5"), "--codes", p("c.h5"), "--queries", p("wide.npy"),
        "--out", p("nn.npy"));
    assertEquals(3, r.code, r.toString());
    assertTrue(r.err.contains("/model_checksum: the codes belong to another model"), r.err);
    r = Cli.run("pq", "search", "--model", p("m.h5"), "--codes", p("c.h5"), "--queries", p("wide.npy"),
        "--top", "0", "--out", p("nn.npy"));
    assertEquals(2, r.code, r.toString());
    assertTrue(r.err.contains("--top must be >= 1, got 0"), r.err);
    r = Cli.run("pq", "search", "--model", p("m.h5"), "--codes", p("c.h5"), "--queries", p("wide.npy"),
        "--out", p("nn.txt"));
    assertEquals(2, r.code, r.toString());
    r = Cli.run("pq");
    assertEquals(2, r.code, r.toString());
    Cli.Result info = Cli.run("info", p("c.h5"));
    assertEquals(0, info.code, info.toString());
    assertTrue(info.out.contains("codes of 40 vectors of length 12"), info.out);
  }
}
