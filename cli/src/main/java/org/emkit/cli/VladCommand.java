package org.emkit.cli;

import java.util.concurrent.Callable;
import org.emkit.cluster.KMeansMachine;
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

  @Option(names = "--intra-norm",
      description = "L2-normalise each centre's residual block before the global L2"
          + " (Arandjelovic and Zisserman 2013).")
  boolean intraNorm;

  @Mixin SetEncodingOptions io;

  @Mixin CommonOptions common;

  VladCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    common.validate();
    KMeansMachine machine = Inputs.kmeans(kmeans, "--kmeans");
    VLADOptions options = VLADOptions.builder()
        .intra(intraNorm ? VectorNormalization.L2 : VectorNormalization.NONE).build();
    return io.encode(ctx, common, "vlad", "--kmeans", kmeans, machine.numFeatures(),
        () -> VLADEncoder.of(machine, options));
  }
}
