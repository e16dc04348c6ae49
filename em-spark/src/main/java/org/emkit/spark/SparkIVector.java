package org.emkit.spark;

import java.io.Serializable;
import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.FitMonitor;
import org.emkit.core.Matrix;
import org.emkit.core.internal.FitLoop;
import org.emkit.fa.IVectorMachine;
import org.emkit.fa.IVectorStats;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * Distributed total-variability (i-vector) training and extraction from per-session statistics,
 * as produced by {@link SparkSets#statistics}: a DataFrame with a key column and the columns
 * {@code t, logLikelihood, n, sumPx, sumPxx} (C and C·D values).
 *
 * <p><b>Training</b> ({@link #fit}): the sessions are read once and cached; each iteration
 * broadcasts T and σ, every partition runs {@link IVectorMachine#eStep(List)} on its sessions
 * (in row order) into one {@link IVectorStats}, the partitions' statistics are merged in
 * partition order with {@link IVectorStats#merge} (an ordered tree of fan-in {@link
 * FrameSet#DEFAULT_FAN_IN}, since these statistics are large: C·R·(R+1)/2 + C·D·R values), and
 * the driver runs {@link IVectorMachine#mStep(IVectorStats)} (with minimum divergence when
 * configured). Exactly {@code iterations} iterations run, as {@link IVectorMachine#fit(List)};
 * the report holds the relative change of T per iteration.
 *
 * <p><b>Extraction</b> ({@link #transform}): one row per session: key, {@code ivector}
 * ({@code array<double>}, length R), computed by {@link IVectorMachine#transform(List)} on blocks
 * of the partition's sessions; bitwise the single-JVM i-vectors (each session's posterior is
 * computed independently).
 *
 * <p><b>Reproducibility.</b> Bitwise identical from run to run for a fixed partitioning of the
 * statistics; equal to the single-JVM fit on the sessions in the same order within rounding
 * (relative 1e-12 on T and σ after a few iterations in the tests), bitwise with one partition.
 */
public final class SparkIVector {

  /** Column of i-vectors. */
  public static final String IVECTOR = "ivector";

  private static final String OWNER = "SparkIVector";
  private static final Logger LOG = System.getLogger(SparkIVector.class.getName());

  private SparkIVector() {}

  /** What executors need of an i-vector machine: its UBM, T and σ. */
  static final class Spec implements Serializable {
    private static final long serialVersionUID = 1L;
    final GmmSpec ubm;
    final int cd;
    final int rank;
    final double[] t;
    final double[] sigma;
    private transient volatile IVectorMachine machine;

    Spec(IVectorMachine m) {
      ubm = GmmSpec.of(m.ubm());
      cd = m.numComponents() * m.numFeatures();
      rank = m.rank();
      t = m.t().toArray();
      sigma = m.sigma().toArray();
    }

    IVectorMachine machine() {
      IVectorMachine m = machine;
      if (m == null) {
        GMMMachine u = ubm.machine();
        m = IVectorMachine.fromParameters(u, Matrix.wrap(cd, rank, t),
            Matrix.wrap(u.numComponents(), u.numFeatures(), sigma));
        machine = m;
      }
      return m;
    }
  }

  /**
   * Trains T (and σ) on the sessions' statistics.
   *
   * @param stats per-session statistics (the layout of {@link SparkSets#statistics})
   * @param machine the configured machine (UBM, rank, iterations, initial T)
   * @return the trained machine with a fit report
   */
  public static IVectorMachine fit(Dataset<Row> stats, IVectorMachine machine) {
    return fit(stats, machine, FitMonitor.NONE);
  }

  /**
   * @param stats per-session statistics (the layout of {@link SparkSets#statistics})
   * @param machine the configured machine
   * @param monitor receives (iteration, relative change of T) and may stop the fit
   * @return the trained machine with a fit report
   */
  public static IVectorMachine fit(Dataset<Row> stats, IVectorMachine machine,
      FitMonitor monitor) {
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(machine, "machine");
    Objects.requireNonNull(monitor, "monitor");
    String owner = OWNER + ".fit";
    int c = machine.numComponents();
    int d = machine.numFeatures();
    JavaRDD<Boxes.Gmm[]> sessions = sessionBlocks(owner, stats, c, d)
        .persist(StorageLevel.MEMORY_AND_DISK());
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(stats.sparkSession().sparkContext());
    try {
      IVectorMachine current = machine;
      FitLoop loop = FitLoop.withoutConvergence(owner, "relative change of T", LOG, monitor,
          machine.iterations());
      while (loop.running()) {
        IVectorStats s = eStep(sc, sessions, current);
        current = current.mStep(s);
        loop.record(current.report().objectives()[0]);
      }
      return current.withReport(loop.report());
    } finally {
      sessions.unpersist(false);
    }
  }

  /**
   * The distributed E-step.
   *
   * @param stats per-session statistics (the layout of {@link SparkSets#statistics})
   * @param machine the machine
   * @return the statistics of all sessions, merged in partition order
   */
  public static IVectorStats eStep(Dataset<Row> stats, IVectorMachine machine) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(stats.sparkSession().sparkContext());
    return eStep(sc, sessionBlocks(OWNER + ".eStep", stats, machine.numComponents(),
        machine.numFeatures()), machine);
  }

  private static IVectorStats eStep(JavaSparkContext sc, JavaRDD<Boxes.Gmm[]> sessions,
      IVectorMachine machine) {
    Broadcast<Spec> b = sc.broadcast(new Spec(machine));
    try {
      JavaRDD<Boxes.IVector> parts = sessions.mapPartitions(it -> {
        IVectorMachine m = b.value().machine();
        List<GMMStats> list = new ArrayList<>();
        while (it.hasNext()) {
          for (Boxes.Gmm g : it.next()) {
            list.add(g.open());
          }
        }
        return Collections.singletonList(new Boxes.IVector(m.eStep(list))).iterator();
      }, true);
      return OrderedReduce.run(() -> OrderedReduce.reduce(parts, FrameSet.DEFAULT_FAN_IN,
          Boxes.IVector::merge)).open();
    } finally {
      b.destroy();
    }
  }

  /**
   * The i-vector of every session.
   *
   * @param stats per-session statistics with a key column (the layout of {@link
   *     SparkSets#statistics})
   * @param keyCol the key column, copied to the output
   * @param machine the trained machine
   * @return one row per session: key, ivector (length R)
   */
  public static Dataset<Row> transform(Dataset<Row> stats, String keyCol,
      IVectorMachine machine) {
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(keyCol, "keyCol");
    Objects.requireNonNull(machine, "machine");
    String owner = OWNER + ".transform";
    StructField key = RowValues.field(owner, stats.schema(), keyCol);
    int c = machine.numComponents();
    int d = machine.numFeatures();
    checkStatsSchema(owner, stats);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(stats.sparkSession().sparkContext());
    Broadcast<Spec> b = sc.broadcast(new Spec(machine));
    JavaRDD<Row> rows = stats.select(keyCol, SparkSets.T, SparkSets.LOG_LIKELIHOOD, SparkSets.N,
        SparkSets.SUM_PX, SparkSets.SUM_PXX).javaRDD().mapPartitions(it -> {
          IVectorMachine m = b.value().machine();
          List<Row> out = new ArrayList<>();
          List<Object> keys = new ArrayList<>();
          List<GMMStats> block = new ArrayList<>();
          while (it.hasNext()) {
            Row r = it.next();
            keys.add(r.get(0));
            block.add(readStats(owner, r, 1, c, d, keyCol));
            if (block.size() == BLOCK || !it.hasNext()) {
              Matrix w = m.transform(block);
              for (int i = 0; i < block.size(); i++) {
                out.add(RowFactory.create(keys.get(i), w.row(i)));
              }
              keys.clear();
              block.clear();
            }
          }
          return out.iterator();
        }, true);
    StructType schema = new StructType().add(new StructField(keyCol, key.dataType(), false,
        key.metadata())).add(IVECTOR, DataTypes.createArrayType(DataTypes.DoubleType, false),
        false);
    return stats.sparkSession().createDataFrame(rows, schema);
  }

  /** Sessions per block of the extraction (IVectorMachine's own block size). */
  private static final int BLOCK = 64;

  private static void checkStatsSchema(String owner, Dataset<Row> stats) {
    for (String col : new String[] {SparkSets.T, SparkSets.LOG_LIKELIHOOD, SparkSets.N,
        SparkSets.SUM_PX, SparkSets.SUM_PXX}) {
      RowValues.field(owner, stats.schema(), col);
    }
  }

  /** The sessions of each partition, in row order, as one array per partition. */
  private static JavaRDD<Boxes.Gmm[]> sessionBlocks(String owner, Dataset<Row> stats, int c,
      int d) {
    checkStatsSchema(owner, stats);
    java.util.Set<String> known = java.util.Set.of(SparkSets.T, SparkSets.LOG_LIKELIHOOD,
        SparkSets.N, SparkSets.SUM_PX, SparkSets.SUM_PXX);
    String key = Arrays.stream(stats.columns()).filter(x -> !known.contains(x)).findFirst()
        .orElse(null);
    org.apache.spark.sql.Column keyColumn = key != null ? org.apache.spark.sql.functions.col(key)
        : org.apache.spark.sql.functions.monotonically_increasing_id().as("row");
    String keyName = key != null ? key : "row";
    return stats.select(org.apache.spark.sql.functions.col(SparkSets.T),
        org.apache.spark.sql.functions.col(SparkSets.LOG_LIKELIHOOD),
        org.apache.spark.sql.functions.col(SparkSets.N),
        org.apache.spark.sql.functions.col(SparkSets.SUM_PX),
        org.apache.spark.sql.functions.col(SparkSets.SUM_PXX), keyColumn).javaRDD().mapPartitions((Iterator<Row> it) -> {
          List<Boxes.Gmm> list = new ArrayList<>();
          while (it.hasNext()) {
            list.add(new Boxes.Gmm(readStats(owner, it.next(), 0, c, d, keyName)));
          }
          List<Boxes.Gmm[]> one = new ArrayList<>(1);
          one.add(list.toArray(new Boxes.Gmm[0]));
          return one.iterator();
        }, true);
  }

  /** Reads t, logLikelihood, n, sumPx, sumPxx from {@code r} starting at field {@code first}. */
  static GMMStats readStats(String owner, Row r, int first, int c, int d, String keyCol) {
    RowValues.RowRef where = RowValues.RowRef.keyed(keyCol, first == 0 ? r.get(5) : r.get(0));
    double[] n = array(owner, r.get(first + 2), SparkSets.N, c, where);
    double[] px = array(owner, r.get(first + 3), SparkSets.SUM_PX, c * d, where);
    double[] pxx = array(owner, r.get(first + 4), SparkSets.SUM_PXX, c * d, where);
    double ll = r.getDouble(first + 1);
    long t = r.getLong(first);
    return GMMStats.of(n, Matrix.wrap(c, d, px), Matrix.wrap(c, d, pxx), ll, t);
  }

  private static double[] array(String owner, Object v, String col, int len,
      RowValues.RowRef where) {
    double[] out = new double[len];
    if (v == null) {
      throw new NonFiniteRowException(owner + ": row " + where.where() + ": column '" + col
          + "' is null", where.key());
    }
    if (RowValues.length(v) != len) {
      throw new DimensionMismatchException(owner + ": row " + where.where() + ": column '" + col
          + "' has length " + RowValues.length(v) + " but the machine needs " + len);
    }
    RowValues.copy(owner, v, col, -1, where, len, out, 0);
    return out;
  }
}
