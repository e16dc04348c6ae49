package org.emkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {

  /** A non-commutative accumulator: the merged string records the merge order exactly. */
  private static final class Trace {
    StringBuilder sb = new StringBuilder();
  }

  private static String run(int n, int chunk, int threads) {
    Trace t = Parallel.reduce(n, chunk, threads, Trace::new, a -> a.sb.setLength(0),
        (k, from, to, acc) -> acc.sb.append('[').append(k).append(':').append(from).append('-').append(to).append(']'),
        (into, from) -> into.sb.append(from.sb));
    return t.sb.toString();
  }

  @Test
  void mergesChunksInIndexOrderForAnyThreadCount() {
    String one = run(10, 3, 1);
    assertEquals("[0:0-3][1:3-6][2:6-9][3:9-10]", one);
    for (int p : new int[] {2, 3, 4, 8}) {
      assertEquals(one, run(10, 3, p), "parallelism " + p);
    }
    assertEquals("", run(0, 3, 2));
  }

  @Test
  void forEachChunkVisitsEveryRowOnce() {
    int[] hits = new int[1000];
    Parallel.forEachChunk(1000, 64, 3, (from, to) -> {
      for (int i = from; i < to; i++) {
        hits[i]++;
      }
    });
    for (int h : hits) {
      assertEquals(1, h);
    }
  }

  @Test
  void exceptionsOfWorkersPropagateUnwrapped() {
    AtomicInteger calls = new AtomicInteger();
    IllegalStateException e = assertThrows(IllegalStateException.class, () ->
        Parallel.forEachChunk(100, 10, 2, (from, to) -> {
          calls.incrementAndGet();
          if (from == 50) {
            throw new IllegalStateException("boom at 50");
          }
        }));
    assertEquals("boom at 50", e.getMessage());
  }
}
