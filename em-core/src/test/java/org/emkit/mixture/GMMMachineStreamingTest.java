package org.emkit.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.emkit.core.FitMonitor;
import org.emkit.core.Matrix;
import org.emkit.core.io.Npy;
import org.emkit.core.io.RowBlocks;
import org.emkit.core.random.NumpyRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training streamed from disk in row blocks against the in-memory fit. */
class GMMMachineStreamingTest {

  /** More than two stream blocks, the last one partial and not a multiple of the chunk size. */
  private static final int N = 2 * GMMMachine.STREAM_BLOCK_ROWS + 3 * GMMMachine.CHUNK_ROWS + 77;

  private static Matrix data(int n, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    double[] x = r.normal(0, 1, n * 3);
    for (int i = 0; i < n; i++) {
      x[i * 3] += (i % 3) * 4.0; // three clusters along the first axis
    }
    return Matrix.wrap(n, 3, x);
  }

  @Test
  @Tag("slow")
  void streamedFitIsBitwiseTheInMemoryFitForAnyThreadCount(@TempDir Path dir) throws IOException {
    Matrix x = data(N, 3);
    Path file = dir.resolve("x.npy");
    Npy.write(file, x);
    GMMMachine spec = GMMMachine.builder(4).seed(1).maxIterations(3).build();
    GMMMachine inMemory = spec.fit(x);
    for (int threads : new int[] {1, 2}) {
      GMMMachine streamed = spec.toBuilder().parallelism(threads).build()
          .fit(RowBlocks.npy(file), N, FitMonitor.NONE);
      assertArrayEquals(inMemory.weights(), streamed.weights(), "weights, threads " + threads);
      assertArrayEquals(inMemory.means().data(), streamed.means().data(), "means " + threads);
      assertArrayEquals(inMemory.variances().data(), streamed.variances().data(), "vars " + threads);
      assertArrayEquals(inMemory.report().objectives(), streamed.report().objectives());
    }
  }

  @Test
  void givenModelStreamsWithoutReadingASample() {
    Matrix x = data(5000, 4);
    GMMMachine start = GMMMachine.builder(3).seed(2).maxIterations(1).build().fit(x);
    GMMMachine spec = start.toBuilder().init(GMMMachine.Init.GIVEN).maxIterations(2).build();
    GMMMachine a = spec.fit(x);
    List<Long> firstRows = new ArrayList<>();
    RowBlocks counting = new RowBlocks() {
      @Override
      public long rows() {
        return x.rows();
      }

      @Override
      public int cols() {
        return x.cols();
      }

      @Override
      public void forEachBlock(int blockRows, Visitor visitor) throws IOException {
        RowBlocks.of(x).forEachBlock(blockRows, (first, b) -> {
          firstRows.add(first);
          visitor.accept(first, b);
        });
      }
    };
    GMMMachine b = spec.fit(counting, 1, FitMonitor.NONE);
    assertArrayEquals(a.means().data(), b.means().data());
    assertEquals(List.of(0L, 0L), firstRows, "one pass per iteration, no sampling pass");
  }

  @Test
  void sampledInitialisationUsesEvenlySpacedRows() {
    // RANDOM init picks K of the sample rows: with a sample of exactly K rows, the initial means
    // are those rows, i.e. rows floor(i·N/K)
    Matrix x = data(1000, 5);
    GMMMachine g = GMMMachine.builder(4).init(GMMMachine.Init.RANDOM).seed(0).maxIterations(1)
        .updates(GMMMachine.Update.WEIGHTS).build();
    GMMMachine fitted = g.fit(RowBlocks.of(x), 4, FitMonitor.NONE);
    List<Integer> expected = List.of(0, 250, 500, 750);
    for (int c = 0; c < 4; c++) {
      double[] mu = fitted.means().row(c);
      boolean found = false;
      for (int i : expected) {
        found |= java.util.Arrays.equals(mu, x.row(i));
      }
      assertTrue(found, "mean " + c + " is one of the sampled rows " + expected);
    }
  }

  @Test
  void badInputIsRejectedWithTheParameterName(@TempDir Path dir) throws IOException {
    Matrix x = data(3000, 6);
    GMMMachine spec = GMMMachine.builder(4).seed(1).maxIterations(2).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> spec.fit(RowBlocks.of(x), 3, FitMonitor.NONE));
    assertTrue(e.getMessage().contains("initSampleRows") && e.getMessage().contains("3"),
        e.getMessage());
    double[] bad = x.toArray();
    bad[2500 * 3 + 1] = Double.NaN; // outside the sample of 10 rows, seen by the first pass
    e = assertThrows(IllegalArgumentException.class,
        () -> spec.fit(RowBlocks.of(Matrix.wrap(3000, 3, bad)), 10, FitMonitor.NONE));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    GMMMachine given = spec.fit(x).toBuilder().init(GMMMachine.Init.GIVEN).build();
    e = assertThrows(IllegalArgumentException.class,
        () -> given.fit(RowBlocks.of(Matrix.wrap(1000, 9, x.toArray())), 10, FitMonitor.NONE));
    assertTrue(e.getMessage().contains("9 columns"), e.getMessage());
    Path file = dir.resolve("t.npy");
    Npy.write(file, x);
    RowBlocks blocks = RowBlocks.npy(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(Files.size(file) - 100);
    }
    UncheckedIOException io = assertThrows(UncheckedIOException.class,
        () -> spec.fit(blocks, 100, FitMonitor.NONE));
    assertTrue(io.getMessage().contains("t.npy"), io.getMessage());
  }

  @Test
  void matrixBlocksCoverTheRowsInOrder() throws IOException {
    Matrix x = data(10, 7);
    List<Long> firsts = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    RowBlocks.of(x).forEachBlock(4, (first, b) -> {
      firsts.add(first);
      sizes.add(b.rows());
      assertArrayEquals(x.row((int) (long) first), b.row(0));
    });
    assertEquals(List.of(0L, 4L, 8L), firsts);
    assertEquals(List.of(4, 4, 2), sizes);
  }
}
