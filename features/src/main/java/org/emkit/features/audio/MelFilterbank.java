package org.emkit.features.audio;

/**
 * Triangular filters equally spaced on the mel scale, stored sparsely (first bin and weights of
 * each filter). Package-private kernel of {@link Mfcc}.
 *
 * <p>mel(f) = 2595 log10(1 + f / 700) (O'Shaughnessy; HTK and sphinx). With M filters over
 * [lo, hi], the edges are \( e_m = \mathrm{mel}^{-1}(\mathrm{mel}(lo) + m\,\Delta) \),
 * \( \Delta = (\mathrm{mel}(hi) - \mathrm{mel}(lo)) / (M + 1) \), m = 0..M+1. Filter m
 * (0-based) rises from e_m to 1 at e_{m+1} and falls to 0 at e_{m+2}; its weight at FFT bin k
 * (frequency f_k = k · sampleRate / fftSize, k = 0..fftSize/2) is
 * \( \min\!\big(\frac{f_k - e_m}{e_{m+1} - e_m}, \frac{e_{m+2} - f_k}{e_{m+2} - e_{m+1}}\big) \)
 * where positive, else 0 (unit peak height, edges not rounded to bins).
 */
final class MelFilterbank {

  /** Number of filters M. */
  final int numFilters;
  /** Number of power-spectrum bins, fftSize / 2 + 1. */
  final int numBins;
  /** First bin of each filter. */
  final int[] start;
  /** Number of bins of each filter. */
  final int[] width;
  /** Offset of each filter's weights in {@link #weights}. */
  final int[] offset;
  /** Concatenated non-zero weights. */
  final double[] weights;
  /** Edge frequencies e_0..e_{M+1} in Hz. */
  final double[] edges;

  private MelFilterbank(int numFilters, int numBins, int[] start, int[] width, int[] offset,
      double[] weights, double[] edges) {
    this.numFilters = numFilters;
    this.numBins = numBins;
    this.start = start;
    this.width = width;
    this.offset = offset;
    this.weights = weights;
    this.edges = edges;
  }

  /** @return mel(hz) = 2595 log10(1 + hz / 700) */
  static double hzToMel(double hz) {
    return 2595.0 * Math.log10(1.0 + hz / 700.0);
  }

  /** @return the inverse of {@link #hzToMel} */
  static double melToHz(double mel) {
    return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
  }

  /**
   * Weight of one filter at one frequency (the dense formula; also used to build the sparse
   * form).
   */
  static double weight(double[] edges, int m, double f) {
    double lo = edges[m];
    double mid = edges[m + 1];
    double hi = edges[m + 2];
    if (f <= lo || f >= hi) {
      return 0.0;
    }
    return f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
  }

  static MelFilterbank create(MfccOptions o) {
    int m = o.numFilters();
    int n = o.fftSize();
    int bins = n / 2 + 1;
    double melLo = hzToMel(o.lowFrequency());
    double melHi = hzToMel(o.highFrequency());
    double step = (melHi - melLo) / (m + 1);
    double[] edges = new double[m + 2];
    for (int i = 0; i < m + 2; i++) {
      edges[i] = melToHz(melLo + i * step);
    }
    edges[0] = o.lowFrequency();
    edges[m + 1] = o.highFrequency();
    double binHz = (double) o.sampleRate() / n;
    int[] start = new int[m];
    int[] width = new int[m];
    int[] offset = new int[m];
    double[] buffer = new double[m * bins];
    int used = 0;
    for (int f = 0; f < m; f++) {
      int first = -1;
      int last = -1;
      for (int k = 0; k < bins; k++) {
        if (weight(edges, f, k * binHz) > 0) {
          if (first < 0) {
            first = k;
          }
          last = k;
        }
      }
      if (first < 0) {
        throw new IllegalArgumentException("MfccOptions.Builder.build: numFilters = " + m
            + " leaves mel filter " + f + " (" + edges[f] + " to " + edges[f + 2]
            + " Hz) without an FFT bin (bin spacing " + binHz
            + " Hz); use fewer filters, a wider band or a larger fftSize");
      }
      start[f] = first;
      width[f] = last - first + 1;
      offset[f] = used;
      for (int k = first; k <= last; k++) {
        buffer[used++] = weight(edges, f, k * binHz);
      }
    }
    double[] weights = new double[used];
    System.arraycopy(buffer, 0, weights, 0, used);
    return new MelFilterbank(m, bins, start, width, offset, weights, edges);
  }

  /**
   * out[m] = Σ_k w_mk · power[k].
   *
   * @param power power spectrum, length {@link #numBins}; read
   * @param out filter energies, length {@link #numFilters}; written
   */
  void apply(double[] power, double[] out) {
    final double[] w = weights;
    for (int f = 0; f < numFilters; f++) {
      // out[f] = sum_{j < width[f]} w[offset[f] + j] * power[start[f] + j]
      int s = start[f];
      int o = offset[f];
      int len = width[f];
      double acc = 0.0;
      for (int j = 0; j < len; j++) {
        acc += w[o + j] * power[s + j];
      }
      out[f] = acc;
    }
  }

  /**
   * The dense M × numBins weight matrix (for tests and inspection).
   *
   * @return row-major weights
   */
  double[] dense() {
    double[] d = new double[numFilters * numBins];
    for (int f = 0; f < numFilters; f++) {
      for (int j = 0; j < width[f]; j++) {
        d[f * numBins + start[f] + j] = weights[offset[f] + j];
      }
    }
    return d;
  }
}
