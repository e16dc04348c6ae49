package org.emkit.spark;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.emkit.cluster.ClusterMoments;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.FitMonitor;
import org.emkit.core.Matrix;
import org.emkit.core.NumericalFailureException;
import org.emkit.core.internal.FitLoop;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * Distributed EM for diagonal GMMs over a {@link FrameSet}: maximum-likelihood training of a
 * UBM, or MAP adaptation of one model on a large set, with em-core's E-step and M-steps.
 *
 * <p><b>Algorithm.</b> Each iteration broadcasts the current machine; every partition runs
 * {@link GMMMachine#accumulate(Matrix, int, int, GMMStats, org.emkit.mixture.PosteriorRule)} on
 * its 1024-row blocks (em-core's E-step chunks, merged in order as {@link
 * GMMMachine#transform(Matrix)} merges them) into one {@link GMMStats}; the partitions'
 * statistics are merged in partition order (see {@link FrameSet}) and the driver runs {@link
 * GMMMachine#mStep(GMMStats)}. The objective (average log-likelihood of the E-step), the
 * convergence rule (relative change ≤ {@code convergenceThreshold} from the second iteration
 * on), the NaN check, the report and the non-convergence warning are those of {@link
 * GMMMachine#fit(Matrix)}.
 *
 * <p><b>Initialisation.</b> MAP machines and {@code Init.GIVEN} start from the machine's
 * parameters. {@code Init.KMEANS} runs {@link SparkKMeans} (a k-means machine with the GMM's C
 * and seed and bob's defaults, or the one given) and then the distributed {@link
 * SparkKMeans#variancesAndWeights}; means, variances (floored) and weights follow as in the
 * single-JVM fit. {@code Init.RANDOM} is not offered (its global-variance start is rarely what
 * a large corpus needs; use KMEANS or GIVEN).
 *
 * <p><b>Reproducibility.</b> For a fixed {@link FrameSet} results are bitwise identical from run
 * to run. From the same starting machine, the model agrees with {@link GMMMachine#fit(Matrix)}
 * on the collected data to within rounding for any partitioning (relative 1e-12 on the
 * parameters in the tests), and is bitwise equal with one partition.
 *
 * <p><b>Errors.</b> Non-finite input values fail when the frame set is built ({@link
 * NonFiniteRowException} naming the row). A NaN average log-likelihood raises {@link
 * NumericalFailureException}, as on one JVM. ML training that estimates variances rejects a
 * constant column.
 */
public final class SparkGMM {

  private static final String OWNER = "SparkGMM";
  private static final Logger LOG = System.getLogger(SparkGMM.class.getName());

  private SparkGMM() {}

  /**
   * The distributed E-step: statistics of all frames under the machine.
   *
   * @param frames the data
   * @param machine a fitted machine with D = the frames' D
   * @return the merged statistics ({@code t = N})
   */
  public static GMMStats transform(FrameSet frames, GMMMachine machine) {
    Objects.requireNonNull(frames, "frames");
    Objects.requireNonNull(machine, "machine");
    String owner = OWNER + ".transform";
    if (!machine.isFitted()) {
      throw org.emkit.core.NotFittedException.of(owner);
    }
    checkD(owner, frames, machine);
    Broadcast<GmmSpec> b = frames.context().broadcast(GmmSpec.of(machine));
    try {
      JavaRDD<Boxes.Gmm> parts = frames.blocks().mapPartitions(it -> {
        GMMMachine m = b.value().machine();
        GMMStats s = new GMMStats(m.numComponents(), m.numFeatures());
        while (it.hasNext()) {
          FrameBlock fb = it.next();
          m.accumulate(fb.matrix(), 0, fb.rows, s, m.posteriorRule());
        }
        return Collections.singletonList(new Boxes.Gmm(s)).iterator();
      }, true);
      return OrderedReduce.run(() -> OrderedReduce.reduce(parts, frames.fanIn(),
          Boxes.Gmm::merge)).open();
    } finally {
      b.destroy();
    }
  }

  /**
   * Trains (ML) or adapts (MAP) on the frames, as {@code machine.fit(x)} does on one JVM.
   *
   * @param frames the data
   * @param machine a configured machine (fitted for GIVEN and MAP)
   * @return a new fitted machine with a fit report
   */
  public static GMMMachine fit(FrameSet frames, GMMMachine machine) {
    return fit(frames, machine, null, FitMonitor.NONE);
  }

  /**
   * @param frames the data
   * @param machine a configured machine (fitted for GIVEN and MAP)
   * @param kmeans the configured k-means machine of {@code Init.KMEANS}, or null for the
   *     default (C clusters, the GMM's seed)
   * @param monitor receives (iteration, average log-likelihood) and may stop the fit
   * @return a new fitted machine with a fit report
   * @throws UnsupportedOperationException for {@code Init.RANDOM}
   * @throws IllegalArgumentException for a constant column when variances are estimated by ML,
   *     or fewer frames than components for KMEANS
   * @throws NumericalFailureException if the log-likelihood becomes NaN
   */
  public static GMMMachine fit(FrameSet frames, GMMMachine machine, KMeansMachine kmeans,
      FitMonitor monitor) {
    Objects.requireNonNull(frames, "frames");
    Objects.requireNonNull(machine, "machine");
    Objects.requireNonNull(monitor, "monitor");
    String owner = OWNER + ".fit";
    if (machine.isFitted()) {
      checkD(owner, frames, machine);
    }
    boolean ml = machine.trainer() == GMMMachine.Trainer.ML;
    GMMMachine current;
    if (!ml || machine.init() == GMMMachine.Init.GIVEN) {
      current = machine;
    } else if (machine.init() == GMMMachine.Init.KMEANS) {
      rejectConstantColumns(owner, frames);
      current = initFromKMeans(owner, frames, machine, kmeans);
    } else {
      throw new UnsupportedOperationException(owner + ": init RANDOM is not offered on Spark;"
          + " use Init.KMEANS (distributed k-means||) or Init.GIVEN");
    }
    if (ml && machine.updates().contains(GMMMachine.Update.VARIANCES)) {
      rejectConstantColumns(owner, frames);
    }
    FitLoop loop = FitLoop.converging(owner, "average log-likelihood", LOG, monitor,
        machine.maxIterations(), machine.convergenceThreshold());
    while (loop.running()) {
      GMMStats stats = transform(frames, current);
      double avg = stats.logLikelihood() / stats.t();
      if (Double.isNaN(avg)) {
        throw new NumericalFailureException(owner + ": average log-likelihood is NaN at"
            + " iteration " + (loop.iterations() + 1) + "; check the data scale or raise"
            + " varianceFloor");
      }
      current = current.mStep(stats);
      loop.record(avg);
    }
    if (!loop.converged() && !loop.stopped() && machine.maxIterations() > 1) {
      LOG.log(Level.WARNING, owner + ": stopped after " + loop.iterations() + " iterations"
          + " without convergence (last change " + loop.lastChange() + " > threshold "
          + machine.convergenceThreshold() + ")");
    }
    return current.withReport(loop.report());
  }

  private static GMMMachine initFromKMeans(String owner, FrameSet frames, GMMMachine machine,
      KMeansMachine kmeans) {
    int c = machine.numComponents();
    if (c > frames.numFrames()) {
      throw new IllegalArgumentException(owner + ": numComponents (" + c
          + ") exceeds number of samples N (" + frames.numFrames() + ")");
    }
    KMeansMachine config = kmeans != null ? kmeans
        : KMeansMachine.builder(c).seed(machine.seed()).parallelism(machine.parallelism()).build();
    if (config.numClusters() != c) {
      throw new IllegalArgumentException(owner + ": kmeans has numClusters = "
          + config.numClusters() + " but numComponents = " + c);
    }
    KMeansMachine km = SparkKMeans.fit(frames, config);
    ClusterMoments mom = SparkKMeans.variancesAndWeights(frames, km);
    double[] var = mom.variances().toArray();
    for (int q = 0; q < var.length; q++) {
      // q/n − mean² may round below 0; the floor applied by build() lifts it either way
      var[q] = Math.max(var[q], 0.0);
    }
    int d = frames.numFeatures();
    return machine.toBuilder().weights(mom.weights()).means(km.centroids())
        .variances(Matrix.wrap(c, d, var)).init(GMMMachine.Init.GIVEN).build();
  }

  private static void rejectConstantColumns(String owner, FrameSet frames) {
    if (frames.numFrames() < 2) {
      throw new IllegalArgumentException(owner + ": frames have N = " + frames.numFrames()
          + " row; ML estimation of variances needs at least 2 rows with variance in every"
          + " column");
    }
    for (int j = 0; j < frames.numFeatures(); j++) {
      if (frames.isConstantColumn(j)) {
        throw new IllegalArgumentException(owner + ": frames column " + j + " is constant (zero"
            + " variance, every value " + frames.columnMin(j) + "); remove the column or"
            + " standardise the features before ML training");
      }
    }
  }

  static void checkD(String owner, FrameSet frames, GMMMachine machine) {
    if (machine.numFeatures() != frames.numFeatures()) {
      throw new DimensionMismatchException(owner + ": frames have D = " + frames.numFeatures()
          + " but the model has D = " + machine.numFeatures());
    }
  }
}
