package org.emkit.linear;

import static org.emkit.testing.NumericAssert.assertAllClose;

import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** bob.learn.em's {@code tests/test_linear.py} values (SPEC §8), checked at bob's 1e-4. */
@Tag("parity")
class WhiteningAndWCCNParityTest {

  static final Matrix X = Matrix.of(new double[][] {
      {1.2622, -1.6443, 0.1889}, {0.4286, -0.8922, 1.3020}, {-0.6613, 0.0430, 0.6377},
      {-0.8718, -0.4788, 0.3988}, {-0.0098, -0.3121, -0.1807}, {0.4301, 0.4886, -0.1456}});
  static final Tolerance BOB = new Tolerance(1e-4, 1e-4);

  @Test
  void whiteningMatchesBob() {
    for (Inversion inv : Inversion.values()) {
      Whitening w = Whitening.create(inv).fit(X);
      assertAllClose(new double[] {0.096324163333333, -0.465965438333333, 0.366839091666667}, w.mean(), BOB);
      assertAllClose(new double[] {1.608410253685985, 0, 0, 1.079813355720326, 1.411083365535711, 0,
          0.693459921529905, 0.571417184139332, 1.800117179839927}, w.weights().data(), BOB);
      assertAllClose(new double[] {5.942255453628436, 4.984316201643742, 4.739998188373740},
          w.transform(Matrix.rowVector(1, 2, 3)).data(), BOB);
    }
  }

  @Test
  void wccnMatchesBobInCompatibleMode() {
    int[] y = {0, 0, 1, 1, 2, 2};
    for (Inversion inv : Inversion.values()) {
      WCCN w = WCCN.create(inv, Numerics.BOB_COMPATIBLE).fit(X, y);
      assertAllClose(new double[] {15.8455444, 0, 0, -10.7946764, 2.87942129, 0, 18.76762201, -2.19719292,
          2.1505817}, w.weights().data(), BOB);
      assertAllClose(new double[] {50.55905765, -0.83273618, 6.45174511},
          w.transform(Matrix.rowVector(1, 2, 3)).data(), BOB);
    }
  }
}
