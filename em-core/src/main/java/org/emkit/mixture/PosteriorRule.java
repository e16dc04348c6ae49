package org.emkit.mixture;

import java.util.Objects;
import org.emkit.core.validation.Check;

/**
 * How the E-step turns log-likelihoods into the responsibilities \( \gamma_t(c) \) that are
 * accumulated. The log-likelihood of each frame is always exact; only the responsibilities
 * change.
 *
 * <ul>
 *   <li>{@link #EXACT} (default): \( \gamma_t(c) = \exp(\ell_c(x_t) - \log p(x_t)) \), exact EM.
 *   <li>{@link #threshold(double)}: responsibilities below θ are set to 0 and the remaining ones
 *       renormalised to sum to 1 (Sánchez et al. 2013 use θ = 1e-4 for Fisher vectors). An
 *       approximation that makes statistics sparse; the largest responsibility of a frame is never
 *       dropped.
 *   <li>{@link #truncate(double)}: responsibilities below θ are set to 0 and the others are
 *       kept as they are, <em>without</em> renormalisation, so a frame's responsibilities may
 *       sum to less than 1 (and to 0 if every one is below θ). This is what VLFeat's
 *       {@code vl_fisher_encode} does with θ = 1e-6 ({@code if (p < 1e-6) continue;}); use it to
 *       reproduce VLFeat's Fisher vectors.
 *   <li>{@link #HARD}: the most likely component gets 1 and all others 0 (ties to the lowest
 *       index); VLFeat's {@code VL_FISHER_FLAG_FAST}.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class PosteriorRule {

  /** Kind of rule. */
  public enum Kind {
    /** Exact posteriors. */
    EXACT,
    /** Posteriors below a threshold dropped, the rest renormalised. */
    THRESHOLD,
    /** Posteriors below a threshold dropped, the rest kept unchanged (VLFeat's Fisher skip). */
    TRUNCATE,
    /** Arg-max assignment. */
    HARD
  }

  /** Exact posteriors (the default). */
  public static final PosteriorRule EXACT = new PosteriorRule(Kind.EXACT, 0.0);
  /** Hard (arg-max) assignment. */
  public static final PosteriorRule HARD = new PosteriorRule(Kind.HARD, 0.0);

  private final Kind kind;
  private final double threshold;

  private PosteriorRule(Kind kind, double threshold) {
    this.kind = kind;
    this.threshold = threshold;
  }

  /**
   * @param theta threshold in (0, 1)
   * @return a rule that drops responsibilities below {@code theta} and renormalises
   */
  public static PosteriorRule threshold(double theta) {
    if (!(theta > 0 && theta < 1)) {
      throw new IllegalArgumentException(
          "PosteriorRule.threshold: theta must be in (0, 1), got " + theta);
    }
    return new PosteriorRule(Kind.THRESHOLD, Check.finite("PosteriorRule", "theta", theta));
  }

  /**
   * @param theta threshold in (0, 1)
   * @return a rule that sets responsibilities below {@code theta} to 0 and keeps the others
   *     unchanged (no renormalisation; VLFeat's {@code vl_fisher_encode} uses θ = 1e-6)
   */
  public static PosteriorRule truncate(double theta) {
    if (!(theta > 0 && theta < 1)) {
      throw new IllegalArgumentException(
          "PosteriorRule.truncate: theta must be in (0, 1), got " + theta);
    }
    return new PosteriorRule(Kind.TRUNCATE, theta);
  }

  /** @return the kind */
  public Kind kind() {
    return kind;
  }

  /** @return θ for {@link Kind#THRESHOLD} and {@link Kind#TRUNCATE}, 0 otherwise */
  public double threshold() {
    return threshold;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PosteriorRule && ((PosteriorRule) o).kind == kind
        && Double.compare(((PosteriorRule) o).threshold, threshold) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, threshold);
  }

  @Override
  public String toString() {
    return kind == Kind.THRESHOLD || kind == Kind.TRUNCATE ? kind.name() + "(" + threshold + ")"
        : kind.name();
  }
}
