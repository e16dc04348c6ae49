package org.emkit.features.audio;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * Energy-based voice activity detection: keeps the frames that are loud relative to the same
 * utterance.
 *
 * <p><b>Model.</b> With frame energies in decibels \( e_t = 10\log_{10} E_t \) (E_t the raw
 * frame energy of {@link Mfcc#frameLogEnergies(double[])}), frame t is speech iff
 * \[ e_t \ge \max_s e_s - R \quad\text{and}\quad e_t \ge \operatorname{median}_s e_s - \varepsilon \]
 * with R = {@code dynamicRangeDb} and ε = {@code medianMarginDb}. The first condition drops
 * silence far below the loudest frame; the second keeps the decision sensible when the noise
 * floor lies within R of the peak (noisy channels), by keeping at most the louder part of the
 * utterance. The loudest frame always qualifies, so a non-empty utterance keeps at least one
 * frame. The decision is relative, so it does not depend on the signal's scale.
 *
 * <p><b>Parameters.</b> {@code dynamicRangeDb} [30 dB], in (0, inf). {@code medianMarginDb}
 * [0 dB], in [0, inf]: 0 keeps at most the louder half of the frames (plus ties with the
 * median); {@code Double.POSITIVE_INFINITY} disables the median condition.
 *
 * <p><b>Shapes.</b> T log energies in, T booleans out; {@link #select} keeps the rows of a
 * T × D matrix where the mask is true.
 *
 * <p><b>Reproducibility and threads.</b> Immutable, deterministic and thread-safe.
 *
 * <p><b>Compatibility.</b> The rule of the DebVox prototype (30 dB below the maximum and above
 * the median). bob.bio.spear's {@code Energy_2Gauss} fits a two-Gaussian model instead; Kaldi's
 * {@code compute-vad} thresholds against the mean log energy.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>D. A. Reynolds, T. F. Quatieri, R. B. Dunn, "Speaker verification using adapted Gaussian
 *       mixture models", Digital Signal Processing 10(1–3):19–41, 2000 (energy-based speech
 *       detection before GMM-UBM scoring). https://doi.org/10.1006/dspr.1999.0361
 * </ol>
 *
 * @see Mfcc#frameLogEnergies(double[])
 * @see FrontEnd
 */
public final class EnergyVad {

  private static final String OWNER = "EnergyVad";

  /** Default dynamic range: frames more than 30 dB below the loudest are silence. */
  public static final double DEFAULT_DYNAMIC_RANGE_DB = 30.0;
  /** Default median margin: keep frames at or above the median energy. */
  public static final double DEFAULT_MEDIAN_MARGIN_DB = 0.0;

  /** 10 / ln 10: natural-log energy to decibels. */
  private static final double DB_PER_NEPER_OF_POWER = 10.0 / Math.log(10.0);

  private final double dynamicRangeDb;
  private final double medianMarginDb;

  private EnergyVad(Builder b) {
    String owner = OWNER + ".Builder.build";
    dynamicRangeDb = Check.positive(owner, "dynamicRangeDb", b.dynamicRangeDb);
    if (!(b.medianMarginDb >= 0)) {
      throw new IllegalArgumentException(
          owner + ": medianMarginDb must be in [0, inf], got " + b.medianMarginDb);
    }
    medianMarginDb = b.medianMarginDb;
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the default detector (30 dB range, median margin 0 dB) */
  public static EnergyVad defaults() {
    return builder().build();
  }

  /** @return R in dB */
  public double dynamicRangeDb() {
    return dynamicRangeDb;
  }

  /** @return ε in dB ({@code +inf} when the median condition is off) */
  public double medianMarginDb() {
    return medianMarginDb;
  }

  /**
   * Speech/non-speech decision per frame.
   *
   * @param logEnergies T natural-log frame energies; finite; not modified
   * @return T flags, true for speech
   * @throws IllegalArgumentException if an energy is not finite
   */
  public boolean[] speechFrames(double[] logEnergies) {
    Check.finite(OWNER + ".speechFrames", "logEnergies", logEnergies);
    int t = logEnergies.length;
    boolean[] keep = new boolean[t];
    if (t == 0) {
      return keep;
    }
    double[] sorted = logEnergies.clone();
    Arrays.sort(sorted);
    double max = sorted[t - 1];
    double median = (t % 2 == 1) ? sorted[t / 2] : 0.5 * (sorted[t / 2 - 1] + sorted[t / 2]);
    double maxDb = DB_PER_NEPER_OF_POWER * max;
    double medianDb = DB_PER_NEPER_OF_POWER * median;
    for (int i = 0; i < t; i++) {
      double e = DB_PER_NEPER_OF_POWER * logEnergies[i];
      keep[i] = e >= maxDb - dynamicRangeDb && e >= medianDb - medianMarginDb;
    }
    return keep;
  }

  /**
   * Keeps the rows of {@code x} whose flag is true.
   *
   * @param x T × D features; not modified
   * @param keep T flags
   * @return (number of true flags) × D, rows in their original order
   * @throws DimensionMismatchException if {@code keep.length != x.rows()}
   */
  public static Matrix select(Matrix x, boolean[] keep) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(keep, "keep");
    if (keep.length != x.rows()) {
      throw new DimensionMismatchException(OWNER + ".select: keep has length "
          + keep.length + " but x has " + x.rows() + " rows");
    }
    int count = 0;
    for (boolean k : keep) {
      count += k ? 1 : 0;
    }
    int[] rows = new int[count];
    for (int i = 0, r = 0; i < keep.length; i++) {
      if (keep[i]) {
        rows[r++] = i;
      }
    }
    return x.selectRows(rows);
  }

  /** @return the settings */
  @Override
  public String toString() {
    return "EnergyVad[dynamicRangeDb=" + dynamicRangeDb + ", medianMarginDb=" + medianMarginDb
        + "]";
  }

  /** Builder of {@link EnergyVad}; {@link #build()} validates. */
  public static final class Builder {
    private double dynamicRangeDb = DEFAULT_DYNAMIC_RANGE_DB;
    private double medianMarginDb = DEFAULT_MEDIAN_MARGIN_DB;

    private Builder() {}

    /**
     * @param db R: frames more than R dB below the loudest are dropped (default 30)
     * @return this builder
     */
    public Builder dynamicRangeDb(double db) {
      this.dynamicRangeDb = db;
      return this;
    }

    /**
     * @param db ε: frames more than ε dB below the median are dropped; {@code +inf} disables
     *     the condition (default 0)
     * @return this builder
     */
    public Builder medianMarginDb(double db) {
      this.medianMarginDb = db;
      return this;
    }

    /**
     * @return the detector
     * @throws IllegalArgumentException naming the invalid setting and its value
     */
    public EnergyVad build() {
      return new EnergyVad(this);
    }
  }
}
