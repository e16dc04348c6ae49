package org.emkit.examples.speaker;

import java.util.List;
import java.util.Objects;

/**
 * One fold of a speaker-disjoint protocol: development speakers train every model (UBM, U, V,
 * T, LDA/WCCN, cohorts); evaluation speakers are enrolled and tested.
 *
 * @param index fold index, 0-based
 * @param count number of folds
 * @param devSpeakers development speakers, sorted
 * @param evalSpeakers evaluation speakers, sorted (disjoint from {@code devSpeakers})
 */
public record Fold(int index, int count, List<String> devSpeakers, List<String> evalSpeakers) {

  /**
   * Copies the lists and checks that they are disjoint.
   *
   * @param index see {@link #index()}
   * @param count see {@link #count()}
   * @param devSpeakers see {@link #devSpeakers()}
   * @param evalSpeakers see {@link #evalSpeakers()}
   */
  public Fold {
    devSpeakers = List.copyOf(Objects.requireNonNull(devSpeakers, "devSpeakers"));
    evalSpeakers = List.copyOf(Objects.requireNonNull(evalSpeakers, "evalSpeakers"));
    for (String s : evalSpeakers) {
      if (devSpeakers.contains(s)) {
        throw new IllegalArgumentException("Fold: speaker '" + s
            + "' is in both devSpeakers and evalSpeakers");
      }
    }
  }

  /** @return "fold 1/2" (1-based, for messages) */
  public String label() {
    return "fold " + (index + 1) + "/" + count;
  }
}
