package org.emkit.examples.speaker;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Corpora with DebVox-like labels and no audio, for protocol tests. */
final class SyntheticCorpus {

  /** The eight channels, in DebVox order. */
  static final List<String> CHANNELS = List.of("clean", "tel_ulaw", "gsm", "amr", "codec2", "mp3",
      "reverb_noise", "tilt_noise");

  private SyntheticCorpus() {}

  /** One voice in one language. */
  record Source(String speaker, String language, int segments) {}

  /**
   * Segments of each source in order, channels cycling through {@link #CHANNELS} (segment k of a
   * source has channel k mod 8), ids {@code <speaker>_<language>_<k>}.
   */
  static Corpus of(List<Source> sources) {
    List<Segment> out = new ArrayList<>();
    for (Source s : sources) {
      for (int k = 0; k < s.segments(); k++) {
        String id = s.speaker() + "_" + s.language() + "_" + k;
        Path p = Paths.get("/nonexistent", id + ".wav");
        out.add(new Segment(out.size(), id, s.speaker(), s.language(),
            CHANNELS.get(k % CHANNELS.size()), Corpus.familyOf(s.speaker()), p));
      }
    }
    return Corpus.of(out);
  }

  /** The 17 DebVox speakers (Allison in en and es) with {@code n} segments per source. */
  static Corpus debvox(int n) {
    List<Source> s = new ArrayList<>();
    s.add(new Source("ast_allison", "en", n));
    s.add(new Source("ast_allison", "es", n));
    s.add(new Source("ast_june", "fr", n));
    s.add(new Source("ast_carlo", "it", n));
    s.add(new Source("ast_menardi", "it", n));
    s.add(new Source("ast_ivrru", "ru", n));
    s.add(new Source("fil_cs_m", "cs", n));
    s.add(new Source("fil_cs_v", "cs", n));
    s.add(new Source("fil_nl_m", "nl", n));
    s.add(new Source("fil_nl_v", "nl", n));
    for (String l : List.of("fr", "ru", "ro", "ca", "bg", "es", "be", "el")) {
      s.add(new Source("tux_" + l, l, n));
    }
    return of(s);
  }
}
