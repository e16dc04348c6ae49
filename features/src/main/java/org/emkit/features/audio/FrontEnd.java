package org.emkit.features.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.emkit.core.Matrix;

/**
 * The speaker-recognition front end in one object: MFCC with deltas, energy VAD, then
 * per-utterance normalisation. Its output rows are the frames a GMM or factor-analysis model is
 * trained and scored on.
 *
 * <p><b>Algorithm.</b> For one utterance:
 *
 * <ol>
 *   <li>{@link Mfcc#compute(double[])}: T × D features (static + Δ/ΔΔ over all frames, so the
 *       regression sees the true neighbours);
 *   <li>{@link EnergyVad#speechFrames(double[])} on {@link Mfcc#frameLogEnergies(double[])}
 *       (skipped when the VAD is disabled), keeping T' ≤ T rows;
 *   <li>normalisation of the kept rows: {@link FeatureNormalization#MEAN_AND_VARIANCE} (default),
 *       {@link FeatureNormalization#MEAN}, {@link FeatureNormalization#WARPING} or none.
 * </ol>
 *
 * <p><b>Parameters.</b> {@code mfcc} [{@link MfccOptions#defaults()}: 8 kHz, c1..c19 + Δ],
 * {@code vad} [{@link EnergyVad#defaults()}; {@link Builder#withoutVad()} disables it],
 * {@code normalization} [{@code MEAN_AND_VARIANCE}], {@code warping} [{@link
 * FeatureWarping#defaults()}, used only with {@code WARPING}].
 *
 * <p><b>Shapes.</b> Input: a signal at the MFCC sample rate. Output: T' × D, D =
 * {@link MfccOptions#dimension()}. A signal shorter than one window gives 0 × D.
 *
 * <p><b>Reproducibility and threads.</b> Immutable, deterministic and thread-safe. Utterances are
 * independent, so callers parallelise over files.
 *
 * @see Mfcc
 * @see EnergyVad
 * @see Cmvn
 * @see FeatureWarping
 */
public final class FrontEnd {

  private static final String OWNER = "FrontEnd";

  private final Mfcc mfcc;
  private final EnergyVad vad;
  private final FeatureNormalization normalization;
  private final FeatureWarping warping;

  private FrontEnd(Builder b) {
    this.mfcc = Mfcc.of(b.mfcc);
    this.vad = b.vad;
    this.normalization = b.normalization;
    this.warping = b.warping;
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the default front end (MFCC 19 + Δ, 30 dB/median VAD, CMVN) */
  public static FrontEnd defaults() {
    return builder().build();
  }

  /** @return the MFCC settings */
  public MfccOptions mfccOptions() {
    return mfcc.options();
  }

  /** @return the VAD, or empty when disabled */
  public Optional<EnergyVad> vad() {
    return Optional.ofNullable(vad);
  }

  /** @return the normalisation */
  public FeatureNormalization normalization() {
    return normalization;
  }

  /** @return the warping transform (used only with {@code WARPING}) */
  public FeatureWarping warping() {
    return warping;
  }

  /** @return D, the number of columns of every output */
  public int dimension() {
    return mfcc.dimension();
  }

  /**
   * Features of one utterance.
   *
   * @param signal a signal at the MFCC sample rate
   * @return T' × D features of the speech frames
   * @throws IllegalArgumentException if the sample rate differs from the MFCC options'
   */
  public Matrix extract(AudioSignal signal) {
    Matrix all = mfcc.compute(signal);
    Matrix kept = all;
    if (vad != null) {
      kept = EnergyVad.select(all, vad.speechFrames(mfcc.frameLogEnergies(signal)));
    }
    switch (normalization) {
      case MEAN:
        return Cmvn.meanOnly().transform(kept);
      case MEAN_AND_VARIANCE:
        return Cmvn.meanAndVariance().transform(kept);
      case WARPING:
        return warping.transform(kept);
      case NONE:
      default:
        return kept;
    }
  }

  /**
   * Reads a WAV file ({@link WavReader#read(Path)}, channels averaged) and extracts its
   * features.
   *
   * @param wav the file, at the MFCC sample rate
   * @return T' × D features
   * @throws IOException if the file cannot be read or is not a supported WAV file
   * @throws IllegalArgumentException if its sample rate differs from the MFCC options'
   */
  public Matrix extract(Path wav) throws IOException {
    return extract(WavReader.read(wav));
  }

  /** @return the settings */
  @Override
  public String toString() {
    return OWNER + "[" + mfcc.options() + ", vad=" + (vad == null ? "none" : vad.toString())
        + ", normalization=" + normalization
        + (normalization == FeatureNormalization.WARPING ? ", " + warping : "") + "]";
  }

  /** Builder of {@link FrontEnd}. */
  public static final class Builder {
    private MfccOptions mfcc = MfccOptions.defaults();
    private EnergyVad vad = EnergyVad.defaults();
    private FeatureNormalization normalization = FeatureNormalization.MEAN_AND_VARIANCE;
    private FeatureWarping warping = FeatureWarping.defaults();

    private Builder() {}

    /**
     * @param options MFCC settings; {@link MfccOptions#defaults()} unless set
     * @return this builder
     */
    public Builder mfcc(MfccOptions options) {
      this.mfcc = Objects.requireNonNull(options, "mfcc");
      return this;
    }

    /**
     * @param detector the voice activity detector; {@link EnergyVad#defaults()} unless set
     * @return this builder
     */
    public Builder vad(EnergyVad detector) {
      this.vad = Objects.requireNonNull(detector, "vad");
      return this;
    }

    /**
     * Keeps every frame (no voice activity detection).
     *
     * @return this builder
     */
    public Builder withoutVad() {
      this.vad = null;
      return this;
    }

    /**
     * @param mode per-utterance normalisation (default MEAN_AND_VARIANCE)
     * @return this builder
     */
    public Builder normalization(FeatureNormalization mode) {
      this.normalization = Objects.requireNonNull(mode, "normalization");
      return this;
    }

    /**
     * Selects {@link FeatureNormalization#WARPING} with the given transform.
     *
     * @param transform the warping (window length)
     * @return this builder
     */
    public Builder warping(FeatureWarping transform) {
      this.warping = Objects.requireNonNull(transform, "warping");
      this.normalization = FeatureNormalization.WARPING;
      return this;
    }

    /** @return the front end */
    public FrontEnd build() {
      return new FrontEnd(this);
    }
  }
}
