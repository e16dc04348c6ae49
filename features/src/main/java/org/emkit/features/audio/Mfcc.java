package org.emkit.features.audio;

import java.util.Objects;
import org.emkit.core.Matrix;

/**
 * Mel-frequency cepstral coefficients with optional energy and Δ/ΔΔ: the classic
 * speaker-recognition front end (Davis and Mermelstein 1980), configured by {@link MfccOptions}.
 *
 * <p><b>Model.</b> For frame t starting at sample tS (S = frame shift, W = window length, n =
 * FFT size, M filters, K cepstra):
 *
 * <pre>
 *   y_j   = (x_{tS+j} − α x_{tS+j−1}) · w_j,   j = 0..W−1, x_{−1} = 0, zero-padded to n
 *   w_j   = 0.54 − 0.46 cos(2πj / (W−1))                       (symmetric Hamming)
 *   P_k   = |Σ_j y_j e^{−2πijk/n}|²,            k = 0..n/2     (power spectrum)
 *   E_m   = ln max(Σ_k H_mk P_k, floor),        m = 0..M−1     (log mel energies)
 *   c_q   = √(2/M) Σ_m E_m cos(πq(m + ½)/M),    q = 1..K       (orthonormal DCT-II)
 * </pre>
 *
 * with the triangular mel filters H of unit peak described in the package documentation
 * ({@code mel(f) = 2595 log10(1 + f/700)}, edges not rounded to FFT bins). The energy term is
 * either the raw log energy \( \ln\max(\sum_{j &lt; W} x_{tS+j}^2, \text{floor}) \) of the frame
 * before pre-emphasis and windowing, or c0 = \( \sqrt{1/M}\sum_m E_m \).
 *
 * <p><b>Algorithm.</b> Window, filterbank (sparse), DCT matrix and FFT twiddles are computed
 * once when the instance is built. {@link #compute(double[])} allocates its scratch buffers and
 * the output once per call and nothing per frame. The FFT is a radix-2 real transform (complex
 * FFT of half length plus a split step). Only whole frames are produced:
 * T = 1 + ⌊(L − W)/S⌋ frames for L ≥ W samples, none otherwise (no padding of a last partial
 * frame, unlike sphinx_fe). Δ and ΔΔ are then added by {@link Deltas} over all T frames (before
 * any VAD, so the regression sees true neighbours). There is no dithering, so the output is a
 * deterministic function of the input.
 *
 * <p><b>Shapes.</b> Input: L samples at {@link MfccOptions#sampleRate()}, in 16-bit PCM units.
 * Output: T × D row-major, D = {@link MfccOptions#dimension()}; each row is
 * [c1..cK, energy?, Δ(c1..cK, energy?)?, ΔΔ(...)?]. With the defaults D = 38 (c1..c19 and Δ).
 *
 * <p><b>Reproducibility and threads.</b> Immutable; thread-safe (each call owns its scratch).
 * Results are bitwise reproducible on one JVM and platform.
 *
 * <p><b>Compatibility.</b> With {@code EnergyTerm.C0}, c0..c19 equal the output of
 * {@code sphinx_fe -transform dct -lifter 0 -round_filters no -unit_area no -remove_noise no
 * -remove_silence no -dither no} with the same rate, window, shift, FFT, filters and band, frame
 * for frame, up to sphinx's single-precision arithmetic (per-coefficient correlation 1 − r below
 * 1e−7 on speech; see {@code SphinxFeCompatibilityTest}). sphinx_fe's defaults differ in three
 * ways: {@code -unit_area yes} scales filter m by 2/(e_{m+2} − e_m), which adds a constant to each
 * log mel energy and hence to each coefficient; {@code -transform legacy} divides the DCT by M and
 * gives the first filter half weight, which is not a rescaling of the orthonormal DCT (correlation
 * with it drops to about 0.93 for the higher cepstra, because the 0–115 Hz filter carries little
 * and erratic energy); {@code -round_filters yes} snaps the filter edges to the FFT grid
 * (correlation 0.98–1.0). bob.bio.spear's {@code Cepstral} has the same stages; its filter
 * normalisation, DCT scaling ({@code dct_norm}) and energy term are its own.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>S. B. Davis, P. Mermelstein, "Comparison of parametric representations for monosyllabic
 *       word recognition in continuously spoken sentences", IEEE Transactions on Acoustics,
 *       Speech, and Signal Processing 28(4):357–366, 1980. https://doi.org/10.1109/TASSP.1980.1163420
 *   <li>S. Young et al., "The HTK Book (for HTK version 3.4)", Cambridge University Engineering
 *       Department, 2006, §5.6 (filterbank, cepstra, deltas).
 *   <li>H. V. Sorensen, D. L. Jones, M. T. Heideman, C. S. Burrus, "Real-valued fast Fourier
 *       transform algorithms", IEEE Transactions on Acoustics, Speech, and Signal Processing
 *       35(6):849–863, 1987. https://doi.org/10.1109/TASSP.1987.1165220
 * </ol>
 *
 * @see MfccOptions
 * @see Deltas
 * @see EnergyVad
 * @see FrontEnd
 */
public final class Mfcc {

  private static final String OWNER = "Mfcc";

  private final MfccOptions options;
  private final double[] window;
  private final MelFilterbank filterbank;
  private final RealFft fft;
  /** Rows: c1..cK, then c0 if EnergyTerm.C0; columns: the M filters. */
  private final double[] dct;
  private final int dctRows;

  private Mfcc(MfccOptions options) {
    this.options = options;
    int w = options.windowLength();
    window = new double[w];
    for (int j = 0; j < w; j++) {
      window[j] = 0.54 - 0.46 * Math.cos(2 * Math.PI * j / (w - 1));
    }
    filterbank = MelFilterbank.create(options);
    fft = new RealFft(options.fftSize());
    int m = options.numFilters();
    int k = options.numCepstra();
    dctRows = k + (options.energy() == EnergyTerm.C0 ? 1 : 0);
    dct = new double[dctRows * m];
    double scale = Math.sqrt(2.0 / m);
    for (int q = 1; q <= k; q++) {
      for (int j = 0; j < m; j++) {
        dct[(q - 1) * m + j] = scale * Math.cos(Math.PI * q * (j + 0.5) / m);
      }
    }
    if (options.energy() == EnergyTerm.C0) {
      double c0 = Math.sqrt(1.0 / m);
      for (int j = 0; j < m; j++) {
        dct[k * m + j] = c0;
      }
    }
  }

  /**
   * @param options the settings
   * @return an MFCC extractor with precomputed tables
   */
  public static Mfcc of(MfccOptions options) {
    return new Mfcc(Objects.requireNonNull(options, "options"));
  }

  /** @return an extractor with {@link MfccOptions#defaults()} */
  public static Mfcc defaults() {
    return of(MfccOptions.defaults());
  }

  /** @return the settings */
  public MfccOptions options() {
    return options;
  }

  /** @return the output dimension D */
  public int dimension() {
    return options.dimension();
  }

  /**
   * @param numSamples signal length L, {@code >= 0}
   * @return T = 1 + ⌊(L − W)/S⌋ for L ≥ W, else 0
   */
  public int numFrames(int numSamples) {
    if (numSamples < 0) {
      throw new IllegalArgumentException(OWNER + ".numFrames: numSamples must be in [0, inf), got "
          + numSamples);
    }
    int w = options.windowLength();
    return numSamples < w ? 0 : 1 + (numSamples - w) / options.frameShift();
  }

  /**
   * Features of a signal.
   *
   * @param signal a signal at {@link MfccOptions#sampleRate()}
   * @return T × D features (see the class documentation for the column order)
   * @throws IllegalArgumentException if the sample rate differs from the options'
   */
  public Matrix compute(AudioSignal signal) {
    return compute(checkRate(signal, "compute").data());
  }

  /**
   * Features of samples taken at {@link MfccOptions#sampleRate()}.
   *
   * @param samples the samples in 16-bit PCM units; read, not modified
   * @return T × D features
   * @throws IllegalArgumentException if a sample is not finite
   */
  public Matrix compute(double[] samples) {
    Matrix statics = staticFeatures(samples);
    if (options.deltaOrder() == 0) {
      return statics;
    }
    return Deltas.append(statics, options.deltaOrder(), options.deltaWindow());
  }

  /**
   * Static features only (no Δ): c1..cK and the energy term.
   *
   * @param samples the samples; read
   * @return T × {@link MfccOptions#staticDimension()}
   * @throws IllegalArgumentException if a sample is not finite
   */
  public Matrix staticFeatures(double[] samples) {
    requireFinite(samples, "staticFeatures");
    final int frames = numFrames(samples.length);
    final int w = options.windowLength();
    final int shift = options.frameShift();
    final int n = options.fftSize();
    final int m = options.numFilters();
    final int k = options.numCepstra();
    final int ds = options.staticDimension();
    final double floor = options.energyFloor();
    final boolean logEnergy = options.energy() == EnergyTerm.LOG_ENERGY;
    final double[] basis = dct;
    final int rows = dctRows;

    double[] out = new double[Math.multiplyExact(frames, ds)];
    double[] frame = new double[n];
    double[] zr = new double[n / 2];
    double[] zi = new double[n / 2];
    double[] power = new double[n / 2 + 1];
    double[] mel = new double[m];

    for (int t = 0; t < frames; t++) {
      int s0 = t * shift;
      logMel(samples, s0, frame, zr, zi, power, mel);
      int o = t * ds;
      // c_q = sum_f basis[q][f] * logMel[f] for the K cepstra (and c0 last if requested).
      for (int r = 0; r < rows; r++) {
        int b = r * m;
        double acc = 0.0;
        for (int f = 0; f < m; f++) {
          acc += basis[b + f] * mel[f];
        }
        out[o + r] = acc;
      }
      if (logEnergy) {
        out[o + k] = rawLogEnergy(samples, s0, w, floor);
      }
    }
    return Matrix.wrap(frames, ds, out);
  }

  /**
   * One frame up to the log mel energies: pre-emphasis, window, power spectrum, filterbank, log.
   * Writes {@code frame[0..W)} (the rest stays zero), the scratch {@code zr, zi}, {@code power}
   * and {@code mel}; allocates nothing.
   */
  private void logMel(double[] samples, int s0, double[] frame, double[] zr, double[] zi,
      double[] power, double[] mel) {
    final int w = options.windowLength();
    final double alpha = options.preEmphasis();
    final double floor = options.energyFloor();
    final double[] win = window;
    // y_j = (x_{s0+j} - alpha * x_{s0+j-1}) * w_j with x_{-1} = 0.
    double previous = s0 > 0 ? samples[s0 - 1] : 0.0;
    for (int j = 0; j < w; j++) {
      double x = samples[s0 + j];
      frame[j] = (x - alpha * previous) * win[j];
      previous = x;
    }
    fft.power(frame, zr, zi, power);
    filterbank.apply(power, mel);
    for (int f = 0; f < mel.length; f++) {
      mel[f] = Math.log(Math.max(mel[f], floor));
    }
  }

  /** T × M log mel energies (before the DCT), for tests. */
  Matrix logMelSpectrum(double[] samples) {
    int frames = numFrames(samples.length);
    int n = options.fftSize();
    int m = options.numFilters();
    double[] out = new double[frames * m];
    double[] frame = new double[n];
    double[] zr = new double[n / 2];
    double[] zi = new double[n / 2];
    double[] power = new double[n / 2 + 1];
    double[] mel = new double[m];
    for (int t = 0; t < frames; t++) {
      logMel(samples, t * options.frameShift(), frame, zr, zi, power, mel);
      System.arraycopy(mel, 0, out, t * m, m);
    }
    return Matrix.wrap(frames, m, out);
  }

  /** Power spectrum P_0..P_{n/2} of frame t, for tests. */
  double[] framePowerSpectrum(double[] samples, int t) {
    int n = options.fftSize();
    double[] frame = new double[n];
    double[] power = new double[n / 2 + 1];
    logMel(samples, t * options.frameShift(), frame, new double[n / 2], new double[n / 2], power,
        new double[options.numFilters()]);
    return power;
  }

  /**
   * Raw log energy of every frame, \( \ln\max(\sum_{j &lt; W} x_{tS+j}^2, \text{floor}) \), before
   * pre-emphasis and windowing: the input of {@link EnergyVad}, aligned with the rows of
   * {@link #compute(double[])}.
   *
   * @param samples the samples; read
   * @return T natural-log energies
   * @throws IllegalArgumentException if a sample is not finite
   */
  public double[] frameLogEnergies(double[] samples) {
    requireFinite(samples, "frameLogEnergies");
    int frames = numFrames(samples.length);
    double[] out = new double[frames];
    for (int t = 0; t < frames; t++) {
      out[t] = rawLogEnergy(samples, t * options.frameShift(), options.windowLength(),
          options.energyFloor());
    }
    return out;
  }

  /**
   * @param signal a signal at {@link MfccOptions#sampleRate()}
   * @return T natural-log frame energies (see {@link #frameLogEnergies(double[])})
   */
  public double[] frameLogEnergies(AudioSignal signal) {
    return frameLogEnergies(checkRate(signal, "frameLogEnergies").data());
  }

  /** The symmetric Hamming window, for tests. */
  double[] window() {
    return window.clone();
  }

  MelFilterbank filterbank() {
    return filterbank;
  }

  RealFft fft() {
    return fft;
  }

  /** The DCT rows (c1..cK, then c0 if requested) × M filters, for tests. */
  double[] dctMatrix() {
    return dct.clone();
  }

  private static double rawLogEnergy(double[] x, int from, int length, double floor) {
    double e = 0.0;
    for (int j = from, end = from + length; j < end; j++) {
      e += x[j] * x[j];
    }
    return Math.log(Math.max(e, floor));
  }

  private AudioSignal checkRate(AudioSignal signal, String method) {
    Objects.requireNonNull(signal, "signal");
    if (signal.sampleRate() != options.sampleRate()) {
      throw new IllegalArgumentException(OWNER + "." + method + ": signal.sampleRate must be "
          + options.sampleRate() + " (MfccOptions.sampleRate), got " + signal.sampleRate()
          + "; resample first, e.g. sox in.wav -r " + options.sampleRate() + " out.wav");
    }
    return signal;
  }

  private static void requireFinite(double[] samples, String method) {
    Objects.requireNonNull(samples, "samples");
    for (int i = 0; i < samples.length; i++) {
      if (!Double.isFinite(samples[i])) {
        throw new IllegalArgumentException(OWNER + "." + method + ": samples[" + i + "] is "
            + samples[i] + "; inputs must be finite");
      }
    }
  }

  /** @return the options */
  @Override
  public String toString() {
    return "Mfcc[" + options + "]";
  }
}
