package org.emkit.features.audio;

/**
 * Which energy coefficient, if any, {@link Mfcc} appends after c1..cK in each static block.
 */
public enum EnergyTerm {
  /** No energy coefficient: the static block is c1..cK. */
  NONE,
  /**
   * The log energy of the raw frame, \( \ln \max(\sum_n x_n^2, \text{floor}) \), over the
   * {@code windowLength} samples before pre-emphasis and windowing (Kaldi's
   * {@code raw_energy}).
   */
  LOG_ENERGY,
  /** The zeroth cepstral coefficient c0 of the same orthonormal DCT-II (scaled log-mel sum). */
  C0
}
