package org.emkit.examples.speaker;

import java.util.List;
import org.emkit.core.Matrix;

/**
 * A speaker-verification system of the experiment: trained on a fold's development data, it
 * returns a {@link Scorer} that enrols models from segments and scores test segments.
 *
 * @see SystemKind
 */
public interface VerificationSystem {

  /** @return the kind (name in tables and plots) */
  SystemKind kind();

  /** @return the hyperparameters, for the report ("r_U=30, 10 iterations, r=4") */
  String description();

  /**
   * Trains the system on the development segments of a fold.
   *
   * @param context the fold (UBM, statistics, plan, configuration)
   * @return a scorer for that fold
   */
  Scorer train(FoldContext context);

  /**
   * Whether cohort score normalisation is computed for this system. Systems whose scoring is
   * expensive per model–segment pair (the frame-level LLR) decline it.
   *
   * @return true by default
   */
  default boolean supportsCohortNorm() {
    return true;
  }

  /** Scores of one trained system in one fold. Thread-safe. */
  interface Scorer {
    /**
     * Enrols one model per entry of {@code models} and scores it against every probe segment.
     * A model enrolled from the same segments always gets the same scores.
     *
     * @param models each model's enrolment segment indices (≥ 1 each)
     * @param probes probe segment indices
     * @return models × probes scores (higher means more likely the same speaker)
     */
    Matrix score(List<int[]> models, int[] probes);
  }
}
