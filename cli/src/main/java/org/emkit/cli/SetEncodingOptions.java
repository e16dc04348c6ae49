package org.emkit.cli;

import java.util.function.Supplier;
import org.emkit.core.Matrix;
import org.emkit.core.io.Npy;
import org.emkit.fisher.DescriptorEncoder;
import picocli.CommandLine.Option;

/**
 * The input and output options of the set-encoding subcommands ({@code fv}, {@code vlad}; a
 * picocli mixin) and their shared body: read the descriptors, check their dimension against the
 * model, encode the sets, write one row per set to a {@code .npy} file.
 */
final class SetEncodingOptions {

  @Option(names = "--data", required = true, paramLabel = "X",
      description = "Descriptors, one per row: .npy, .csv or file.h5:/dataset.")
  String data;

  @Option(names = "--sets", paramLabel = "LENGTHS",
      description = "Comma-separated set lengths partitioning the rows of X (default: one set).")
  String sets;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output .npy file.")
  String out;

  /**
   * Encodes the sets of {@code --data} and writes them to {@code --out}.
   *
   * @param ctx the command's context (progress goes to its error stream)
   * @param common the common options (threads, quiet)
   * @param command the subcommand's name, for the progress line
   * @param modelOption the option that named the model, for messages
   * @param modelSpec the model's file, for messages
   * @param numFeatures D of the model
   * @param encoder builds the encoder; its rejections are reported against {@code --data}
   * @return the exit code, 0
   */
  int encode(CliContext ctx, CommonOptions common, String command, String modelOption,
      String modelSpec, int numFeatures, Supplier<DescriptorEncoder> encoder) {
    Matrix x = Inputs.matrix(data, "--data");
    if (x.cols() != numFeatures) {
      throw CliException.badInput("--data " + data + ": has " + x.cols() + " columns but "
          + modelOption + " " + modelSpec + " has D = " + numFeatures, null);
    }
    int[] lengths = Inputs.setLengths(sets, x.rows());
    Matrix encoded;
    try {
      encoded = encoder.get().encodeSets(x, lengths, common.threads);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--data " + data + ": " + e.getMessage(), e);
    }
    Outputs.write(out, f -> Npy.write(f, encoded));
    if (!common.quiet) {
      ctx.err.println(command + ": " + encoded.rows() + " sets encoded, dimension "
          + encoded.cols());
    }
    return 0;
  }
}
