package org.emkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.emkit.core.Matrix;
import org.emkit.fa.IVectorMachine;
import org.emkit.fa.PLDA;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.mixture.GMMMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emkit info} on factor-analysis and PLDA files written by the library. */
class CliInfoModelsTest {

  @TempDir Path dir;

  @Test
  void infoDescribesIVectorAndPldaFiles() throws Exception {
    GMMMachine ubm = GMMMachine.builder(2).weights(new double[] {0.25, 0.75})
        .means(Matrix.of(new double[][] {{0, 1, 2}, {3, 4, 5}}))
        .variances(Matrix.of(new double[][] {{1, 1, 1}, {2, 2, 2}})).build();
    double[] t = new double[6 * 2];
    for (int k = 0; k < t.length; k++) {
      t[k] = 0.1 * (k + 1);
    }
    IVectorMachine tv = IVectorMachine.fromParameters(ubm, Matrix.wrap(6, 2, t),
        ubm.variances());
    Path f = dir.resolve("tv.h5");
    Hdf5.saveIVector(f, tv);
    Cli.Result r = Cli.run("info", f.toString());
    assertEquals(0, r.code, r.toString());
    assertTrue(r.out.contains("type: IVECTOR_MACHINE"), r.out);
    assertTrue(r.out.contains("format version: 1.0"), r.out);
    assertTrue(r.out.contains("IVectorMachine C=2 D=3 rank=2"), r.out);
    assertTrue(r.out.contains("/T (2, 3, 2) float64"), r.out);

    PLDA plda = PLDA.fromParameters(new double[] {0, 1, 2},
        Matrix.of(new double[][] {{1, 0}, {0, 1}, {0.5, 0.5}}), Matrix.of(new double[][] {{0.2},
            {0.1}, {0.3}}), new double[] {1, 2, 3}, 0.0);
    Path p = dir.resolve("plda.h5");
    Hdf5.savePlda(p, plda);
    Cli.Result pr = Cli.run("info", p.toString());
    assertEquals(0, pr.code, pr.toString());
    assertTrue(pr.out.contains("type: PLDA"), pr.out);
    assertTrue(pr.out.contains("PLDA D=3 rankF=2 rankG=1"), pr.out);
    assertTrue(pr.out.contains("/dim_d () uint64"), pr.out);
  }
}
