package org.emkit.features.audio;

import java.util.Objects;
import org.emkit.core.validation.Check;

/**
 * An immutable mono audio signal: samples at a fixed rate, in 16-bit PCM units.
 *
 * <p><b>Model.</b> Sample {@code i} is the amplitude at time {@code i / sampleRate} seconds. The
 * scale is that of 16-bit linear PCM: full scale is [−32768, 32767], so a PCM16 WAV file is read
 * without rescaling and µ-law/A-law are expanded to the 16-bit values of ITU-T G.711 (the scale
 * of sphinx_fe, Kaldi and bob.bio.spear). The scale only shifts log energies and c0 by a
 * constant and decides where the energy floor of {@link MfccOptions#energyFloor()} bites.
 *
 * <p><b>Shapes.</b> One {@code double} per sample; {@link #length()} samples.
 *
 * <p><b>Reproducibility and threads.</b> Immutable and thread-safe: the samples are copied on the
 * way in ({@link #of}) and out ({@link #samples()}).
 *
 * @see WavReader
 * @see Mfcc
 */
public final class AudioSignal {

  private static final String OWNER = "AudioSignal";

  private final double[] samples;
  private final int sampleRate;

  private AudioSignal(double[] samples, int sampleRate) {
    this.samples = samples;
    this.sampleRate = sampleRate;
  }

  /**
   * Copies samples into a new signal.
   *
   * @param samples amplitudes in 16-bit PCM units; finite; not modified
   * @param sampleRate samples per second, {@code >= 1}
   * @return the signal
   * @throws IllegalArgumentException if {@code sampleRate < 1} or a sample is not finite
   */
  public static AudioSignal of(double[] samples, int sampleRate) {
    Objects.requireNonNull(samples, "samples");
    Check.atLeast(OWNER + ".of", "sampleRate", sampleRate, 1);
    Check.finite(OWNER + ".of", "samples", samples);
    return new AudioSignal(samples.clone(), sampleRate);
  }

  /** Takes ownership of an array the caller will not touch again (readers in this package). */
  static AudioSignal wrap(double[] samples, int sampleRate) {
    return new AudioSignal(samples, sampleRate);
  }

  /** @return samples per second (Hz) */
  public int sampleRate() {
    return sampleRate;
  }

  /** @return the number of samples */
  public int length() {
    return samples.length;
  }

  /** @return the duration in seconds, {@code length() / sampleRate()} */
  public double durationSeconds() {
    return (double) samples.length / sampleRate;
  }

  /**
   * @param i sample index in [0, length())
   * @return sample {@code i}
   */
  public double sample(int i) {
    return samples[Objects.checkIndex(i, samples.length)];
  }

  /** @return a copy of the samples */
  public double[] samples() {
    return samples.clone();
  }

  /** The backing array, read-only, for kernels of this package. */
  double[] data() {
    return samples;
  }

  /** @return rate, length and duration */
  @Override
  public String toString() {
    return "AudioSignal[sampleRate=" + sampleRate + ", length=" + samples.length + ", duration="
        + durationSeconds() + " s]";
  }
}
