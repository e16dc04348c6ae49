package org.emkit.fa;

import org.emkit.testing.NumericAssert;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.testing.ReferenceData;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** Behaviour and error paths of {@link JFAMachine}. */
class JFAMachineTest {

  private static JFAMachine machine() {
    return JFAMachine.builder(FaTestData.ubm(), 2, 2).u(FaTestData.mu()).v(FaTestData.mv())
        .d(FaTestData.M_D).build();
  }

  @Test
  void initialisationDrawsVAfterU() {
    JFAMachine m = JFAMachine.builder(FaTestData.ubm(), 2, 2).seed(0).build();
    NumericAssert.assertParity("inputs/create_UVD_U_seed0_6x2",
        ReferenceData.npyValues("inputs/create_UVD_U_seed0_6x2.npy"), m.u().data(),
        Tolerance.EXACT);
    NumericAssert.assertParity("inputs/jfa_create_UVD_V_seed0_6x2_after_U",
        ReferenceData.npyValues("inputs/jfa_create_UVD_V_seed0_6x2_after_U.npy"), m.v().data(),
        Tolerance.EXACT);
    // a given U keeps V at its place in the stream
    JFAMachine given = JFAMachine.builder(FaTestData.ubm(), 2, 2).seed(0).u(FaTestData.mu())
        .build();
    assertArrayEquals(m.v().data(), given.v().data());
    assertArrayEquals(FaTestData.M_U, given.u().data());
    assertArrayEquals(ISVMachine.builder(FaTestData.ubm(), 2).build().d(), m.d());
    // bob's test_JFA_train_initialize (issue #118): initialising twice gives the same matrices
    JFAMachine again = JFAMachine.builder(FaTestData.ubm(), 2, 2).seed(0).build();
    assertArrayEquals(m.u().data(), again.u().data());
    assertArrayEquals(m.v().data(), again.v().data());
    assertArrayEquals(m.d(), again.d());
  }

  @Test
  void numericsDefaultsToStandard() {
    assertEquals(Numerics.STANDARD, machine().numerics());
    assertTrue(machine().toString().contains("numerics=STANDARD"));
  }

  @Test
  void reportCountsThreePhasesAndMonitorCanStop() {
    JFAMachine fitted = machine().toBuilder().iterations(3).build()
        .fit(FaTestData.training(), FaTestData.LABELS);
    assertEquals(9, fitted.report().iterations());
    JFAMachine stopped = machine().toBuilder().iterations(3).build()
        .fit(FaTestData.training(), FaTestData.LABELS, (it, obj) -> it < 4);
    assertEquals(4, stopped.report().iterations());
    assertTrue(stopped.report().stoppedByMonitor());
    // stopped in the U phase: V is trained, D untouched
    assertArrayEquals(fitted.v().data(), stopped.v().data());
    assertArrayEquals(FaTestData.M_D, stopped.d());
  }

  @Test
  void enrollmentAccessorsCopy() {
    JFAMachine.Enrollment e = machine().enroll(FaTestData.enrolment());
    double[] y = e.y();
    y[0] = 42;
    assertTrue(e.y()[0] != 42);
  }

  @Test
  void errorsNameParameterAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JFAMachine.builder(FaTestData.ubm(), 2, 8));
    assertTrue(e.getMessage().contains("rankV") && e.getMessage().contains("8"), e.getMessage());
    DimensionMismatchException v = assertThrows(DimensionMismatchException.class,
        () -> JFAMachine.builder(FaTestData.ubm(), 2, 2).v(Matrix.zeros(5, 2)));
    assertTrue(v.getMessage().contains("v") && v.getMessage().contains("5x2"), v.getMessage());
    DimensionMismatchException y = assertThrows(DimensionMismatchException.class,
        () -> machine().score(JFAMachine.Enrollment.of(new double[3], new double[6]),
            List.of(FaTestData.gse1(1))));
    assertTrue(y.getMessage().contains("client.y") && y.getMessage().contains("3"),
        y.getMessage());
    IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
        () -> machine().fit(FaTestData.training(), new int[] {1, 1, 2, 2}));
    assertTrue(labels.getMessage().contains("identity 0 has no sessions"), labels.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> JFAMachine.Enrollment.of(new double[] {Double.NaN, 0}, new double[6]));
    assertTrue(nan.getMessage().contains("y[0]"), nan.getMessage());
  }
}
