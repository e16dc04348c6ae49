package org.emkit.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NumpyRandomTest {

  @Test
  void firstOutputsOfMt19937Seed5489MatchTheReferenceImplementation() {
    // Matsumoto & Nishimura's mt19937ar with init_genrand(5489): first outputs 3499211612, 581869302
    NumpyRandom r = new NumpyRandom(5489);
    assertEquals(3499211612L, r.nextUint32());
    assertEquals(581869302L, r.nextUint32());
  }

  @Test
  void seedResetsTheGaussianCache() {
    NumpyRandom r = new NumpyRandom(1);
    double first = r.randn();
    r.randn(); // consumes the cached value
    r.randn(); // leaves a value in the cache
    r.seed(1);
    assertEquals(first, r.randn());
  }

  @Test
  void permutationIsAPermutationAndChoiceWithoutReplacementIsDistinct() {
    int[] p = new NumpyRandom(7).permutation(100);
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 100; i++) {
      assertEquals(i, sorted[i]);
    }
    int[] c = new NumpyRandom(7).choice(100, 10, false);
    assertArrayEquals(Arrays.copyOf(p, 10), c);
    assertEquals(10, Arrays.stream(c).distinct().count());
    assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(0).choice(3, 4, false));
  }

  @Test
  void weightedChoiceFollowsTheWeights() {
    int[] draws = new NumpyRandom(0).choice(new double[] {0, 1, 3}, 4000);
    int[] counts = new int[3];
    for (int d : draws) {
      counts[d]++;
    }
    assertEquals(0, counts[0]);
    double frac = counts[2] / 4000.0;
    assertTrue(Math.abs(frac - 0.75) < 0.03, "fraction of index 2 = " + frac);
  }

  @Test
  void randintCoversItsRangeAndSearchSortedMatchesNumpySides() {
    NumpyRandom r = new NumpyRandom(3);
    boolean[] seen = new boolean[5];
    for (int i = 0; i < 200; i++) {
      long v = r.randint(10, 15);
      assertTrue(v >= 10 && v < 15);
      seen[(int) v - 10] = true;
    }
    for (boolean s : seen) {
      assertTrue(s);
    }
    double[] a = {1, 2, 2, 3};
    assertEquals(1, NumpyRandom.searchSortedLeft(a, 2));
    assertEquals(3, NumpyRandom.searchSortedRight(a, 2));
  }
}
