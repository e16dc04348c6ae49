package org.emkit.fisher.explain;

import java.util.Objects;
import org.emkit.core.validation.Check;

/**
 * How the relevance R_d of a Fisher-vector dimension is distributed over the local descriptors
 * l with mappings m_d(l) onto that dimension (Lapuschkin et al. 2016, supplement):
 *
 * <ul>
 *   <li>{@link #PLAIN}: \( R_l = \sum_d R_d\, m_d(l) / Z_d \), \( Z_d = \sum_{l'} m_d(l') \).
 *       Conserves relevance (Σ_l R_l = Σ_d R_d) but is unstable where Z_d ≈ 0.
 *   <li>{@link #epsilon(double)}: \( Z_d = \sum_{l'} m_d(l') + \varepsilon\,\mathrm{sgn}(\sum_{l'}
 *       m_d(l')) \) (default ε = 100, the paper's choice). Does <em>not</em> conserve
 *       relevance: dimension d passes on the fraction \( \sum_l m_d(l) / Z_d \) of R_d.
 *   <li>{@link #ABSOLUTE}: \( R_l = \sum_d R_d\, |m_d(l)| / \sum_{l'} |m_d(l')| \). Conserves
 *       relevance and is stable, but loses the sign of each descriptor's mapping.
 * </ul>
 *
 * A dimension with Z_d = 0 (no descriptor maps onto it) passes on nothing. Immutable.
 */
public final class Decomposition {

  /** Kind of rule. */
  public enum Kind {
    /** Proportional to the signed mappings. */
    PLAIN,
    /** Proportional to the signed mappings with an ε-stabilised denominator. */
    EPSILON,
    /** Proportional to the absolute mappings. */
    ABSOLUTE
  }

  /** The paper's stabiliser. */
  public static final double DEFAULT_EPSILON = 100.0;

  /** The plain rule. */
  public static final Decomposition PLAIN = new Decomposition(Kind.PLAIN, 0.0);
  /** The absolute-value rule. */
  public static final Decomposition ABSOLUTE = new Decomposition(Kind.ABSOLUTE, 0.0);

  private final Kind kind;
  private final double epsilon;

  private Decomposition(Kind kind, double epsilon) {
    this.kind = kind;
    this.epsilon = epsilon;
  }

  /**
   * @param epsilon stabiliser ε in (0, inf)
   * @return the ε-stabilised rule
   */
  public static Decomposition epsilon(double epsilon) {
    return new Decomposition(Kind.EPSILON, Check.positive("Decomposition", "epsilon", epsilon));
  }

  /** @return the ε-rule with ε = 100 */
  public static Decomposition epsilon() {
    return epsilon(DEFAULT_EPSILON);
  }

  /** @return the kind */
  public Kind kind() {
    return kind;
  }

  /** @return ε for {@link Kind#EPSILON}, 0 otherwise */
  public double epsilonValue() {
    return epsilon;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decomposition && ((Decomposition) o).kind == kind
        && Double.compare(((Decomposition) o).epsilon, epsilon) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, epsilon);
  }

  @Override
  public String toString() {
    return kind == Kind.EPSILON ? "EPSILON(" + epsilon + ")" : kind.name();
  }
}
