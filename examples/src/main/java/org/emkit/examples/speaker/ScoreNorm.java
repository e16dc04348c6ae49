package org.emkit.examples.speaker;

/**
 * Score normalisation applied to a system's raw scores, with the cohort of the fold's
 * development speakers ({@link TrialPlan#cohortSegments()}): each cohort segment is a Z-probe
 * and, enrolled alone, a T-model.
 *
 * @see org.emkit.scoring.ScoreNormalization
 */
public enum ScoreNorm {
  /** Raw scores. */
  NONE("raw"),
  /**
   * ZT-norm: Z-norm with the models' scores on the cohort segments, then T-norm with the cohort
   * models' (Z-normalised) scores on each test segment; same-speaker cohort pairs are excluded
   * from the T-models' Z statistics.
   */
  ZT("zt-norm"),
  /**
   * Adaptive symmetric S-norm: the mean and standard deviation of the top scores of the model
   * against the cohort segments, and of the cohort models against the test segment.
   */
  S("s-norm");

  private final String label;

  ScoreNorm(String label) {
    this.label = label;
  }

  /** @return the label in system names and options: {@code raw}, {@code zt-norm}, {@code s-norm} */
  public String label() {
    return label;
  }

  /**
   * @param text a label ({@code raw}, {@code none}, {@code zt}, {@code zt-norm}, {@code s},
   *     {@code s-norm}), case-insensitive
   * @return the normalisation
   * @throws IllegalArgumentException for any other text
   */
  public static ScoreNorm parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    switch (t) {
      case "raw":
      case "none":
        return NONE;
      case "zt":
      case "zt-norm":
      case "ztnorm":
        return ZT;
      case "s":
      case "s-norm":
      case "snorm":
        return S;
      default:
        throw new IllegalArgumentException("ScoreNorm: norm must be one of {raw, zt-norm, s-norm},"
            + " got '" + text + "'");
    }
  }
}
