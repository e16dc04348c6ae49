package org.emkit.cluster;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.FitMonitor;
import org.emkit.core.FitReport;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.internal.FitLoop;
import org.emkit.core.internal.Parallel;
import org.emkit.core.random.NumpyRandom;
import org.emkit.core.validation.Check;

/**
 * k-means clustering by Lloyd's algorithm, with bob.learn.em's stopping rule and per-cluster
 * variances and weights (used to initialise GMMs).
 *
 * <p><b>Model.</b> K centroids \( \mu_1..\mu_K \) minimising
 * \( J = \frac1N \sum_i \min_c \lVert x_i - \mu_c \rVert^2 \).
 *
 * <p><b>Algorithm.</b> After initialisation, each iteration assigns every row to its nearest
 * centroid (squared Euclidean distance evaluated directly, ties to the lowest index),
 * accumulates {@link KMeansStats} and sets \( \mu_c = \frac{1}{n_c}\sum_{i \in c} x_i \). The
 * objective reported for iteration k is the mean minimum distance <em>before</em> its update
 * (with the old centroids), and the centroids are updated even in the last iteration, as bob
 * does. From the second iteration on the fit stops when
 * \( |J_{k-1} - J_k| / J_{k-1} \le \) {@code convergenceThreshold} (relative change, as bob).
 * An empty cluster never produces NaN: {@link EmptyClusterPolicy} decides what it becomes, and
 * one WARNING is logged per fit.
 *
 * <p><b>Initialisation</b> ({@link Init}):
 *
 * <ul>
 *   <li>{@code RANDOM}: {@code K} row indices drawn with replacement by numpy's
 *       {@code RandomState(seed).randint(0, N, K)}, sorted (bob/dask-ml semantics, so the same
 *       rows as bob for the same seed);
 *   <li>{@code KMEANS_PLUS_PLUS}: scikit-learn's greedy k-means++ (Arthur and Vassilvitskii
 *       2007) with {@code 2 + ⌊ln K⌋} candidates per step, on numpy's {@code RandomState(seed)}
 *       stream (the algorithm bob delegates to);
 *   <li>{@code KMEANS_PARALLEL}: k-means|| (Bahmani et al. 2012): {@code round(ln φ)} rounds
 *       (at most {@code initMaxIterations}) of independent sampling with probability
 *       {@code min(1, ℓ d²(x)/φ)}, then a <em>weighted</em> k-means++ plus weighted Lloyd
 *       reduction of the candidates to K (bob's dask-ml uses an unweighted reduction);
 *   <li>given centroids ({@link Builder#initialCentroids(Matrix)}).
 * </ul>
 *
 * <p><b>Shapes.</b> {@code x} is N×D row-major; centroids K×D; {@link #transform(Matrix)}
 * returns N×K (scikit-learn orientation; bob returns K×N).
 *
 * <p><b>Parameters.</b> {@code numClusters} K ≥ 1 (required); {@code init} default
 * {@code KMEANS_PARALLEL} (bob's default); {@code maxIterations} default 20, ≥ 1;
 * {@code convergenceThreshold} default 1e-5, ≥ 0 (0 runs to {@code maxIterations} unless the
 * objective stops changing exactly); {@code seed} default 0, in [0, 2³²−1];
 * {@code parallelism} default 1; {@code emptyClusterPolicy} default {@code RESEED_FARTHEST};
 * {@code initMaxIterations} default 5; {@code oversamplingFactor} ℓ default 2.
 *
 * <p><b>Reproducibility and threads.</b> All randomness comes from {@link NumpyRandom} seeded
 * with {@code seed}. Assignment and statistics run on fixed 1024-row chunks merged in chunk
 * order: results are bitwise identical for every {@code parallelism}. Instances are immutable
 * and thread-safe.
 *
 * <p><b>Compatibility.</b> Same centroids as bob.learn.em's {@code KMeansMachine} for the same
 * initial centroids (golden traces at rtol 1e-10). Differences: the objective is the true mean
 * minimum distance (bob divides it by N once more; the stopping decisions are identical), empty
 * clusters are handled instead of becoming NaN, and k-means|| reduces its candidates with
 * weights.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2), 1982.
 *       https://doi.org/10.1109/TIT.1982.1056489
 *   <li>D. Arthur and S. Vassilvitskii, "k-means++: the advantages of careful seeding", SODA
 *       2007.
 *   <li>B. Bahmani, B. Moseley, A. Vattani, R. Kumar, S. Vassilvitskii, "Scalable k-means++",
 *       PVLDB 5(7), 2012. https://doi.org/10.14778/2180912.2180915
 * </ol>
 *
 * @see KMeansStats
 * @see org.emkit.mixture.GMMMachine
 */
public final class KMeansMachine {

  /** Initialisation method. */
  public enum Init {
    /** K random rows (with replacement, sorted), as bob's "random". */
    RANDOM,
    /** Greedy k-means++ on numpy's RandomState, as bob's "k-means++". */
    KMEANS_PLUS_PLUS,
    /** k-means|| (scalable k-means++), as bob's default "k-means||". */
    KMEANS_PARALLEL
  }

  /** What happens to a cluster that receives no row in an iteration. */
  public enum EmptyClusterPolicy {
    /**
     * Move it to the row farthest from its assigned centroid (each empty cluster takes the next
     * farthest row; ties to the lowest row index), as scikit-learn relocates empty clusters.
     */
    RESEED_FARTHEST,
    /** Keep its previous centroid. */
    KEEP_PREVIOUS
  }

  /** Rows per chunk; fixed so that results do not depend on the thread count. */
  static final int CHUNK_ROWS = 1024;
  /** Rows per distance block inside a chunk (block × K distances stay in cache). */
  private static final int BLOCK_ROWS = 64;
  /** Weighted Lloyd iterations over the k-means|| candidates (a small set: cheap, and enough). */
  private static final int CANDIDATE_LLOYD_ITERATIONS = 30;

  private static final String OWNER = "KMeansMachine";
  private static final Logger LOG = System.getLogger(KMeansMachine.class.getName());

  private final int numClusters;
  private final Init init;
  private final Matrix initialCentroids;
  private final int maxIterations;
  private final double convergenceThreshold;
  private final long seed;
  private final int parallelism;
  private final EmptyClusterPolicy emptyClusterPolicy;
  private final int initMaxIterations;
  private final double oversamplingFactor;
  private final Matrix centroids;
  private final FitReport report;

  private KMeansMachine(Builder b, Matrix centroids, FitReport report) {
    this.numClusters = b.numClusters;
    this.init = b.init;
    this.initialCentroids = b.initialCentroids;
    this.maxIterations = b.maxIterations;
    this.convergenceThreshold = b.convergenceThreshold;
    this.seed = b.seed;
    this.parallelism = b.parallelism;
    this.emptyClusterPolicy = b.emptyClusterPolicy;
    this.initMaxIterations = b.initMaxIterations;
    this.oversamplingFactor = b.oversamplingFactor;
    this.centroids = centroids;
    this.report = report;
  }

  /**
   * @param numClusters K, {@code >= 1}
   * @return a builder with bob's defaults
   */
  public static Builder builder(int numClusters) {
    return new Builder(numClusters);
  }

  /**
   * A fitted machine from given centroids (default hyperparameters).
   *
   * @param centroids K×D; copied
   * @return the machine
   */
  public static KMeansMachine fromCentroids(Matrix centroids) {
    Objects.requireNonNull(centroids, "centroids");
    Check.finite(OWNER + ".fromCentroids", "centroids", centroids);
    Builder b = new Builder(centroids.rows());
    return new KMeansMachine(b, Matrix.copyOf(centroids.rows(), centroids.cols(), centroids.data()),
        FitReport.NOT_FITTED);
  }

  /** @return a builder preset with this machine's hyperparameters */
  public Builder toBuilder() {
    Builder b = new Builder(numClusters);
    b.init = init;
    b.initialCentroids = initialCentroids;
    b.maxIterations = maxIterations;
    b.convergenceThreshold = convergenceThreshold;
    b.seed = seed;
    b.parallelism = parallelism;
    b.emptyClusterPolicy = emptyClusterPolicy;
    b.initMaxIterations = initMaxIterations;
    b.oversamplingFactor = oversamplingFactor;
    return b;
  }

  /** Builder of {@link KMeansMachine}; validates every hyperparameter when it is set. */
  public static final class Builder {
    private final int numClusters;
    private Init init = Init.KMEANS_PARALLEL;
    private Matrix initialCentroids;
    private int maxIterations = 20;
    private double convergenceThreshold = 1e-5;
    private long seed = 0;
    private int parallelism = 1;
    private EmptyClusterPolicy emptyClusterPolicy = EmptyClusterPolicy.RESEED_FARTHEST;
    private int initMaxIterations = 5;
    private double oversamplingFactor = 2.0;

    private Builder(int numClusters) {
      this.numClusters = Check.atLeast(OWNER, "numClusters", numClusters, 1);
    }

    /**
     * @param init initialisation method (default {@code KMEANS_PARALLEL})
     * @return this
     */
    public Builder init(Init init) {
      this.init = Objects.requireNonNull(init, "init");
      this.initialCentroids = null;
      return this;
    }

    /**
     * Starts Lloyd from given centroids instead of a random initialisation.
     *
     * @param centroids K×D; copied
     * @return this
     */
    public Builder initialCentroids(Matrix centroids) {
      Objects.requireNonNull(centroids, "initialCentroids");
      if (centroids.rows() != numClusters) {
        throw new DimensionMismatchException(OWNER + ".Builder: initialCentroids has "
            + centroids.rows() + " rows but numClusters = " + numClusters);
      }
      Check.finite(OWNER + ".Builder", "initialCentroids", centroids);
      this.initialCentroids = Matrix.copyOf(centroids.rows(), centroids.cols(), centroids.data());
      return this;
    }

    /**
     * @param maxIterations maximum Lloyd iterations, {@code >= 1} (default 20)
     * @return this
     */
    public Builder maxIterations(int maxIterations) {
      this.maxIterations = Check.atLeast(OWNER, "maxIterations", maxIterations, 1);
      return this;
    }

    /**
     * @param convergenceThreshold relative change of the objective at which to stop, in
     *     {@code [0, inf)} (default 1e-5)
     * @return this
     */
    public Builder convergenceThreshold(double convergenceThreshold) {
      this.convergenceThreshold = Check.nonNegative(OWNER, "convergenceThreshold", convergenceThreshold);
      return this;
    }

    /**
     * @param seed RNG seed in {@code [0, 2^32 − 1]} (default 0)
     * @return this
     */
    public Builder seed(long seed) {
      this.seed = Check.seed(OWNER, seed);
      return this;
    }

    /**
     * @param parallelism number of threads, {@code >= 1} (default 1)
     * @return this
     */
    public Builder parallelism(int parallelism) {
      this.parallelism = Check.atLeast(OWNER, "parallelism", parallelism, 1);
      return this;
    }

    /**
     * @param policy what an empty cluster becomes (default {@code RESEED_FARTHEST})
     * @return this
     */
    public Builder emptyClusterPolicy(EmptyClusterPolicy policy) {
      this.emptyClusterPolicy = Objects.requireNonNull(policy, "emptyClusterPolicy");
      return this;
    }

    /**
     * @param initMaxIterations maximum k-means|| rounds, {@code >= 1} (default 5)
     * @return this
     */
    public Builder initMaxIterations(int initMaxIterations) {
      this.initMaxIterations = Check.atLeast(OWNER, "initMaxIterations", initMaxIterations, 1);
      return this;
    }

    /**
     * @param oversamplingFactor k-means|| oversampling ℓ, in {@code (0, inf)} (default 2)
     * @return this
     */
    public Builder oversamplingFactor(double oversamplingFactor) {
      this.oversamplingFactor = Check.positive(OWNER, "oversamplingFactor", oversamplingFactor);
      return this;
    }

    /** @return an unfitted machine with these hyperparameters */
    public KMeansMachine build() {
      return new KMeansMachine(this, null, FitReport.NOT_FITTED);
    }

    /**
     * A fitted machine with these hyperparameters and given centroids (used by io-hdf5 to
     * reload a saved machine faithfully).
     *
     * @param centroids K×D, finite; copied
     * @return the machine
     */
    public KMeansMachine buildFitted(Matrix centroids) {
      Objects.requireNonNull(centroids, "centroids");
      if (centroids.rows() != numClusters) {
        throw new DimensionMismatchException(OWNER + ".Builder.buildFitted: centroids has "
            + centroids.rows() + " rows but numClusters = " + numClusters);
      }
      Check.atLeast(OWNER + ".Builder.buildFitted", "centroids.cols", centroids.cols(), 1);
      Check.finite(OWNER + ".Builder.buildFitted", "centroids", centroids);
      if (initialCentroids != null && initialCentroids.cols() != centroids.cols()) {
        throw new DimensionMismatchException(OWNER + ".Builder.buildFitted: centroids has D = "
            + centroids.cols() + " but initialCentroids has D = " + initialCentroids.cols());
      }
      return new KMeansMachine(this, Matrix.copyOf(centroids.rows(), centroids.cols(),
          centroids.data()), FitReport.NOT_FITTED);
    }
  }

  // ------------------------------------------------------------------------------------------
  // accessors

  /** @return K */
  public int numClusters() {
    return numClusters;
  }

  /** @return D, or 0 if unfitted */
  public int numFeatures() {
    return centroids == null ? 0 : centroids.cols();
  }

  /** @return whether centroids are set */
  public boolean isFitted() {
    return centroids != null;
  }

  /** @return a copy of the centroids, K×D */
  public Matrix centroids() {
    requireFitted(OWNER + ".centroids");
    return Matrix.copyOf(centroids.rows(), centroids.cols(), centroids.data());
  }

  /**
   * @param c cluster
   * @param j feature
   * @return centroid element, without copying
   */
  public double centroid(int c, int j) {
    requireFitted(OWNER + ".centroid");
    return centroids.get(c, j);
  }

  /** @return a copy of the given initial centroids, if Lloyd starts from given centroids */
  public java.util.Optional<Matrix> initialCentroids() {
    return initialCentroids == null ? java.util.Optional.empty()
        : java.util.Optional.of(Matrix.copyOf(initialCentroids.rows(), initialCentroids.cols(),
            initialCentroids.data()));
  }

  /** @return the initialisation method */
  public Init init() {
    return init;
  }

  /** @return maximum iterations */
  public int maxIterations() {
    return maxIterations;
  }

  /** @return relative-change stopping threshold */
  public double convergenceThreshold() {
    return convergenceThreshold;
  }

  /** @return RNG seed */
  public long seed() {
    return seed;
  }

  /** @return number of threads */
  public int parallelism() {
    return parallelism;
  }

  /** @return empty-cluster policy */
  public EmptyClusterPolicy emptyClusterPolicy() {
    return emptyClusterPolicy;
  }

  /** @return k-means|| rounds cap */
  public int initMaxIterations() {
    return initMaxIterations;
  }

  /** @return k-means|| oversampling factor */
  public double oversamplingFactor() {
    return oversamplingFactor;
  }

  /** @return the fit report ({@link FitReport#NOT_FITTED} if built from centroids) */
  public FitReport report() {
    return report;
  }

  private void requireFitted(String owner) {
    if (centroids == null) {
      throw NotFittedException.of(owner);
    }
  }

  private void checkData(String owner, Matrix x) {
    Objects.requireNonNull(x, "x");
    Check.columns(owner, "x", x, centroids.cols(), "the model has D");
    Check.finite(owner, "x", x);
  }

  // ------------------------------------------------------------------------------------------
  // fit

  /**
   * Fits the centroids on {@code x}.
   *
   * @param x N×D data; not modified
   * @return a new fitted machine with the same hyperparameters
   * @throws IllegalArgumentException if {@code x} is empty, not finite, or N &lt; K
   */
  public KMeansMachine fit(Matrix x) {
    return fit(x, FitMonitor.NONE);
  }

  /**
   * Fits the centroids on {@code x}, reporting each iteration to {@code monitor}.
   *
   * @param x N×D data; not modified
   * @param monitor receives (iteration, mean minimum distance) and may stop the fit
   * @return a new fitted machine
   */
  public KMeansMachine fit(Matrix x, FitMonitor monitor) {
    String owner = OWNER + ".fit";
    Objects.requireNonNull(monitor, "monitor");
    Check.nonEmpty(owner, "x", x);
    Check.finite(owner, "x", x);
    if (numClusters > x.rows()) {
      throw new IllegalArgumentException(owner + ": numClusters (" + numClusters
          + ") exceeds number of samples N (" + x.rows() + ")");
    }
    if (initialCentroids != null) {
      Check.columns(owner, "x", x, initialCentroids.cols(), "initialCentroids has D");
    }
    double[] mu = initialize(x).toArray();
    return lloyd(x, mu, monitor);
  }

  private KMeansMachine lloyd(Matrix x, double[] mu, FitMonitor monitor) {
    int d = x.cols();
    int n = x.rows();
    FitLoop loop = FitLoop.converging(OWNER + ".fit", "mean min distance", LOG, monitor,
        maxIterations, convergenceThreshold);
    int emptyEvents = 0;
    while (loop.running()) {
      KMeansStats stats = computeStats(x, mu, d);
      double cur = stats.sumMinDistance() / n;
      double[] next = updateCentroids(stats, mu, d);
      int empty = stats.numEmpty();
      if (empty > 0) {
        emptyEvents += empty;
        if (emptyClusterPolicy == EmptyClusterPolicy.RESEED_FARTHEST) {
          reseedFarthest(x, mu, stats, next);
        }
      }
      mu = next;
      loop.record(cur);
    }
    if (emptyEvents > 0) {
      LOG.log(Level.WARNING, OWNER + ".fit: " + emptyEvents + " empty-cluster event(s); policy "
          + emptyClusterPolicy);
    }
    if (!loop.converged() && !loop.stopped() && maxIterations > 1) {
      LOG.log(Level.WARNING, OWNER + ".fit: stopped after " + loop.iterations() + " iterations"
          + " without convergence (threshold " + convergenceThreshold + ")");
    }
    return new KMeansMachine(toBuilder(), Matrix.wrap(numClusters, d, mu), loop.report());
  }

  /** M-step: new centroids from statistics; empty clusters keep {@code previous}. */
  private double[] updateCentroids(KMeansStats stats, double[] previous, int d) {
    double[] counts = stats.countsArray();
    double[] sums = stats.sumsArray();
    double[] next = previous.clone();
    for (int c = 0; c < numClusters; c++) {
      if (counts[c] > 0) {
        double inv = counts[c];
        for (int j = 0; j < d; j++) {
          next[c * d + j] = sums[c * d + j] / inv;
        }
      }
    }
    return next;
  }

  /**
   * The M-step as a pure function: {@code μ_c = sums_c / counts_c}; clusters with no rows keep
   * this machine's centroid ({@code KEEP_PREVIOUS} semantics; reseeding needs the data and is
   * done by {@link #fit}).
   *
   * @param stats accumulated statistics
   * @return a new machine with the updated centroids
   */
  public KMeansMachine updateCentroids(KMeansStats stats) {
    requireFitted(OWNER + ".updateCentroids");
    Objects.requireNonNull(stats, "stats");
    if (stats.numClusters() != numClusters || stats.numFeatures() != numFeatures()) {
      throw new DimensionMismatchException(OWNER + ".updateCentroids: stats have K×D = "
          + stats.numClusters() + "x" + stats.numFeatures() + " but the model has "
          + numClusters + "x" + numFeatures());
    }
    double[] next = updateCentroids(stats, centroids.data(), numFeatures());
    return new KMeansMachine(toBuilder(), Matrix.wrap(numClusters, numFeatures(), next), report);
  }

  private void reseedFarthest(Matrix x, double[] oldMu, KMeansStats stats, double[] next) {
    int n = x.rows();
    int d = x.cols();
    double[] minDist = new double[n];
    int[] labels = new int[n];
    assignAll(x, oldMu, labels, minDist);
    double[] counts = stats.countsArray();
    boolean[] used = new boolean[n];
    for (int c = 0; c < numClusters; c++) {
      if (counts[c] != 0) {
        continue;
      }
      int best = -1;
      for (int i = 0; i < n; i++) {
        if (!used[i] && (best < 0 || minDist[i] > minDist[best])) {
          best = i;
        }
      }
      used[best] = true;
      System.arraycopy(x.data(), best * d, next, c * d, d);
    }
  }

  private KMeansStats computeStats(Matrix x, double[] mu, int d) {
    double[] xd = x.data();
    double[] muT = KMeansKernels.transpose(mu, numClusters, d);
    return Parallel.reduce(x.rows(), CHUNK_ROWS, parallelism,
        () -> new KMeansStats(numClusters, d), KMeansStats::reset,
        (chunk, from, to, acc) -> accumulateRange(xd, from, to, d, muT, acc),
        KMeansStats::merge);
  }

  private void accumulateRange(double[] xd, int from, int to, int d, double[] muT, KMeansStats acc) {
    int k = numClusters;
    double[] dist = new double[BLOCK_ROWS * k];
    int[] labels = new int[BLOCK_ROWS];
    double[] minDist = new double[BLOCK_ROWS];
    double[] counts = acc.countsArray();
    double[] sums = acc.sumsArray();
    for (int b = from; b < to; b += BLOCK_ROWS) {
      int rows = Math.min(BLOCK_ROWS, to - b);
      KMeansKernels.distances(xd, b, rows, d, muT, k, dist);
      KMeansKernels.argmin(dist, rows, k, labels, 0, minDist);
      for (int i = 0; i < rows; i++) {
        int c = labels[i];
        counts[c] += 1;
        int xo = (b + i) * d;
        int so = c * d;
        for (int j = 0; j < d; j++) {
          sums[so + j] += xd[xo + j];
        }
        acc.add(minDist[i]);
      }
    }
    acc.addSamples(to - from);
  }

  /**
   * Accumulates the statistics of one Lloyd iteration for {@code x} against this machine's
   * centroids into {@code stats} (the E-step; for chunked or distributed training).
   *
   * @param x N×D data; not modified
   * @param stats receives the counts, sums and distances; modified
   */
  public void accumulate(Matrix x, KMeansStats stats) {
    String owner = OWNER + ".accumulate";
    requireFitted(owner);
    checkData(owner, x);
    Objects.requireNonNull(stats, "stats");
    if (stats.numClusters() != numClusters || stats.numFeatures() != numFeatures()) {
      throw new DimensionMismatchException(owner + ": stats have K×D = " + stats.numClusters()
          + "x" + stats.numFeatures() + " but the model has " + numClusters + "x" + numFeatures());
    }
    stats.merge(computeStats(x, centroids.data(), numFeatures()));
  }

  private void assignAll(Matrix x, double[] mu, int[] labels, double[] minDist) {
    int d = x.cols();
    double[] xd = x.data();
    int k = numClusters;
    double[] muT = KMeansKernels.transpose(mu, k, d);
    Parallel.forEachChunk(x.rows(), CHUNK_ROWS, parallelism, (from, to) -> {
      double[] dist = new double[BLOCK_ROWS * k];
      for (int b = from; b < to; b += BLOCK_ROWS) {
        int rows = Math.min(BLOCK_ROWS, to - b);
        KMeansKernels.distances(xd, b, rows, d, muT, k, dist);
        KMeansKernels.argmin(dist, rows, k, labels, b, minDist);
      }
    });
  }

  // ------------------------------------------------------------------------------------------
  // initialisation

  private Matrix initialize(Matrix x) {
    if (initialCentroids != null) {
      return initialCentroids;
    }
    switch (init) {
      case RANDOM:
        return initRandom(x);
      case KMEANS_PLUS_PLUS:
        return initPlusPlus(x, null, new NumpyRandom(seed), numClusters);
      default:
        return initParallel(x);
    }
  }

  private Matrix initRandom(Matrix x) {
    NumpyRandom rng = new NumpyRandom(seed);
    int[] idx = new int[numClusters];
    for (int c = 0; c < numClusters; c++) {
      idx[c] = (int) rng.randint(0, x.rows());
    }
    Arrays.sort(idx);
    return x.selectRows(idx);
  }

  /**
   * Greedy k-means++ (scikit-learn's {@code _kmeans_plusplus}), optionally weighted.
   *
   * @param x candidate points
   * @param weights per-point weights, or null for unit weights
   * @param rng random stream
   * @param k number of centres
   * @return k×D centres
   */
  private Matrix initPlusPlus(Matrix x, double[] weights, NumpyRandom rng, int k) {
    int n = x.rows();
    int d = x.cols();
    double[] xd = x.data();
    int trials = 2 + (int) Math.log(k);
    double[] centers = new double[k * d];
    int first;
    if (weights == null) {
      first = (int) rng.randint(0, n);
    } else {
      first = rng.choice(weights, 1)[0];
    }
    System.arraycopy(xd, first * d, centers, 0, d);
    double[] closest = distancesToRow(x, xd, first * d);
    double pot = weightedSum(closest, weights);
    double[] cumsum = new double[n];
    double[] cand = new double[n];
    double[] best = new double[n];
    for (int c = 1; c < k; c++) {
      double run = 0;
      for (int i = 0; i < n; i++) {
        run += weights == null ? closest[i] : closest[i] * weights[i];
        cumsum[i] = run;
      }
      int bestId = -1;
      double bestPot = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        double r = rng.rand() * pot;
        int id = Math.min(NumpyRandom.searchSortedLeft(cumsum, r), n - 1);
        double[] dc = distancesToRow(x, xd, id * d);
        for (int i = 0; i < n; i++) {
          cand[i] = Math.min(closest[i], dc[i]);
        }
        double p = weightedSum(cand, weights);
        if (p < bestPot) {
          bestPot = p;
          bestId = id;
          System.arraycopy(cand, 0, best, 0, n);
        }
      }
      pot = bestPot;
      System.arraycopy(best, 0, closest, 0, n);
      System.arraycopy(xd, bestId * d, centers, c * d, d);
    }
    return Matrix.wrap(k, d, centers);
  }

  private static double weightedSum(double[] v, double[] w) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += w == null ? v[i] : v[i] * w[i];
    }
    return s;
  }

  private double[] distancesToRow(Matrix x, double[] source, int offset) {
    int d = x.cols();
    double[] center = Arrays.copyOfRange(source, offset, offset + d);
    double[] out = new double[x.rows()];
    double[] xd = x.data();
    Parallel.forEachChunk(x.rows(), CHUNK_ROWS, parallelism, (from, to) -> {
      double[] buf = new double[to - from];
      KMeansKernels.distances(xd, from, to - from, d, center, 1, buf);
      System.arraycopy(buf, 0, out, from, to - from);
    });
    return out;
  }

  private Matrix initParallel(Matrix x) {
    int n = x.rows();
    int d = x.cols();
    double[] xd = x.data();
    NumpyRandom rng = new NumpyRandom(seed);
    List<Integer> chosen = new ArrayList<>();
    boolean[] isChosen = new boolean[n];
    int first = (int) rng.randint(0, n);
    chosen.add(first);
    isChosen[first] = true;
    double[] minD = distancesToRow(x, xd, first * d);
    double phi = weightedSum(minD, null);
    int rounds = phi > 0 ? (int) Math.min(initMaxIterations, Math.round(Math.log(phi))) : 0;
    for (int r = 0; r < rounds; r++) {
      double[] u = rng.rand(n);
      List<Integer> added = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (!isChosen[i] && oversamplingFactor * minD[i] / phi > u[i]) {
          added.add(i);
        }
      }
      for (int i : added) {
        chosen.add(i);
        isChosen[i] = true;
        double[] dc = distancesToRow(x, xd, i * d);
        for (int q = 0; q < n; q++) {
          minD[q] = Math.min(minD[q], dc[q]);
        }
      }
      phi = weightedSum(minD, null);
      if (phi == 0) {
        break;
      }
    }
    chosen.sort(null);
    if (chosen.size() <= numClusters) {
      // too few candidates: add random rows without replacement (sorted)
      int[] perm = rng.permutation(n);
      for (int i = 0; i < n && chosen.size() < numClusters; i++) {
        if (!isChosen[perm[i]]) {
          chosen.add(perm[i]);
          isChosen[perm[i]] = true;
        }
      }
      chosen.sort(null);
      return x.selectRows(chosen.stream().mapToInt(Integer::intValue).toArray());
    }
    Matrix cand = x.selectRows(chosen.stream().mapToInt(Integer::intValue).toArray());
    // weight of a candidate = number of rows closest to it
    double[] w = new double[cand.rows()];
    int[] labels = new int[n];
    KMeansMachine probe = new KMeansMachine(toBuilder(), cand, FitReport.NOT_FITTED);
    probe.assignAllWith(x, cand.data(), cand.rows(), labels);
    for (int i = 0; i < n; i++) {
      w[labels[i]] += 1;
    }
    return reduceCandidates(cand, w, rng);
  }

  /** The reduction of k-means||: weighted k-means++ on the candidates, then weighted Lloyd. */
  private Matrix reduceCandidates(Matrix cand, double[] w, NumpyRandom rng) {
    Matrix start = initPlusPlus(cand, w, rng, numClusters);
    return weightedLloyd(cand, w, start.toArray(), CANDIDATE_LLOYD_ITERATIONS);
  }

  /**
   * The reduction step of k-means|| as a public hook for samplers that draw the candidates
   * elsewhere (for example over the partitions of a distributed data set): a weighted greedy
   * k-means++ over the candidates on numpy's {@code RandomState(seed)} (this machine's seed),
   * then at most 30 iterations of weighted Lloyd over the candidates. This is exactly what
   * {@link Init#KMEANS_PARALLEL} does after its sampling rounds (there with the generator state
   * left by the sampling, here with a fresh generator).
   *
   * @param candidates M×D candidate centres, {@code M >= numClusters}, finite; not modified
   * @param weights length M, non-negative with a positive sum (typically the number of data rows
   *     closest to each candidate); not modified
   * @return K×D initial centroids (give them to {@link Builder#initialCentroids(Matrix)})
   * @throws IllegalArgumentException if there are fewer candidates than clusters, or a weight is
   *     negative or not finite, or the weights sum to 0
   */
  public Matrix initialCentroidsFromCandidates(Matrix candidates, double[] weights) {
    String owner = OWNER + ".initialCentroidsFromCandidates";
    Objects.requireNonNull(candidates, "candidates");
    Objects.requireNonNull(weights, "weights");
    Check.finite(owner, "candidates", candidates);
    if (candidates.rows() < numClusters) {
      throw new IllegalArgumentException(owner + ": candidates must have at least numClusters = "
          + numClusters + " rows, got " + candidates.rows());
    }
    Check.length(owner, "weights", weights, candidates.rows(), "candidates.rows");
    Check.finite(owner, "weights", weights);
    Check.nonNegative(owner, "weights", weights);
    if (!(weightedSum(weights, null) > 0)) {
      throw new IllegalArgumentException(owner + ": weights must have a positive sum, got "
          + weightedSum(weights, null));
    }
    Matrix cand = Matrix.copyOf(candidates.rows(), candidates.cols(), candidates.data());
    return reduceCandidates(cand, weights.clone(), new NumpyRandom(seed));
  }

  /**
   * A fitted machine with this machine's hyperparameters, the given centroids and fit report:
   * the result of a Lloyd loop driven elsewhere (for example a distributed one that calls
   * {@link #accumulate(Matrix, KMeansStats)} on partitions and {@link
   * #updateCentroids(KMeansStats)} on the merged statistics).
   *
   * @param centroids K×D, finite; copied
   * @param report the report of that loop
   * @return the machine
   */
  public KMeansMachine withCentroids(Matrix centroids, FitReport report) {
    String owner = OWNER + ".withCentroids";
    Objects.requireNonNull(centroids, "centroids");
    Objects.requireNonNull(report, "report");
    if (centroids.rows() != numClusters) {
      throw new DimensionMismatchException(owner + ": centroids has " + centroids.rows()
          + " rows but numClusters = " + numClusters);
    }
    Check.atLeast(owner, "centroids.cols", centroids.cols(), 1);
    Check.finite(owner, "centroids", centroids);
    return new KMeansMachine(toBuilder(),
        Matrix.copyOf(centroids.rows(), centroids.cols(), centroids.data()), report);
  }

  private void assignAllWith(Matrix x, double[] mu, int k, int[] labels) {
    int d = x.cols();
    double[] xd = x.data();
    double[] muT = KMeansKernels.transpose(mu, k, d);
    Parallel.forEachChunk(x.rows(), CHUNK_ROWS, parallelism, (from, to) -> {
      double[] dist = new double[BLOCK_ROWS * k];
      for (int b = from; b < to; b += BLOCK_ROWS) {
        int rows = Math.min(BLOCK_ROWS, to - b);
        KMeansKernels.distances(xd, b, rows, d, muT, k, dist);
        KMeansKernels.argmin(dist, rows, k, labels, b, null);
      }
    });
  }

  private Matrix weightedLloyd(Matrix pts, double[] w, double[] mu, int iterations) {
    int n = pts.rows();
    int d = pts.cols();
    int k = numClusters;
    double[] pd = pts.data();
    int[] labels = new int[n];
    double[] dist = new double[k];
    for (int it = 0; it < iterations; it++) {
      boolean changed = it == 0;
      double[] muT = KMeansKernels.transpose(mu, k, d);
      for (int i = 0; i < n; i++) {
        KMeansKernels.distances(pd, i, 1, d, muT, k, dist);
        int arg = 0;
        for (int c = 1; c < k; c++) {
          if (dist[c] < dist[arg]) {
            arg = c;
          }
        }
        if (labels[i] != arg) {
          changed = true;
          labels[i] = arg;
        }
      }
      if (!changed) {
        break;
      }
      double[] sums = new double[k * d];
      double[] mass = new double[k];
      for (int i = 0; i < n; i++) {
        int c = labels[i];
        mass[c] += w[i];
        for (int j = 0; j < d; j++) {
          sums[c * d + j] += w[i] * pd[i * d + j];
        }
      }
      for (int c = 0; c < k; c++) {
        if (mass[c] > 0) {
          for (int j = 0; j < d; j++) {
            mu[c * d + j] = sums[c * d + j] / mass[c];
          }
        }
      }
    }
    return Matrix.wrap(k, d, mu);
  }

  // ------------------------------------------------------------------------------------------
  // prediction

  /**
   * Index of the nearest centroid of each row (ties to the lowest index).
   *
   * @param x N×D; not modified
   * @return labels, length N
   */
  public int[] predict(Matrix x) {
    String owner = OWNER + ".predict";
    requireFitted(owner);
    checkData(owner, x);
    int[] labels = new int[x.rows()];
    assignAllWith(x, centroids.data(), numClusters, labels);
    return labels;
  }

  /**
   * Squared Euclidean distances to every centroid.
   *
   * @param x N×D; not modified
   * @return N×K distances (bob returns the K×N transpose)
   */
  public Matrix transform(Matrix x) {
    String owner = OWNER + ".transform";
    requireFitted(owner);
    checkData(owner, x);
    int d = x.cols();
    double[] out = new double[Math.multiplyExact(x.rows(), numClusters)];
    double[] xd = x.data();
    double[] muT = KMeansKernels.transpose(centroids.data(), numClusters, d);
    Parallel.forEachChunk(x.rows(), CHUNK_ROWS, parallelism, (from, to) -> {
      double[] dist = new double[BLOCK_ROWS * numClusters];
      for (int b = from; b < to; b += BLOCK_ROWS) {
        int rows = Math.min(BLOCK_ROWS, to - b);
        KMeansKernels.distances(xd, b, rows, d, muT, numClusters, dist);
        System.arraycopy(dist, 0, out, b * numClusters, rows * numClusters);
      }
    });
    return Matrix.wrap(x.rows(), numClusters, out);
  }

  /**
   * Mean squared distance of the rows to their nearest centroid (the k-means objective J).
   *
   * @param x N×D; not modified
   * @return J
   */
  public double meanMinDistance(Matrix x) {
    String owner = OWNER + ".meanMinDistance";
    requireFitted(owner);
    Check.nonEmpty(owner, "x", x);
    checkData(owner, x);
    return computeStats(x, centroids.data(), numFeatures()).sumMinDistance() / x.rows();
  }

  /**
   * Per-cluster variances and weights of {@code x} under the current centroids, as bob's
   * {@code get_variances_and_weights_for_each_cluster}: each row is assigned to its nearest
   * centroid; for cluster c with count n_c, sum s_c and elementwise square sum q_c,
   * {@code weights_c = n_c / N}, {@code mean_c = s_c / n_c} (recomputed, not the centroid) and
   * {@code variances_c = q_c / n_c − mean_c²} (biased, no floor). A cluster with no row gets
   * weight 0 and variance 0 (bob gives NaN).
   *
   * @param x N×D; not modified
   * @return the variances (K×D) and weights (K)
   */
  public ClusterMoments variancesAndWeights(Matrix x) {
    String owner = OWNER + ".variancesAndWeights";
    requireFitted(owner);
    Check.nonEmpty(owner, "x", x);
    checkData(owner, x);
    int d = x.cols();
    int k = numClusters;
    int[] labels = predict(x);
    double[] count = new double[k];
    double[] sum = new double[k * d];
    double[] sq = new double[k * d];
    double[] xd = x.data();
    for (int i = 0; i < x.rows(); i++) {
      int c = labels[i];
      count[c] += 1;
      for (int j = 0; j < d; j++) {
        double v = xd[i * d + j];
        sum[c * d + j] += v;
        sq[c * d + j] += v * v;
      }
    }
    return ClusterMoments.fromSums(count, Matrix.wrap(k, d, sum), Matrix.wrap(k, d, sq));
  }

  /**
   * Exact equality of centroids and hyperparameters (bob's {@code ==} compares centroids
   * exactly).
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KMeansMachine)) {
      return false;
    }
    KMeansMachine m = (KMeansMachine) o;
    return numClusters == m.numClusters && init == m.init && maxIterations == m.maxIterations
        && Double.compare(convergenceThreshold, m.convergenceThreshold) == 0 && seed == m.seed
        && emptyClusterPolicy == m.emptyClusterPolicy && Objects.equals(centroids, m.centroids);
  }

  @Override
  public int hashCode() {
    return Objects.hash(numClusters, init, maxIterations, seed, centroids);
  }

  @Override
  public String toString() {
    return "KMeansMachine[numClusters=" + numClusters + ", init="
        + (initialCentroids != null ? "GIVEN" : init) + ", maxIterations=" + maxIterations
        + ", convergenceThreshold=" + convergenceThreshold + ", seed=" + seed + ", parallelism="
        + parallelism + ", emptyClusterPolicy=" + emptyClusterPolicy + ", initMaxIterations="
        + initMaxIterations + ", oversamplingFactor=" + oversamplingFactor + ", fitted="
        + isFitted() + "]";
  }
}
