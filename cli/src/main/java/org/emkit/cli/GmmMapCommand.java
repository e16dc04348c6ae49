package org.emkit.cli;

import java.util.concurrent.Callable;
import org.emkit.core.Matrix;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.mixture.GMMMachine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code emkit gmm map}: MAP adaptation of a UBM to a client's frames. */
@Command(name = "map", mixinStandardHelpOptions = true, showDefaultValues = true,
    versionProvider = EmkitCommand.Version.class,
    description = "Adapt a UBM to data by maximum a posteriori (Reynolds et al. 2000) and save"
        + " the client model (with its UBM as prior) in bob.learn.em's HDF5 layout.")
final class GmmMapCommand implements Callable<Integer> {

  private final CliContext ctx;

  @Option(names = "--ubm", required = true, paramLabel = "FILE", description = "The prior GMM (UBM).")
  String ubm;

  @Option(names = "--data", required = true, paramLabel = "X",
      description = "The client's frames: .npy, .csv or file.h5:/dataset.")
  String data;

  @Option(names = "--relevance-factor", paramLabel = "R",
      description = "Relevance factor r > 0: alpha_c = n_c / (n_c + r). Default: 4 (unless --alpha).")
  Double relevanceFactor;

  @Option(names = "--alpha", paramLabel = "A",
      description = "A fixed adaptation coefficient in [0, 1] (excludes --relevance-factor).")
  Double alpha;

  @Option(names = "--update", defaultValue = "m", paramLabel = "LETTERS",
      description = "Parameters to adapt: any of m (means), v (variances), w (weights).")
  String update;

  @Option(names = "--max-iter", defaultValue = "1", paramLabel = "N",
      description = "MAP iterations, >= 1.")
  int maxIter;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output HDF5 file.")
  String out;

  @Mixin CommonOptions common;

  GmmMapCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    common.validate();
    if (relevanceFactor != null && alpha != null) {
      throw CliException.usage("--relevance-factor and --alpha are mutually exclusive; got"
          + " --relevance-factor " + relevanceFactor + " and --alpha " + alpha);
    }
    if (relevanceFactor != null && !(relevanceFactor > 0 && relevanceFactor < Double.POSITIVE_INFINITY)) {
      throw CliException.usage("--relevance-factor must be in (0, inf), got " + relevanceFactor);
    }
    if (alpha != null && !(alpha >= 0 && alpha <= 1)) {
      throw CliException.usage("--alpha must be in [0, 1], got " + alpha);
    }
    if (maxIter < 1) {
      throw CliException.usage("--max-iter must be >= 1, got " + maxIter);
    }
    java.util.EnumSet<GMMMachine.Update> updates = GmmCommand.parseUpdates(update);
    GMMMachine prior = Inputs.gmm(ubm, "--ubm", null);
    GMMMachine.Builder b = GMMMachine.map(prior).updates(updates).maxIterations(maxIter)
        .seed(common.seed).parallelism(common.threads);
    if (alpha != null) {
      b.alpha(alpha);
    } else if (relevanceFactor != null) {
      b.relevanceFactor(relevanceFactor);
    }
    Matrix x = Inputs.matrix(data, "--data");
    if (x.cols() != prior.numFeatures()) {
      throw CliException.badInput("--data " + data + ": has " + x.cols() + " columns but --ubm "
          + ubm + " has D = " + prior.numFeatures(), null);
    }
    Progress p = new Progress("gmm map", "log-likelihood", maxIter, ctx, common.quiet);
    GMMMachine client;
    try {
      client = b.build().fit(x, p);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--data " + data + ": " + e.getMessage(), e);
    }
    p.finish(client.report());
    Outputs.write(out, f -> Hdf5.saveGmm(f, client));
    return 0;
  }
}
