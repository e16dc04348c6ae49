package org.emkit.fisher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs one independent task per descriptor set on a pool owned by the call. Each worker thread
 * creates one workspace and reuses it for every set it takes, so nothing is allocated per set
 * by the scheduler. Every set is computed by the same code on one thread from its own inputs
 * only, so results are bitwise identical for any number of threads and any scheduling.
 */
final class Batch {

  /** Work on one set with the worker's workspace. */
  @FunctionalInterface
  interface Task<W> {
    /**
     * @param workspace the calling worker's scratch
     * @param index set index
     */
    void run(W workspace, int index);
  }

  private Batch() {}

  /**
   * @param n number of sets
   * @param parallelism threads, {@code >= 1}
   * @param workspace creates one workspace per worker
   * @param task work on one set
   * @param <W> workspace type
   */
  static <W> void forEach(int n, int parallelism, Supplier<W> workspace, Task<W> task) {
    if (n == 0) {
      return;
    }
    int threads = Math.min(parallelism, n);
    if (threads == 1) {
      W w = workspace.get();
      for (int i = 0; i < n; i++) {
        task.run(w, i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>(threads);
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          try {
            W w = workspace.get();
            for (int i = next.getAndIncrement(); i < n && !failed.get();
                i = next.getAndIncrement()) {
              task.run(w, i);
            }
          } catch (RuntimeException | Error e) {
            failed.set(true);
            throw e;
          }
        }));
      }
      RuntimeException first = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while encoding descriptor sets", e);
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          while (c.getCause() != null && c.getCause().getClass() == c.getClass()) {
            c = c.getCause();
          }
          if (c instanceof Error) {
            throw (Error) c;
          }
          if (first == null) {
            first = c instanceof RuntimeException ? (RuntimeException) c
                : new IllegalStateException(c);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
