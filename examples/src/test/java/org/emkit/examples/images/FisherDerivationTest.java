package org.emkit.examples.images;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.emkit.core.Matrix;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.mixture.GMMMachine;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class FisherDerivationTest {

  /** The Fisher-vector variants repeat the encoder's own operations. */
  private static final Tolerance DERIVED = Tolerance.KERNEL_VS_ORACLE;

  /**
   * Soft-BoV is reconstructed as w + √w·G_α from the weight gradient: a frequency keeps about
   * eps·w of absolute error, which the square root turns into at most √(eps·w) ≈ 1e-8 on a
   * unit-norm vector (see FisherDerivation's precision note).
   */
  private static final Tolerance SOFT_BOV = new Tolerance(1e-12, 2e-8);

  private static GMMMachine gmm(SplittableRandom rng, int k, int d) {
    double[] w = new double[k];
    double sum = 0;
    for (int c = 0; c < k; c++) {
      w[c] = 0.2 + rng.nextDouble();
      sum += w[c];
    }
    for (int c = 0; c < k; c++) {
      w[c] /= sum;
    }
    double[] mu = new double[k * d];
    double[] var = new double[k * d];
    for (int i = 0; i < mu.length; i++) {
      mu[i] = rng.nextGaussian();
      var[i] = 0.3 + rng.nextDouble();
    }
    return GMMMachine.fromParameters(w, Matrix.wrap(k, d, mu), Matrix.wrap(k, d, var));
  }

  @Test
  void everyDerivedVariantEqualsItsOwnEncoder() {
    SplittableRandom rng = new SplittableRandom(7);
    int k = 5;
    int d = 3;
    GMMMachine g = gmm(rng, k, d);
    int[] lengths = {17, 1, 40};
    double[] x = new double[58 * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = 1.5 * rng.nextGaussian();
    }
    Matrix descriptors = Matrix.wrap(58, d, x);
    Matrix raw = FisherVectorEncoder.of(g, FisherDerivation.rawOptions())
        .encodeSets(descriptors, lengths, 1);
    for (Encoding e : Encoding.values()) {
      if (!e.derivedFromFisher()) {
        assertThrows(IllegalArgumentException.class, () -> new FisherDerivation(e, g));
        continue;
      }
      FisherDerivation f = new FisherDerivation(e, g);
      assertEquals(e.dimension(k, d), f.length(), e.name());
      Matrix direct = f.encoder().encodeSets(descriptors, lengths, 1);
      for (int s = 0; s < lengths.length; s++) {
        double[] out = new double[f.length()];
        f.derive(raw.data(), s * raw.cols(), out);
        assertAllClose(direct.row(s), out, e == Encoding.SOFT_BOV ? SOFT_BOV : DERIVED,
            e + " set " + s);
        if (e == Encoding.SOFT_BOV) {
          continue; // derived from double precision only (EncodingJob.Fisher)
        }
        // and from single-precision storage, to float rounding
        FloatRows rows = new FloatRows(1, raw.cols());
        rows.set(0, raw.data(), s * raw.cols());
        double[] fromFloat = new double[f.length()];
        f.derive(rows, 0, new double[raw.cols()], fromFloat);
        assertAllClose(direct.row(s), fromFloat, new Tolerance(1e-5, 1e-6), e + " float");
      }
    }
  }
}
