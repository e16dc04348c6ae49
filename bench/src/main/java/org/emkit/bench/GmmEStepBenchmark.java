package org.emkit.bench;

import java.util.concurrent.TimeUnit;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
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
 * The shared E-step kernel and one full EM iteration on W1-shaped data (N=200000, D=64, K=256)
 * and a small size for the CI smoke pass, at 1 and 2 threads.
 *
 * <ul>
 *   <li>{@code eStep}: log-likelihoods and posteriors of every frame (the peers' "E-step only");
 *   <li>{@code eStepWithStats}: the E-step plus accumulation of GMMStats (n, Σγx, Σγx²);
 *   <li>{@code emIteration}: E-step + statistics + ML M-step of all parameters, from the same
 *       initial model every time (the peers' "W1 one EM iteration").
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules",
    "jdk.incubator.vector,jdk.incubator.foreign", "--enable-native-access=ALL-UNNAMED"})
public class GmmEStepBenchmark {

  /** Inputs generated once per trial from a fixed seed. */
  @State(Scope.Benchmark)
  public static class Input {
    @Param({"small", "w1"})
    public String size;

    @Param({"1", "2"})
    public int threads;

    GMMMachine machine;
    BenchData data;

    @Setup
    public void setup() {
      data = BenchData.gmm(size);
      machine = data.init.toBuilder().parallelism(threads).build();
    }
  }

  @Benchmark
  public double[] eStep(Input in) {
    return in.machine.logLikelihood(in.data.x);
  }

  @Benchmark
  public GMMStats eStepWithStats(Input in) {
    return in.machine.transform(in.data.x);
  }

  @Benchmark
  public GMMMachine emIteration(Input in) {
    return in.machine.mStep(in.machine.transform(in.data.x));
  }
}
