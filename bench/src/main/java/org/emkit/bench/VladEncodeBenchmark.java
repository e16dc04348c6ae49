package org.emkit.bench;

import java.util.concurrent.TimeUnit;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.fisher.Assignment;
import org.emkit.fisher.VLADEncoder;
import org.emkit.fisher.VLADOptions;
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
 * VLAD encoding of a batch of sets ({@link FisherData}; the centres are the GMM's means) with
 * hard assignment and with soft-max assignment (α = 1), VLFeat's default normalisation (global
 * L2), at 1 and 2 threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules",
    "jdk.incubator.vector,jdk.incubator.foreign", "--enable-native-access=ALL-UNNAMED"})
public class VladEncodeBenchmark {

  /** Inputs generated once per trial from a fixed seed. */
  @State(Scope.Benchmark)
  public static class Input {
    @Param({"small", "w2"})
    public String size;

    @Param({"1", "2"})
    public int threads;

    FisherData data;
    VLADEncoder hard;
    VLADEncoder soft;

    @Setup
    public void setup() {
      data = FisherData.of(size);
      KMeansMachine km = KMeansMachine.fromCentroids(data.gmm.means());
      hard = VLADEncoder.of(km, VLADOptions.vlfeatDefault());
      soft = VLADEncoder.of(km, VLADOptions.builder().assignment(Assignment.softmax(1.0)).build());
    }
  }

  @Benchmark
  public Matrix hard(Input in) {
    return in.hard.encodeSets(in.data.x, in.data.setLengths, in.threads);
  }

  @Benchmark
  public Matrix soft(Input in) {
    return in.soft.encodeSets(in.data.x, in.data.setLengths, in.threads);
  }
}
