package org.emkit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.core.io.RowBlocks;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.mixture.GMMMachine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code emkit gmm train}: maximum-likelihood EM, from k-means++ or from a given model. */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
    versionProvider = EmkitCommand.Version.class,
    description = "Train a diagonal GMM (e.g. a UBM) by maximum likelihood (EM) and save it in"
        + " bob.learn.em's HDF5 layout.")
final class GmmTrainCommand implements Callable<Integer> {

  private final CliContext ctx;

  @Option(names = "--data", required = true, paramLabel = "X",
      description = "Training frames: .npy, .csv or file.h5:/dataset.")
  String data;

  @Option(names = "--components", paramLabel = "K",
      description = "Number of Gaussians, >= 1 (required unless --init-model).")
  Integer components;

  @Option(names = "--init-model", paramLabel = "FILE",
      description = "Start EM from this GMM's parameters instead of k-means++.")
  String initModel;

  @Option(names = "--max-iter", defaultValue = "200", paramLabel = "N",
      description = "Maximum EM iterations, >= 1.")
  int maxIter;

  @Option(names = "--convergence-threshold", defaultValue = "1e-5", paramLabel = "E",
      description = "Stop when the average log-likelihood changes by at most this fraction, >= 0.")
  double convergenceThreshold;

  @Option(names = "--update", defaultValue = "mvw", paramLabel = "LETTERS",
      description = "Parameters to update: any of m (means), v (variances), w (weights).")
  String update;

  @Option(names = "--variance-floor", paramLabel = "F",
      description = "Lower bound of every variance, >= 0. Default: 2.22e-16 (float64 eps, as bob).")
  Double varianceFloor;

  @Option(names = "--stream",
      description = "Read --data (a 2-D .npy file) in blocks of 65536 rows on every EM pass instead"
          + " of loading it: memory stays bounded by one block whatever the file size. Same"
          + " result as without --stream when the initial model is the same.")
  boolean stream;

  @Option(names = "--init-sample-rows", defaultValue = "200000", paramLabel = "M",
      description = "With --stream: k-means initialisation on M evenly spaced rows, >= K.")
  int initSampleRows;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output HDF5 file.")
  String out;

  @Mixin CommonOptions common;

  GmmTrainCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    common.validate();
    if (components == null && initModel == null) {
      throw CliException.usage("give --components K (or --init-model FILE)");
    }
    if (components != null && components < 1) {
      throw CliException.usage("--components must be >= 1, got " + components);
    }
    if (maxIter < 1) {
      throw CliException.usage("--max-iter must be >= 1, got " + maxIter);
    }
    if (!(convergenceThreshold >= 0)) {
      throw CliException.usage("--convergence-threshold must be >= 0, got " + convergenceThreshold);
    }
    if (varianceFloor != null && !(varianceFloor >= 0 && varianceFloor < Double.POSITIVE_INFINITY)) {
      throw CliException.usage("--variance-floor must be in [0, inf), got " + varianceFloor);
    }
    java.util.EnumSet<GMMMachine.Update> updates = GmmCommand.parseUpdates(update);
    GMMMachine.Builder b;
    if (initModel != null) {
      GMMMachine start = Inputs.gmm(initModel, "--init-model", null);
      if (components != null && components != start.numComponents()) {
        throw CliException.usage("--components " + components + " differs from --init-model "
            + initModel + " which has " + start.numComponents() + " components");
      }
      b = start.toBuilder().trainer(GMMMachine.Trainer.ML).init(GMMMachine.Init.GIVEN);
    } else {
      b = GMMMachine.builder(components).init(GMMMachine.Init.KMEANS)
          .kmeans(KMeansMachine.builder(components).init(KMeansMachine.Init.KMEANS_PLUS_PLUS)
              .seed(common.seed).parallelism(common.threads).build());
    }
    b.updates(updates).maxIterations(maxIter).convergenceThreshold(convergenceThreshold)
        .seed(common.seed).parallelism(common.threads);
    if (varianceFloor != null) {
      b.varianceFloor(varianceFloor);
    }
    GMMMachine machine = b.build();
    if (stream) {
      return trainStreamed(machine);
    }
    Matrix x = Inputs.matrix(data, "--data");
    if (machine.isFitted() && x.cols() != machine.numFeatures()) {
      throw CliException.badInput("--data " + data + ": has " + x.cols() + " columns but"
          + " --init-model has D = " + machine.numFeatures(), null);
    }
    Progress p = new Progress("gmm train", "log-likelihood", maxIter, ctx, common.quiet);
    GMMMachine fitted;
    try {
      fitted = machine.fit(x, p);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--data " + data + ": " + e.getMessage(), e);
    }
    p.finish(fitted.report());
    Outputs.write(out, f -> Hdf5.saveGmm(f, fitted));
    return 0;
  }

  private Integer trainStreamed(GMMMachine machine) {
    if (!data.endsWith(".npy")) {
      throw CliException.usage("--stream reads a 2-D .npy file, got --data " + data);
    }
    int k = components != null ? components : machine.numComponents();
    if (initSampleRows < k) {
      throw CliException.usage("--init-sample-rows must be >= K = " + k + ", got "
          + initSampleRows);
    }
    RowBlocks rows;
    try {
      rows = RowBlocks.npy(Path.of(data));
    } catch (IOException e) {
      throw CliException.badInput("--data " + data + ": " + e.getMessage(), e);
    }
    Progress p = new Progress("gmm train", "log-likelihood", maxIter, ctx, common.quiet);
    GMMMachine fitted;
    try {
      fitted = machine.fit(rows, initSampleRows, p);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw CliException.badInput("--data " + data + ": " + e.getMessage(), e);
    }
    p.finish(fitted.report());
    Outputs.write(out, f -> Hdf5.saveGmm(f, fitted));
    return 0;
  }
}
