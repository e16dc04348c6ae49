package org.emkit.fa;

import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/** The machines and probe of bob's test_JFAMachine and test_ISVMachine (SPEC §6.8). */
final class ScoringFixture {

  private ScoringFixture() {}

  static GMMMachine ubm() {
    return GMMMachine.fromParameters(new double[] {0.4, 0.6},
        Matrix.of(new double[][] {{1, 6, 2}, {4, 3, 2}}),
        Matrix.of(new double[][] {{1, 2, 1}, {2, 1, 2}}));
  }

  static Matrix u() {
    return Matrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 10}, {11, 12}});
  }

  static Matrix v() {
    return Matrix.of(new double[][] {{6, 5}, {4, 3}, {2, 1}, {1, 2}, {3, 4}, {5, 6}});
  }

  static double[] d() {
    return new double[] {0, 1, 0, 1, 0, 1};
  }

  static ISVMachine isv() {
    return ISVMachine.fromParameters(ubm(), u(), d());
  }

  static GMMStats probe() {
    return GMMStats.of(new double[] {0.4, 0.6}, Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}),
        Matrix.of(new double[][] {{10, 20, 30}, {40, 50, 60}}), -3.0, 1);
  }
}
