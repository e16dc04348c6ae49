package org.emkit.fa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.emkit.core.DimensionMismatchException;
import org.emkit.mixture.GMMMachine;
import org.junit.jupiter.api.Test;

/** The value factories of the accumulators reproduce what the accessors expose (persistence). */
class StatsFactoriesTest {

  @Test
  void subspaceStatsRoundTripThroughValues() {
    SubspaceStats acc = ISVMachine.builder(FaTestData.ubm(), 2).u(FaTestData.mu()).build()
        .eStep(FaTestData.training(), FaTestData.LABELS);
    double[] a1 = new double[2 * 4];
    for (int c = 0; c < 2; c++) {
      System.arraycopy(acc.a1(c).data(), 0, a1, 4 * c, 4);
    }
    SubspaceStats back = SubspaceStats.of(2, 3, 2, a1, acc.a2().data());
    for (int c = 0; c < 2; c++) {
      assertArrayEquals(acc.a1(c).data(), back.a1(c).data());
    }
    assertArrayEquals(acc.a2().data(), back.a2().data());
    DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
        () -> SubspaceStats.of(2, 3, 2, new double[7], acc.a2().data()));
    assertTrue(e.getMessage().contains("a1") && e.getMessage().contains("7"), e.getMessage());
  }

  @Test
  void diagonalAndIVectorStatsRoundTripThroughValues() {
    DiagonalStats d = DiagonalStats.of(new double[] {1, 2, 3}, new double[] {4, 5, 6});
    assertArrayEquals(new double[] {1, 2, 3}, d.a1());
    assertArrayEquals(new double[] {4, 5, 6}, d.copy().a2());
    Random rnd = new Random(2);
    GMMMachine ubm = Naive.randomUbm(rnd, 3, 2);
    IVectorStats st = IVectorMachine.builder(ubm, 2).build()
        .eStep(Naive.randomSessions(rnd, 4, 3, 2));
    double[] nij2 = new double[3 * 4];
    for (int c = 0; c < 3; c++) {
      System.arraycopy(st.nijSigmaWij2(c).data(), 0, nij2, 4 * c, 4);
    }
    IVectorStats back = IVectorStats.of(3, 2, 2, nij2, st.fnormSigmaWij().data(),
        st.snormij().data(), st.nij(), st.sumW(), st.sumWW().data(), st.numSessions());
    for (int c = 0; c < 3; c++) {
      assertArrayEquals(st.nijSigmaWij2(c).data(), back.nijSigmaWij2(c).data());
    }
    assertArrayEquals(st.fnormSigmaWij().data(), back.fnormSigmaWij().data());
    assertArrayEquals(st.sumWW().data(), back.sumWW().data());
    assertEquals(4, back.numSessions());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IVectorStats.of(3, 2, 2, nij2, st.fnormSigmaWij().data(), st.snormij().data(),
            st.nij(), st.sumW(), st.sumWW().data(), -1));
    assertTrue(e.getMessage().contains("numSessions") && e.getMessage().contains("-1"));
  }
}
