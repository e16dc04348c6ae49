package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.emkit.core.Matrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MFCC against CMU sphinx_fe (Debian {@code sphinxbase-utils}) on real speech: an Asterisk
 * prompt by Allison Smith from Debian {@code asterisk-core-sounds-en-wav} (16.4 s, 8 kHz PCM16).
 * Both are required: the test fails, never skips, when either is missing.
 *
 * <p>Matched parameters: 8 kHz, pre-emphasis 0.97, 20 ms Hamming window (160 samples), 10 ms
 * shift, FFT 256, 24 mel filters over 0–4000 Hz, no dither, no DC removal, no noise or silence
 * removal, no lifter, orthonormal DCT ({@code -transform dct}), filter edges not rounded to FFT
 * bins and unit-height filters ({@code -round_filters no -unit_area no}). The remaining
 * differences are sphinx's float32 arithmetic and one extra zero-padded frame that sphinx emits
 * for the trailing partial window (the comparison uses the frames both have).
 *
 * <p>Other sphinx_fe conventions are checked to differ exactly as explained in {@link Mfcc}:
 * {@code -unit_area yes} adds log(2 / (e_{m+2} − e_m)) to each log mel energy, a constant offset
 * per coefficient; {@code -transform legacy} is a DCT scaled by 1/M whose first filter has half
 * weight (not a rescaling of the orthonormal DCT); {@code -round_filters yes} snaps the filter
 * edges to the 31.25 Hz FFT grid. Correlations are appended to
 * {@code target/sphinx-fe-correlation.txt}.
 */
@Tag("parity")
class SphinxFeCompatibilityTest {

  /** The speech file: one Asterisk prompt from {@code asterisk-core-sounds-en-wav}. */
  static final Path SPEECH =
      Path.of("/usr/share/asterisk/sounds/en_US_f_Allison/vm-options.wav");

  private static final int NCEP = 20;
  private static final int M = 24;

  private static final String[] COMMON = {
    "-samprate", "8000", "-nfft", "256", "-wlen", "0.02", "-frate", "100", "-nfilt", "24",
    "-lowerf", "0", "-upperf", "4000", "-alpha", "0.97", "-dither", "no", "-remove_dc", "no",
    "-remove_noise", "no", "-remove_silence", "no", "-lifter", "0", "-input_endian", "little"
  };

  private static final MfccOptions OPTIONS =
      MfccOptions.builder().numCepstra(NCEP - 1).energy(EnergyTerm.C0).deltaOrder(0).build();

  private static Path speech() {
    assertTrue(Files.isRegularFile(SPEECH), SPEECH + " is missing; install it: apt-get install -y"
        + " --no-install-recommends asterisk-core-sounds-en-wav");
    return SPEECH;
  }

  private static String[] args(String transform, String roundFilters, String unitArea) {
    String[] extra = {"-transform", transform, "-round_filters", roundFilters, "-unit_area",
        unitArea};
    String[] all = new String[COMMON.length + extra.length];
    System.arraycopy(COMMON, 0, all, 0, COMMON.length);
    System.arraycopy(extra, 0, all, COMMON.length, extra.length);
    return all;
  }

  /** emkit c0..c19 in sphinx's order (emkit writes [c1..c19, c0]). */
  private static Matrix emkit(AudioSignal signal) {
    Matrix m = Mfcc.of(OPTIONS).compute(signal);
    double[] out = new double[m.rows() * NCEP];
    for (int t = 0; t < m.rows(); t++) {
      out[t * NCEP] = m.get(t, NCEP - 1);
      for (int q = 1; q < NCEP; q++) {
        out[t * NCEP + q] = m.get(t, q - 1);
      }
    }
    return Matrix.wrap(m.rows(), NCEP, out);
  }

  private static double[] column(Matrix m, int q, int frames) {
    double[] c = new double[frames];
    for (int t = 0; t < frames; t++) {
      c[t] = m.get(t, q);
    }
    return c;
  }

  private static double[] correlations(Matrix a, Matrix b, int frames) {
    double[] r = new double[NCEP];
    for (int q = 0; q < NCEP; q++) {
      r[q] = TestSignals.correlation(column(a, q, frames), column(b, q, frames));
    }
    return r;
  }

  @Test
  void matchedParametersGiveTheSameCepstraFrameByFrame(@TempDir Path tmp) throws Exception {
    AudioSignal signal = WavReader.read(speech());
    Matrix ours = emkit(signal);
    Matrix theirs = SphinxFe.run(SPEECH, tmp.resolve("a.mfc"), NCEP, args("dct", "no", "no"));
    int expectedExtra = (signal.length() - 160) % 80 == 0 ? 0 : 1;
    assertEquals(ours.rows() + expectedExtra, theirs.rows(), "frame counts");
    int frames = ours.rows();
    double[] r = correlations(ours, theirs, frames);
    // Largest difference relative to the coefficient's spread over the utterance.
    double worst = 0;
    for (int q = 0; q < NCEP; q++) {
      double[] a = column(ours, q, frames);
      double[] b = column(theirs, q, frames);
      double sd = stdev(a);
      for (int t = 0; t < frames; t++) {
        worst = Math.max(worst, Math.abs(a[t] - b[t]) / sd);
      }
    }
    report("matched: -transform dct -round_filters no -unit_area no", r, frames,
        String.format(Locale.ROOT, "max |emkit - sphinx| / sd(c_q) = %.3g", worst));
    for (int q = 0; q < NCEP; q++) {
      assertTrue(r[q] > 0.99, "c" + q + " correlation " + r[q]);
      assertTrue(1 - r[q] < 1e-7, "c" + q + " correlation " + r[q] + " (float32 level expected)");
    }
    assertTrue(worst < 1e-2, "largest difference " + worst + " standard deviations");
  }

  @Test
  void unitAreaFiltersOnlyAddTheirLogAreaThroughTheDct(@TempDir Path tmp) throws Exception {
    AudioSignal signal = WavReader.read(speech());
    Mfcc mfcc = Mfcc.of(OPTIONS);
    Matrix ours = emkit(signal);
    Matrix theirs = SphinxFe.run(SPEECH, tmp.resolve("u.mfc"), NCEP, args("dct", "no", "yes"));
    int frames = ours.rows();
    // Unit-area filter m = unit-height filter * 2 / (e_{m+2} - e_m): log mel energy + log(...).
    double[] edges = mfcc.filterbank().edges;
    double[] offsets = new double[M];
    for (int m = 0; m < M; m++) {
      offsets[m] = Math.log(2.0 / (edges[m + 2] - edges[m]));
    }
    double[] r = correlations(ours, theirs, frames);
    report("-transform dct -round_filters no -unit_area yes", r, frames, "");
    for (int q = 0; q < NCEP; q++) {
      double predicted = 0;
      for (int m = 0; m < M; m++) {
        double basis = q == 0 ? Math.sqrt(1.0 / M)
            : Math.sqrt(2.0 / M) * Math.cos(Math.PI * q * (m + 0.5) / M);
        predicted += basis * offsets[m];
      }
      double[] a = column(ours, q, frames);
      double[] b = column(theirs, q, frames);
      // The median shift: frames of digital silence hit the log floor (-10) in both front ends,
      // where no offset is added, so the mean would be biased.
      double[] shift = new double[frames];
      for (int t = 0; t < frames; t++) {
        shift[t] = b[t] - a[t];
      }
      java.util.Arrays.sort(shift);
      double medianShift = shift[frames / 2];
      // sphinx computes the edges and areas in float32: relative agreement to ~1e-4.
      assertEquals(predicted, medianShift, 1e-3 + 1e-4 * Math.abs(predicted), "c" + q + " offset");
      assertTrue(r[q] > 0.9999, "c" + q + " correlation " + r[q]);
    }
  }

  @Test
  void legacyTransformIsTheHalfWeightFirstFilterDct(@TempDir Path tmp) throws Exception {
    AudioSignal signal = WavReader.read(speech());
    Mfcc mfcc = Mfcc.of(OPTIONS);
    Matrix logMel = mfcc.logMelSpectrum(signal.data());
    Matrix theirs = SphinxFe.run(SPEECH, tmp.resolve("l.mfc"), NCEP, args("legacy", "no", "no"));
    int frames = logMel.rows();
    // sphinx fe_spec2cep: c_q = (1/(2M)) sum_m beta_m cos(pi q (m + 1/2) / M) E_m, beta_0 = 1,
    // beta_m = 2 otherwise; c_0 = (E_0 / 2 + sum_{m>0} E_m) / M.
    double[] legacy = new double[frames * NCEP];
    for (int t = 0; t < frames; t++) {
      for (int q = 0; q < NCEP; q++) {
        double acc = 0;
        for (int m = 0; m < M; m++) {
          double beta = m == 0 ? 1 : 2;
          acc += beta * Math.cos(Math.PI * q * (m + 0.5) / M) * logMel.get(t, m);
        }
        legacy[t * NCEP + q] = acc / (2.0 * M);
      }
    }
    Matrix ours = Matrix.wrap(frames, NCEP, legacy);
    double[] r = correlations(ours, theirs, frames);
    double[] orthonormal = correlations(emkit(signal), theirs, frames);
    report("-transform legacy, emkit log mel through sphinx's legacy DCT", r, frames, "");
    report("-transform legacy vs emkit's orthonormal DCT (not a rescaling: first filter"
        + " has half weight)", orthonormal, frames, "");
    for (int q = 0; q < NCEP; q++) {
      assertTrue(r[q] > 0.99999, "c" + q + " correlation " + r[q]);
    }
  }

  @Test
  void roundedFilterEdgesAreTheOnlyDifferenceOfSphinxDefaults(@TempDir Path tmp)
      throws Exception {
    AudioSignal signal = WavReader.read(speech());
    Matrix ours = emkit(signal);
    Matrix theirs = SphinxFe.run(SPEECH, tmp.resolve("r.mfc"), NCEP, args("dct", "yes", "no"));
    int frames = ours.rows();
    double[] r = correlations(ours, theirs, frames);
    report("-transform dct -round_filters yes -unit_area no (edges snapped to FFT bins)", r,
        frames, "");
    // Snapping moves the narrow low filters (55-115 Hz wide) by up to half a 31.25 Hz bin: the
    // coefficients stay strongly but no longer exactly correlated.
    for (int q = 0; q < NCEP; q++) {
      assertTrue(r[q] > 0.95, "c" + q + " correlation " + r[q]);
    }
  }

  private static double stdev(double[] a) {
    double m = 0;
    for (double v : a) {
      m += v / a.length;
    }
    double s = 0;
    for (double v : a) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / a.length);
  }

  /** Appends the correlations to target/ for the record (tests must not print). */
  private static void report(String title, double[] r, int frames, String extra)
      throws IOException {
    double min = Double.POSITIVE_INFINITY;
    double mean = 0;
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(title).append("; ").append(SPEECH.getFileName()).append(", ")
        .append(frames).append(" frames\n");
    for (int q = 0; q < r.length; q++) {
      sb.append(String.format(Locale.ROOT, "c%d\t%.7f\t1-r=%.2e%n", q, r[q], 1 - r[q]));
      if (q > 0) {
        min = Math.min(min, r[q]);
        mean += r[q] / (r.length - 1);
      }
    }
    sb.append(String.format(Locale.ROOT, "c1..c19: min %.7f mean %.7f%n", min, mean));
    if (!extra.isEmpty()) {
      sb.append(extra).append('\n');
    }
    sb.append('\n');
    Path dir = Path.of("target");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("sphinx-fe-correlation.txt"), sb.toString(),
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
