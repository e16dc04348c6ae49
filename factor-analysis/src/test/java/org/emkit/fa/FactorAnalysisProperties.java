package org.emkit.fa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.testing.NumericAssert;
import org.emkit.testing.Tolerance;

/**
 * Properties of the factor-analysis accumulators and trainers (test level 4), each over seeded
 * random problems drawn by jqwik: merging is associative and agrees with accumulating the union;
 * the order of sessions within an identity (and of the identities) changes results only by
 * rounding; results are bitwise identical for 1, 2 and 4 threads.
 *
 * <p>Tolerances: {@code MERGE} rtol 1e-12 (same sums in another order, as KERNEL_VS_ORACLE, with
 * atol 1e-12 for cancelling entries); {@code REORDER} rtol 1e-10 (a reordered EM run of a few
 * iterations, the rounding amplified mildly, as BOB_PARITY).
 */
class FactorAnalysisProperties {

  private static final Tolerance MERGE = new Tolerance(1e-12, 1e-12);
  private static final Tolerance REORDER = new Tolerance(1e-10, 1e-12);

  /** A random ISV/JFA training set: identities with 1..4 sessions each, shuffled. */
  private static final class Problem {
    final GMMMachine ubm;
    final List<GMMStats> stats = new ArrayList<>();
    final List<Integer> labels = new ArrayList<>();

    Problem(long seed, int c, int d, int identities) {
      Random rnd = new Random(seed);
      ubm = Naive.randomUbm(rnd, c, d);
      for (int i = 0; i < identities; i++) {
        int h = 1 + rnd.nextInt(4);
        for (int s = 0; s < h; s++) {
          stats.add(Naive.randomStats(rnd, c, d));
          labels.add(i);
        }
      }
    }

    int[] labels() {
      return labels.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sessions of identities [from, to), relabelled from 0. */
    List<GMMStats> statsOf(int from, int to) {
      List<GMMStats> out = new ArrayList<>();
      for (int k = 0; k < stats.size(); k++) {
        if (labels.get(k) >= from && labels.get(k) < to) {
          out.add(stats.get(k));
        }
      }
      return out;
    }

    int[] labelsOf(int from, int to) {
      return labels.stream().filter(l -> l >= from && l < to).mapToInt(l -> l - from).toArray();
    }
  }

  private static void assertClose(double[] expected, double[] actual, Tolerance tol, String what) {
    NumericAssert.assertAllClose(expected, actual, tol, what);
  }

  private static double[] a1All(SubspaceStats s) {
    double[] out = new double[s.numComponents() * s.rank() * s.rank()];
    for (int c = 0; c < s.numComponents(); c++) {
      System.arraycopy(s.a1(c).data(), 0, out, c * s.rank() * s.rank(), s.rank() * s.rank());
    }
    return out;
  }

  @Property(tries = 15)
  void subspaceStatsMergeIsAssociativeAndEqualsTheUnion(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Problem p = new Problem(seed, 3, 2, 6);
    ISVMachine m = ISVMachine.builder(p.ubm, 2).seed(seed).build();
    SubspaceStats a = m.eStep(p.statsOf(0, 2), p.labelsOf(0, 2));
    SubspaceStats b = m.eStep(p.statsOf(2, 3), p.labelsOf(2, 3));
    SubspaceStats c = m.eStep(p.statsOf(3, 6), p.labelsOf(3, 6));
    SubspaceStats left = a.copy().merge(b).merge(c);
    SubspaceStats right = a.copy().merge(b.copy().merge(c));
    SubspaceStats all = m.eStep(p.stats, p.labels());
    assertClose(a1All(left), a1All(right), MERGE, "A1 (a+b)+c vs a+(b+c)");
    assertClose(left.a2().data(), right.a2().data(), MERGE, "A2 (a+b)+c vs a+(b+c)");
    assertClose(a1All(all), a1All(left), MERGE, "A1 union vs merged");
    assertClose(all.a2().data(), left.a2().data(), MERGE, "A2 union vs merged");
    SubspaceStats perIdentity = new SubspaceStats(3, 2, 2);
    for (int i = 0; i < 6; i++) {
      m.accumulate(p.statsOf(i, i + 1), perIdentity);
    }
    assertClose(a1All(all), a1All(perIdentity), MERGE, "A1 union vs accumulate per identity");
  }

  @Property(tries = 15)
  void diagonalStatsMergeIsAssociativeAndEqualsTheUnion(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Problem p = new Problem(seed, 3, 2, 6);
    JFAMachine m = JFAMachine.builder(p.ubm, 2, 2).seed(seed).build();
    Identity[] ids = Identity.group("test", m.ubmView(), p.stats, p.labels());
    double[][] y = m.latentY(ids, m.uArray(), m.vArray(), m.dArray());
    double[][] vy = m.speakerOffsets(m.vArray(), y);
    double[][] xs = m.latentX(ids, m.uArray(), m.vArray(), m.dArray(), vy);
    DiagonalStats[] part = new DiagonalStats[3];
    int[][] ranges = {{0, 2}, {2, 3}, {3, 6}};
    for (int k = 0; k < 3; k++) {
      int from = ranges[k][0];
      int to = ranges[k][1];
      part[k] = m.accumulateD(Arrays.copyOfRange(ids, from, to), m.uArray(), m.vArray(),
          m.dArray(), Arrays.copyOfRange(xs, from, to), Arrays.copyOfRange(vy, from, to));
    }
    DiagonalStats left = part[0].copy().merge(part[1]).merge(part[2]);
    DiagonalStats right = part[0].copy().merge(part[1].copy().merge(part[2]));
    DiagonalStats all = m.accumulateD(ids, m.uArray(), m.vArray(), m.dArray(), xs, vy);
    assertClose(left.a1(), right.a1(), MERGE, "A1 associativity");
    assertClose(left.a2(), right.a2(), MERGE, "A2 associativity");
    assertClose(all.a1(), left.a1(), MERGE, "A1 union");
    assertClose(all.a2(), left.a2(), MERGE, "A2 union");
  }

  @Property(tries = 15)
  void ivectorStatsMergeIsAssociativeAndEqualsTheUnion(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Random rnd = new Random(seed);
    GMMMachine ubm = Naive.randomUbm(rnd, 3, 2);
    List<GMMStats> sessions = Naive.randomSessions(rnd, 9, 3, 2);
    IVectorMachine m = IVectorMachine.builder(ubm, 3).seed(seed).build();
    IVectorStats a = m.eStep(sessions.subList(0, 2));
    IVectorStats b = m.eStep(sessions.subList(2, 5));
    IVectorStats c = m.eStep(sessions.subList(5, 9));
    IVectorStats left = a.copy().merge(b).merge(c);
    IVectorStats right = a.copy().merge(b.copy().merge(c));
    IVectorStats all = m.eStep(sessions);
    for (IVectorStats other : List.of(right, all)) {
      for (int k = 0; k < 3; k++) {
        assertClose(other.nijSigmaWij2(k).data(), left.nijSigmaWij2(k).data(), MERGE,
            "nijSigmaWij2");
      }
      assertClose(other.fnormSigmaWij().data(), left.fnormSigmaWij().data(), MERGE, "fnorm");
      assertClose(other.snormij().data(), left.snormij().data(), MERGE, "snorm");
      assertClose(other.nij(), left.nij(), MERGE, "nij");
      assertClose(other.sumWW().data(), left.sumWW().data(), MERGE, "sumWW");
      assertClose(other.sumW(), left.sumW(), MERGE, "sumW");
    }
    assertArrayEquals(new long[] {9, 9}, new long[] {left.numSessions(), all.numSessions()});
  }

  @Property(tries = 10)
  void permutingSessionsWithinIdentitiesOnlyChangesRounding(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Problem p = new Problem(seed, 3, 2, 5);
    // reverse the list: sessions within an identity and the identities' interleaving both change
    List<GMMStats> stats = new ArrayList<>(p.stats);
    int[] labels = p.labels();
    java.util.Collections.reverse(stats);
    int[] reversed = new int[labels.length];
    for (int k = 0; k < labels.length; k++) {
      reversed[k] = labels[labels.length - 1 - k];
    }
    ISVMachine isv = ISVMachine.builder(p.ubm, 2).seed(seed).iterations(3).build();
    assertClose(isv.fit(p.stats, labels).u().data(), isv.fit(stats, reversed).u().data(), REORDER,
        "ISV U");
    JFAMachine jfa = JFAMachine.builder(p.ubm, 2, 2).seed(seed).iterations(2).build();
    JFAMachine j1 = jfa.fit(p.stats, labels);
    JFAMachine j2 = jfa.fit(stats, reversed);
    assertClose(j1.v().data(), j2.v().data(), REORDER, "JFA V");
    assertClose(j1.u().data(), j2.u().data(), REORDER, "JFA U");
    assertClose(j1.d(), j2.d(), REORDER, "JFA D");
    IVectorMachine iv = IVectorMachine.builder(p.ubm, 2).seed(seed).iterations(3).build();
    assertClose(iv.fit(p.stats).t().data(), iv.fit(stats).t().data(), REORDER, "IVector T");
  }

  @Property(tries = 3)
  @Tag("slow")
  void resultsAreBitwiseIdenticalForAnyParallelism(@ForAll @IntRange(min = 0, max = 1000) int seed) {
    // C=8, D=6, ranks up to 40: several identity chunks, session blocks and column tiles
    Problem p = new Problem(seed, 8, 6, 30);
    Random rnd = new Random(seed);
    Matrix u0 = Naive.randomMatrix(rnd, 48, 40, 0.3);
    double[] isvRef = null;
    double[][] jfaRef = null;
    double[][] ivRef = null;
    List<GMMStats> many = new ArrayList<>(p.stats);
    while (many.size() < 150) {
      many.addAll(p.stats);
    }
    for (int threads : new int[] {1, 2, 4}) {
      double[] isv = ISVMachine.builder(p.ubm, 40).u(u0).iterations(2).parallelism(threads)
          .build().fit(p.stats, p.labels()).u().data();
      JFAMachine j = JFAMachine.builder(p.ubm, 20, 10).seed(seed).iterations(2)
          .parallelism(threads).build().fit(p.stats, p.labels());
      IVectorMachine iv = IVectorMachine.builder(p.ubm, 40).seed(seed).iterations(2)
          .parallelism(threads).build().fit(many);
      double[][] ivNow = {iv.t().data(), iv.sigma().data(), iv.transform(many).data()};
      double[][] jfaNow = {j.u().data(), j.v().data(), j.d()};
      if (isvRef == null) {
        isvRef = isv;
        jfaRef = jfaNow;
        ivRef = ivNow;
      } else {
        assertArrayEquals(isvRef, isv, "ISV U with " + threads + " threads");
        for (int k = 0; k < 3; k++) {
          assertArrayEquals(jfaRef[k], jfaNow[k], "JFA parameter " + k + ", " + threads
              + " threads");
          assertArrayEquals(ivRef[k], ivNow[k], "IVector array " + k + ", " + threads
              + " threads");
        }
      }
    }
  }
}
