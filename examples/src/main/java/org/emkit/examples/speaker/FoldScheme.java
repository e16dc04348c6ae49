package org.emkit.examples.speaker;

/**
 * How the speaker groups of a {@link SpeakerSplit} become folds. With two groups both schemes
 * are the same swap (fold 1 trains on group 2 and evaluates group 1, fold 2 the reverse).
 */
public enum FoldScheme {
  /**
   * k-fold cross-validation: fold f evaluates group f and trains on all other groups (every
   * speaker is evaluated once). Needs at least 2 speakers per group.
   */
  EVALUATE_EACH_GROUP,
  /**
   * The reverse: fold f trains on group f and evaluates all other groups (every speaker is
   * evaluated k − 1 times). Used for very small corpora, for example three speakers in three
   * groups: each fold trains on one voice and evaluates the other two.
   */
  TRAIN_ON_EACH_GROUP
}
