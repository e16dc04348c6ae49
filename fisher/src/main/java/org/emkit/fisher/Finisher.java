package org.emkit.fisher;

import org.emkit.mixture.GMMStats;

/**
 * Turns the accumulated statistics of one descriptor set into its encoding: the part of every
 * encoder that follows the shared E-step. Implementations are immutable.
 */
interface Finisher {

  /** @return the encoding length */
  int length();

  /**
   * Writes the encoding of a set whose statistics are {@code stats} ({@code stats.t()} frames;
   * 0 frames gives the zero vector).
   *
   * @param stats statistics of the set; not modified
   * @param out receives the encoding in {@code [offset, offset + length())}
   * @param offset first index in {@code out}
   * @param finalNormalization whether to apply the last, whole-vector normalisation step
   *     ({@link #finalNormalization()}); spatial pyramids may defer it to the concatenation
   */
  void finish(GMMStats stats, double[] out, int offset, boolean finalNormalization);

  /** @return the last, whole-vector normalisation step of this encoder */
  VectorNormalization finalNormalization();
}
