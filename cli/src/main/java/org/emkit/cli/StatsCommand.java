package org.emkit.cli;

import java.util.concurrent.Callable;
import org.emkit.core.Matrix;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code emkit stats}: zeroth, first and second order statistics of frames under a UBM. */
@Command(name = "stats", mixinStandardHelpOptions = true, showDefaultValues = true,
    versionProvider = EmkitCommand.Version.class,
    description = "Accumulate GMM statistics (n, sumPx, sumPxx, log-likelihood, T) of frames under"
        + " a UBM and save them in bob.learn.em's GMMStats HDF5 layout.")
final class StatsCommand implements Callable<Integer> {

  private final CliContext ctx;

  @Option(names = "--ubm", required = true, paramLabel = "FILE", description = "The GMM.")
  String ubm;

  @Option(names = "--data", required = true, paramLabel = "X",
      description = "Frames: .npy, .csv or file.h5:/dataset.")
  String data;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output HDF5 file.")
  String out;

  @Mixin CommonOptions common;

  StatsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    common.validate();
    GMMMachine m = Inputs.gmm(ubm, "--ubm", null);
    GMMMachine machine = m.toBuilder().parallelism(common.threads).build();
    Matrix x = Inputs.matrix(data, "--data");
    if (x.cols() != machine.numFeatures()) {
      throw CliException.badInput("--data " + data + ": has " + x.cols() + " columns but --ubm "
          + ubm + " has D = " + machine.numFeatures(), null);
    }
    GMMStats stats;
    try {
      stats = machine.transform(x);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--data " + data + ": " + e.getMessage(), e);
    }
    Outputs.write(out, f -> Hdf5.saveStats(f, stats));
    if (!common.quiet) {
      ctx.err.println("stats: " + stats.t() + " frames, average log-likelihood "
          + stats.logLikelihood() / stats.t());
    }
    return 0;
  }
}
