package org.emkit.examples.speaker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.emkit.core.Matrix;
import org.emkit.core.internal.Parallel;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.scoring.LinearScoring;

/**
 * Batch form of the ISV/JFA scoring rule: the channel offset {@code U x} of each probe is
 * estimated once (against the UBM mean) and cached, then all models are scored against all
 * probes with one {@link LinearScoring} call (frame-length normalised). This gives the same
 * numbers as {@code ISVMachine.score} / {@code JFAMachine.score} per pair, which estimate x and
 * call the same linear scoring for each pair.
 */
final class FactorScoringCache {

  private final GMMMachine ubm;
  private final FoldContext ctx;
  private final IntFunction<double[]> channelOffset;
  private final ConcurrentHashMap<Integer, Matrix> offsets = new ConcurrentHashMap<>();

  /**
   * @param ctx the fold
   * @param channelOffset the probe's U x (length CD) from its segment index
   */
  FactorScoringCache(FoldContext ctx, IntFunction<double[]> channelOffset) {
    this.ctx = ctx;
    this.ubm = ctx.ubm();
    this.channelOffset = channelOffset;
  }

  /**
   * @param modelMeans each model's mean supervector (length CD)
   * @param probes probe segment indices
   * @return models × probes scores
   */
  Matrix score(List<double[]> modelMeans, int[] probes) {
    int c = ubm.numComponents();
    int d = ubm.numFeatures();
    Parallel.forEachChunk(probes.length, 1, ctx.config().threads(), (from, to) -> {
      for (int j = from; j < to; j++) {
        offsets.computeIfAbsent(probes[j], s -> Matrix.wrap(c, d, channelOffset.apply(s)));
      }
    });
    List<Matrix> means = new ArrayList<>();
    for (double[] m : modelMeans) {
      means.add(Matrix.wrap(c, d, m));
    }
    List<Matrix> off = new ArrayList<>();
    List<GMMStats> tests = new ArrayList<>();
    for (int s : probes) {
      off.add(offsets.get(s));
      tests.add(ctx.stats(s));
    }
    return LinearScoring.linearScoring(means, ubm, tests, off,
        LinearScoring.FrameLengthNormalization.BY_FRAME_COUNT);
  }
}
