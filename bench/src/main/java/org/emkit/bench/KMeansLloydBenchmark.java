package org.emkit.bench;

import java.util.concurrent.TimeUnit;
import org.emkit.cluster.KMeansMachine;
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

/** One Lloyd iteration (assignment + statistics + centroid update) from fixed centres (W3). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "--add-modules",
    "jdk.incubator.vector,jdk.incubator.foreign", "--enable-native-access=ALL-UNNAMED"})
public class KMeansLloydBenchmark {

  /** Inputs generated once per trial from a fixed seed. */
  @State(Scope.Benchmark)
  public static class Input {
    @Param({"small", "w1"})
    public String size;

    @Param({"1", "2"})
    public int threads;

    BenchData data;
    KMeansMachine machine;

    @Setup
    public void setup() {
      data = BenchData.gmm(size);
      machine = KMeansMachine.builder(data.init.numComponents()).initialCentroids(data.init.means())
          .parallelism(threads).maxIterations(1).build();
    }
  }

  @Benchmark
  public KMeansMachine lloydIteration(Input in) {
    return in.machine.fit(in.data.x);
  }
}
