package org.emkit.fa;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.NumericalFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every error path of {@link PLDA}, {@link PLDAStats} and {@link PLDA.Enrollment}: the exception
 * type, the parameter name and the offending value (or both shapes) in the message, and the
 * remedy where the failure is numerical.
 */
class PLDAValidationTest {

  private static <T extends Throwable> void assertMessage(Class<T> type, Executable call,
      String... parts) {
    T e = assertThrows(type, call);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void builderRejectsInvalidHyperparameters() {
    assertMessage(IllegalArgumentException.class, () -> PLDA.builder(0, 1, 0), "numFeatures",
        "got 0");
    assertMessage(IllegalArgumentException.class, () -> PLDA.builder(3, 0, 0), "rankF", "got 0");
    assertMessage(IllegalArgumentException.class, () -> PLDA.builder(3, 4, 0), "rankF", "got 4");
    assertMessage(IllegalArgumentException.class, () -> PLDA.builder(3, 1, -1), "rankG", "got -1");
    PLDA.Builder b = PLDA.builder(3, 1, 1);
    assertMessage(IllegalArgumentException.class, () -> b.iterations(-2), "iterations", "-2");
    assertMessage(IllegalArgumentException.class, () -> b.convergenceThreshold(-1e-3),
        "convergenceThreshold", "-0.001");
    assertMessage(IllegalArgumentException.class, () -> b.varianceFloor(-1), "varianceFloor",
        "-1.0");
    assertMessage(IllegalArgumentException.class, () -> b.fInitRatio(0), "fInitRatio", "0.0");
    assertMessage(IllegalArgumentException.class, () -> b.gInitRatio(Double.POSITIVE_INFINITY),
        "gInitRatio", "Infinity");
    assertMessage(IllegalArgumentException.class, () -> b.sigmaInitRatio(-3), "sigmaInitRatio",
        "-3.0");
    assertMessage(IllegalArgumentException.class, () -> b.seed(-1), "seed", "-1");
    assertMessage(IllegalArgumentException.class, () -> b.parallelism(0), "parallelism", "got 0");
    assertMessage(IllegalArgumentException.class,
        () -> PLDA.builder(3, 1, 0).sigmaInit(PLDA.SigmaInit.VARIANCE_G).build(), "sigmaInit",
        "VARIANCE_G", "rankG = 0");
    assertMessage(DimensionMismatchException.class, () -> b.mu(new double[2]), "mu",
        "length 2", "D = 3");
    assertMessage(DimensionMismatchException.class, () -> b.f(Matrix.zeros(3, 2)), "f",
        "3x2", "3x1");
    assertMessage(DimensionMismatchException.class, () -> b.g(Matrix.zeros(2, 1)), "g", "2x1");
    assertMessage(IllegalArgumentException.class, () -> b.sigma(new double[] {1, 0, 1}),
        "sigma[1]", "0.0");
    assertMessage(IllegalArgumentException.class,
        () -> b.f(Matrix.of(new double[][] {{1}, {Double.NaN}, {0}})), "f[1, 0] is NaN");
  }

  private static final Matrix X = Matrix.of(new double[][] {{1, 2, 3}, {2, 1, 0}, {0, 1, 5},
      {3, 3, 1}, {1, 0, 1}});

  @Test
  void fitRejectsBadData() {
    PLDA p = PLDA.builder(3, 1, 1).iterations(1).build();
    assertMessage(DimensionMismatchException.class,
        () -> p.fit(Matrix.zeros(4, 2), new int[] {0, 0, 1, 1}), "PLDA.fit", "x has 2 columns",
        "D = 3");
    assertMessage(DimensionMismatchException.class, () -> p.fit(X, new int[] {0, 0, 1}),
        "labels has length 3", "N = 5");
    assertMessage(IllegalArgumentException.class, () -> p.fit(Matrix.zeros(0, 3), new int[0]),
        "x must have at least 1 row");
    assertMessage(IllegalArgumentException.class,
        () -> p.fit(Matrix.of(new double[][] {{1, 2, 3}, {1, Double.POSITIVE_INFINITY, 0}}),
            new int[] {0, 0}), "x[1, 1] is Infinity");
    // identities of one sample each: within-identity variability is not identifiable
    assertMessage(IllegalArgumentException.class, () -> p.fit(X, new int[] {1, 2, 3, 4, 5}),
        "PLDA.fit", "labels", "2 or more samples", "5 identities of 1 sample");
    assertMessage(NullPointerException.class, () -> p.fit(X, null), "labels");
  }

  @Test
  void singularScattersAreTypedErrorsWithARemedy() {
    Random rnd = new Random(301);
    // D = 5, three identities of 2 samples: within-class scatter of rank 3 < rankG = 4
    Matrix x = PldaNaive.randomSamples(rnd, 6, 5);
    int[] labels = {0, 0, 1, 1, 2, 2};
    assertMessage(NumericalFailureException.class,
        () -> PLDA.builder(5, 1, 4).gInit(PLDA.GInit.WITHIN_SCATTER).build().fit(x, labels),
        "PLDA.fit", "within-class scatter has rank 3", "rankG = 4", "WITHIN_SCATTER", "RANDOM");
    // the centred class means of 3 identities have rank 2 < rankF = 3
    assertMessage(NumericalFailureException.class,
        () -> PLDA.builder(5, 3, 1).fInit(PLDA.FInit.BETWEEN_SCATTER).build().initialize(x,
            labels), "PLDA.initialize", "between-class scatter has rank 2", "rankF = 3");
    // a constant feature gives a zero data variance
    Matrix constant = Matrix.of(new double[][] {{1, 7}, {2, 7}, {0, 7}, {4, 7}});
    assertMessage(NumericalFailureException.class,
        () -> PLDA.builder(2, 1, 1).sigmaInit(PLDA.SigmaInit.VARIANCE_DATA).build()
            .initialize(constant, new int[] {0, 0, 1, 1}), "sigma[1] = 0.0", "varianceFloor > 0");
    // ... which the floor repairs
    assertTrue(PLDA.builder(2, 1, 1).sigmaInit(PLDA.SigmaInit.VARIANCE_DATA).varianceFloor(1e-3)
        .build().initialize(constant, new int[] {0, 0, 1, 1}).isFitted());
  }

  @Test
  void unfittedMachinesNameTheMethod() {
    PLDA p = PLDA.builder(3, 1, 1).f(Matrix.zeros(3, 1)).build();
    assertMessage(NotFittedException.class, () -> p.enroll(X), "PLDA.enroll", "not fitted");
    assertMessage(NotFittedException.class, () -> p.eStep(X, new int[5]), "PLDA.eStep");
    assertMessage(NotFittedException.class, () -> p.sigma(), "PLDA.sigma");
    assertMessage(NotFittedException.class, () -> p.gamma(2), "PLDA.gamma");
  }

  @Test
  void statsAndEnrolmentsMustMatchTheModel() {
    PLDA m = PldaTestData.machine();
    assertMessage(DimensionMismatchException.class, () -> m.mStep(new PLDAStats(7, 1, 3)),
        "PLDA.mStep", "(7, 1, 3)", "(7, 2, 3)");
    assertMessage(IllegalArgumentException.class, () -> m.mStep(new PLDAStats(7, 2, 3)),
        "at least 1 sample", "got 0");
    assertMessage(DimensionMismatchException.class,
        () -> new PLDAStats(7, 2, 3).merge(new PLDAStats(7, 2, 2)), "PLDAStats.merge",
        "(7, 2, 3)", "(7, 2, 2)");
    assertMessage(IllegalArgumentException.class,
        () -> PLDAStats.of(1, 1, 0, new double[1], new double[1], new double[1], 0, 2, 3),
        "numIdentities", "got 3");
    assertMessage(DimensionMismatchException.class,
        () -> PLDAStats.of(1, 1, 0, new double[2], new double[1], new double[1], 0, 2, 1),
        "numerator", "length 2");
    PLDA.Enrollment wrong = PLDA.Enrollment.of(1, new double[3], 0, 0);
    assertMessage(DimensionMismatchException.class,
        () -> m.score(wrong, Matrix.zeros(1, 7)), "PLDA.score", "length 3", "n_f = 2");
    assertMessage(IllegalArgumentException.class,
        () -> PLDA.Enrollment.of(0, new double[2], 0, 0), "numSamples", "got 0");
    assertMessage(IllegalArgumentException.class,
        () -> PLDA.Enrollment.of(1, new double[2], Double.NaN, 0), "quadraticTerm", "NaN");
    assertMessage(DimensionMismatchException.class, () -> m.enroll(Matrix.zeros(2, 6)),
        "PLDA.enroll", "samples has 6 columns", "D = 7");
    assertMessage(IllegalArgumentException.class, () -> m.score(m.enroll(Matrix.zeros(1, 7)),
        Matrix.zeros(0, 7)), "probe must have at least 1 row");
    assertMessage(IllegalArgumentException.class, () -> m.gamma(0), "count", "got 0");
  }
}
