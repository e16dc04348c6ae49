package org.emkit.bench;

import java.util.concurrent.TimeUnit;
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

/** Merging two GMMStats (the reduction step of chunked, threaded and Spark accumulation). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StatsMergeBenchmark {

  /** Two statistics objects of the benchmark's shape. */
  @State(Scope.Benchmark)
  public static class Input {
    @Param({"256", "2048"})
    public int components;

    GMMStats into;
    GMMStats other;

    @Setup
    public void setup() {
      into = new GMMStats(components, 60);
      other = new GMMStats(components, 60);
    }
  }

  @Benchmark
  public GMMStats merge(Input in) {
    return in.into.merge(in.other);
  }
}
