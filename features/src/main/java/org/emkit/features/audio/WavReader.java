package org.emkit.features.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads RIFF/WAVE files into an {@link AudioSignal}: 16-bit linear PCM, 8-bit µ-law and 8-bit
 * A-law, in plain ({@code WAVE_FORMAT_PCM}, {@code _MULAW}, {@code _ALAW}) or
 * {@code WAVE_FORMAT_EXTENSIBLE} form, mono or multi-channel mixed down to mono.
 *
 * <p><b>Model.</b> PCM16 samples keep their integer values (full scale ±32768); µ-law and A-law
 * codes are expanded by ITU-T G.711 to the same 16-bit scale (±32124 and ±32256). A file with C
 * channels becomes one channel by {@link ChannelMixdown}: the mean of the C values of each frame
 * ({@link ChannelMixdown#AVERAGE}, the default, what {@code sox -c 1} does) or the first channel.
 *
 * <p><b>Algorithm.</b> The whole file is read into memory (a 15 s segment at 8 kHz is 240 kB).
 * Chunks are walked from byte 12: {@code fmt } must precede {@code data}; unknown chunks
 * ({@code fact}, {@code LIST}, {@code cue }, ...) are skipped, honouring the pad byte after an
 * odd-sized chunk. The RIFF size field is not trusted (many writers get it wrong); the
 * {@code data} chunk size is, and must fit in the file.
 *
 * <p><b>Errors.</b> Every problem is a {@link WavFormatException} naming the file, the byte
 * offset, what was expected and what was found: not RIFF or not WAVE, RIFX (big-endian) or
 * RF64 files, a {@code fmt } chunk shorter than 16 bytes, an unsupported encoding or sample size
 * (with the {@code sox} command that converts it), an inconsistent block alignment, a missing
 * {@code data} chunk, a {@code data} chunk that is truncated or not a whole number of frames.
 *
 * <p><b>Reproducibility and threads.</b> Stateless static methods; thread-safe.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>IBM and Microsoft, "Multimedia Programming Interface and Data Specifications 1.0",
 *       1991 (RIFF and the WAVE {@code fmt } chunk).
 *   <li>Microsoft, "WAVEFORMATEXTENSIBLE structure", Windows SDK documentation.
 *   <li>ITU-T Recommendation G.711, "Pulse code modulation (PCM) of voice frequencies", 1988.
 * </ol>
 *
 * @see AudioSignal
 * @see WavWriter
 */
public final class WavReader {

  /** {@code WAVE_FORMAT_PCM}. */
  static final int FORMAT_PCM = 0x0001;
  /** {@code WAVE_FORMAT_ALAW}. */
  static final int FORMAT_ALAW = 0x0006;
  /** {@code WAVE_FORMAT_MULAW}. */
  static final int FORMAT_MULAW = 0x0007;
  /** {@code WAVE_FORMAT_EXTENSIBLE}: the real format tag is in the sub-format GUID. */
  static final int FORMAT_EXTENSIBLE = 0xFFFE;

  /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID derived from a format tag. */
  private static final byte[] GUID_SUFFIX = {
    0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
    (byte) 0x9B, 0x71
  };

  private static final String HOW_TO_CONVERT =
      "; convert with: sox in.wav -r <rate> -c 1 -b 16 -e signed-integer out.wav";

  private WavReader() {}

  /**
   * Reads a WAV file, mixing multi-channel files down by {@link ChannelMixdown#AVERAGE}.
   *
   * @param file the file
   * @return the mono signal at the file's sample rate
   * @throws WavFormatException if the file is not a supported, complete WAV file
   * @throws IOException if the file cannot be read
   */
  public static AudioSignal read(Path file) throws IOException {
    return read(file, ChannelMixdown.AVERAGE);
  }

  /**
   * Reads a WAV file.
   *
   * @param file the file
   * @param mixdown how to make one channel out of several
   * @return the mono signal at the file's sample rate
   * @throws WavFormatException if the file is not a supported, complete WAV file
   * @throws IOException if the file cannot be read
   */
  public static AudioSignal read(Path file, ChannelMixdown mixdown) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(mixdown, "mixdown");
    return parse(Files.readAllBytes(file), file.toString(), mixdown);
  }

  /**
   * Reads a WAV stream to its end (the stream is not closed).
   *
   * @param in the stream
   * @param name the name used in error messages (for example the URL or resource name)
   * @param mixdown how to make one channel out of several
   * @return the mono signal
   * @throws WavFormatException if the content is not a supported, complete WAV file
   * @throws IOException if reading fails
   */
  public static AudioSignal read(InputStream in, String name, ChannelMixdown mixdown)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mixdown, "mixdown");
    return parse(in.readAllBytes(), name, mixdown);
  }

  /**
   * Parses the bytes of a WAV file.
   *
   * @param bytes the whole file; not modified
   * @param name the name used in error messages
   * @param mixdown how to make one channel out of several
   * @return the mono signal
   * @throws WavFormatException if the content is not a supported, complete WAV file
   */
  public static AudioSignal parse(byte[] bytes, String name, ChannelMixdown mixdown)
      throws WavFormatException {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mixdown, "mixdown");
    if (bytes.length < 12) {
      throw error(name, 0, "a 12-byte RIFF/WAVE header", bytes.length + " bytes in the file");
    }
    String riff = fourCc(bytes, 0);
    if (riff.equals("RIFX")) {
      throw error(name, 0, "little-endian RIFF", "big-endian RIFX, which is not supported"
          + HOW_TO_CONVERT);
    }
    if (riff.equals("RF64")) {
      throw error(name, 0, "RIFF", "RF64 (files over 4 GB are not supported)");
    }
    if (!riff.equals("RIFF")) {
      throw error(name, 0, "magic 'RIFF'", quoted(riff));
    }
    if (!fourCc(bytes, 8).equals("WAVE")) {
      throw error(name, 8, "form type 'WAVE'", quoted(fourCc(bytes, 8)));
    }
    Format fmt = null;
    int pos = 12;
    while (pos + 8 <= bytes.length) {
      String id = fourCc(bytes, pos);
      long size = u32(bytes, pos + 4);
      int body = pos + 8;
      if (id.equals("fmt ")) {
        if (size < 16) {
          throw error(name, pos + 4, "a 'fmt ' chunk of at least 16 bytes", size + " bytes");
        }
        if (body + size > bytes.length) {
          throw error(name, pos + 4, "a complete 'fmt ' chunk of " + size + " bytes",
              "only " + (bytes.length - body) + " bytes left (file truncated)");
        }
        fmt = parseFormat(bytes, body, (int) size, name);
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw error(name, pos, "a 'fmt ' chunk before the 'data' chunk", "'data' first");
        }
        long available = bytes.length - (long) body;
        if (size > available) {
          throw error(name, pos + 4, "a 'data' chunk of " + size + " bytes",
              "only " + available + " bytes left (file truncated)");
        }
        if (size % fmt.blockAlign != 0) {
          throw error(name, pos + 4, "a 'data' size that is a multiple of the block size "
              + fmt.blockAlign, size + " bytes (last frame truncated)");
        }
        return decode(bytes, body, (int) (size / fmt.blockAlign), fmt, mixdown);
      }
      long next = body + size + (size & 1);
      if (next > bytes.length) {
        throw error(name, pos + 4, "a complete '" + id.strip() + "' chunk of " + size + " bytes",
            "only " + (bytes.length - body) + " bytes left (file truncated)");
      }
      pos = (int) next;
    }
    throw error(name, pos, fmt == null ? "a 'fmt ' chunk" : "a 'data' chunk",
        "end of file (file truncated or not audio)");
  }

  /** The decoded {@code fmt } fields that matter. */
  private static final class Format {
    final int encoding;
    final int channels;
    final int sampleRate;
    final int blockAlign;

    Format(int encoding, int channels, int sampleRate, int blockAlign) {
      this.encoding = encoding;
      this.channels = channels;
      this.sampleRate = sampleRate;
      this.blockAlign = blockAlign;
    }
  }

  private static Format parseFormat(byte[] b, int at, int size, String name)
      throws WavFormatException {
    int tag = u16(b, at);
    int channels = u16(b, at + 2);
    long rate = u32(b, at + 4);
    int blockAlign = u16(b, at + 12);
    int bits = u16(b, at + 14);
    int encoding = tag;
    if (tag == FORMAT_EXTENSIBLE) {
      if (size < 40 || u16(b, at + 16) < 22) {
        throw error(name, at, "a WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk of 40 bytes with cbSize 22",
            size + " bytes");
      }
      int validBits = u16(b, at + 18);
      encoding = u16(b, at + 24);
      for (int k = 0; k < GUID_SUFFIX.length; k++) {
        if (b[at + 26 + k] != GUID_SUFFIX[k]) {
          throw error(name, at + 24, "a KSDATAFORMAT_SUBTYPE GUID for PCM, A-law or µ-law",
              "an unknown sub-format GUID" + HOW_TO_CONVERT);
        }
      }
      if (validBits != 0 && validBits != bits) {
        throw error(name, at + 18, "wValidBitsPerSample equal to wBitsPerSample " + bits,
            validBits + HOW_TO_CONVERT);
      }
    }
    int bytesPerSample;
    if (encoding == FORMAT_PCM) {
      if (bits != 16) {
        throw error(name, at + 14, "16 bits per sample for PCM", bits + HOW_TO_CONVERT);
      }
      bytesPerSample = 2;
    } else if (encoding == FORMAT_MULAW || encoding == FORMAT_ALAW) {
      if (bits != 8) {
        throw error(name, at + 14, "8 bits per sample for " + encodingName(encoding), bits
            + " bits");
      }
      bytesPerSample = 1;
    } else {
      throw error(name, at, "format tag 1 (PCM), 6 (A-law), 7 (µ-law) or 0xFFFE (extensible)",
          "format tag " + encoding + HOW_TO_CONVERT);
    }
    if (channels < 1) {
      throw error(name, at + 2, "at least 1 channel", channels + " channels");
    }
    if (rate < 1 || rate > Integer.MAX_VALUE) {
      throw error(name, at + 4, "a sample rate in [1, " + Integer.MAX_VALUE + "]", rate + " Hz");
    }
    if (blockAlign != channels * bytesPerSample) {
      throw error(name, at + 12, "block align = channels * bytes per sample = "
          + channels * bytesPerSample, String.valueOf(blockAlign));
    }
    return new Format(encoding, channels, (int) rate, blockAlign);
  }

  private static AudioSignal decode(byte[] b, int at, int frames, Format f,
      ChannelMixdown mixdown) {
    double[] out = new double[frames];
    int channels = f.channels;
    int used = mixdown == ChannelMixdown.AVERAGE ? channels : 1;
    int bytesPerSample = f.blockAlign / channels;
    for (int i = 0; i < frames; i++) {
      int frameStart = at + i * f.blockAlign;
      double sum = 0;
      for (int c = 0; c < used; c++) {
        int p = frameStart + c * bytesPerSample;
        sum += sampleAt(b, p, f.encoding);
      }
      out[i] = used == 1 ? sum : sum / used;
    }
    return AudioSignal.wrap(out, f.sampleRate);
  }

  private static double sampleAt(byte[] b, int p, int encoding) {
    if (encoding == FORMAT_PCM) {
      return (short) ((b[p] & 0xFF) | (b[p + 1] << 8));
    }
    return encoding == FORMAT_MULAW ? G711.ULAW[b[p] & 0xFF] : G711.ALAW[b[p] & 0xFF];
  }

  private static String encodingName(int encoding) {
    return encoding == FORMAT_MULAW ? "µ-law" : "A-law";
  }

  private static String fourCc(byte[] b, int at) {
    char[] c = new char[4];
    for (int k = 0; k < 4; k++) {
      int v = b[at + k] & 0xFF;
      c[k] = v >= 0x20 && v < 0x7F ? (char) v : '?';
    }
    return new String(c);
  }

  private static String quoted(String s) {
    return "'" + s + "'";
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xFFL) | ((b[at + 1] & 0xFFL) << 8) | ((b[at + 2] & 0xFFL) << 16)
        | ((b[at + 3] & 0xFFL) << 24);
  }

  private static WavFormatException error(String name, long offset, String expected,
      String found) {
    return new WavFormatException("WavReader: " + name + " at byte " + offset + ": expected "
        + expected + ", found " + found);
  }
}
