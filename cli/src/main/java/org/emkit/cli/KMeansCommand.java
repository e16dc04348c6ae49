package org.emkit.cli;

import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.io.hdf5.Hdf5;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code emkit kmeans}: Lloyd's k-means on an array, saved as an emkit k-means HDF5 file. */
@Command(name = "kmeans", mixinStandardHelpOptions = true, showDefaultValues = true,
    versionProvider = EmkitCommand.Version.class,
    description = "Cluster the rows of an array with k-means and save the centroids.")
final class KMeansCommand implements java.util.concurrent.Callable<Integer> {

  private final CliContext ctx;

  @Option(names = "--data", required = true, paramLabel = "X",
      description = "Rows to cluster: .npy, .csv or file.h5:/dataset.")
  String data;

  @Option(names = "--clusters", required = true, paramLabel = "K", description = "Number of clusters, >= 1.")
  int clusters;

  @Option(names = "--init", defaultValue = "kmeans++", paramLabel = "METHOD",
      description = "Initialisation: kmeans++, random or kmeans|| (k-means parallel).")
  String init;

  @Option(names = "--max-iter", defaultValue = "20", paramLabel = "N",
      description = "Maximum Lloyd iterations, >= 1.")
  int maxIter;

  @Option(names = "--convergence-threshold", defaultValue = "1e-5", paramLabel = "E",
      description = "Stop when the mean distance changes by at most this fraction, >= 0.")
  double convergenceThreshold;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output HDF5 file.")
  String out;

  @Mixin CommonOptions common;

  KMeansCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  static KMeansMachine.Init parseInit(String s) {
    switch (s) {
      case "kmeans++":
      case "k-means++":
        return KMeansMachine.Init.KMEANS_PLUS_PLUS;
      case "random":
        return KMeansMachine.Init.RANDOM;
      case "kmeans||":
      case "k-means||":
        return KMeansMachine.Init.KMEANS_PARALLEL;
      default:
        throw CliException.usage("--init must be one of kmeans++, random, kmeans||; got '" + s + "'");
    }
  }

  @Override
  public Integer call() {
    common.validate();
    if (clusters < 1) {
      throw CliException.usage("--clusters must be >= 1, got " + clusters);
    }
    if (maxIter < 1) {
      throw CliException.usage("--max-iter must be >= 1, got " + maxIter);
    }
    if (!(convergenceThreshold >= 0)) {
      throw CliException.usage("--convergence-threshold must be >= 0, got " + convergenceThreshold);
    }
    KMeansMachine.Builder b = KMeansMachine.builder(clusters).init(parseInit(init))
        .maxIterations(maxIter).convergenceThreshold(convergenceThreshold).seed(common.seed)
        .parallelism(common.threads);
    Matrix x = Inputs.matrix(data, "--data");
    if (clusters > x.rows()) {
      throw CliException.badInput("--data " + data + ": has " + x.rows() + " rows, fewer than"
          + " --clusters " + clusters, null);
    }
    Progress p = new Progress("kmeans", "mean-distance", maxIter, ctx, common.quiet);
    KMeansMachine fitted = b.build().fit(x, p);
    p.finish(fitted.report());
    Outputs.write(out, f -> Hdf5.saveKMeans(f, fitted));
    return 0;
  }
}
