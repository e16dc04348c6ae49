package org.emkit.cli;

import java.util.concurrent.Callable;
import org.emkit.fisher.FisherLayout;
import org.emkit.fisher.FisherOptions;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.PowerNormalization;
import org.emkit.fisher.VectorNormalization;
import org.emkit.mixture.GMMMachine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code emkit fv}: Fisher vectors of descriptor sets under a GMM. */
@Command(name = "fv", mixinStandardHelpOptions = true, showDefaultValues = true,
    versionProvider = EmkitCommand.Version.class,
    description = "Encode descriptor sets as Fisher vectors (gradients for means and variances,"
        + " Sanchez et al. 2013) under a GMM; writes one row per set to a .npy file.")
final class FvCommand implements Callable<Integer> {

  /** The four normalisation presets of DESIGN.md. */
  enum Normalization {
    improved, none, power, l2
  }

  /** Output block order. */
  enum Layout {
    emkit, vlfeat
  }

  private final CliContext ctx;

  @Option(names = "--gmm", required = true, paramLabel = "FILE", description = "The GMM (HDF5).")
  String gmm;

  @Option(names = "--normalization", defaultValue = "improved", paramLabel = "N",
      description = "improved (signed square root + L2), none, power (signed square root) or l2.")
  Normalization normalization;

  @Option(names = "--layout", defaultValue = "emkit", paramLabel = "L",
      description = "emkit (per component [mean | variance] blocks) or vlfeat (all mean blocks,"
          + " then all variance blocks, as vl_fisher_encode).")
  Layout layout;

  @Mixin SetEncodingOptions io;

  @Mixin CommonOptions common;

  FvCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    common.validate();
    GMMMachine machine = Inputs.gmm(gmm, "--gmm", null);
    boolean power = normalization == Normalization.improved || normalization == Normalization.power;
    boolean l2 = normalization == Normalization.improved || normalization == Normalization.l2;
    FisherOptions options = FisherOptions.builder()
        .power(power ? PowerNormalization.SIGNED_SQUARE_ROOT : PowerNormalization.NONE)
        .l2(l2 ? VectorNormalization.L2 : VectorNormalization.NONE)
        .layout(layout == Layout.vlfeat ? FisherLayout.VLFEAT : FisherLayout.EMKIT)
        .build();
    return io.encode(ctx, common, "fv", "--gmm", gmm, machine.numFeatures(),
        () -> FisherVectorEncoder.of(machine, options));
  }
}
