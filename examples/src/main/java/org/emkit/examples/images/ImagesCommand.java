package org.emkit.examples.images;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code emkit example images [options]}: the picocli face of {@link ImageExample}. Every
 * argument (including {@code --help}) is passed unchanged to
 * {@link ImageExample#run(String[], java.io.PrintWriter, java.io.PrintWriter)}, which parses
 * them, runs the experiment and returns the exit code (0 ok, 1 reports not written, 2 usage,
 * 3 missing or invalid data).
 *
 * <p>To expose it, list it among the subcommands of the {@code example} command of
 * {@code org.emkit.examples.ExamplesCommandProvider}.
 */
@Command(name = "images",
    description = "Image classification with Fisher vectors on Fashion-MNIST (Sanchez et al. 2013"
        + " ablation); --help for the options.")
public final class ImagesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Unmatched List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() {
    return ImageExample.run(arguments.toArray(new String[0]), spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
