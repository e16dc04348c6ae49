package org.emkit.examples.images;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code emkit example explain [options]}: the picocli face of {@link ExplainExample}. Every
 * argument (including {@code --help}) is passed unchanged to
 * {@link ExplainExample#run(String[], java.io.PrintWriter, java.io.PrintWriter)}, which parses
 * them, runs the experiment and returns the exit code (0 ok, 1 reports not written, 2 usage,
 * 3 missing or invalid data).
 */
@Command(name = "explain",
    description = "Explaining a Fisher-vector classifier on Fashion-MNIST: relevance heatmaps and"
        + " the local feature resampling evaluation (Lapuschkin et al. 2016); --help for the"
        + " options.")
public final class ExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Unmatched List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() {
    return ExplainExample.run(arguments.toArray(new String[0]), spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
