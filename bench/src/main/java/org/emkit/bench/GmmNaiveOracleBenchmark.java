package org.emkit.bench;

import java.util.concurrent.TimeUnit;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.testing.NaiveGmm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The naive E-step oracle of the test sources (nested loops straight from the formula) measured
 * beside the fast kernel on the same inputs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules",
    "jdk.incubator.vector,jdk.incubator.foreign", "--enable-native-access=ALL-UNNAMED"})
public class GmmNaiveOracleBenchmark {

  /** Inputs generated once per trial from a fixed seed. */
  @State(Scope.Benchmark)
  public static class Input {
    @Param({"small", "medium"})
    public String size;

    GMMMachine machine;
    Matrix x;
    double[] weights;
    Matrix means;
    Matrix variances;

    @Setup
    public void setup() {
      BenchData data = BenchData.gmm(size);
      machine = data.init;
      x = data.x;
      weights = machine.weights();
      means = machine.means();
      variances = machine.variances();
    }
  }

  @Benchmark
  public GMMStats naive(Input in) {
    return NaiveGmm.stats(in.x, in.weights, in.means, in.variances);
  }

  @Benchmark
  public GMMStats kernel(Input in) {
    return in.machine.transform(in.x);
  }
}
