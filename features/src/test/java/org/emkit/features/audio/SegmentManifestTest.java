package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentManifestTest {

  private static final String GOOD = String.join("\n",
      "# DebVox manifest",
      "id\tspeaker\tpath\tchannel\tduration",
      "a_000\tast_carlo\twav/a_000.wav\tclean\t15.02",
      "",
      "b_000\tast_june\twav/b_000.wav\tgsm\t14.9",
      "a_001\tast_carlo\t/abs/a_001.wav\tclean\t16.5",
      "");

  private static Path write(Path dir, String text) throws Exception {
    Path f = dir.resolve("segments.tsv");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void readsEntriesLabelsAndResolvedPaths(@TempDir Path dir) throws Exception {
    SegmentManifest m = SegmentManifest.read(write(dir, GOOD));
    assertEquals(3, m.size());
    assertEquals(List.of("id", "speaker", "path", "channel", "duration"), m.columns());
    assertEquals("a_000", m.get(0).id());
    assertEquals(dir.toAbsolutePath().resolve("wav/a_000.wav"), m.get(0).path());
    assertEquals(Path.of("/abs/a_001.wav"), m.get(2).path());
    assertEquals("gsm", m.byId("b_000").get("channel"));
    assertEquals(5, m.byId("b_000").line());
    assertEquals(14.9, m.get(1).getDouble("duration"));
    assertEquals(List.of("ast_carlo", "ast_june"), m.distinct("speaker"));
    assertArrayEquals(new int[] {0, 1, 0}, m.labelIndices("speaker"));
    SegmentManifest clean = m.filter(e -> e.get("channel").equals("clean"));
    assertEquals(2, clean.size());
    assertEquals(List.of("ast_carlo"), clean.distinct("speaker"));
    assertEquals(List.of("id", "speaker", "path", "channel", "duration"),
        List.copyOf(m.get(0).fields().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> m.entries().clear());
  }

  @Test
  void acceptsCrLfAndAByteOrderMark(@TempDir Path dir) throws Exception {
    SegmentManifest m = SegmentManifest.read(write(dir, "\uFEFFid\tpath\r\nx\tx.wav\r\n"));
    assertEquals(1, m.size());
    assertEquals("x", m.get(0).id());
    assertEquals(0, SegmentManifest.read(write(dir, "id\tpath\n")).size());
  }

  @Test
  void unknownColumnsAndNonNumbersAreNamed(@TempDir Path dir) throws Exception {
    SegmentManifest m = SegmentManifest.read(write(dir, GOOD));
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> m.distinct("gender"));
    assertTrue(c.getMessage().contains("column must be one of")
        && c.getMessage().contains("got 'gender'"), c.getMessage());
    IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
        () -> m.get(0).get("nope"));
    assertTrue(g.getMessage().contains("got 'nope'"), g.getMessage());
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
        () -> m.get(0).getDouble("channel"));
    assertTrue(n.getMessage().contains(":3: column 'channel' must be a number, got 'clean'"),
        n.getMessage());
    NoSuchElementException id = assertThrows(NoSuchElementException.class, () -> m.byId("zz"));
    assertTrue(id.getMessage().contains("'zz'"), id.getMessage());
  }

  private static void assertMalformed(Path dir, String text, String... fragments)
      throws Exception {
    Path f = write(dir, text);
    ManifestFormatException e =
        assertThrows(ManifestFormatException.class, () -> SegmentManifest.read(f));
    assertTrue(e.getMessage().startsWith("SegmentManifest: " + f + ":"), e.getMessage());
    for (String frag : fragments) {
      assertTrue(e.getMessage().contains(frag), "'" + frag + "' missing: " + e.getMessage());
    }
  }

  @Test
  void malformedFilesNameLineExpectedAndFound(@TempDir Path dir) throws Exception {
    assertMalformed(dir, "", "no header");
    assertMalformed(dir, "# only\n", "no header");
    assertMalformed(dir, "id\tspeaker\n", ":1:", "column 'path'", "[id, speaker]");
    assertMalformed(dir, "path\tspeaker\n", ":1:", "column 'id'");
    assertMalformed(dir, "id\tpath\tid\n", ":1:", "unique column names", "'id' twice");
    assertMalformed(dir, "id\t\tpath\n", ":1:", "header column 2");
    assertMalformed(dir, "id\tpath\na\ta.wav\nb\tb.wav\textra\n", ":3:",
        "2 tab-separated fields", "3 fields");
    assertMalformed(dir, "id\tpath\na\ta.wav\na\tb.wav\n", ":3:", "unique ids",
        "'a' already on line 2");
    assertMalformed(dir, "id\tpath\n\ta.wav\n", ":2:", "non-empty 'id'");
    assertMalformed(dir, "id\tpath\na\t\n", ":2:", "non-empty 'path'");
  }
}
