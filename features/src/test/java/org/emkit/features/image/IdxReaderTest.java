package org.emkit.features.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  @TempDir
  Path dir;

  /** A label file written byte by byte from the format description: magic, count, labels. */
  private static byte[] labelFile(int... labels) {
    byte[] b = new byte[8 + labels.length];
    b[2] = 0x08;
    b[3] = 1;
    b[6] = (byte) (labels.length >>> 8);
    b[7] = (byte) labels.length;
    for (int i = 0; i < labels.length; i++) {
      b[8 + i] = (byte) labels[i];
    }
    return b;
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    }
    return out.toByteArray();
  }

  private Path file(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  @Test
  void readsAHandWrittenLabelFilePlainAndGzipped() throws IOException {
    byte[] content = labelFile(9, 0, 255, 3);
    for (Path p : new Path[] {file("l.idx", content), file("l.idx.gz", gzip(content)),
        file("no-extension", gzip(content))}) {
      IdxArray a = IdxReader.read(p);
      assertEquals(IdxType.UNSIGNED_BYTE, a.type());
      assertArrayEquals(new int[] {4}, a.shape());
      assertArrayEquals(new int[] {9, 0, 255, 3}, a.toIntArray());
      assertEquals(255.0, a.get(2));
    }
  }

  @Test
  void decodesEveryTypeBigEndian() throws IOException {
    // rank-1 arrays of 2 elements, bytes written from the IDX specification
    byte[] shorts = {0, 0, 0x0B, 1, 0, 0, 0, 2, (byte) 0xFF, (byte) 0xFE, 0x01, 0x02};
    assertArrayEquals(new int[] {-2, 258}, IdxReader.read(file("s", shorts)).toIntArray());
    byte[] ints = {0, 0, 0x0C, 1, 0, 0, 0, 2, (byte) 0x80, 0, 0, 0, 0, 0, 0x01, 0x00};
    assertArrayEquals(new int[] {Integer.MIN_VALUE, 256}, IdxReader.read(file("i", ints))
        .toIntArray());
    byte[] signed = {0, 0, 0x09, 1, 0, 0, 0, 2, (byte) 0xFF, 0x7F};
    assertArrayEquals(new int[] {-1, 127}, IdxReader.read(file("b", signed)).toIntArray());
    // 1.5f = 0x3FC00000, -2.0 = 0xC000000000000000
    byte[] floats = {0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3F, (byte) 0xC0, 0, 0};
    assertEquals(1.5, IdxReader.read(file("f", floats)).get(0));
    byte[] doubles = {0, 0, 0x0E, 1, 0, 0, 0, 1, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0};
    assertEquals(-2.0, IdxReader.read(file("d", doubles)).get(0));
  }

  @Test
  void roundTripsEveryTypePlainAndGzipped() throws IOException {
    double[] values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 127};
    int[] shape = {2, 3, 2};
    for (IdxType t : IdxType.values()) {
      double[] v = values.clone();
      if (t == IdxType.FLOAT || t == IdxType.DOUBLE) {
        v[5] = -0.25;
      }
      IdxArray a = IdxArray.of(t, shape, v);
      for (String name : new String[] {"a-" + t + ".idx", "a-" + t + ".idx.gz"}) {
        Path p = dir.resolve(name);
        IdxWriter.write(p, a);
        IdxArray b = IdxReader.read(p);
        assertEquals(a, b, name);
        assertArrayEquals(v, b.toDoubleArray(), name);
        assertArrayEquals(shape, b.shape());
      }
    }
    // the plain file is exactly header + payload
    IdxWriter.write(dir.resolve("u.idx"), IdxArray.ofUnsignedBytes(new int[] {3},
        new byte[] {1, 2, (byte) 200}));
    assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 1, 2, (byte) 200},
        Files.readAllBytes(dir.resolve("u.idx")));
  }

  @Test
  void badMagicIsATypedErrorNamingTheBytes() throws IOException {
    byte[] b = labelFile(1, 2);
    b[0] = 0x12;
    b[1] = 0x34;
    Path p = file("bad", b);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(p));
    assertTrue(e.getMessage().contains("magic") && e.getMessage().contains("0x12340801")
        && e.getMessage().contains(p.toString()), e.getMessage());
    // a PNG or text file: also bad magic
    Path text = file("text", "hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThrows(IdxFormatException.class, () -> IdxReader.read(text));
  }

  @Test
  void unknownTypeAndRankZeroAreTypedErrors() throws IOException {
    byte[] b = labelFile(1);
    b[2] = 0x0A;
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.read(file("t", b)));
    assertTrue(e.getMessage().contains("type code") && e.getMessage().contains("0xa"),
        e.getMessage());
    byte[] r = {0, 0, 8, 0};
    e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file("r", r)));
    assertTrue(e.getMessage().contains("rank") && e.getMessage().contains("found 0"),
        e.getMessage());
  }

  @Test
  void negativeDimensionIsATypedError() throws IOException {
    byte[] b = {0, 0, 8, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.read(file("n", b)));
    assertTrue(e.getMessage().contains("dimension 0") && e.getMessage().contains("4294967295"),
        e.getMessage());
  }

  @Test
  void truncatedPayloadIsATypedErrorWithExpectedAndFoundCounts() throws IOException {
    byte[] full = labelFile(1, 2, 3, 4, 5);
    byte[] cut = Arrays.copyOf(full, full.length - 2);
    for (Path p : new Path[] {file("cut", cut), file("cut.gz", gzip(cut))}) {
      IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(p));
      assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("expected 5")
          && e.getMessage().contains("found only 3"), e.getMessage());
    }
  }

  @Test
  void truncatedHeaderIsATypedError() throws IOException {
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.read(file("h", new byte[] {0, 0, 8, 3, 0, 0})));
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("3 dimension"),
        e.getMessage());
    e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file("empty", new byte[0])));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void truncatedGzipStreamIsATypedError() throws IOException {
    byte[] gz = gzip(labelFile(new int[300]));
    Path p = file("broken.gz", Arrays.copyOf(gz, gz.length / 2));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(p));
    assertTrue(e.getMessage().contains("gzip"), e.getMessage());
  }

  @Test
  void trailingBytesAreATypedError() throws IOException {
    byte[] b = Arrays.copyOf(labelFile(1, 2), 13);
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.read(file("long", b)));
    assertTrue(e.getMessage().contains("end of the file") && e.getMessage().contains("3 more"),
        e.getMessage());
  }

  @Test
  void expectedTypeAndRankAreChecked() throws IOException {
    Path p = file("l", labelFile(1, 2));
    assertEquals(2, IdxReader.read(p, IdxType.UNSIGNED_BYTE, 1).size());
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxReader.read(p, IdxType.UNSIGNED_BYTE, 3));
    assertTrue(e.getMessage().contains("rank 3") && e.getMessage().contains("[2]"),
        e.getMessage());
    assertInstanceOf(IOException.class, e);
  }

  @Test
  void readsFashionMnistFromTheDebianPackage() throws IOException {
    Path dir = Path.of("/usr/share/datasets/fashion-mnist");
    Assumptions.assumeTrue(Files.isDirectory(dir), "dataset-fashion-mnist is not installed");
    // values checked independently with Python's gzip and struct modules
    IdxArray labels = IdxReader.read(dir.resolve("t10k-labels-idx1-ubyte.gz"),
        IdxType.UNSIGNED_BYTE, 1);
    assertArrayEquals(new int[] {10000}, labels.shape());
    assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7},
        Arrays.copyOf(labels.toIntArray(), 10));
    IdxArray images = IdxReader.read(dir.resolve("t10k-images-idx3-ubyte.gz"),
        IdxType.UNSIGNED_BYTE, 3);
    assertArrayEquals(new int[] {10000, 28, 28}, images.shape());
    double sum = 0;
    for (int i = 0; i < 784; i++) {
      sum += images.get(i);
    }
    assertEquals(33456.0, sum);
  }
}
