package org.emkit.features.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.emkit.core.io.AtomicFiles;

/**
 * Writes an {@link AudioSignal} as a mono 16-bit PCM RIFF/WAVE file (44-byte canonical header).
 *
 * <p><b>Algorithm.</b> Each sample is rounded to the nearest integer (ties to even,
 * {@link Math#rint}); a value outside [−32768, 32767] after rounding is an error, never clipped
 * silently. Files are written atomically (temporary file, then rename) by
 * {@link AtomicFiles}.
 *
 * <p><b>Compatibility.</b> {@link WavReader} reads the output back bitwise for integer-valued
 * signals; sox, sphinx_fe and javax.sound read it as {@code WAVE_FORMAT_PCM}.
 *
 * <p><b>Reproducibility and threads.</b> Stateless static methods; thread-safe.
 *
 * @see WavReader
 */
public final class WavWriter {

  private static final String OWNER = "WavWriter";

  private WavWriter() {}

  /**
   * Encodes a signal as the bytes of a PCM16 WAV file.
   *
   * @param signal the signal; not modified
   * @return the file content: 44 header bytes then {@code 2 * signal.length()} data bytes
   * @throws IllegalArgumentException if a rounded sample is outside [−32768, 32767] (naming the
   *     sample index and value), or the file would exceed 4 GB
   */
  public static byte[] toBytes(AudioSignal signal) {
    Objects.requireNonNull(signal, "signal");
    double[] x = signal.data();
    long dataBytes = 2L * x.length;
    if (dataBytes + 36 > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(OWNER + ".toBytes: signal.length must be in [0, "
          + (0xFFFFFFFFL - 36) / 2 + "] for a RIFF file, got " + x.length);
    }
    byte[] out = new byte[(int) (44 + dataBytes)];
    putAscii(out, 0, "RIFF");
    putU32(out, 4, 36 + dataBytes);
    putAscii(out, 8, "WAVE");
    putAscii(out, 12, "fmt ");
    putU32(out, 16, 16);
    putU16(out, 20, WavReader.FORMAT_PCM);
    putU16(out, 22, 1);
    putU32(out, 24, signal.sampleRate());
    putU32(out, 28, 2L * signal.sampleRate());
    putU16(out, 32, 2);
    putU16(out, 34, 16);
    putAscii(out, 36, "data");
    putU32(out, 40, dataBytes);
    for (int i = 0; i < x.length; i++) {
      double v = Math.rint(x[i]);
      if (!(v >= Short.MIN_VALUE && v <= Short.MAX_VALUE)) {
        throw new IllegalArgumentException(OWNER + ".toBytes: signal[" + i
            + "] must be in [-32768, 32767] after rounding, got " + x[i]);
      }
      putU16(out, 44 + 2 * i, (int) v);
    }
    return out;
  }

  /**
   * Writes a signal to a PCM16 WAV file atomically, creating parent directories.
   *
   * @param file target file; replaced if it exists
   * @param signal the signal; not modified
   * @throws IllegalArgumentException as {@link #toBytes(AudioSignal)}
   * @throws IOException if writing fails (the target is then unchanged)
   */
  public static void write(Path file, AudioSignal signal) throws IOException {
    Objects.requireNonNull(file, "file");
    byte[] bytes = toBytes(signal);
    AtomicFiles.write(file, (AtomicFiles.StreamWriter) out -> out.write(bytes));
  }

  private static void putAscii(byte[] b, int at, String s) {
    for (int k = 0; k < 4; k++) {
      b[at + k] = (byte) s.charAt(k);
    }
  }

  private static void putU16(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >> 8);
  }

  private static void putU32(byte[] b, int at, long v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >> 8);
    b[at + 2] = (byte) (v >> 16);
    b[at + 3] = (byte) (v >> 24);
  }
}
