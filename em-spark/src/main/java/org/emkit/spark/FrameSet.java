package org.emkit.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * A distributed set of frames (feature vectors, one per row) prepared for emkit's distributed
 * trainers: each partition of the source is packed once into row-major blocks of 1024 rows
 * (em-core's E-step chunk), checked (every value finite, every row of length D) and cached, so
 * that each EM or Lloyd iteration only runs em-core's kernels over ready arrays.
 *
 * <p><b>Sources.</b> {@link #of(Dataset, String)} and {@link #of(Dataset, String, String)} read
 * a DataFrame column of type {@code array<double>}, {@code array<float>} or Spark ML {@code
 * Vector}; the optional key column (an utterance or image id) names the offending row in error
 * messages. {@link #generated} produces the blocks of each partition on demand from a {@link
 * PartitionSource} (simulations, or readers of sharded feature files), without caching.
 *
 * <p><b>Errors.</b> A NaN, infinite or null value fails the packing job with a {@link
 * NonFiniteRowException} that names the row's key (or, without a key column, its partition and
 * position), the column and the element; a row of another length gives a {@link
 * DimensionMismatchException}. An empty source is rejected. Partitions with no rows are allowed.
 *
 * <p><b>Reproducibility.</b> The partitioning and the order of rows inside each partition are
 * those of the source; emkit's distributed results are bitwise reproducible whenever the source
 * is (a file read the same way, a DataFrame without a non-deterministic shuffle). The results of
 * all partitions are merged by an ordered tree of fan-in {@link #fanIn()} (default 16): the
 * floating-point result depends only on the data, its partitioning and the fan-in.
 *
 * <p><b>Memory and lineage.</b> The cache holds 8·N·D bytes (storage level {@code
 * MEMORY_AND_DISK} by default). Once cached, the lineage is cut ({@code localCheckpoint}): tasks
 * no longer carry the source's query plan (measured: 0.2 s of deserialisation per task and
 * iteration on W1 before the cut). The price: if an executor holding blocks is lost, the next
 * job fails instead of recomputing them; build a new frame set then (on clusters with dynamic
 * allocation, keep executors with cached data alive:
 * {@code spark.dynamicAllocation.cachedExecutorIdleTimeout}). {@link #close()} releases the
 * cache.
 */
public final class FrameSet implements AutoCloseable {

  /** Default fan-in of the ordered reduction tree. */
  public static final int DEFAULT_FAN_IN = 16;

  private static final String OWNER = "FrameSet";

  /**
   * Produces the rows of one partition of a {@linkplain #generated generated} frame set, block by
   * block. Implementations must be deterministic functions of their arguments and serializable.
   */
  @FunctionalInterface
  public interface PartitionSource extends Serializable {
    /**
     * @param partition partition index
     * @param firstRow index of the block's first row inside the partition
     * @param rows number of rows of the block (at most 1024)
     * @return rows×D values
     */
    Matrix block(int partition, long firstRow, int rows);
  }

  private final JavaRDD<FrameBlock> blocks;
  private final int numFeatures;
  private final long[] partitionRows;
  private final double[] columnMin;
  private final double[] columnMax;
  private final int fanIn;
  private final boolean cached;

  private FrameSet(JavaRDD<FrameBlock> blocks, int numFeatures, long[] partitionRows,
      double[] columnMin, double[] columnMax, int fanIn, boolean cached) {
    this.blocks = blocks;
    this.numFeatures = numFeatures;
    this.partitionRows = partitionRows;
    this.columnMin = columnMin;
    this.columnMax = columnMax;
    this.fanIn = fanIn;
    this.cached = cached;
  }

  /**
   * Frames from a DataFrame column, without a key column (errors name partition and position).
   *
   * @param data the source; its partitioning is kept
   * @param featuresCol {@code array<double>}, {@code array<float>} or ML vector column
   * @return the packed, cached frame set
   */
  public static FrameSet of(Dataset<Row> data, String featuresCol) {
    return of(data, featuresCol, null, StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * Frames from a DataFrame column, with a key column that names offending rows in errors.
   *
   * @param data the source; its partitioning is kept
   * @param featuresCol {@code array<double>}, {@code array<float>} or ML vector column
   * @param keyCol a column identifying rows (for example an utterance id), or null
   * @return the packed, cached frame set
   */
  public static FrameSet of(Dataset<Row> data, String featuresCol, String keyCol) {
    return of(data, featuresCol, keyCol, StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * @param data the source; its partitioning is kept
   * @param featuresCol {@code array<double>}, {@code array<float>} or ML vector column
   * @param keyCol a column identifying rows, or null
   * @param storage storage level of the packed blocks
   * @return the packed, cached frame set
   * @throws IllegalArgumentException if a column is missing or of the wrong type, or the data
   *     set is empty
   * @throws NonFiniteRowException if a value is NaN, infinite or null
   */
  public static FrameSet of(Dataset<Row> data, String featuresCol, String keyCol,
      StorageLevel storage) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(featuresCol, "featuresCol");
    Objects.requireNonNull(storage, "storage");
    RowValues.requireVectorColumn(OWNER, data.schema(), featuresCol);
    if (keyCol != null) {
      RowValues.field(OWNER, data.schema(), keyCol);
    }
    Dataset<Row> cols = keyCol == null ? data.select(featuresCol) : data.select(featuresCol, keyCol);
    List<Row> first = OrderedReduce.run(() -> cols.limit(1).collectAsList());
    if (first.isEmpty()) {
      throw new IllegalArgumentException(OWNER + ": data has no rows; at least one frame is"
          + " needed");
    }
    Object v0 = first.get(0).get(0);
    if (v0 == null) {
      throw new NonFiniteRowException(OWNER + ": row " + (keyCol == null ? "0 of the first"
          + " non-empty partition" : RowValues.where(keyCol, first.get(0).get(1))) + ": column '"
          + featuresCol + "' is null", keyCol == null ? "" : String.valueOf(first.get(0).get(1)));
    }
    int d = RowValues.length(v0);
    Check.atLeast(OWNER, "D (length of the first vector)", d, 1);
    JavaRDD<FrameBlock> blocks = cols.javaRDD().mapPartitionsWithIndex(
        (Integer p, Iterator<Row> rows) -> pack(p, rows, featuresCol, keyCol, d), true);
    JavaRDD<FrameBlock> cached = blocks.persist(storage);
    // Cut the lineage (the source's query plan) once the blocks are cached: every task of every
    // iteration would otherwise deserialise it again.
    cached.rdd().localCheckpoint();
    return finish(cached, d, true);
  }

  /**
   * Frames generated per partition on demand (not cached; each pass regenerates them).
   *
   * @param sc the Spark context
   * @param rowsPerPartition number of rows of each partition (its length is the number of
   *     partitions); zeros allowed
   * @param numFeatures D
   * @param source produces the rows of a partition block by block
   * @return the frame set
   */
  public static FrameSet generated(JavaSparkContext sc, long[] rowsPerPartition, int numFeatures,
      PartitionSource source) {
    Objects.requireNonNull(sc, "sc");
    Objects.requireNonNull(rowsPerPartition, "rowsPerPartition");
    Objects.requireNonNull(source, "source");
    Check.atLeast(OWNER, "numFeatures", numFeatures, 1);
    Check.atLeast(OWNER, "rowsPerPartition.length", rowsPerPartition.length, 1);
    long total = 0;
    for (int p = 0; p < rowsPerPartition.length; p++) {
      if (rowsPerPartition[p] < 0) {
        throw new IllegalArgumentException(OWNER + ": rowsPerPartition[" + p + "] must be in"
            + " [0, inf), got " + rowsPerPartition[p]);
      }
      total += rowsPerPartition[p];
    }
    if (total == 0) {
      throw new IllegalArgumentException(OWNER + ": rowsPerPartition sum to 0; at least one"
          + " frame is needed");
    }
    long[] counts = rowsPerPartition.clone();
    List<Integer> ids = IntStream.range(0, counts.length).boxed().collect(Collectors.toList());
    JavaRDD<FrameBlock> blocks = sc.parallelize(ids, counts.length).mapPartitions(
        it -> generate(it, counts, numFeatures, source), true);
    return new FrameSet(blocks, numFeatures, counts, null, null, DEFAULT_FAN_IN, false);
  }

  private static Iterator<FrameBlock> generate(Iterator<Integer> ids, long[] counts, int d,
      PartitionSource source) {
    if (!ids.hasNext()) {
      return java.util.Collections.emptyIterator();
    }
    int p = ids.next();
    long n = counts[p];
    return new Iterator<FrameBlock>() {
      long next;

      @Override
      public boolean hasNext() {
        return next < n;
      }

      @Override
      public FrameBlock next() {
        if (next >= n) {
          throw new NoSuchElementException();
        }
        int rows = (int) Math.min(FrameBlock.ROWS, n - next);
        Matrix m = source.block(p, next, rows);
        if (m.rows() != rows || m.cols() != d) {
          throw new DimensionMismatchException(OWNER + ": PartitionSource returned a "
              + m.rows() + "x" + m.cols() + " block for partition " + p + " row " + next
              + " but " + rows + "x" + d + " was requested");
        }
        double[] data = m.toArray();
        for (int k = 0; k < data.length; k++) {
          if (!Double.isFinite(data[k])) {
            long row = next + k / d;
            throw new NonFiniteRowException(OWNER + ": row partition " + p + ", row " + row
                + ": element " + (k % d) + " is " + data[k] + "; inputs must be finite",
                "partition " + p + ", row " + row);
          }
        }
        next += rows;
        return new FrameBlock(rows, d, data);
      }
    };
  }

  private static Iterator<FrameBlock> pack(int partition, Iterator<Row> rows, String featuresCol,
      String keyCol, int d) {
    return new Iterator<FrameBlock>() {
      long position;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public FrameBlock next() {
        double[] buf = new double[FrameBlock.ROWS * d];
        int n = 0;
        while (n < FrameBlock.ROWS && rows.hasNext()) {
          Row r = rows.next();
          RowValues.RowRef ref = keyCol == null ? RowValues.RowRef.positional(partition, position)
              : RowValues.RowRef.keyed(keyCol, r.get(1));
          RowValues.copy(OWNER, r.get(0), featuresCol, -1, ref, d, buf, n * d);
          n++;
          position++;
        }
        if (n == 0) {
          throw new NoSuchElementException();
        }
        return new FrameBlock(n, d, n == FrameBlock.ROWS ? buf : Arrays.copyOf(buf, n * d));
      }
    };
  }

  /** Counts rows and column ranges per partition (the job that also fills the cache). */
  private static FrameSet finish(JavaRDD<FrameBlock> blocks, int d, boolean cached) {
    List<double[]> parts = OrderedReduce.run(() -> blocks.mapPartitions(it -> {
      double[] s = new double[1 + 2 * d];
      Arrays.fill(s, 1, 1 + d, Double.POSITIVE_INFINITY);
      Arrays.fill(s, 1 + d, 1 + 2 * d, Double.NEGATIVE_INFINITY);
      while (it.hasNext()) {
        FrameBlock b = it.next();
        s[0] += b.rows;
        for (int i = 0; i < b.rows; i++) {
          for (int j = 0; j < d; j++) {
            double x = b.data[i * d + j];
            s[1 + j] = Math.min(s[1 + j], x);
            s[1 + d + j] = Math.max(s[1 + d + j], x);
          }
        }
      }
      List<double[]> one = new ArrayList<>(1);
      one.add(s);
      return one.iterator();
    }, true).collect());
    long[] counts = new long[parts.size()];
    double[] min = new double[d];
    double[] max = new double[d];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    long total = 0;
    for (int p = 0; p < counts.length; p++) {
      double[] s = parts.get(p);
      counts[p] = (long) s[0];
      total += counts[p];
      for (int j = 0; j < d; j++) {
        min[j] = Math.min(min[j], s[1 + j]);
        max[j] = Math.max(max[j], s[1 + d + j]);
      }
    }
    if (total == 0) {
      blocks.unpersist(false);
      throw new IllegalArgumentException(OWNER + ": data has no rows; at least one frame is"
          + " needed");
    }
    return new FrameSet(blocks, d, counts, min, max, DEFAULT_FAN_IN, cached);
  }

  /**
   * @param fanIn fan-in of the ordered reduction tree, {@code >= 2}: at most this many partition
   *     results are merged on the driver or in one task
   * @return this frame set (same cached blocks) with another fan-in
   */
  public FrameSet withFanIn(int fanIn) {
    Check.atLeast(OWNER, "fanIn", fanIn, 2);
    return new FrameSet(blocks, numFeatures, partitionRows, columnMin, columnMax, fanIn, cached);
  }

  /** @return D */
  public int numFeatures() {
    return numFeatures;
  }

  /** @return N, the total number of frames */
  public long numFrames() {
    long n = 0;
    for (long r : partitionRows) {
      n += r;
    }
    return n;
  }

  /** @return the number of partitions */
  public int numPartitions() {
    return partitionRows.length;
  }

  /** @return a copy of the number of rows of each partition */
  public long[] partitionRows() {
    return partitionRows.clone();
  }

  /** @return the fan-in of the ordered reduction tree */
  public int fanIn() {
    return fanIn;
  }

  /**
   * @param j column
   * @return whether column j holds one value only (known for DataFrame sources; generated
   *     sources report false)
   */
  public boolean isConstantColumn(int j) {
    Objects.checkIndex(j, numFeatures);
    return columnMin != null && columnMin[j] == columnMax[j];
  }

  /**
   * @param j column
   * @return the single value of a constant column (see {@link #isConstantColumn(int)})
   */
  double columnMin(int j) {
    return columnMin[j];
  }

  JavaRDD<FrameBlock> blocks() {
    return blocks;
  }

  JavaSparkContext context() {
    return JavaSparkContext.fromSparkContext(blocks.context());
  }

  /** @return the global index of the first row of each partition */
  long[] partitionOffsets() {
    long[] off = new long[partitionRows.length];
    for (int p = 1; p < off.length; p++) {
      off[p] = off[p - 1] + partitionRows[p - 1];
    }
    return off;
  }

  /** Releases the cached blocks (a no-op for generated sets). */
  @Override
  public void close() {
    if (cached) {
      blocks.unpersist(false);
    }
  }

  @Override
  public String toString() {
    return OWNER + "[N=" + numFrames() + ", D=" + numFeatures + ", partitions="
        + partitionRows.length + ", fanIn=" + fanIn + ", cached=" + cached + "]";
  }
}
