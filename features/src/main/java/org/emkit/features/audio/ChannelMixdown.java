package org.emkit.features.audio;

/**
 * How {@link WavReader} turns a multi-channel file into the mono signal the front end needs.
 * Mono files are read unchanged under every policy.
 */
public enum ChannelMixdown {
  /** Sample i is the mean of the channels at i: {@code (l + r) / 2} for stereo (sox {@code -c 1}). */
  AVERAGE,
  /** Sample i is the first channel at i (the left channel of a stereo file); others are ignored. */
  FIRST
}
