package org.emkit.examples.speaker;

import java.util.Objects;

/**
 * The scores of one system variant (a system with one score normalisation) on every trial of an
 * experiment, aligned with {@link ExperimentResult#trials()}.
 */
public final class SystemScores {

  private final SystemKind kind;
  private final ScoreNorm norm;
  private final String description;
  private final double[] scores;

  /**
   * @param kind the system
   * @param norm the normalisation
   * @param description the system's hyperparameters
   * @param scores one score per trial; copied
   */
  public SystemScores(SystemKind kind, ScoreNorm norm, String description, double[] scores) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.norm = Objects.requireNonNull(norm, "norm");
    this.description = Objects.requireNonNull(description, "description");
    this.scores = scores.clone();
  }

  /**
   * The name of a variant in tables and plots.
   *
   * @param kind the system
   * @param norm the normalisation
   * @return "ISV" or "ISV + s-norm"
   */
  public static String name(SystemKind kind, ScoreNorm norm) {
    return kind.displayName() + (norm == ScoreNorm.NONE ? "" : " + " + norm.label());
  }

  /** @return the name in tables and plots */
  public String name() {
    return name(kind, norm);
  }

  /** @return the system */
  public SystemKind kind() {
    return kind;
  }

  /** @return the normalisation */
  public ScoreNorm norm() {
    return norm;
  }

  /** @return the system's hyperparameters */
  public String description() {
    return description;
  }

  /** @return one score per trial (a copy) */
  public double[] scores() {
    return scores.clone();
  }

  /**
   * @param trial trial index
   * @return its score
   */
  public double score(int trial) {
    return scores[trial];
  }

  /**
   * @param indices trial indices
   * @return their scores
   */
  public double[] select(int[] indices) {
    double[] out = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = scores[indices[i]];
    }
    return out;
  }

  /** @return number of trials */
  public int size() {
    return scores.length;
  }

  @Override
  public String toString() {
    return "SystemScores[" + name() + ", " + scores.length + " trials]";
  }
}
