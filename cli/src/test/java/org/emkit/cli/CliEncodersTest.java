package org.emkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.core.io.Npy;
import org.emkit.fisher.FisherLayout;
import org.emkit.fisher.FisherOptions;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.PowerNormalization;
import org.emkit.fisher.VLADEncoder;
import org.emkit.fisher.VLADOptions;
import org.emkit.fisher.VectorNormalization;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.mixture.GMMMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emkit fv} and {@code emkit vlad}: each row equals the library encoder's output. */
class CliEncodersTest {

  @TempDir Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void fvRowsEqualTheEncoderForEveryNormalizationAndLayout() throws Exception {
    Matrix x = Cli.ubmData(dir.resolve("x.npy"));
    Cli.Result train = Cli.run("gmm", "train", "--data", p("x.npy"), "--components", "3", "--update", "mvw",
        "--quiet", "--out", p("ubm.h5"));
    assertEquals(0, train.code, train.toString());
    GMMMachine ubm = Hdf5.loadGmm(dir.resolve("ubm.h5"));
    int[] sets = {100, 0, 500};
    String[][] presets = {{"improved", "SIGNED_SQUARE_ROOT", "L2"}, {"none", "NONE", "NONE"},
        {"power", "SIGNED_SQUARE_ROOT", "NONE"}, {"l2", "NONE", "L2"}};
    for (String[] preset : presets) {
      for (String layout : new String[] {"emkit", "vlfeat"}) {
        Cli.Result r = Cli.run("fv", "--gmm", p("ubm.h5"), "--data", p("x.npy"), "--sets", "100,0,500",
            "--normalization", preset[0], "--layout", layout, "--threads", "2", "--out", p("fv.npy"));
        assertEquals(0, r.code, r.toString());
        FisherOptions o = FisherOptions.builder()
            .power(preset[1].equals("NONE") ? PowerNormalization.NONE : PowerNormalization.SIGNED_SQUARE_ROOT)
            .l2(VectorNormalization.valueOf(preset[2]))
            .layout(layout.equals("emkit") ? FisherLayout.EMKIT : FisherLayout.VLFEAT).build();
        Matrix expected = FisherVectorEncoder.of(ubm, o).encodeSets(x, sets, 1);
        Matrix got = Npy.readMatrix(dir.resolve("fv.npy"));
        assertEquals(3, got.rows());
        assertEquals(2 * 3 * 3, got.cols());
        assertArrayEquals(expected.data(), got.data(), preset[0] + " " + layout);
      }
    }
  }

  @Test
  void vladRowsEqualTheEncoderWithAndWithoutIntraNormalisation() throws Exception {
    Matrix x = Cli.ubmData(dir.resolve("x.npy"));
    Cli.Result km = Cli.run("kmeans", "--data", p("x.npy"), "--clusters", "4", "--quiet", "--out", p("km.h5"));
    assertEquals(0, km.code, km.toString());
    KMeansMachine kmeans = Hdf5.loadKMeans(dir.resolve("km.h5"));
    for (boolean intra : new boolean[] {false, true}) {
      Cli.Result r = intra
          ? Cli.run("vlad", "--kmeans", p("km.h5"), "--data", p("x.npy"), "--sets", "300,300", "--intra-norm",
              "--out", p("v.npy"))
          : Cli.run("vlad", "--kmeans", p("km.h5"), "--data", p("x.npy"), "--sets", "300,300", "--out", p("v.npy"));
      assertEquals(0, r.code, r.toString());
      Matrix expected = VLADEncoder.of(kmeans, VLADOptions.builder()
          .intra(intra ? VectorNormalization.L2 : VectorNormalization.NONE).build())
          .encodeSets(x, new int[] {300, 300}, 1);
      assertArrayEquals(expected.data(), Npy.readMatrix(dir.resolve("v.npy")).data(), "intra " + intra);
    }
  }

  @Test
  void badSetsAndMismatchedDimensionsAreReportedWithTheRightExitCode() throws Exception {
    Cli.ubmData(dir.resolve("x.npy"));
    Cli.run("gmm", "train", "--data", p("x.npy"), "--components", "2", "--quiet", "--out", p("ubm.h5"));
    Cli.Result sum = Cli.run("fv", "--gmm", p("ubm.h5"), "--data", p("x.npy"), "--sets", "10,20", "--out", p("f.npy"));
    assertEquals(3, sum.code, sum.toString());
    assertTrue(sum.err.contains("--sets lengths sum to 30 but --data has 600 rows"), sum.err);
    Cli.Result word = Cli.run("fv", "--gmm", p("ubm.h5"), "--data", p("x.npy"), "--sets", "10,abc", "--out", p("f.npy"));
    assertEquals(2, word.code, word.toString());
    assertTrue(word.err.contains("--sets item 2"), word.err);
    Npy.write(dir.resolve("y.npy"), Matrix.zeros(5, 4));
    Cli.Result dim = Cli.run("fv", "--gmm", p("ubm.h5"), "--data", p("y.npy"), "--out", p("f.npy"));
    assertEquals(3, dim.code, dim.toString());
    assertTrue(dim.err.contains("has 4 columns but --gmm"), dim.err);
    Cli.Result norm = Cli.run("fv", "--gmm", p("ubm.h5"), "--data", p("x.npy"), "--normalization", "sqrt",
        "--out", p("f.npy"));
    assertEquals(2, norm.code, norm.toString());
  }
}
