package org.emkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code emkit} command. Each subcommand is one class listed in {@code subcommands}; adding
 * a command means writing its class and adding it to that list.
 */
@Command(name = "emkit", mixinStandardHelpOptions = true, versionProvider = EmkitCommand.Version.class,
    showDefaultValues = true, usageHelpAutoWidth = true,
    description = "GMM/k-means training, MAP adaptation, statistics and scoring with bob.learn.em"
        + " compatible HDF5 models.",
    subcommands = {KMeansCommand.class, GmmCommand.class, StatsCommand.class, ScoreCommand.class,
        FvCommand.class, VladCommand.class, PqCommand.class, InfoCommand.class},
    footer = {"", "Exit codes: 0 ok, 2 usage error, 3 bad input file, 1 other failure."})
final class EmkitCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand");
  }

  /** Reads the version the build wrote into {@code emkit-version.properties}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = EmkitCommand.class.getResourceAsStream("/emkit-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"emkit " + p.getProperty("version", "unknown"),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
              + ")"};
    }
  }
}
