package org.emkit.examples.speaker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One audio segment of a speaker corpus with the labels the protocol uses.
 *
 * @param index position in the {@link Corpus} (0-based); scores and features are indexed by it
 * @param id unique segment id (the manifest's {@code id})
 * @param speaker speaker label (the manifest's {@code speaker})
 * @param language language of the speech (the manifest's {@code language})
 * @param channel simulated session type (the manifest's {@code channel}, for example
 *     {@code clean}, {@code gsm})
 * @param family recording family: speakers of one family and one language are each other's
 *     "hard impostors" (the manifest's {@code family} column, or the speaker label up to its first
 *     underscore: {@code ast}, {@code fil}, {@code tux} in DebVox)
 * @param path the audio file (absolute, resolved against the manifest's directory)
 */
public record Segment(int index, String id, String speaker, String language, String channel,
    String family, Path path) {

  /**
   * Validates the components (all non-null, index ≥ 0).
   *
   * @param index see {@link #index()}
   * @param id see {@link #id()}
   * @param speaker see {@link #speaker()}
   * @param language see {@link #language()}
   * @param channel see {@link #channel()}
   * @param family see {@link #family()}
   * @param path see {@link #path()}
   */
  public Segment {
    if (index < 0) {
      throw new IllegalArgumentException("Segment: index must be in [0, inf), got " + index);
    }
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(path, "path");
  }
}
