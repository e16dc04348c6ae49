package org.emkit.fisher;

import java.util.Objects;

/**
 * The options of a {@link BagOfWordsEncoder}: assignment, term weighting, then power and L2
 * normalisation (in this order).
 *
 * @param assignment HARD (default), SOFTMAX(α), or POSTERIOR(rule) for GMM-based encoders
 * @param weighting COUNTS or FREQUENCIES (default)
 * @param power element-wise power normalisation (default none)
 * @param l2 L2 normalisation of the histogram (default none)
 */
public record BagOfWordsOptions(Assignment assignment, TermWeighting weighting,
    PowerNormalization power, VectorNormalization l2) {

  /**
   * Validates.
   *
   * @param assignment the assignment
   * @param weighting COUNTS or FREQUENCIES
   * @param power power normalisation
   * @param l2 L2 normalisation
   */
  public BagOfWordsOptions {
    Objects.requireNonNull(assignment, "assignment");
    Objects.requireNonNull(weighting, "weighting");
    Objects.requireNonNull(power, "power");
    Objects.requireNonNull(l2, "l2");
  }

  /** @return the hard histogram of frequencies, no further normalisation */
  public static BagOfWordsOptions hardFrequencies() {
    return new BagOfWordsOptions(Assignment.HARD, TermWeighting.FREQUENCIES,
        PowerNormalization.NONE, VectorNormalization.NONE);
  }

  /** @return a builder starting from {@link #hardFrequencies()} */
  public static Builder builder() {
    return new Builder(hardFrequencies());
  }

  /** @return a builder starting from these options */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builder of {@link BagOfWordsOptions}. */
  public static final class Builder {
    private Assignment assignment;
    private TermWeighting weighting;
    private PowerNormalization power;
    private VectorNormalization l2;

    private Builder(BagOfWordsOptions o) {
      assignment = o.assignment;
      weighting = o.weighting;
      power = o.power;
      l2 = o.l2;
    }

    /**
     * @param assignment HARD (default), softmax(α) or posteriors(rule)
     * @return this
     */
    public Builder assignment(Assignment assignment) {
      this.assignment = Objects.requireNonNull(assignment, "assignment");
      return this;
    }

    /**
     * @param weighting COUNTS or FREQUENCIES (default)
     * @return this
     */
    public Builder weighting(TermWeighting weighting) {
      this.weighting = Objects.requireNonNull(weighting, "weighting");
      return this;
    }

    /**
     * @param power NONE (default) or a signed power
     * @return this
     */
    public Builder power(PowerNormalization power) {
      this.power = Objects.requireNonNull(power, "power");
      return this;
    }

    /**
     * @param l2 NONE (default) or L2
     * @return this
     */
    public Builder l2(VectorNormalization l2) {
      this.l2 = Objects.requireNonNull(l2, "l2");
      return this;
    }

    /** @return the options */
    public BagOfWordsOptions build() {
      return new BagOfWordsOptions(assignment, weighting, power, l2);
    }
  }
}
