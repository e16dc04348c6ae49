package org.emkit.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;

/**
 * The one Spark session of the test JVM ({@code local[2]}, UI off, created on first use and
 * stopped by Spark's shutdown hook) and DataFrame fixtures built from seeded data.
 */
final class SparkTests {

  private static SparkSession session;

  private SparkTests() {}

  static synchronized SparkSession spark() {
    if (session == null) {
      session = EmbeddedSpark.builder("emkit-tests", 2).getOrCreate();
    }
    return session;
  }

  static final StructType FRAMES = new StructType()
      .add("key", DataTypes.StringType, false)
      .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), true);

  /**
   * Rows of {@code x} as a DataFrame (key "r<i>") cut into partitions of the given sizes, in
   * order (sizes may be 0: empty partitions).
   */
  static Dataset<Row> frames(Matrix x, int... partitionSizes) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.rows(); i++) {
      rows.add(RowFactory.create("r" + i, toList(x.row(i))));
    }
    return frames(rows, FRAMES, partitionSizes);
  }

  /** {@code rows} (of {@code schema}) cut into partitions of the given sizes, in order. */
  static Dataset<Row> frames(List<Row> rows, StructType schema, int... partitionSizes) {
    int total = 0;
    for (int s : partitionSizes) {
      total += s;
    }
    if (total != rows.size()) {
      throw new IllegalArgumentException("partition sizes sum to " + total + ", rows "
          + rows.size());
    }
    List<Integer> bounds = new ArrayList<>();
    int acc = 0;
    for (int s : partitionSizes) {
      bounds.add(acc);
      acc += s;
    }
    final int[] starts = bounds.stream().mapToInt(Integer::intValue).toArray();
    final int[] sizes = partitionSizes.clone();
    final List<Row> all = rows;
    org.apache.spark.api.java.JavaSparkContext sc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark().sparkContext());
    List<Integer> ids = new ArrayList<>();
    for (int p = 0; p < sizes.length; p++) {
      ids.add(p);
    }
    org.apache.spark.api.java.JavaRDD<Row> rdd = sc.parallelize(ids, sizes.length)
        .flatMap(p -> all.subList(starts[p], starts[p] + sizes[p]).iterator());
    return spark().createDataFrame(rdd, schema);
  }

  /** A row value for an {@code array<double>} column (Spark rows hold Scala sequences). */
  static scala.collection.Seq<Double> toList(double[] v) {
    List<Double> l = new ArrayList<>(v.length);
    for (double d : v) {
      l.add(d);
    }
    return scala.collection.JavaConverters.asScalaBuffer(l).toList();
  }

  /** N×D Gaussian blobs around C well-separated centres (seeded). */
  static Matrix blobs(int n, int d, int c, long seed) {
    NumpyRandom r = new NumpyRandom(seed);
    double[] centres = r.normal(0, 3.0, c * d);
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int k = (int) r.randint(0, c);
      for (int j = 0; j < d; j++) {
        x[i * d + j] = centres[k * d + j] + r.normal(0, 1.0, 1)[0];
      }
    }
    return Matrix.wrap(n, d, x);
  }
}
