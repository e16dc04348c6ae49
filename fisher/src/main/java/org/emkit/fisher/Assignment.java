package org.emkit.fisher;

import java.util.Objects;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.PosteriorRule;
import org.emkit.mixture.VarianceFloor;

/**
 * How descriptors are assigned to the K centres of a {@link VLADEncoder} or
 * {@link BagOfWordsEncoder}: weights \( q_t(k) \ge 0 \).
 *
 * <ul>
 *   <li>{@link #HARD}: \( q_t(k) = 1 \) for the nearest centre (squared Euclidean distance,
 *       ties to the lowest index), 0 otherwise (Jégou et al. 2010).
 *   <li>{@link #softmax(double)}: \( q_t(k) = e^{-\alpha\lVert x_t-c_k\rVert^2} / \sum_{k'}
 *       e^{-\alpha\lVert x_t-c_{k'}\rVert^2} \), the soft assignment of NetVLAD (Arandjelović
 *       et al. 2016) with temperature α &gt; 0; α → ∞ tends to HARD.
 *   <li>{@link #posteriors(PosteriorRule)}: the responsibilities of a GMM under a rule (only for
 *       encoders built from a {@link GMMMachine}); the centres are its means.
 * </ul>
 *
 * <p><b>Algorithm.</b> All three run on the shared GMM E-step. HARD and SOFTMAX use an isotropic
 * mixture with the centres as means, equal weights 1/K and every variance \( 1/(2\alpha) \) (1
 * for HARD): its log-density is \( \mathrm{const} - \alpha\lVert x-c_k\rVert^2 \), so its
 * posteriors are exactly the soft-max above (to rounding), and its arg-max (the
 * {@link PosteriorRule#HARD} rule) is the nearest centre.
 *
 * <p>Immutable and thread-safe.
 */
public final class Assignment {

  /** Kind of assignment. */
  public enum Kind {
    /** Nearest centre. */
    HARD,
    /** Soft-max of −α times the squared distances. */
    SOFTMAX,
    /** GMM responsibilities under a posterior rule. */
    POSTERIOR
  }

  /** Nearest-centre assignment. */
  public static final Assignment HARD = new Assignment(Kind.HARD, 0, null);

  private final Kind kind;
  private final double alpha;
  private final PosteriorRule rule;

  private Assignment(Kind kind, double alpha, PosteriorRule rule) {
    this.kind = kind;
    this.alpha = alpha;
    this.rule = rule;
  }

  /**
   * @param alpha temperature α, finite and positive, with 1/(2α) a normal double
   * @return soft assignment by the soft-max of −α‖x − c_k‖²
   */
  public static Assignment softmax(double alpha) {
    if (!(alpha > 0) || Double.isInfinite(alpha) || !(0.5 / alpha >= Double.MIN_NORMAL)) {
      throw new IllegalArgumentException("Assignment.softmax: alpha must be in (0, "
          + (0.5 / Double.MIN_NORMAL) + "], got " + alpha);
    }
    return new Assignment(Kind.SOFTMAX, alpha, null);
  }

  /**
   * @param rule posterior rule (EXACT, threshold, truncate or HARD)
   * @return assignment by the responsibilities of the encoder's GMM
   */
  public static Assignment posteriors(PosteriorRule rule) {
    return new Assignment(Kind.POSTERIOR, 0, Objects.requireNonNull(rule, "rule"));
  }

  /** @return the kind */
  public Kind kind() {
    return kind;
  }

  /** @return α for SOFTMAX, 0 otherwise */
  public double alpha() {
    return alpha;
  }

  /** @return the rule for POSTERIOR, {@code null} otherwise */
  public PosteriorRule rule() {
    return rule;
  }

  /** The E-step rule of this assignment. */
  PosteriorRule eStepRule() {
    switch (kind) {
      case HARD:
        return PosteriorRule.HARD;
      case SOFTMAX:
        return PosteriorRule.EXACT;
      default:
        return rule;
    }
  }

  /**
   * The mixture whose E-step produces these assignments.
   *
   * @param centres K×D centres (k-means centroids or GMM means)
   * @param gmm the GMM for POSTERIOR, or {@code null}
   * @param owner caller for messages
   * @return the machine
   */
  GMMMachine eStepMachine(Matrix centres, GMMMachine gmm, String owner) {
    if (kind == Kind.POSTERIOR) {
      if (gmm == null) {
        throw new IllegalArgumentException(owner + ": assignment POSTERIOR needs a GMMMachine;"
            + " build the encoder from a GMM, or use Assignment.HARD or Assignment.softmax(alpha)"
            + " with k-means centres");
      }
      return gmm;
    }
    int k = centres.rows();
    int d = centres.cols();
    double[] w = new double[k];
    java.util.Arrays.fill(w, 1.0 / k);
    double[] var = new double[k * d];
    java.util.Arrays.fill(var, kind == Kind.HARD ? 1.0 : 0.5 / alpha);
    return GMMMachine.builder(k).varianceFloor(VarianceFloor.scalar(0.0)).weights(w)
        .means(centres).variances(Matrix.wrap(k, d, var)).build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Assignment)) {
      return false;
    }
    Assignment a = (Assignment) o;
    return a.kind == kind && Double.compare(a.alpha, alpha) == 0 && Objects.equals(a.rule, rule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, alpha, rule);
  }

  @Override
  public String toString() {
    switch (kind) {
      case HARD:
        return "HARD";
      case SOFTMAX:
        return "softmax(" + alpha + ")";
      default:
        return "posteriors(" + rule + ")";
    }
  }
}
