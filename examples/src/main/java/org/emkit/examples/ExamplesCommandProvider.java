package org.emkit.examples;

import java.util.List;
import org.emkit.cli.spi.CommandProvider;
import org.emkit.examples.images.ExplainCommand;
import org.emkit.examples.images.ImagesCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Adds {@code emkit demo} (the README's main job, {@link SpeakerDemo}) and {@code emkit example
 * speaker|images|explain} (the full experiments) to the command line.
 */
public final class ExamplesCommandProvider implements CommandProvider {

  /** {@code emkit example}: a group of the full experiments. */
  @Command(name = "example", mixinStandardHelpOptions = true,
      description = "Run a full experiment: speaker (speaker verification on DebVox), images"
          + " (Fisher-vector image classification on Fashion-MNIST), explain (relevance heatmaps"
          + " and the resampling evaluation of a Fisher-vector classifier on Fashion-MNIST).",
      subcommands = {SpeakerExample.class, ImagesCommand.class, ExplainCommand.class})
  public static final class ExampleCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
      throw new ParameterException(spec.commandLine(), "missing experiment name");
    }
  }

  @Override
  public List<Object> commands() {
    return List.of(new SpeakerDemo(), new ExampleCommand());
  }
}
