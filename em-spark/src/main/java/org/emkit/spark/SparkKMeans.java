package org.emkit.spark;

import java.io.Serializable;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.emkit.cluster.ClusterMoments;
import org.emkit.cluster.KMeansMachine;
import org.emkit.cluster.KMeansStats;
import org.emkit.core.FitMonitor;
import org.emkit.core.FitReport;
import org.emkit.core.Matrix;
import org.emkit.core.internal.FitLoop;
import org.emkit.core.random.NumpyRandom;

/**
 * Distributed k-means over a {@link FrameSet}: Lloyd's algorithm with em-core's statistics and
 * M-step, and a distributed k-means|| initialisation.
 *
 * <p><b>Algorithm.</b> Each iteration broadcasts the centroids; every partition runs {@link
 * KMeansMachine#accumulate(Matrix, KMeansStats)} on its 1024-row blocks (em-core's chunks) into
 * one {@link KMeansStats}; the statistics are merged in partition order (see {@link FrameSet}) and
 * the driver applies {@link KMeansMachine#updateCentroids(KMeansStats)}. An empty cluster
 * follows the machine's {@link KMeansMachine.EmptyClusterPolicy}: {@code RESEED_FARTHEST} takes
 * the rows farthest from their old centroid (largest distance first, ties to the lowest global
 * row index) through one more pass, exactly as the single-JVM fit. The objective, the
 * convergence rule (relative change ≤ {@code convergenceThreshold} from the second iteration
 * on), the report and the warnings are those of {@link KMeansMachine#fit(Matrix)}.
 *
 * <p><b>Initialisation.</b> Given centroids ({@link KMeansMachine.Builder#initialCentroids}) are
 * used as they are. {@code RANDOM} draws the same row indices as the single-JVM fit (numpy's
 * {@code RandomState(seed).randint(0, N, K)}, sorted) and fetches those rows. {@code
 * KMEANS_PARALLEL} is k-means|| (Bahmani et al. 2012) with Spark passes: a first centre drawn
 * by {@code RandomState(seed)}; {@code min(initMaxIterations, round(ln φ))} rounds in which
 * every row is kept independently when {@code ℓ·d²(x)/φ > u}, u uniform from a generator seeded
 * per (seed, round, partition); then each candidate is weighted by the number of rows nearest to
 * it and the candidates are reduced to K by {@link
 * KMeansMachine#initialCentroidsFromCandidates(Matrix, double[])} (weighted k-means++ and
 * weighted Lloyd on the driver). With at most K candidates, distinct random rows drawn by the
 * driver's generator complete them. {@code KMEANS_PLUS_PLUS} needs K sequential passes over the
 * data and is not offered (use {@code KMEANS_PARALLEL}, its distributed counterpart).
 *
 * <p><b>Reproducibility.</b> For a fixed {@link FrameSet} (data, partitioning, fan-in) results
 * are bitwise identical from run to run. From the same initial centroids, the centroids agree
 * with {@link KMeansMachine#fit(Matrix)} on the collected data to within rounding (relative
 * 1e-12 in the tests, for any partitioning), and are bitwise equal with one partition. The
 * k-means|| candidates depend on the partitioning (each partition has its own generator), as in
 * every distributed k-means||.
 *
 * <p><b>References.</b> B. Bahmani, B. Moseley, A. Vattani, R. Kumar, S. Vassilvitskii,
 * "Scalable k-means++", PVLDB 5(7), 2012. https://doi.org/10.14778/2180912.2180915
 */
public final class SparkKMeans {

  private static final String OWNER = "SparkKMeans";
  private static final Logger LOG = System.getLogger(SparkKMeans.class.getName());

  private SparkKMeans() {}

  /**
   * Fits k-means on the frames, as {@code machine.fit(x)} does on one JVM.
   *
   * @param frames the data
   * @param machine an unfitted, configured machine (its centroids, if fitted, are ignored unless
   *     given as initial centroids)
   * @return a new fitted machine with the same hyperparameters and a fit report
   */
  public static KMeansMachine fit(FrameSet frames, KMeansMachine machine) {
    return fit(frames, machine, FitMonitor.NONE);
  }

  /**
   * @param frames the data
   * @param machine an unfitted, configured machine
   * @param monitor receives (iteration, mean minimum distance) and may stop the fit
   * @return a new fitted machine
   * @throws IllegalArgumentException if N &lt; K or D differs from the initial centroids
   * @throws UnsupportedOperationException for {@code KMEANS_PLUS_PLUS} initialisation
   */
  public static KMeansMachine fit(FrameSet frames, KMeansMachine machine, FitMonitor monitor) {
    Objects.requireNonNull(frames, "frames");
    Objects.requireNonNull(machine, "machine");
    Objects.requireNonNull(monitor, "monitor");
    String owner = OWNER + ".fit";
    long n = frames.numFrames();
    if (machine.numClusters() > n) {
      throw new IllegalArgumentException(owner + ": numClusters (" + machine.numClusters()
          + ") exceeds number of samples N (" + n + ")");
    }
    Matrix start = initialCentroids(frames, machine);
    return lloyd(frames, machine, start, monitor);
  }

  /**
   * The initial centroids the distributed fit starts from (see the class documentation).
   *
   * @param frames the data
   * @param machine the configured machine
   * @return K×D centroids
   */
  public static Matrix initialCentroids(FrameSet frames, KMeansMachine machine) {
    String owner = OWNER + ".initialCentroids";
    int d = frames.numFeatures();
    if (machine.initialCentroids().isPresent()) {
      Matrix c = machine.initialCentroids().get();
      if (c.cols() != d) {
        throw new org.emkit.core.DimensionMismatchException(owner + ": frames have D = " + d
            + " but initialCentroids has " + c.cols() + " columns");
      }
      return c;
    }
    switch (machine.init()) {
      case RANDOM:
        return randomInit(frames, machine);
      case KMEANS_PARALLEL:
        return parallelInit(frames, machine);
      default:
        throw new UnsupportedOperationException(owner + ": init KMEANS_PLUS_PLUS needs K"
            + " sequential passes over the data; use KMEANS_PARALLEL (its distributed"
            + " counterpart), RANDOM or initialCentroids");
    }
  }

  /**
   * The distributed E-step: statistics of all frames under the machine's centroids.
   *
   * @param frames the data
   * @param machine a fitted machine
   * @return merged statistics
   */
  public static KMeansStats transform(FrameSet frames, KMeansMachine machine) {
    Objects.requireNonNull(frames, "frames");
    Objects.requireNonNull(machine, "machine");
    if (machine.numFeatures() != frames.numFeatures()) {
      throw new org.emkit.core.DimensionMismatchException(OWNER + ".transform: frames have D = "
          + frames.numFeatures() + " but the model has D = " + machine.numFeatures());
    }
    Centres c = new Centres(machine.centroids());
    Broadcast<Centres> b = frames.context().broadcast(c);
    try {
      JavaRDD<Boxes.KMeans> parts = frames.blocks().mapPartitions(it -> {
        KMeansMachine m = b.value().machine();
        KMeansStats s = new KMeansStats(m.numClusters(), m.numFeatures());
        while (it.hasNext()) {
          m.accumulate(it.next().matrix(), s);
        }
        return Collections.singletonList(new Boxes.KMeans(s)).iterator();
      }, true);
      return OrderedReduce.run(() -> OrderedReduce.reduce(parts, frames.fanIn(),
          Boxes.KMeans::merge)).open();
    } finally {
      b.destroy();
    }
  }

  private static KMeansMachine lloyd(FrameSet frames, KMeansMachine config, Matrix start,
      FitMonitor monitor) {
    int k = config.numClusters();
    long n = frames.numFrames();
    KMeansMachine current = config.withCentroids(start, FitReport.NOT_FITTED);
    FitLoop loop = FitLoop.converging(OWNER + ".fit", "mean min distance", LOG, monitor,
        config.maxIterations(), config.convergenceThreshold());
    int emptyEvents = 0;
    while (loop.running()) {
      KMeansStats stats = transform(frames, current);
      double cur = stats.sumMinDistance() / n;
      KMeansMachine next = current.updateCentroids(stats);
      int empty = stats.numEmpty();
      if (empty > 0) {
        emptyEvents += empty;
        if (config.emptyClusterPolicy() == KMeansMachine.EmptyClusterPolicy.RESEED_FARTHEST) {
          double[] counts = stats.counts();
          Matrix far = farthestRows(frames, current, empty);
          double[] mu = next.centroids().toArray();
          int d = frames.numFeatures();
          int used = 0;
          for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
              System.arraycopy(far.data(), used * d, mu, c * d, d);
              used++;
            }
          }
          next = config.withCentroids(Matrix.wrap(k, d, mu), FitReport.NOT_FITTED);
        }
      }
      current = next;
      loop.record(cur);
    }
    if (emptyEvents > 0) {
      LOG.log(Level.WARNING, OWNER + ".fit: " + emptyEvents + " empty-cluster event(s); policy "
          + config.emptyClusterPolicy());
    }
    if (!loop.converged() && !loop.stopped()) {
      LOG.log(Level.WARNING, OWNER + ".fit: stopped after " + loop.iterations() + " iterations"
          + " without convergence (threshold " + config.convergenceThreshold() + ")");
    }
    return config.withCentroids(current.centroids(), loop.report());
  }

  // ------------------------------------------------------------------------------------------
  // passes

  /** Centroids shipped to executors (rebuilt once per JVM into a machine). */
  static final class Centres implements Serializable {
    private static final long serialVersionUID = 1L;
    final int k;
    final int d;
    final double[] values;
    private transient volatile KMeansMachine machine;

    Centres(Matrix m) {
      k = m.rows();
      d = m.cols();
      values = m.toArray();
    }

    KMeansMachine machine() {
      KMeansMachine m = machine;
      if (m == null) {
        m = KMeansMachine.fromCentroids(Matrix.wrap(k, d, values));
        machine = m;
      }
      return m;
    }
  }

  /** A row and its global index (and a score, for the farthest-row search). */
  static final class IndexedRow implements Serializable {
    private static final long serialVersionUID = 1L;
    final long index;
    final double score;
    final double[] values;

    IndexedRow(long index, double score, double[] values) {
      this.index = index;
      this.score = score;
      this.values = values;
    }
  }

  /** Rows with the given global indices (sorted, distinct), in index order. */
  static Matrix fetchRows(FrameSet frames, long[] sortedIndices) {
    long[] offsets = frames.partitionOffsets();
    int d = frames.numFeatures();
    Broadcast<long[]> b = frames.context().broadcast(sortedIndices);
    try {
      List<IndexedRow> rows = OrderedReduce.run(() -> frames.blocks().mapPartitionsWithIndex(
          (Integer p, Iterator<FrameBlock> it) -> {
            long[] idx = b.value();
            List<IndexedRow> out = new ArrayList<>();
            long g = offsets[p];
            while (it.hasNext()) {
              FrameBlock fb = it.next();
              int lo = Arrays.binarySearch(idx, g);
              lo = lo < 0 ? -lo - 1 : lo;
              for (int q = lo; q < idx.length && idx[q] < g + fb.rows; q++) {
                int i = (int) (idx[q] - g);
                out.add(new IndexedRow(idx[q], 0,
                    Arrays.copyOfRange(fb.data, i * fb.cols, (i + 1) * fb.cols)));
              }
              g += fb.rows;
            }
            return out.iterator();
          }, true).collect());
      double[] out = new double[sortedIndices.length * d];
      if (rows.size() != sortedIndices.length) {
        throw new IllegalStateException(OWNER + ": fetched " + rows.size() + " rows, expected "
            + sortedIndices.length);
      }
      List<IndexedRow> sorted = new ArrayList<>(rows);
      sorted.sort((a, c) -> Long.compare(a.index, c.index));
      for (int i = 0; i < sorted.size(); i++) {
        System.arraycopy(sorted.get(i).values, 0, out, i * d, d);
      }
      return Matrix.wrap(sortedIndices.length, d, out);
    } finally {
      b.destroy();
    }
  }

  /** The {@code count} rows farthest from their nearest centroid of {@code machine}. */
  private static Matrix farthestRows(FrameSet frames, KMeansMachine machine, int count) {
    long[] offsets = frames.partitionOffsets();
    Broadcast<Centres> b = frames.context().broadcast(new Centres(machine.centroids()));
    try {
      List<IndexedRow> cands = OrderedReduce.run(() -> frames.blocks().mapPartitionsWithIndex(
          (Integer p, Iterator<FrameBlock> it) -> {
            KMeansMachine m = b.value().machine();
            List<IndexedRow> best = new ArrayList<>();
            long g = offsets[p];
            while (it.hasNext()) {
              FrameBlock fb = it.next();
              double[] min = rowMin(m.transform(fb.matrix()));
              for (int i = 0; i < fb.rows; i++) {
                if (best.size() < count || better(min[i], g + i, best.get(best.size() - 1))) {
                  best.add(new IndexedRow(g + i, min[i],
                      Arrays.copyOfRange(fb.data, i * fb.cols, (i + 1) * fb.cols)));
                  best.sort(SparkKMeans::farthestFirst);
                  if (best.size() > count) {
                    best.remove(best.size() - 1);
                  }
                }
              }
              g += fb.rows;
            }
            return best.iterator();
          }, true).collect());
      List<IndexedRow> all = new ArrayList<>(cands);
      all.sort(SparkKMeans::farthestFirst);
      int d = frames.numFeatures();
      double[] out = new double[count * d];
      for (int i = 0; i < count; i++) {
        System.arraycopy(all.get(i).values, 0, out, i * d, d);
      }
      return Matrix.wrap(count, d, out);
    } finally {
      b.destroy();
    }
  }

  private static int farthestFirst(IndexedRow a, IndexedRow b) {
    int c = Double.compare(b.score, a.score);
    return c != 0 ? c : Long.compare(a.index, b.index);
  }

  private static boolean better(double score, long index, IndexedRow worst) {
    return score > worst.score || (score == worst.score && index < worst.index);
  }

  static double[] rowMin(Matrix dist) {
    int rows = dist.rows();
    int k = dist.cols();
    double[] a = dist.data();
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      double m = a[i * k];
      for (int c = 1; c < k; c++) {
        m = Math.min(m, a[i * k + c]);
      }
      out[i] = m;
    }
    return out;
  }

  private static Matrix randomInit(FrameSet frames, KMeansMachine machine) {
    long n = frames.numFrames();
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(OWNER + ": init RANDOM draws row indices with numpy's"
          + " randint over int rows; N = " + n + " is too large, use KMEANS_PARALLEL");
    }
    NumpyRandom rng = new NumpyRandom(machine.seed());
    int k = machine.numClusters();
    long[] idx = new long[k];
    for (int c = 0; c < k; c++) {
      idx[c] = rng.randint(0, n);
    }
    Arrays.sort(idx);
    long[] distinct = Arrays.stream(idx).distinct().toArray();
    Matrix rows = fetchRows(frames, distinct);
    int d = frames.numFeatures();
    double[] out = new double[k * d];
    for (int c = 0; c < k; c++) {
      int q = Arrays.binarySearch(distinct, idx[c]);
      System.arraycopy(rows.data(), q * d, out, c * d, d);
    }
    return Matrix.wrap(k, d, out);
  }

  /** Σ over rows of the squared distance to the nearest candidate (ordered merge). */
  private static double potential(FrameSet frames, Matrix candidates) {
    Broadcast<Centres> b = frames.context().broadcast(new Centres(candidates));
    try {
      JavaRDD<Double> parts = frames.blocks().mapPartitions(it -> {
        KMeansMachine m = b.value().machine();
        double s = 0;
        while (it.hasNext()) {
          for (double v : rowMin(m.transform(it.next().matrix()))) {
            s += v;
          }
        }
        return Collections.singletonList(s).iterator();
      }, true);
      return OrderedReduce.run(() -> OrderedReduce.reduce(parts, frames.fanIn(), Double::sum));
    } finally {
      b.destroy();
    }
  }

  /** A 32-bit seed for (seed, round, partition): splitmix64 finaliser of their combination. */
  static long mixSeed(long seed, int round, int partition) {
    long z = seed * 0x9E3779B97F4A7C15L + (round + 1L) * 0xBF58476D1CE4E5B9L
        + (partition + 1L) * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return z & 0xFFFFFFFFL;
  }

  private static Matrix parallelInit(FrameSet frames, KMeansMachine machine) {
    long n = frames.numFrames();
    int k = machine.numClusters();
    int d = frames.numFeatures();
    long seed = machine.seed();
    double ell = machine.oversamplingFactor();
    NumpyRandom rng = new NumpyRandom(seed);
    long first = rng.randint(0, n);
    TreeSet<Long> chosen = new TreeSet<>();
    chosen.add(first);
    Matrix cand = fetchRows(frames, new long[] {first});
    double phi = potential(frames, cand);
    int rounds = phi > 0 ? (int) Math.min(machine.initMaxIterations(), Math.round(Math.log(phi))) : 0;
    long[] offsets = frames.partitionOffsets();
    for (int r = 0; r < rounds; r++) {
      final double phiR = phi;
      final int round = r;
      Broadcast<Centres> b = frames.context().broadcast(new Centres(cand));
      List<IndexedRow> sampled;
      try {
        sampled = OrderedReduce.run(() -> frames.blocks().mapPartitionsWithIndex(
            (Integer p, Iterator<FrameBlock> it) -> {
              KMeansMachine m = b.value().machine();
              NumpyRandom u = new NumpyRandom(mixSeed(seed, round, p));
              List<IndexedRow> out = new ArrayList<>();
              long g = offsets[p];
              while (it.hasNext()) {
                FrameBlock fb = it.next();
                double[] min = rowMin(m.transform(fb.matrix()));
                for (int i = 0; i < fb.rows; i++) {
                  if (ell * min[i] / phiR > u.rand()) {
                    out.add(new IndexedRow(g + i, 0,
                        Arrays.copyOfRange(fb.data, i * fb.cols, (i + 1) * fb.cols)));
                  }
                }
                g += fb.rows;
              }
              return out.iterator();
            }, true).collect());
      } finally {
        b.destroy();
      }
      List<IndexedRow> all = new ArrayList<>(sampled);
      all.sort((a, c) -> Long.compare(a.index, c.index));
      double[] grown = Arrays.copyOf(cand.data(), (cand.rows() + all.size()) * d);
      for (int i = 0; i < all.size(); i++) {
        chosen.add(all.get(i).index);
        System.arraycopy(all.get(i).values, 0, grown, (cand.rows() + i) * d, d);
      }
      cand = Matrix.wrap(cand.rows() + all.size(), d, grown);
      phi = potential(frames, cand);
      if (phi == 0) {
        break;
      }
    }
    long[] sortedChosen = chosen.stream().mapToLong(Long::longValue).toArray();
    if (sortedChosen.length <= k) {
      // too few candidates: add distinct random rows (sorted), drawn by the driver's generator
      TreeSet<Long> all = new TreeSet<>(chosen);
      while (all.size() < k) {
        all.add(rng.randint(0, n));
      }
      return fetchRows(frames, all.stream().mapToLong(Long::longValue).toArray());
    }
    Matrix sortedCand = fetchRows(frames, sortedChosen);
    double[] weights = candidateWeights(frames, sortedCand);
    return machine.initialCentroidsFromCandidates(sortedCand, weights);
  }

  /** Number of rows nearest to each candidate (exact integers: order-independent). */
  private static double[] candidateWeights(FrameSet frames, Matrix cand) {
    Broadcast<Centres> b = frames.context().broadcast(new Centres(cand));
    int m = cand.rows();
    try {
      JavaRDD<double[]> parts = frames.blocks().mapPartitions(it -> {
        KMeansMachine km = b.value().machine();
        double[] w = new double[m];
        while (it.hasNext()) {
          for (int label : km.predict(it.next().matrix())) {
            w[label] += 1;
          }
        }
        return Collections.singletonList(w).iterator();
      }, true);
      return OrderedReduce.run(() -> OrderedReduce.reduce(parts, frames.fanIn(), (a, c) -> {
        for (int i = 0; i < a.length; i++) {
          a[i] += c[i];
        }
        return a;
      }));
    } finally {
      b.destroy();
    }
  }

  /**
   * Per-cluster variances and weights of the frames under a fitted machine's partition (the
   * distributed {@link KMeansMachine#variancesAndWeights(Matrix)}: the per-cluster count, sum
   * and square sum of each partition's rows, in row order, merged in partition order, then
   * {@link ClusterMoments#fromSums}).
   *
   * @param frames the data
   * @param machine a fitted machine
   * @return the moments
   */
  public static ClusterMoments variancesAndWeights(FrameSet frames, KMeansMachine machine) {
    Objects.requireNonNull(frames, "frames");
    Objects.requireNonNull(machine, "machine");
    Broadcast<Centres> b = frames.context().broadcast(new Centres(machine.centroids()));
    int k = machine.numClusters();
    int d = frames.numFeatures();
    try {
      JavaRDD<Boxes.Moments> parts = frames.blocks().mapPartitions(it -> {
        KMeansMachine km = b.value().machine();
        Boxes.Moments mo = new Boxes.Moments(k, d);
        while (it.hasNext()) {
          FrameBlock fb = it.next();
          int[] labels = km.predict(fb.matrix());
          for (int i = 0; i < fb.rows; i++) {
            int c = labels[i];
            mo.counts[c] += 1;
            for (int j = 0; j < d; j++) {
              double v = fb.data[i * d + j];
              mo.sums[c * d + j] += v;
              mo.squares[c * d + j] += v * v;
            }
          }
        }
        return Collections.singletonList(mo).iterator();
      }, true);
      Boxes.Moments m = OrderedReduce.run(() -> OrderedReduce.reduce(parts, frames.fanIn(),
          Boxes.Moments::merge));
      return ClusterMoments.fromSums(m.counts, Matrix.wrap(k, d, m.sums),
          Matrix.wrap(k, d, m.squares));
    } finally {
      b.destroy();
    }
  }
}
