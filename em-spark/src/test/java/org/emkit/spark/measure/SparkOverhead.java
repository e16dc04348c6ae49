package org.emkit.spark.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.clustering.GaussianMixture;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.spark.EmbeddedSpark;
import org.emkit.spark.FrameSet;
import org.emkit.spark.SparkGMM;

/**
 * The em-spark measurements (not a test: run by {@code scripts/spark-measure.sh}).
 *
 * <pre>
 *   overhead [N D K iterations partitions mllibIterations]   (default 200000 64 256 4 2 1)
 *   scaling  [N D K iterations partitions]                   (default 10000000 64 256 2 64)
 * </pre>
 *
 * <p>{@code overhead}: W1-shaped data; time per EM iteration of {@link GMMMachine#fit} with
 * parallelism 2 (after one warm-up iteration), of {@link SparkGMM#fit} on {@code local[2]} over
 * a cached {@link FrameSet} (after a warm-up fit), and of Spark MLlib's {@code GaussianMixture}
 * (full covariances, its own initialisation) on the same rows as ML vectors.
 *
 * <p>{@code scaling}: N frames generated on the fly in every pass by {@link
 * FrameSet#generated}: partition p, block b draws its rows from the W1 mixture with a {@link
 * SplittableRandom} seeded by (p, b) (a component by its weight, then a diagonal Gaussian), so
 * nothing is cached or stored; reports the time per EM iteration and the peak heap of the one
 * local JVM (driver and executor), sampled every 50 ms.
 */
public final class SparkOverhead {

  private SparkOverhead() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "overhead";
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.out.printf("load average at start: %.2f%n", load);
    if (mode.equals("overhead")) {
      overhead(intArg(args, 1, 200000), intArg(args, 2, 64), intArg(args, 3, 256),
          intArg(args, 4, 4), intArg(args, 5, 2), intArg(args, 6, 1));
    } else {
      scaling(intArg(args, 1, 10_000_000), intArg(args, 2, 64), intArg(args, 3, 256),
          intArg(args, 4, 2), intArg(args, 5, 64));
    }
    System.out.printf("load average at end: %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static int intArg(String[] a, int i, int dflt) {
    return a.length > i ? Integer.parseInt(a[i]) : dflt;
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
  }

  /** Sums of task metrics (Spark's listener bus; read after the fit). */
  static final class TaskTotals extends org.apache.spark.scheduler.SparkListener {
    volatile long run;
    volatile long cpu;
    volatile long gc;
    volatile long deser;
    volatile long resultSer;

    void reset() {
      run = 0;
      cpu = 0;
      gc = 0;
      deser = 0;
      resultSer = 0;
    }

    @Override
    public synchronized void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
      org.apache.spark.executor.TaskMetrics m = end.taskMetrics();
      if (m != null) {
        run += m.executorRunTime();
        cpu += m.executorCpuTime();
        gc += m.jvmGCTime();
        deser += m.executorDeserializeTime();
        resultSer += m.resultSerializationTime();
      }
    }
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * Per-iteration wall times and process CPU times (seconds) from the monitor's call times. The
   * CPU time (all threads of the JVM: Spark's driver, executor and task threads included) is
   * the contention-robust measure on a shared machine.
   */
  private static final class Clock implements org.emkit.core.FitMonitor {
    final List<Double> times = new ArrayList<>();
    final List<Double> cpu = new ArrayList<>();
    long last = System.nanoTime();
    long lastCpu = processCpu();

    @Override
    public boolean onIteration(int iteration, double objective) {
      long now = System.nanoTime();
      long c = processCpu();
      times.add((now - last) / 1e9);
      cpu.add((c - lastCpu) / 1e9);
      last = now;
      lastCpu = c;
      return true;
    }
  }

  static void overhead(int n, int d, int k, int iterations, int partitions, int mllibIterations)
      throws Exception {
    W1Data w = W1Data.generate(n, d, k, 20240611L);
    GMMMachine init = w.init.toBuilder().maxIterations(iterations).parallelism(2).build();
    // single JVM: warm-up, then a timed fit
    init.toBuilder().maxIterations(1).build().fit(w.x);
    Clock jvm = new Clock();
    GMMMachine single = init.fit(w.x, jvm);
    System.out.printf("single JVM (parallelism 2): per-iteration wall s %s, median %.3f;"
        + " process CPU s %s, median %.3f%n", jvm.times, median(jvm.times), jvm.cpu,
        median(jvm.cpu));

    SparkSession spark = EmbeddedSpark.builder("emkit-measure", 2).getOrCreate();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    StructType schema = new StructType().add("features",
        org.apache.spark.sql.types.DataTypes.createArrayType(
            org.apache.spark.sql.types.DataTypes.DoubleType, false), false);
    List<Integer> ids = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      ids.add(p);
    }
    double[] xd = w.x.data();
    int per = (n + partitions - 1) / partitions;
    JavaRDD<Row> rows = sc.parallelize(ids, partitions).flatMap(p -> {
      List<Row> out = new ArrayList<>();
      for (int i = p * per; i < Math.min(n, (p + 1) * per); i++) {
        double[] v = Arrays.copyOfRange(xd, i * d, (i + 1) * d);
        out.add(RowFactory.create((Object) scala.Predef.wrapDoubleArray(v).toSeq()));
      }
      return out.iterator();
    });
    Dataset<Row> df = spark.createDataFrame(rows, schema).cache();
    df.count();
    long t0 = System.nanoTime();
    TaskTotals totals = new TaskTotals();
    spark.sparkContext().addSparkListener(totals);
    try (FrameSet frames = FrameSet.of(df, "features")) {
      System.out.printf("FrameSet packing (once): %.3f s, %s%n", (System.nanoTime() - t0) / 1e9,
          frames);
      SparkGMM.fit(frames, init.toBuilder().maxIterations(1).build());
      Clock sp = new Clock();
      totals.reset();
      GMMMachine dist = SparkGMM.fit(frames, init, null, sp);
      System.out.printf("em-spark tasks over the timed fit: run %.3f s, CPU %.3f s, GC %.3f s,"
          + " deserialisation %.3f s, result serialisation %.3f s (sums over tasks)%n",
          totals.run / 1e3, totals.cpu / 1e9, totals.gc / 1e3, totals.deser / 1e3,
          totals.resultSer / 1e3);
      System.out.printf("em-spark local[2], %d partitions: per-iteration wall s %s, median %.3f;"
          + " process CPU s %s, median %.3f%n", partitions, sp.times, median(sp.times), sp.cpu,
          median(sp.cpu));
      System.out.printf("ratio em-spark / single JVM (medians): wall %.3f, CPU %.3f%n",
          median(sp.times) / median(jvm.times), median(sp.cpu) / median(jvm.cpu));
      double maxRel = 0;
      double[] a = single.meanSupervector();
      double[] b = dist.meanSupervector();
      for (int q = 0; q < a.length; q++) {
        maxRel = Math.max(maxRel, Math.abs(a[q] - b[q]) / Math.max(Math.abs(a[q]), 1e-300));
      }
      System.out.printf("max relative difference of the means (single JVM vs em-spark): %.3g%n",
          maxRel);
    }
    df.unpersist();
    if (mllibIterations > 0) {
      StructType vs = new StructType().add("features", new VectorUDT(), false);
      JavaRDD<Row> vrows = sc.parallelize(ids, partitions).flatMap(p -> {
        List<Row> out = new ArrayList<>();
        for (int i = p * per; i < Math.min(n, (p + 1) * per); i++) {
          out.add(RowFactory.create(Vectors.dense(Arrays.copyOfRange(xd, i * d, (i + 1) * d))));
        }
        return out.iterator();
      });
      Dataset<Row> vdf = spark.createDataFrame(vrows, vs).cache();
      vdf.count();
      long m0 = System.nanoTime();
      org.apache.spark.ml.clustering.GaussianMixtureModel gm = new GaussianMixture().setK(k)
          .setMaxIter(mllibIterations).setTol(0).setSeed(1).fit(vdf);
      double s = (System.nanoTime() - m0) / 1e9;
      System.out.printf("Spark MLlib GaussianMixture (full covariances), %d iteration(s):"
          + " %.3f s total (init + iterations), %.3f s per iteration; logLikelihood %.6g%n",
          mllibIterations, s, s / mllibIterations, gm.summary().logLikelihood());
      vdf.unpersist();
    }
    spark.stop();
  }

  static void scaling(int n, int d, int k, int iterations, int partitions) {
    W1Data w = W1Data.generate(4096, d, k, 20240611L);
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = new AtomicLong();
    AtomicLong peakLive = new AtomicLong();
    List<java.lang.management.MemoryPoolMXBean> pools = new ArrayList<>();
    for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP
          && pool.getCollectionUsage() != null) {
        pools.add(pool);
      }
    }
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        long used = mem.getHeapMemoryUsage().getUsed();
        peak.accumulateAndGet(used, Math::max);
        long live = 0;
        for (java.lang.management.MemoryPoolMXBean pool : pools) {
          live += pool.getCollectionUsage().getUsed();
        }
        peakLive.accumulateAndGet(live, Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    SparkSession spark = EmbeddedSpark.builder("emkit-scaling", 2).getOrCreate();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    long[] rows = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      rows[p] = n / partitions + (p < n % partitions ? 1 : 0);
    }
    double[] means = w.means;
    double[] sds = w.sds;
    double[] cum = w.cumWeights;
    FrameSet frames = FrameSet.generated(sc, rows, d, (p, first, count) -> {
      SplittableRandom r = new SplittableRandom(p * 1_000_003L + first);
      double[] x = new double[count * d];
      for (int i = 0; i < count; i++) {
        double u = r.nextDouble() * cum[cum.length - 1];
        int c = Arrays.binarySearch(cum, u);
        c = c < 0 ? Math.min(-c - 1, cum.length - 1) : c;
        for (int j = 0; j < d; j++) {
          x[i * d + j] = means[c * d + j] + sds[c * d + j] * r.nextGaussian();
        }
      }
      return Matrix.wrap(count, d, x);
    });
    System.gc();
    long base = mem.getHeapMemoryUsage().getUsed();
    sampler.start();
    Clock sp = new Clock();
    GMMMachine fitted = SparkGMM.fit(frames, w.init.toBuilder().maxIterations(iterations).build(),
        null, sp);
    sampler.interrupt();
    System.out.printf("scaling: N=%d D=%d K=%d, %d partitions (generated per pass), local[2]%n",
        n, d, k, partitions);
    System.out.printf("per-iteration wall s %s, median %.3f; process CPU s %s; average"
        + " log-likelihood %s%n", sp.times, median(sp.times), sp.cpu,
        Arrays.toString(fitted.report().objectives()));
    System.out.printf("heap used before the fit (after GC): %.1f MB; peak heap used during the"
        + " fit (sampled every 50 ms, includes garbage): %.1f MB; peak heap retained after a GC:"
        + " %.1f MB; -Xmx %.0f MB%n", base / 1e6, peak.get() / 1e6, peakLive.get() / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);
    spark.stop();
  }
}
