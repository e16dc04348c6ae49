package org.emkit.bench;

import java.util.concurrent.TimeUnit;
import org.emkit.core.Matrix;
import org.emkit.fisher.FisherOptions;
import org.emkit.fisher.FisherVectorEncoder;
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
 * Fisher-vector encoding of a batch of sets ({@link FisherData}: "w2" is 20 sets of 1000
 * descriptors, D = 64, K = 256; time per batch / 20 = time per FV) at 1 and 2 threads
 * ({@code encodeSets} spreads sets over the threads).
 *
 * <ul>
 *   <li>{@code improvedExact}: the improved FV with exact posteriors (every γ accumulated);
 *   <li>{@code improvedVlfeat}: {@code FisherOptions.fromVlfeatFlags(IMPROVED)}, the same
 *       computation as {@code vl_fisher_encode(..., VL_FISHER_FLAG_IMPROVED)} (γ &lt; 1e-6
 *       skipped) — the one to compare with VLFeat;
 *   <li>{@code improvedFast}: VLFeat's {@code IMPROVED | FAST} (hard assignment).
 * </ul>
 *
 * VLFeat beside it (double API, same distribution, median of REPS calls of one 1000-descriptor
 * set): {@code gcc -O2 -std=c99 -o vlfeat_peer fisher/src/test/c/vlfeat_peer.c -lvl -lm} then
 * {@code ./vlfeat_peer time-fisher-synthetic 256 64 1000 20 3 THREADS 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules",
    "jdk.incubator.vector,jdk.incubator.foreign", "--enable-native-access=ALL-UNNAMED"})
public class FisherEncodeBenchmark {

  /** Inputs generated once per trial from a fixed seed. */
  @State(Scope.Benchmark)
  public static class Input {
    @Param({"small", "w2"})
    public String size;

    @Param({"1", "2"})
    public int threads;

    FisherData data;
    FisherVectorEncoder exact;
    FisherVectorEncoder vlfeat;
    FisherVectorEncoder fast;

    @Setup
    public void setup() {
      data = FisherData.of(size);
      exact = FisherVectorEncoder.improved(data.gmm);
      vlfeat = FisherVectorEncoder.of(data.gmm,
          FisherOptions.fromVlfeatFlags(FisherOptions.VL_FISHER_FLAG_IMPROVED));
      fast = FisherVectorEncoder.of(data.gmm, FisherOptions.fromVlfeatFlags(
          FisherOptions.VL_FISHER_FLAG_IMPROVED | FisherOptions.VL_FISHER_FLAG_FAST));
    }
  }

  @Benchmark
  public Matrix improvedExact(Input in) {
    return in.exact.encodeSets(in.data.x, in.data.setLengths, in.threads);
  }

  @Benchmark
  public Matrix improvedVlfeat(Input in) {
    return in.vlfeat.encodeSets(in.data.x, in.data.setLengths, in.threads);
  }

  @Benchmark
  public Matrix improvedFast(Input in) {
    return in.fast.encodeSets(in.data.x, in.data.setLengths, in.threads);
  }
}
