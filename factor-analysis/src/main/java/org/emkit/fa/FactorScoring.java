package org.emkit.fa;

import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMStats;
import org.emkit.scoring.LinearScoring;

/** The scoring rule shared by ISV and JFA (SPEC §6.8). */
final class FactorScoring {

  private FactorScoring() {}

  /**
   * Linear scoring of a model mean against a probe template with its channel offset.
   *
   * <ol>
   *   <li>x = the probe's channel factor against the UBM mean (statistics summed);
   *   <li>the probe statistics are summed (t included);
   *   <li>score = {@link LinearScoring#linearScoring} of the model mean against the summed
   *       statistics with offset {@code U x} and frame-length normalisation.
   * </ol>
   *
   * @param ubm the UBM view
   * @param model the factor model (U and its products)
   * @param modelMean model mean supervector (length CD)
   * @param probe validated, non-empty statistics of one template
   * @return the score
   */
  static double score(Ubm ubm, FactorModel model, double[] modelMean, List<GMMStats> probe) {
    double[] x = model.estimateX(probe);
    double[] ux = new double[ubm.supervectorLength];
    FactorModel.times(model.u, model.rankU, x, 0, ux);
    GMMStats sum = probe.get(0).copy();
    for (int h = 1; h < probe.size(); h++) {
      sum.merge(probe.get(h));
    }
    Matrix scores = LinearScoring.linearScoring(
        List.of(Matrix.wrap(ubm.numComponents, ubm.numFeatures, modelMean)), ubm.machine,
        List.of(sum), List.of(Matrix.wrap(ubm.numComponents, ubm.numFeatures, ux)),
        LinearScoring.FrameLengthNormalization.BY_FRAME_COUNT);
    return scores.get(0, 0);
  }
}
