package org.emkit.examples.speaker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.emkit.features.audio.ManifestFormatException;
import org.emkit.features.audio.SegmentManifest;

/**
 * The segments of a speaker-verification corpus, read from a manifest such as DebVox's
 * {@code segments.tsv} ({@link SegmentManifest} format).
 *
 * <p><b>Columns.</b> Required: {@code id}, {@code path}, {@code speaker}, {@code language},
 * {@code channel}. Optional: {@code family} (otherwise the speaker label up to its first
 * underscore, or the whole label if it has none). Other columns are ignored.
 *
 * <p>Immutable and thread-safe; segments keep the manifest order, and {@link Segment#index()} is
 * the position in it.
 *
 * @see Segment
 */
public final class Corpus {

  /** Manifest columns every corpus needs besides {@code id} and {@code path}. */
  public static final List<String> REQUIRED_COLUMNS = List.of("speaker", "language", "channel");

  private final Path manifest;
  private final List<Segment> segments;

  private Corpus(Path manifest, List<Segment> segments) {
    this.manifest = manifest;
    this.segments = Collections.unmodifiableList(segments);
  }

  /**
   * Reads a manifest.
   *
   * @param tsv the manifest ({@code segments.tsv})
   * @return the corpus
   * @throws IOException if the file cannot be read
   * @throws ManifestFormatException if it is malformed or lacks a required column
   */
  public static Corpus read(Path tsv) throws IOException {
    SegmentManifest m = SegmentManifest.read(tsv);
    for (String c : REQUIRED_COLUMNS) {
      if (!m.columns().contains(c)) {
        throw new ManifestFormatException("Corpus.read: " + tsv + ": column '" + c
            + "' is required (columns must include " + REQUIRED_COLUMNS + "), found "
            + m.columns());
      }
    }
    boolean hasFamily = m.columns().contains("family");
    List<Segment> out = new ArrayList<>(m.size());
    for (SegmentManifest.Entry e : m.entries()) {
      String speaker = e.get("speaker");
      String family = hasFamily ? e.get("family") : familyOf(speaker);
      out.add(new Segment(out.size(), e.id(), speaker, e.get("language"), e.get("channel"),
          family, e.path()));
    }
    return new Corpus(tsv, out);
  }

  /**
   * A corpus from segments built in code (tests, other data sets). Indices must be 0..n−1 in
   * order and ids unique.
   *
   * @param segments the segments
   * @return the corpus
   */
  public static Corpus of(List<Segment> segments) {
    Objects.requireNonNull(segments, "segments");
    TreeSet<String> ids = new TreeSet<>();
    for (int i = 0; i < segments.size(); i++) {
      Segment s = Objects.requireNonNull(segments.get(i), "segments[" + i + "]");
      if (s.index() != i) {
        throw new IllegalArgumentException("Corpus.of: segments[" + i + "].index must be " + i
            + ", got " + s.index());
      }
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("Corpus.of: segment ids must be unique, got '" + s.id()
            + "' twice");
      }
    }
    return new Corpus(null, new ArrayList<>(segments));
  }

  /**
   * The default recording family of a speaker label: the text before the first underscore.
   *
   * @param speaker a speaker label such as {@code ast_carlo}
   * @return {@code ast}; the whole label if it has no underscore
   */
  public static String familyOf(String speaker) {
    int u = speaker.indexOf('_');
    return u > 0 ? speaker.substring(0, u) : speaker;
  }

  /** @return the manifest this corpus was read from, or {@code null} if built in code */
  public Path manifest() {
    return manifest;
  }

  /** @return all segments in manifest order (unmodifiable) */
  public List<Segment> segments() {
    return segments;
  }

  /** @return the number of segments */
  public int size() {
    return segments.size();
  }

  /**
   * @param index a segment index
   * @return that segment
   */
  public Segment get(int index) {
    return segments.get(index);
  }

  /** @return the speaker labels, sorted */
  public List<String> speakers() {
    TreeSet<String> s = new TreeSet<>();
    for (Segment g : segments) {
      s.add(g.speaker());
    }
    return List.copyOf(s);
  }

  /** @return the channel labels in order of first appearance */
  public List<String> channels() {
    LinkedHashMap<String, Boolean> s = new LinkedHashMap<>();
    for (Segment g : segments) {
      s.putIfAbsent(g.channel(), Boolean.TRUE);
    }
    return List.copyOf(s.keySet());
  }

  /** @return each speaker's segments in manifest order, speakers sorted */
  public Map<String, List<Segment>> bySpeaker() {
    Map<String, List<Segment>> out = new LinkedHashMap<>();
    for (String s : speakers()) {
      out.put(s, new ArrayList<>());
    }
    for (Segment g : segments) {
      out.get(g.speaker()).add(g);
    }
    Map<String, List<Segment>> frozen = new LinkedHashMap<>();
    out.forEach((k, v) -> frozen.put(k, Collections.unmodifiableList(v)));
    return Collections.unmodifiableMap(frozen);
  }

  @Override
  public String toString() {
    return "Corpus[" + (manifest == null ? "in memory" : manifest.toString()) + ", "
        + segments.size() + " segments, " + speakers().size() + " speakers]";
  }
}
