package org.emkit.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Keyed sets of vectors: the frames of each utterance, the local descriptors of each image. The
 * per-key adapters ({@link SparkSets}) process each set whole in one task with em-core's
 * single-set methods, so a set's result is bitwise the single-JVM result for the same rows in
 * the same order, whatever the partitioning.
 *
 * <p><b>Two layouts.</b> {@link #fromFrames} takes one row per vector with a key column (the
 * "long" layout of feature tables): the rows are shuffled by key and sorted by (key, position)
 * so that each set arrives whole and in order; the position is the order column if one is given
 * (a frame index), else the row's position in the input (Spark's {@code
 * monotonically_increasing_id} before the shuffle, deterministic when the input's partitioning
 * is). {@link #fromSets} takes one row per set with an {@code array<array<double>>} column (one
 * inner array per vector) and needs no shuffle.
 *
 * <p><b>Keys.</b> The key column must have an atomic type (string, integer, long, ...) and no
 * nulls; it is copied to the outputs with its type. With {@link #fromFrames}, the rows of one key
 * form one set; a key's set must fit in a task's memory (8·T·D bytes).
 *
 * <p><b>Errors.</b> A NaN, infinite or null value fails the job with a {@link
 * NonFiniteRowException} naming the key; a vector of the wrong length gives a {@link
 * org.emkit.core.DimensionMismatchException}.
 */
public final class KeyedSets {

  private static final String OWNER = "KeyedSets";

  private final Dataset<Row> data;
  private final String keyCol;
  private final String valuesCol;
  private final boolean frames;
  private final StructField keyField;
  private final SparkSession spark;

  private KeyedSets(Dataset<Row> data, String keyCol, String valuesCol, boolean frames,
      StructField keyField) {
    this.data = data;
    this.keyCol = keyCol;
    this.valuesCol = valuesCol;
    this.frames = frames;
    this.keyField = keyField;
    this.spark = data.sparkSession();
  }

  /**
   * One row per vector; sets in input order within each key.
   *
   * @param data the rows
   * @param keyCol the set identifier (atomic type, no nulls)
   * @param featuresCol {@code array<double>}, {@code array<float>} or ML vector column
   * @return the keyed sets
   */
  public static KeyedSets fromFrames(Dataset<Row> data, String keyCol, String featuresCol) {
    return fromFrames(data, keyCol, featuresCol, null, 0);
  }

  /**
   * One row per vector, ordered within each key by {@code orderCol}.
   *
   * @param data the rows
   * @param keyCol the set identifier (atomic type, no nulls)
   * @param featuresCol {@code array<double>}, {@code array<float>} or ML vector column
   * @param orderCol a sortable column giving the order of the vectors of a set (for example a
   *     frame index), or null for input order
   * @param numPartitions partitions of the shuffle by key, {@code >= 1}, or 0 for the input's
   * @return the keyed sets
   */
  public static KeyedSets fromFrames(Dataset<Row> data, String keyCol, String featuresCol,
      String orderCol, int numPartitions) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(keyCol, "keyCol");
    Objects.requireNonNull(featuresCol, "featuresCol");
    Check.atLeast(OWNER, "numPartitions", numPartitions, 0);
    RowValues.requireVectorColumn(OWNER, data.schema(), featuresCol);
    StructField key = keyField(data, keyCol);
    Column order;
    if (orderCol != null) {
      RowValues.field(OWNER, data.schema(), orderCol);
      order = col(orderCol);
    } else {
      order = monotonically_increasing_id();
    }
    int parts = numPartitions > 0 ? numPartitions : Math.max(1, data.rdd().getNumPartitions());
    Dataset<Row> sorted = data.select(col(keyCol).as("k"), col(featuresCol).as("f"),
        order.as("o")).repartition(parts, col("k")).sortWithinPartitions(col("k"), col("o"));
    return new KeyedSets(sorted, keyCol, featuresCol, true, key);
  }

  /**
   * One row per set.
   *
   * @param data the rows
   * @param keyCol the set identifier (atomic type, no nulls)
   * @param setCol an {@code array<array<double>>} column: the set's vectors, in order
   * @return the keyed sets
   */
  public static KeyedSets fromSets(Dataset<Row> data, String keyCol, String setCol) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(keyCol, "keyCol");
    Objects.requireNonNull(setCol, "setCol");
    RowValues.requireSetColumn(OWNER, data.schema(), setCol);
    StructField key = keyField(data, keyCol);
    return new KeyedSets(data.select(col(keyCol).as("k"), col(setCol).as("f")), keyCol, setCol,
        false, key);
  }

  private static StructField keyField(Dataset<Row> data, String keyCol) {
    StructField f = RowValues.field(OWNER, data.schema(), keyCol);
    DataType t = f.dataType();
    if (!(t instanceof AtomicType)) {
      throw new IllegalArgumentException(OWNER + ": key column '" + keyCol + "' must have an"
          + " atomic type (string, integer, long, ...), got " + t.simpleString());
    }
    return new StructField(keyCol, t, false, f.metadata());
  }

  /** @return the key column's name */
  public String keyColumn() {
    return keyCol;
  }

  /** @return the key column (name and type) as it appears in outputs */
  public StructField keyField() {
    return keyField;
  }

  SparkSession spark() {
    return spark;
  }

  /** One set: its key and its vectors (T×D, T ≥ 1). */
  static final class KeyedMatrix implements Serializable {
    private static final long serialVersionUID = 1L;
    final Object key;
    final int rows;
    final int cols;
    final double[] values;

    KeyedMatrix(Object key, int rows, int cols, double[] values) {
      this.key = key;
      this.rows = rows;
      this.cols = cols;
      this.values = values;
    }

    Matrix matrix() {
      return Matrix.wrap(rows, cols, values);
    }
  }

  /**
   * @param d the expected vector length
   * @return the sets, each whole, lazily per partition
   */
  JavaRDD<KeyedMatrix> sets(int d) {
    String owner = OWNER;
    String kc = keyCol;
    String vc = valuesCol;
    if (frames) {
      return data.javaRDD().mapPartitions(rows -> group(owner, rows, kc, vc, d), true);
    }
    return data.javaRDD().map(r -> single(owner, r, kc, vc, d));
  }

  private static KeyedMatrix single(String owner, Row r, String keyCol, String col, int d) {
    Object key = requireKey(owner, r.get(0), keyCol);
    Object v = r.get(1);
    RowValues.RowRef ref = RowValues.RowRef.keyed(keyCol, key);
    if (v == null) {
      throw new NonFiniteRowException(owner + ": row " + ref.where() + ": column '" + col
          + "' is null", ref.key());
    }
    scala.collection.Seq<?> seq = (scala.collection.Seq<?>) v;
    int t = seq.length();
    double[] out = new double[t * d];
    for (int i = 0; i < t; i++) {
      RowValues.copy(owner, seq.apply(i), col, i, ref, d, out, i * d);
    }
    return new KeyedMatrix(key, t, d, out);
  }

  private static Object requireKey(String owner, Object key, String keyCol) {
    if (key == null) {
      throw new NonFiniteRowException(owner + ": key column '" + keyCol + "' is null", "null");
    }
    return key;
  }

  private static Iterator<KeyedMatrix> group(String owner, Iterator<Row> rows, String keyCol,
      String col, int d) {
    return new Iterator<KeyedMatrix>() {
      Row pending = rows.hasNext() ? rows.next() : null;

      @Override
      public boolean hasNext() {
        return pending != null;
      }

      @Override
      public KeyedMatrix next() {
        if (pending == null) {
          throw new NoSuchElementException();
        }
        Object key = requireKey(owner, pending.get(0), keyCol);
        RowValues.RowRef ref = RowValues.RowRef.keyed(keyCol, key);
        double[] buf = new double[16 * d];
        int t = 0;
        while (pending != null && key.equals(pending.get(0))) {
          if ((t + 1) * d > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
          }
          RowValues.copy(owner, pending.get(1), col, -1, ref, d, buf, t * d);
          t++;
          pending = rows.hasNext() ? rows.next() : null;
        }
        return new KeyedMatrix(key, t, d, Arrays.copyOf(buf, t * d));
      }
    };
  }
}
