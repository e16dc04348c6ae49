package org.emkit.spark;

import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.fisher.DescriptorEncoder;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.VLADOptions;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * Per-key work on {@link KeyedSets}: one result row per key (utterance, speaker, image), each
 * computed by em-core's single-set method in one task.
 *
 * <ul>
 *   <li>{@link #statistics}: the {@link GMMStats} of each set under a UBM (bob's per-utterance
 *       {@code acc_stats}), the input of i-vector extraction and training ({@link SparkIVector})
 *       and of linear scoring;
 *   <li>{@link #adapt}: MAP adaptation of one model per key ({@link GMMMachine#fit(Matrix)} of a
 *       MAP machine on the key's frames: enrolment of many speakers);
 *   <li>{@link #encodeFisher} and {@link #encodeVlad}: the Fisher vector or VLAD of each set
 *       (image collections).
 * </ul>
 *
 * <p><b>Output layouts</b> (the key column keeps its name and type; arrays are {@code
 * array<double>}, row-major, supervector index {@code c·D + j}):
 *
 * <pre>
 *   statistics:   key, t: long, logLikelihood: double, n: [C], sumPx: [C·D], sumPxx: [C·D]
 *   adapt:        key, t: long, iterations: int, weights: [C], means: [C·D], variances: [C·D]
 *   encode*:      key, encoding: [length of the encoder]
 * </pre>
 *
 * <p><b>Reproducibility.</b> Each key's result is bitwise the single-JVM result for the same
 * rows in the same order ({@code transformSets}, {@code fit}, {@code encode}), whatever the
 * partitioning. Output rows are grouped by partition; sort by key if an order is needed.
 *
 * <p><b>Persistence.</b> Outputs are DataFrames: write them with Spark's writers (Parquet,
 * ORC). Models (a UBM, a T matrix) are em-core machines; HDF5 files are written by the io-hdf5
 * module's {@code Hdf5} facade on the driver.
 */
public final class SparkSets {

  /** Column of the number of frames. */
  public static final String T = "t";
  /** Column of the total log-likelihood. */
  public static final String LOG_LIKELIHOOD = "logLikelihood";
  /** Column of the zeroth-order statistics. */
  public static final String N = "n";
  /** Column of the first-order statistics. */
  public static final String SUM_PX = "sumPx";
  /** Column of the second-order statistics. */
  public static final String SUM_PXX = "sumPxx";
  /** Column of the EM iterations of an adapted model. */
  public static final String ITERATIONS = "iterations";
  /** Column of adapted weights. */
  public static final String WEIGHTS = "weights";
  /** Column of adapted means. */
  public static final String MEANS = "means";
  /** Column of adapted variances. */
  public static final String VARIANCES = "variances";
  /** Column of encodings. */
  public static final String ENCODING = "encoding";

  private static final String OWNER = "SparkSets";

  private SparkSets() {}

  private static org.apache.spark.sql.types.ArrayType doubles() {
    return DataTypes.createArrayType(DataTypes.DoubleType, false);
  }

  /** Schema of {@link #statistics}: the key field plus the statistics columns. */
  static StructType statisticsSchema(org.apache.spark.sql.types.StructField key) {
    return new StructType().add(key).add(T, DataTypes.LongType, false)
        .add(LOG_LIKELIHOOD, DataTypes.DoubleType, false).add(N, doubles(), false)
        .add(SUM_PX, doubles(), false).add(SUM_PXX, doubles(), false);
  }

  /**
   * Per-key statistics under a UBM.
   *
   * @param sets the keyed sets (vectors of length D)
   * @param ubm a fitted GMM; its posterior rule is used
   * @return one row per key: key, t, logLikelihood, n, sumPx, sumPxx
   */
  public static Dataset<Row> statistics(KeyedSets sets, GMMMachine ubm) {
    Objects.requireNonNull(sets, "sets");
    Objects.requireNonNull(ubm, "ubm");
    requireFitted(OWNER + ".statistics", ubm);
    int c = ubm.numComponents();
    int d = ubm.numFeatures();
    Broadcast<GmmSpec> b = context(sets).broadcast(GmmSpec.of(ubm));
    JavaRDD<Row> rows = sets.sets(d).map(s -> {
      GMMMachine m = b.value().machine();
      GMMStats st = new GMMStats(c, d);
      m.accumulate(s.matrix(), 0, s.rows, st, m.posteriorRule());
      return RowFactory.create(s.key, st.t(), st.logLikelihood(), st.n(), st.sumPx().toArray(),
          st.sumPxx().toArray());
    });
    return sets.spark().createDataFrame(rows, statisticsSchema(sets.keyField()));
  }

  /**
   * MAP adaptation of one model per key (speaker enrolment).
   *
   * @param sets the keyed sets (each key's frames)
   * @param map a MAP machine ({@code GMMMachine.map(ubm)...build()}): its relevance factor or
   *     α, updates and iterations apply to every key
   * @return one row per key: key, t, iterations, weights, means, variances
   */
  public static Dataset<Row> adapt(KeyedSets sets, GMMMachine map) {
    Objects.requireNonNull(sets, "sets");
    Objects.requireNonNull(map, "map");
    if (map.trainer() != GMMMachine.Trainer.MAP) {
      throw new IllegalArgumentException(OWNER + ".adapt: map must be a MAP machine"
          + " (GMMMachine.map(ubm)...build()), got trainer " + map.trainer());
    }
    int d = map.numFeatures();
    Broadcast<GmmSpec> b = context(sets).broadcast(GmmSpec.of(map));
    JavaRDD<Row> rows = sets.sets(d).map(s -> {
      GMMMachine fitted = b.value().machine().fit(s.matrix());
      return RowFactory.create(s.key, (long) s.rows, fitted.report().iterations(),
          fitted.weights(), fitted.meanSupervector(), fitted.varianceSupervector());
    });
    StructType schema = new StructType().add(sets.keyField()).add(T, DataTypes.LongType, false)
        .add(ITERATIONS, DataTypes.IntegerType, false).add(WEIGHTS, doubles(), false)
        .add(MEANS, doubles(), false).add(VARIANCES, doubles(), false);
    return sets.spark().createDataFrame(rows, schema);
  }

  /**
   * The Fisher vector of each set.
   *
   * @param sets the keyed sets (descriptors of length D)
   * @param encoder a Fisher-vector encoder (fitted, if EMPIRICAL)
   * @return one row per key: key, encoding
   */
  public static Dataset<Row> encodeFisher(KeyedSets sets, FisherVectorEncoder encoder) {
    Objects.requireNonNull(encoder, "encoder");
    return encode(sets, EncoderSpec.of(encoder), encoder.numFeatures());
  }

  /**
   * The VLAD of each set, with k-means centres.
   *
   * @param sets the keyed sets (descriptors of length D)
   * @param kmeans a fitted k-means machine
   * @param options VLAD options (HARD or SOFTMAX assignment)
   * @return one row per key: key, encoding
   */
  public static Dataset<Row> encodeVlad(KeyedSets sets, KMeansMachine kmeans,
      VLADOptions options) {
    Objects.requireNonNull(kmeans, "kmeans");
    Objects.requireNonNull(options, "options");
    return encode(sets, EncoderSpec.vlad(kmeans, options), kmeans.numFeatures());
  }

  /**
   * The VLAD of each set, with a GMM's means as centres (any assignment).
   *
   * @param sets the keyed sets (descriptors of length D)
   * @param gmm a fitted GMM
   * @param options VLAD options
   * @return one row per key: key, encoding
   */
  public static Dataset<Row> encodeVlad(KeyedSets sets, GMMMachine gmm, VLADOptions options) {
    Objects.requireNonNull(gmm, "gmm");
    Objects.requireNonNull(options, "options");
    return encode(sets, EncoderSpec.vlad(gmm, options), gmm.numFeatures());
  }

  private static Dataset<Row> encode(KeyedSets sets, EncoderSpec spec, int d) {
    Objects.requireNonNull(sets, "sets");
    spec.encoder();
    Broadcast<EncoderSpec> b = context(sets).broadcast(spec);
    JavaRDD<Row> rows = sets.sets(d).map(s -> {
      DescriptorEncoder e = b.value().encoder();
      return RowFactory.create(s.key, e.encode(s.matrix()));
    });
    StructType schema = new StructType().add(sets.keyField()).add(ENCODING, doubles(), false);
    return sets.spark().createDataFrame(rows, schema);
  }

  private static org.apache.spark.api.java.JavaSparkContext context(KeyedSets sets) {
    return org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
        sets.spark().sparkContext());
  }

  private static void requireFitted(String owner, GMMMachine m) {
    if (!m.isFitted()) {
      throw org.emkit.core.NotFittedException.of(owner);
    }
  }
}
