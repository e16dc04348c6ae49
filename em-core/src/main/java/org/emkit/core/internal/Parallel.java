package org.emkit.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.emkit.core.validation.Check;

/**
 * Deterministic chunked execution: the rows {@code [0, n)} are cut into fixed-size chunks whose
 * boundaries depend only on {@code n} and the chunk size, never on the thread count. Each chunk
 * fills its own accumulator, and accumulators are merged into the result strictly in chunk
 * order. The floating-point operations are therefore the same for any {@code parallelism}, and
 * results are bitwise identical for 1, 2 or 64 threads.
 *
 * <p>With {@code parallelism > 1} work runs on a {@link ForkJoinPool} created for the call and
 * shut down before it returns (never the common pool). Chunks are processed in waves of
 * {@code 2 * parallelism}, so at most that many accumulators exist at once.
 *
 * <p>Not API: this package is internal to emkit.
 */
public final class Parallel {

  private Parallel() {}

  /** Work on one chunk of rows. */
  @FunctionalInterface
  public interface ChunkTask<A> {
    /**
     * @param chunk chunk index
     * @param from first row, inclusive
     * @param to last row, exclusive
     * @param acc the chunk's accumulator, freshly reset
     */
    void run(int chunk, int from, int to, A acc);
  }

  /** Merges {@code from} into {@code into}. */
  @FunctionalInterface
  public interface Merger<A> {
    /**
     * @param into accumulator that receives the sum; modified
     * @param from accumulator of one chunk; not modified
     */
    void merge(A into, A from);
  }

  /** Work on a range of rows with no accumulator (disjoint outputs). */
  @FunctionalInterface
  public interface RangeTask {
    /**
     * @param from first row, inclusive
     * @param to last row, exclusive
     */
    void run(int from, int to);
  }

  /**
   * @param n number of rows
   * @param chunkRows rows per chunk
   * @return number of chunks, {@code ceil(n / chunkRows)}
   */
  public static int numChunks(int n, int chunkRows) {
    return (int) ((n + (long) chunkRows - 1) / chunkRows);
  }

  /**
   * Runs {@code task} on every chunk and merges the chunk accumulators in chunk order.
   *
   * @param n number of rows, {@code >= 0}
   * @param chunkRows rows per chunk, {@code >= 1}; must not depend on the thread count
   * @param parallelism number of threads, {@code >= 1}
   * @param factory creates a zero accumulator (also used for the result)
   * @param reset sets an accumulator back to zero
   * @param task fills a chunk's accumulator
   * @param merger adds a chunk accumulator into the result
   * @param <A> accumulator type
   * @return the merged result (a fresh accumulator); zero if {@code n == 0}
   */
  public static <A> A reduce(int n, int chunkRows, int parallelism, Supplier<A> factory,
      Consumer<A> reset, ChunkTask<A> task, Merger<A> merger) {
    return reduceInto(factory.get(), n, chunkRows, parallelism, factory, reset, task, merger);
  }

  /**
   * As {@link #reduce}, merging the chunk accumulators into an existing {@code result}, in chunk
   * order: calling this on consecutive row blocks whose sizes are multiples of
   * {@code chunkRows} gives the same bits as one call on all rows.
   *
   * @param result accumulator the chunks are merged into; modified
   * @param n number of rows, {@code >= 0}
   * @param chunkRows rows per chunk, {@code >= 1}; must not depend on the thread count
   * @param parallelism number of threads, {@code >= 1}
   * @param factory creates a zero accumulator
   * @param reset sets an accumulator back to zero
   * @param task fills a chunk's accumulator
   * @param merger adds a chunk accumulator into the result
   * @param <A> accumulator type
   * @return {@code result}
   */
  public static <A> A reduceInto(A result, int n, int chunkRows, int parallelism,
      Supplier<A> factory, Consumer<A> reset, ChunkTask<A> task, Merger<A> merger) {
    Check.atLeast("Parallel.reduce", "n", n, 0);
    Check.atLeast("Parallel.reduce", "chunkRows", chunkRows, 1);
    Check.atLeast("Parallel.reduce", "parallelism", parallelism, 1);
    int chunks = numChunks(n, chunkRows);
    if (chunks == 0) {
      return result;
    }
    if (parallelism == 1 || chunks == 1) {
      A acc = factory.get();
      for (int k = 0; k < chunks; k++) {
        if (k > 0) {
          reset.accept(acc);
        }
        int from = k * chunkRows;
        task.run(k, from, Math.min(n, from + chunkRows), acc);
        merger.merge(result, acc);
      }
      return result;
    }
    int wave = Math.min(chunks, 2 * parallelism);
    List<A> accs = new ArrayList<>(wave);
    for (int w = 0; w < wave; w++) {
      accs.add(factory.get());
    }
    ForkJoinPool pool = new ForkJoinPool(parallelism);
    try {
      List<Future<?>> futures = new ArrayList<>(wave);
      for (int start = 0; start < chunks; start += wave) {
        futures.clear();
        int end = Math.min(chunks, start + wave);
        for (int k = start; k < end; k++) {
          final int chunk = k;
          final A acc = accs.get(k - start);
          final boolean fresh = start == 0;
          futures.add(pool.submit(() -> {
            if (!fresh) {
              reset.accept(acc);
            }
            int from = chunk * chunkRows;
            task.run(chunk, from, Math.min(n, from + chunkRows), acc);
          }));
        }
        for (int k = start; k < end; k++) {
          await(futures.get(k - start));
          merger.merge(result, accs.get(k - start));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return result;
  }

  /**
   * Runs {@code task} on every chunk of rows whose outputs are disjoint (e.g. per-row scores).
   *
   * @param n number of rows
   * @param chunkRows rows per chunk
   * @param parallelism number of threads
   * @param task the work for one range of rows
   */
  public static void forEachChunk(int n, int chunkRows, int parallelism, RangeTask task) {
    Check.atLeast("Parallel.forEachChunk", "n", n, 0);
    Check.atLeast("Parallel.forEachChunk", "chunkRows", chunkRows, 1);
    Check.atLeast("Parallel.forEachChunk", "parallelism", parallelism, 1);
    int chunks = numChunks(n, chunkRows);
    if (parallelism == 1 || chunks <= 1) {
      for (int k = 0; k < chunks; k++) {
        int from = k * chunkRows;
        task.run(from, Math.min(n, from + chunkRows));
      }
      return;
    }
    ForkJoinPool pool = new ForkJoinPool(parallelism);
    try {
      List<Future<?>> futures = new ArrayList<>(chunks);
      for (int k = 0; k < chunks; k++) {
        final int from = k * chunkRows;
        futures.add(pool.submit(() -> task.run(from, Math.min(n, from + chunkRows))));
      }
      for (Future<?> f : futures) {
        await(f);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a chunk", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      // ForkJoinPool re-creates the exception in the waiting thread with the original as cause
      while (c.getCause() != null && c.getCause().getClass() == c.getClass()) {
        c = c.getCause();
      }
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      if (c instanceof Error) {
        throw (Error) c;
      }
      throw new IllegalStateException(c);
    }
  }
}
