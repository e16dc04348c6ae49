package org.emkit.examples.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.emkit.features.audio.ManifestFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

  @Test
  void readsTheDebVoxColumnsAndDerivesFamilies(@TempDir Path dir) throws IOException {
    Path tsv = dir.resolve("segments.tsv");
    Files.writeString(tsv, "id\tspeaker\tpath\tsource\tlanguage\tchannel\n"
        + "a1\tast_carlo\twav/a1.wav\tast_carlo\tit\tgsm\n"
        + "a2\tfil_cs_m\twav/a2.wav\tfil_cs_m\tcs\tclean\n"
        + "a3\tsolo\t/abs/a3.wav\tsolo\ten\tgsm\n", StandardCharsets.UTF_8);
    Corpus c = Corpus.read(tsv);
    assertEquals(3, c.size());
    assertEquals(tsv, c.manifest());
    Segment s = c.get(0);
    assertEquals(new Segment(0, "a1", "ast_carlo", "it", "gsm", "ast", dir.resolve("wav/a1.wav")),
        s);
    assertEquals("fil", c.get(1).family());
    assertEquals("solo", c.get(2).family());
    assertEquals(Paths.get("/abs/a3.wav"), c.get(2).path());
    assertEquals(List.of("ast_carlo", "fil_cs_m", "solo"), c.speakers());
    assertEquals(List.of("gsm", "clean"), c.channels());
    assertEquals(List.of(c.get(1)), c.bySpeaker().get("fil_cs_m"));
  }

  @Test
  void aFamilyColumnOverridesTheDerivedFamily(@TempDir Path dir) throws IOException {
    Path tsv = dir.resolve("m.tsv");
    Files.writeString(tsv, "id\tspeaker\tpath\tlanguage\tchannel\tfamily\n"
        + "x\tspk\tx.wav\ten\tclean\tstudio\n", StandardCharsets.UTF_8);
    assertEquals("studio", Corpus.read(tsv).get(0).family());
  }

  @Test
  void aMissingRequiredColumnIsNamed(@TempDir Path dir) throws IOException {
    Path tsv = dir.resolve("m.tsv");
    Files.writeString(tsv, "id\tspeaker\tpath\tlanguage\n" + "x\tspk\tx.wav\ten\n",
        StandardCharsets.UTF_8);
    ManifestFormatException e = assertThrows(ManifestFormatException.class,
        () -> Corpus.read(tsv));
    assertTrue(e.getMessage().contains("column 'channel' is required"), e.getMessage());
    assertTrue(e.getMessage().contains(tsv.toString()), e.getMessage());
  }

  @Test
  void inMemoryCorporaCheckIndicesAndIds() {
    Path p = Paths.get("x.wav");
    Corpus c = Corpus.of(List.of(new Segment(0, "a", "s", "en", "clean", "f", p)));
    assertNull(c.manifest());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Corpus.of(List.of(new Segment(1, "a", "s", "en", "clean", "f", p))));
    assertTrue(e.getMessage().contains("segments[0].index must be 0, got 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Corpus.of(List.of(
        new Segment(0, "a", "s", "en", "clean", "f", p),
        new Segment(1, "a", "s", "en", "clean", "f", p))));
    assertTrue(e.getMessage().contains("got 'a' twice"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Segment(-1, "a", "s", "en", "clean", "f", p));
    assertTrue(e.getMessage().contains("index must be in [0, inf), got -1"), e.getMessage());
  }
}
