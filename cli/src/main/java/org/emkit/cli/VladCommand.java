package org.emkit.cli;

import java.util.concurrent.Callable;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.core.io.Npy;
import org.emkit.fisher.VLADEncoder;
import org.emkit.fisher.VLADOptions;
import org.emkit.fisher.VectorNormalization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code emkit vlad}: VLAD encodings of descriptor sets under k-means centres. */
@Command(name = "vlad", mixinStandardHelpOptions = true, showDefaultValues = true,
    versionProvider = EmkitCommand.Version.class,
    description = "Encode descriptor sets as VLAD (sums of residuals to the nearest k-means centre,"
        + " Jegou et al. 2010; global L2 as VLFeat's default); writes one row per set to a .npy"
        + " file.")
final class VladCommand implements Callable<Integer> {

  private final CliContext ctx;

  @Option(names = "--kmeans", required = true, paramLabel = "FILE",
      description = "The k-means machine (HDF5).")
  String kmeans;

  @Option(names = "--data", required = true, paramLabel = "X",
      description = "Descriptors, one per row: .npy, .csv or file.h5:/dataset.")
  String data;

  @Option(names = "--sets", paramLabel = "LENGTHS",
      description = "Comma-separated set lengths partitioning the rows of X (default: one set).")
  String sets;

  @Option(names = "--intra-norm",
      description = "L2-normalise each centre's residual block before the global L2"
          + " (Arandjelovic and Zisserman 2013).")
  boolean intraNorm;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output .npy file.")
  String out;

  @Mixin CommonOptions common;

  VladCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    common.validate();
    KMeansMachine machine = Inputs.kmeans(kmeans, "--kmeans");
    Matrix x = Inputs.matrix(data, "--data");
    if (x.cols() != machine.numFeatures()) {
      throw CliException.badInput("--data " + data + ": has " + x.cols() + " columns but --kmeans "
          + kmeans + " has D = " + machine.numFeatures(), null);
    }
    int[] lengths = Inputs.setLengths(sets, x.rows());
    VLADOptions options = VLADOptions.builder()
        .intra(intraNorm ? VectorNormalization.L2 : VectorNormalization.NONE).build();
    Matrix vlad;
    try {
      vlad = VLADEncoder.of(machine, options).encodeSets(x, lengths, common.threads);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--data " + data + ": " + e.getMessage(), e);
    }
    Outputs.write(out, f -> Npy.write(f, vlad));
    if (!common.quiet) {
      ctx.err.println("vlad: " + vlad.rows() + " sets encoded, dimension " + vlad.cols());
    }
    return 0;
  }
}
