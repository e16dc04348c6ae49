package org.emkit.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.io.hdf5.Hdf5Info;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code emkit info}: what an HDF5 file holds. */
@Command(name = "info", mixinStandardHelpOptions = true, showDefaultValues = true,
    versionProvider = EmkitCommand.Version.class,
    description = "Print the type, layout, format version, a summary and the datasets (shape,"
        + " dtype) of an HDF5 model file.")
final class InfoCommand implements Callable<Integer> {

  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "FILE", description = "An HDF5 file.")
  String file;

  @Option(names = "--debug", description = "Print the Java stack trace of an error.")
  boolean debug;

  InfoCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Hdf5Info info;
    try {
      info = Hdf5.inspect(Paths.get(file));
    } catch (NoSuchFileException e) {
      throw CliException.badInput(file + ": no such file", e);
    } catch (IOException e) {
      throw CliException.badInput(e.getMessage(), e);
    }
    ctx.out.print("file: " + file + "\n" + info);
    ctx.out.flush();
    return 0;
  }
}
