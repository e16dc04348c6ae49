package org.emkit.bench;

import java.util.concurrent.TimeUnit;
import org.emkit.fa.ISVMachine;
import org.emkit.fa.IVectorMachine;
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
 * One ISV EM iteration (rank 100) and one i-vector EM iteration (rank 400) on 1000 sessions of
 * a C=512, D=60 UBM ("full"), and a small size for the CI smoke pass, at 1 and 2 threads.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "--add-modules",
    "jdk.incubator.vector,jdk.incubator.foreign", "--enable-native-access=ALL-UNNAMED"})
public class FactorAnalysisBenchmark {

  /** Inputs generated once per trial from a fixed seed. */
  @State(Scope.Benchmark)
  public static class Input {
    @Param({"small", "full"})
    public String size;

    @Param({"1", "2"})
    public int threads;

    FaData data;
    ISVMachine isv;
    IVectorMachine tv;

    @Setup
    public void setup() {
      boolean full = size.equals("full");
      data = full ? FaData.generate(512, 60, 1000, 10, 3000, 7) : FaData.generate(16, 8, 60, 3, 300, 7);
      isv = ISVMachine.builder(data.ubm, full ? 100 : 5).parallelism(threads).build();
      tv = IVectorMachine.builder(data.ubm, full ? 400 : 10).parallelism(threads).build();
    }
  }

  @Benchmark
  public ISVMachine isvIteration(Input in) {
    return in.isv.mStep(in.isv.eStep(in.data.sessions, in.data.labels));
  }

  @Benchmark
  public IVectorMachine ivectorIteration(Input in) {
    return in.tv.mStep(in.tv.eStep(in.data.sessions));
  }
}
