package org.emkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code emkit gmm}: groups {@code gmm train} and {@code gmm map}. */
@Command(name = "gmm", mixinStandardHelpOptions = true, showDefaultValues = true,
    versionProvider = EmkitCommand.Version.class,
    description = "Train a GMM by maximum likelihood or adapt one by MAP.",
    subcommands = {GmmTrainCommand.class, GmmMapCommand.class})
final class GmmCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: train or map");
  }

  /**
   * @param letters the --update value, any of m, v, w
   * @return the updates
   */
  static java.util.EnumSet<org.emkit.mixture.GMMMachine.Update> parseUpdates(String letters) {
    java.util.EnumSet<org.emkit.mixture.GMMMachine.Update> u =
        java.util.EnumSet.noneOf(org.emkit.mixture.GMMMachine.Update.class);
    for (char ch : letters.toCharArray()) {
      switch (ch) {
        case 'm':
          u.add(org.emkit.mixture.GMMMachine.Update.MEANS);
          break;
        case 'v':
          u.add(org.emkit.mixture.GMMMachine.Update.VARIANCES);
          break;
        case 'w':
          u.add(org.emkit.mixture.GMMMachine.Update.WEIGHTS);
          break;
        default:
          throw CliException.usage("--update takes letters among m, v, w; got '" + letters + "'");
      }
    }
    if (u.isEmpty()) {
      throw CliException.usage("--update needs at least one of m, v, w");
    }
    return u;
  }
}
