package org.emkit.features.audio;

/** The per-utterance normalisation {@link FrontEnd} applies after voice activity detection. */
public enum FeatureNormalization {
  /** No normalisation. */
  NONE,
  /** Cepstral mean subtraction ({@link Cmvn#meanOnly()}). */
  MEAN,
  /** Mean and variance normalisation ({@link Cmvn#meanAndVariance()}). */
  MEAN_AND_VARIANCE,
  /** Feature warping over a sliding window ({@link FeatureWarping}). */
  WARPING
}
