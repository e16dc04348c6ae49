package org.emkit.features.audio;

import java.util.Objects;
import org.emkit.core.validation.Check;

/**
 * Immutable settings of the {@link Mfcc} front end, made by a {@link Builder}.
 *
 * <p><b>Parameters</b> (defaults in brackets, as in each builder setter; they are those of the
 * DebVox speaker-verification prototype for 8 kHz speech, close to bob.bio.spear's
 * {@code Cepstral}: 20/10 ms frames, 24 filters over 0–4000 Hz, 19 cepstra, Δ over ±2 frames):
 *
 * <ul>
 *   <li>{@code sampleRate} [8000 Hz]: rate the signals must have, {@code >= 1}.
 *   <li>{@code preEmphasis} [0.97]: α of \( y_n = x_n - \alpha x_{n-1} \), in [0, 1); 0 turns it
 *       off.
 *   <li>{@code windowSeconds} [0.020 s] and {@code shiftSeconds} [0.010 s]: the Hamming window
 *       length and the frame shift. In samples they are rounded to the nearest integer
 *       ({@link #windowLength()} = 160, {@link #frameShift()} = 80 at 8 kHz); the window must
 *       hold at least 2 samples and the shift at least 1.
 *   <li>{@code fftSize} [the smallest power of two {@code >= windowLength}, 256 at 8 kHz]: must
 *       be a power of two {@code >= max(4, windowLength)}; the frame is zero-padded to it.
 *   <li>{@code numFilters} [24]: triangular mel filters, {@code >= 2}; every filter must cover at
 *       least one FFT bin with non-zero weight.
 *   <li>{@code lowFrequency} [0 Hz] and {@code highFrequency} [sampleRate / 2]: band edges of
 *       the filterbank, {@code 0 <= low < high <= sampleRate / 2}.
 *   <li>{@code numCepstra} [19]: K, the cepstra c1..cK kept (c0 is not among them), in
 *       [1, numFilters − 1].
 *   <li>{@code energy} [{@link EnergyTerm#NONE}]: an energy coefficient appended after cK.
 *   <li>{@code deltaOrder} [1]: 0 = static only, 1 = static + Δ, 2 = static + Δ + ΔΔ.
 *   <li>{@code deltaWindow} [2]: the regression half-width M of {@link Deltas} (±M frames),
 *       {@code >= 1}.
 *   <li>{@code energyFloor} [e<sup>−10</sup> ≈ 4.54e−5, in squared 16-bit PCM units]: mel
 *       energies and frame energies are floored here before the logarithm, so every log value is
 *       {@code >= -10}, the value sphinx_fe substitutes for log 0. Must be in (0, inf).
 * </ul>
 *
 * <p>The output dimension is {@link #dimension()} = (K + [energy ≠ NONE]) · (1 + deltaOrder): 38
 * with the defaults.
 *
 * <p><b>Reproducibility and threads.</b> Immutable and thread-safe.
 *
 * @see Mfcc
 */
public final class MfccOptions {

  private static final String OWNER = "MfccOptions";

  /** Default sample rate: narrow-band telephone speech. */
  public static final int DEFAULT_SAMPLE_RATE = 8000;
  /** Default pre-emphasis coefficient (HTK, sphinx, bob.bio.spear). */
  public static final double DEFAULT_PRE_EMPHASIS = 0.97;
  /** Default window length: 20 ms, short enough for stationarity at typical pitch. */
  public static final double DEFAULT_WINDOW_SECONDS = 0.020;
  /** Default frame shift: 10 ms, i.e. 100 frames per second. */
  public static final double DEFAULT_SHIFT_SECONDS = 0.010;
  /** Default number of mel filters for a 4 kHz band. */
  public static final int DEFAULT_NUM_FILTERS = 24;
  /** Default number of cepstra c1..c19. */
  public static final int DEFAULT_NUM_CEPSTRA = 19;
  /** Default delta order: static + Δ (38 dimensions), as the DebVox prototype. */
  public static final int DEFAULT_DELTA_ORDER = 1;
  /** Default delta regression half-width: ±2 frames (HTK {@code DELTAWINDOW = 2}). */
  public static final int DEFAULT_DELTA_WINDOW = 2;
  /** Default energy floor e^-10: log values never go below sphinx_fe's log-zero value −10. */
  public static final double DEFAULT_ENERGY_FLOOR = Math.exp(-10.0);

  private final int sampleRate;
  private final double preEmphasis;
  private final double windowSeconds;
  private final double shiftSeconds;
  private final int windowLength;
  private final int frameShift;
  private final int fftSize;
  private final int numFilters;
  private final double lowFrequency;
  private final double highFrequency;
  private final int numCepstra;
  private final EnergyTerm energy;
  private final int deltaOrder;
  private final int deltaWindow;
  private final double energyFloor;

  private MfccOptions(Builder b) {
    String owner = OWNER + ".Builder.build";
    sampleRate = Check.atLeast(owner, "sampleRate", b.sampleRate, 1);
    preEmphasis = b.preEmphasis;
    if (!(preEmphasis >= 0 && preEmphasis < 1)) {
      throw new IllegalArgumentException(
          owner + ": preEmphasis must be in [0, 1), got " + preEmphasis);
    }
    windowSeconds = Check.positive(owner, "windowSeconds", b.windowSeconds);
    shiftSeconds = Check.positive(owner, "shiftSeconds", b.shiftSeconds);
    windowLength = (int) Math.min(Integer.MAX_VALUE, Math.round(windowSeconds * sampleRate));
    frameShift = (int) Math.min(Integer.MAX_VALUE, Math.round(shiftSeconds * sampleRate));
    if (windowLength < 2) {
      throw new IllegalArgumentException(owner + ": windowSeconds must give at least 2 samples"
          + " at sampleRate " + sampleRate + ", got " + windowSeconds + " (" + windowLength
          + " samples)");
    }
    if (frameShift < 1) {
      throw new IllegalArgumentException(owner + ": shiftSeconds must give at least 1 sample"
          + " at sampleRate " + sampleRate + ", got " + shiftSeconds + " (" + frameShift
          + " samples)");
    }
    int minFft = Math.max(4, windowLength);
    if (b.fftSize == null) {
      if (minFft > (1 << 30)) {
        throw new IllegalArgumentException(
            owner + ": windowSeconds gives a window of " + windowLength + " samples, too long");
      }
      fftSize = Integer.highestOneBit(minFft - 1) << 1;
    } else {
      int n = b.fftSize;
      if (n < minFft || Integer.bitCount(n) != 1) {
        throw new IllegalArgumentException(owner + ": fftSize must be a power of two in ["
            + minFft + ", inf) (at least the window length " + windowLength + " and 4), got "
            + n);
      }
      fftSize = n;
    }
    numFilters = Check.atLeast(owner, "numFilters", b.numFilters, 2);
    double nyquist = sampleRate / 2.0;
    lowFrequency = Check.inClosed(owner, "lowFrequency", b.lowFrequency, 0.0, nyquist);
    highFrequency = b.highFrequency == null ? nyquist : b.highFrequency;
    if (!(highFrequency > lowFrequency && highFrequency <= nyquist)) {
      throw new IllegalArgumentException(owner + ": highFrequency must be in (" + lowFrequency
          + ", " + nyquist + "] (above lowFrequency, at most sampleRate / 2), got "
          + highFrequency);
    }
    numCepstra = Check.inClosed(owner, "numCepstra", b.numCepstra, 1, numFilters - 1);
    energy = Objects.requireNonNull(b.energy, "energy");
    deltaOrder = Check.inClosed(owner, "deltaOrder", b.deltaOrder, 0, 2);
    deltaWindow = Check.atLeast(owner, "deltaWindow", b.deltaWindow, 1);
    energyFloor = Check.positive(owner, "energyFloor", b.energyFloor);
    MelFilterbank.create(this);
  }

  /** @return a builder holding the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the default options (8 kHz, 19 cepstra + Δ) */
  public static MfccOptions defaults() {
    return builder().build();
  }

  /** @return a builder initialised with these options */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sampleRate = sampleRate;
    b.preEmphasis = preEmphasis;
    b.windowSeconds = windowSeconds;
    b.shiftSeconds = shiftSeconds;
    b.fftSize = fftSize;
    b.numFilters = numFilters;
    b.lowFrequency = lowFrequency;
    b.highFrequency = highFrequency;
    b.numCepstra = numCepstra;
    b.energy = energy;
    b.deltaOrder = deltaOrder;
    b.deltaWindow = deltaWindow;
    b.energyFloor = energyFloor;
    return b;
  }

  /** @return samples per second */
  public int sampleRate() {
    return sampleRate;
  }

  /** @return the pre-emphasis coefficient α */
  public double preEmphasis() {
    return preEmphasis;
  }

  /** @return the window length in seconds as set */
  public double windowSeconds() {
    return windowSeconds;
  }

  /** @return the frame shift in seconds as set */
  public double shiftSeconds() {
    return shiftSeconds;
  }

  /** @return the window length in samples, {@code round(windowSeconds * sampleRate)} */
  public int windowLength() {
    return windowLength;
  }

  /** @return the frame shift in samples, {@code round(shiftSeconds * sampleRate)} */
  public int frameShift() {
    return frameShift;
  }

  /** @return the FFT length (a power of two) */
  public int fftSize() {
    return fftSize;
  }

  /** @return the number of mel filters */
  public int numFilters() {
    return numFilters;
  }

  /** @return the lower band edge in Hz */
  public double lowFrequency() {
    return lowFrequency;
  }

  /** @return the upper band edge in Hz */
  public double highFrequency() {
    return highFrequency;
  }

  /** @return K, the number of cepstra c1..cK */
  public int numCepstra() {
    return numCepstra;
  }

  /** @return the energy coefficient appended after cK */
  public EnergyTerm energy() {
    return energy;
  }

  /** @return 0, 1 (Δ) or 2 (Δ and ΔΔ) */
  public int deltaOrder() {
    return deltaOrder;
  }

  /** @return the delta regression half-width in frames */
  public int deltaWindow() {
    return deltaWindow;
  }

  /** @return the floor applied to energies before the logarithm */
  public double energyFloor() {
    return energyFloor;
  }

  /** @return the static dimension: K plus one if an energy term is appended */
  public int staticDimension() {
    return numCepstra + (energy == EnergyTerm.NONE ? 0 : 1);
  }

  /** @return the output dimension: {@code staticDimension() * (1 + deltaOrder)} */
  public int dimension() {
    return staticDimension() * (1 + deltaOrder);
  }

  /** @return every setting */
  @Override
  public String toString() {
    return "MfccOptions[sampleRate=" + sampleRate + ", preEmphasis=" + preEmphasis
        + ", windowLength=" + windowLength + ", frameShift=" + frameShift + ", fftSize=" + fftSize
        + ", numFilters=" + numFilters + ", lowFrequency=" + lowFrequency + ", highFrequency="
        + highFrequency + ", numCepstra=" + numCepstra + ", energy=" + energy + ", deltaOrder="
        + deltaOrder + ", deltaWindow=" + deltaWindow + ", energyFloor=" + energyFloor + "]";
  }

  /**
   * Value equality over all settings (seconds as set, derived sizes included).
   *
   * @param o the other object
   * @return whether every setting is equal
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MfccOptions)) {
      return false;
    }
    MfccOptions m = (MfccOptions) o;
    return sampleRate == m.sampleRate && Double.compare(preEmphasis, m.preEmphasis) == 0
        && Double.compare(windowSeconds, m.windowSeconds) == 0
        && Double.compare(shiftSeconds, m.shiftSeconds) == 0 && fftSize == m.fftSize
        && numFilters == m.numFilters && Double.compare(lowFrequency, m.lowFrequency) == 0
        && Double.compare(highFrequency, m.highFrequency) == 0 && numCepstra == m.numCepstra
        && energy == m.energy && deltaOrder == m.deltaOrder && deltaWindow == m.deltaWindow
        && Double.compare(energyFloor, m.energyFloor) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sampleRate, preEmphasis, windowSeconds, shiftSeconds, fftSize, numFilters,
        lowFrequency, highFrequency, numCepstra, energy, deltaOrder, deltaWindow, energyFloor);
  }

  /**
   * Mutable builder of {@link MfccOptions}; every setter returns {@code this}, and
   * {@link #build()} validates all settings.
   */
  public static final class Builder {
    private int sampleRate = DEFAULT_SAMPLE_RATE;
    private double preEmphasis = DEFAULT_PRE_EMPHASIS;
    private double windowSeconds = DEFAULT_WINDOW_SECONDS;
    private double shiftSeconds = DEFAULT_SHIFT_SECONDS;
    private Integer fftSize;
    private int numFilters = DEFAULT_NUM_FILTERS;
    private double lowFrequency;
    private Double highFrequency;
    private int numCepstra = DEFAULT_NUM_CEPSTRA;
    private EnergyTerm energy = EnergyTerm.NONE;
    private int deltaOrder = DEFAULT_DELTA_ORDER;
    private int deltaWindow = DEFAULT_DELTA_WINDOW;
    private double energyFloor = DEFAULT_ENERGY_FLOOR;

    private Builder() {}

    /**
     * @param hz sample rate of the input signals in Hz (default 8000)
     * @return this builder
     */
    public Builder sampleRate(int hz) {
      this.sampleRate = hz;
      return this;
    }

    /**
     * @param alpha pre-emphasis coefficient in [0, 1) (default 0.97)
     * @return this builder
     */
    public Builder preEmphasis(double alpha) {
      this.preEmphasis = alpha;
      return this;
    }

    /**
     * @param seconds Hamming window length in seconds (default 0.02)
     * @return this builder
     */
    public Builder windowSeconds(double seconds) {
      this.windowSeconds = seconds;
      return this;
    }

    /**
     * @param seconds frame shift in seconds (default 0.01)
     * @return this builder
     */
    public Builder shiftSeconds(double seconds) {
      this.shiftSeconds = seconds;
      return this;
    }

    /**
     * @param n FFT length, a power of two at least the window length (default 256 at the default
     *     window; in general the next power of two at or above the window length)
     * @return this builder
     */
    public Builder fftSize(int n) {
      this.fftSize = n;
      return this;
    }

    /**
     * @param n number of mel filters (default 24)
     * @return this builder
     */
    public Builder numFilters(int n) {
      this.numFilters = n;
      return this;
    }

    /**
     * @param hz lower filterbank edge in Hz (default 0)
     * @return this builder
     */
    public Builder lowFrequency(double hz) {
      this.lowFrequency = hz;
      return this;
    }

    /**
     * @param hz upper filterbank edge in Hz (default 4000.0 at the default rate; in general
     *     sampleRate / 2)
     * @return this builder
     */
    public Builder highFrequency(double hz) {
      this.highFrequency = hz;
      return this;
    }

    /**
     * @param k number of cepstra c1..ck (default 19)
     * @return this builder
     */
    public Builder numCepstra(int k) {
      this.numCepstra = k;
      return this;
    }

    /**
     * @param term energy coefficient appended after ck (default NONE)
     * @return this builder
     */
    public Builder energy(EnergyTerm term) {
      this.energy = Objects.requireNonNull(term, "energy");
      return this;
    }

    /**
     * @param order 0 (static), 1 (+Δ) or 2 (+Δ+ΔΔ) (default 1)
     * @return this builder
     */
    public Builder deltaOrder(int order) {
      this.deltaOrder = order;
      return this;
    }

    /**
     * @param frames regression half-width M in frames (default 2)
     * @return this builder
     */
    public Builder deltaWindow(int frames) {
      this.deltaWindow = frames;
      return this;
    }

    /**
     * @param floor floor before the log (default 4.5399929762484854E-5, i.e. e^-10), in
     *     squared 16-bit PCM units
     * @return this builder
     */
    public Builder energyFloor(double floor) {
      this.energyFloor = floor;
      return this;
    }

    /**
     * @return the validated options
     * @throws IllegalArgumentException naming the first invalid setting and its value
     */
    public MfccOptions build() {
      return new MfccOptions(this);
    }
  }
}
