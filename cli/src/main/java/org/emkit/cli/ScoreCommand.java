package org.emkit.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.emkit.core.Matrix;
import org.emkit.core.io.AtomicFiles;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.scoring.LinearScoring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code emkit score}: every model against every probe, as a CSV table {@code model,probe,score}
 * (models in the order given, probes varying fastest).
 */
@Command(name = "score", mixinStandardHelpOptions = true, showDefaultValues = true,
    versionProvider = EmkitCommand.Version.class,
    description = {"Score client GMMs against probes and write a CSV table.",
        "Header: model,probe,score (probes vary fastest).",
        "linear: bob's linear scoring of GMMStats probes (Glembek et al. 2009).",
        "llr: average over the probe's frames of log p(x|model) - log p(x|UBM); probes are frame"
            + " arrays (.npy, .csv, file.h5:/dataset)."})
final class ScoreCommand implements Callable<Integer> {

  private final CliContext ctx;

  @Option(names = "--ubm", required = true, paramLabel = "FILE", description = "The UBM.")
  String ubm;

  @Option(names = "--models", required = true, paramLabel = "A.h5,B.h5",
      description = "Comma-separated client GMM files.")
  String models;

  @Option(names = "--probes", required = true, paramLabel = "P,Q",
      description = "Comma-separated probes: GMMStats files (linear) or frame arrays (llr).")
  String probes;

  @Option(names = "--method", defaultValue = "linear", paramLabel = "METHOD",
      description = "linear or llr.")
  String method;

  @Option(names = "--frame-length-normalization",
      description = "linear: divide each score by the probe's frame count.")
  boolean frameLengthNormalization;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output CSV file.")
  String out;

  @Mixin CommonOptions common;

  ScoreCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    common.validate();
    if (!method.equals("linear") && !method.equals("llr")) {
      throw CliException.usage("--method must be linear or llr, got '" + method + "'");
    }
    if (frameLengthNormalization && method.equals("llr")) {
      throw CliException.usage("--frame-length-normalization applies to --method linear only"
          + " (llr is already an average per frame)");
    }
    List<String> modelNames = Inputs.split(models, "--models");
    List<String> probeNames = Inputs.split(probes, "--probes");
    GMMMachine u = Inputs.gmm(ubm, "--ubm", null).toBuilder().parallelism(common.threads).build();
    List<GMMMachine> ms = new ArrayList<>();
    for (String name : modelNames) {
      GMMMachine m = Inputs.gmm(name, "--models", u);
      if (m.numComponents() != u.numComponents() || m.numFeatures() != u.numFeatures()) {
        throw CliException.badInput("--models " + name + ": has C×D = " + m.numComponents() + "x"
            + m.numFeatures() + " but --ubm " + ubm + " has " + u.numComponents() + "x"
            + u.numFeatures(), null);
      }
      ms.add(m.toBuilder().parallelism(common.threads).build());
    }
    double[][] scores = new double[ms.size()][probeNames.size()];
    if (method.equals("linear")) {
      List<GMMStats> tests = new ArrayList<>();
      for (String name : probeNames) {
        GMMStats s = Inputs.stats(name, "--probes");
        if (s.numComponents() != u.numComponents() || s.numFeatures() != u.numFeatures()) {
          throw CliException.badInput("--probes " + name + ": has C×D = " + s.numComponents() + "x"
              + s.numFeatures() + " but --ubm " + ubm + " has " + u.numComponents() + "x"
              + u.numFeatures(), null);
        }
        tests.add(s);
      }
      Matrix r = LinearScoring.linearScoringMachines(ms, u, tests, null,
          frameLengthNormalization ? LinearScoring.FrameLengthNormalization.BY_FRAME_COUNT
              : LinearScoring.FrameLengthNormalization.NONE);
      for (int i = 0; i < ms.size(); i++) {
        for (int j = 0; j < tests.size(); j++) {
          scores[i][j] = r.get(i, j);
        }
      }
    } else {
      for (int j = 0; j < probeNames.size(); j++) {
        String name = probeNames.get(j);
        Matrix x = Inputs.matrix(name, "--probes");
        if (x.cols() != u.numFeatures()) {
          throw CliException.badInput("--probes " + name + ": has " + x.cols() + " columns but"
              + " --ubm " + ubm + " has D = " + u.numFeatures(), null);
        }
        double[] base;
        try {
          base = u.logLikelihood(x);
        } catch (IllegalArgumentException e) {
          throw CliException.badInput("--probes " + name + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < ms.size(); i++) {
          double[] ll = ms.get(i).logLikelihood(x);
          double sum = 0;
          for (int t = 0; t < ll.length; t++) {
            sum += ll[t] - base[t];
          }
          scores[i][j] = sum / ll.length;
        }
      }
    }
    Outputs.write(out, f -> AtomicFiles.write(f, (OutputStream os) -> {
      Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
      w.write("model,probe,score\n");
      for (int i = 0; i < ms.size(); i++) {
        for (int j = 0; j < probeNames.size(); j++) {
          w.write(Outputs.csvField(modelNames.get(i)) + "," + Outputs.csvField(probeNames.get(j))
              + "," + scores[i][j] + "\n");
        }
      }
      w.flush();
    }));
    if (!common.quiet) {
      ctx.err.println("score: " + ms.size() + " model(s) x " + probeNames.size() + " probe(s) -> "
          + out);
    }
    return 0;
  }
}
