package org.emkit.fisher;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.emkit.mixture.PosteriorRule;

/**
 * The options of a {@link FisherVectorEncoder}: which gradient blocks, which Fisher-information
 * normalisation, the power and L2 normalisations, the posterior rule and the output layout.
 *
 * <p>The encoding steps, in order: posteriors under {@link #posteriorRule()}; the average
 * gradients of the selected {@link #blocks()}; the {@link #fisherNormalization()}; the element-wise
 * {@link #power()} normalisation; the {@link #l2()} normalisation of the whole vector; entries
 * are placed according to {@link #layout()} (the order does not change any value).
 *
 * <p><b>Presets.</b> {@link #improved()} is the "improved Fisher vector" of Perronnin et al.
 * 2010 and the default of Sánchez et al. 2013: means and variances, ANALYTIC, signed square
 * root, L2, exact posteriors, EMKIT layout. {@link #fromVlfeatFlags(int)} gives the options
 * that reproduce {@code vl_fisher_encode} with the given flags.
 *
 * @param blocks selected blocks, non-empty (copied into an unmodifiable set)
 * @param fisherNormalization ANALYTIC, EMPIRICAL or IDENTITY
 * @param power element-wise power normalisation (or {@link PowerNormalization#NONE})
 * @param l2 L2 normalisation of the whole vector (or NONE)
 * @param posteriorRule how responsibilities are formed: {@link PosteriorRule#EXACT},
 *     {@link PosteriorRule#threshold(double)} (the paper's θ = 1e-4 speed-up, renormalised),
 *     {@link PosteriorRule#truncate(double)} (VLFeat's skip of γ &lt; 1e-6, not renormalised) or
 *     {@link PosteriorRule#HARD} (VLFeat's {@code FAST})
 * @param layout entry order
 */
public record FisherOptions(Set<FisherBlock> blocks, FisherNormalization fisherNormalization,
    PowerNormalization power, VectorNormalization l2, PosteriorRule posteriorRule,
    FisherLayout layout) {

  /** VLFeat's {@code VL_FISHER_FLAG_SQUARE_ROOT}. */
  public static final int VL_FISHER_FLAG_SQUARE_ROOT = 1;
  /** VLFeat's {@code VL_FISHER_FLAG_NORMALIZED}. */
  public static final int VL_FISHER_FLAG_NORMALIZED = 2;
  /** VLFeat's {@code VL_FISHER_FLAG_IMPROVED} (square root and normalised). */
  public static final int VL_FISHER_FLAG_IMPROVED = 3;
  /** VLFeat's {@code VL_FISHER_FLAG_FAST} (hard assignment). */
  public static final int VL_FISHER_FLAG_FAST = 4;

  /**
   * The posterior threshold below which {@code vl_fisher_encode} skips a term
   * ({@code if (p < 1e-6) continue;} in VLFeat 0.9.21 {@code vl/fisher.c}), without
   * renormalising.
   */
  public static final double VLFEAT_POSTERIOR_SKIP = 1e-6;

  /**
   * Validates and copies.
   *
   * @param blocks selected blocks, non-empty
   * @param fisherNormalization ANALYTIC, EMPIRICAL or IDENTITY
   * @param power power normalisation
   * @param l2 L2 normalisation
   * @param posteriorRule posterior rule
   * @param layout entry order
   */
  public FisherOptions {
    Objects.requireNonNull(blocks, "blocks");
    Objects.requireNonNull(fisherNormalization, "fisherNormalization");
    Objects.requireNonNull(power, "power");
    Objects.requireNonNull(l2, "l2");
    Objects.requireNonNull(posteriorRule, "posteriorRule");
    Objects.requireNonNull(layout, "layout");
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("FisherOptions: blocks must be a non-empty subset of"
          + " {WEIGHTS, MEANS, VARIANCES}, got []");
    }
    for (FisherBlock b : blocks) {
      Objects.requireNonNull(b, "blocks element");
    }
    blocks = Collections.unmodifiableSet(EnumSet.copyOf(blocks));
  }

  /**
   * @return the improved Fisher vector: {MEANS, VARIANCES}, ANALYTIC, signed square root, L2,
   *     exact posteriors, EMKIT layout
   */
  public static FisherOptions improved() {
    return new FisherOptions(EnumSet.of(FisherBlock.MEANS, FisherBlock.VARIANCES),
        FisherNormalization.ANALYTIC, PowerNormalization.SIGNED_SQUARE_ROOT, VectorNormalization.L2,
        PosteriorRule.EXACT, FisherLayout.EMKIT);
  }

  /**
   * The options under which the encoder computes what VLFeat 0.9.21's
   * {@code vl_fisher_encode(..., flags)} computes: {MEANS, VARIANCES}, ANALYTIC, VLFEAT layout,
   * signed square root if {@code SQUARE_ROOT}, L2 if {@code NORMALIZED}, and posteriors
   * {@link PosteriorRule#HARD} if {@code FAST}, else {@link PosteriorRule#truncate(double)
   * truncate(1e-6)}. (VLFeat also drops components with a prior below 1e-6 entirely; emkit
   * keeps them, so the two agree for priors of at least 1e-6.)
   *
   * @param flags a bitwise OR of the {@code VL_FISHER_FLAG_*} constants, in [0, 7]
   * @return the options
   * @throws IllegalArgumentException for unknown bits
   */
  public static FisherOptions fromVlfeatFlags(int flags) {
    if (flags < 0 || flags > 7) {
      throw new IllegalArgumentException("FisherOptions.fromVlfeatFlags: flags must be in [0, 7]"
          + " (SQUARE_ROOT=1 | NORMALIZED=2 | FAST=4), got " + flags);
    }
    return new FisherOptions(EnumSet.of(FisherBlock.MEANS, FisherBlock.VARIANCES),
        FisherNormalization.ANALYTIC,
        (flags & VL_FISHER_FLAG_SQUARE_ROOT) != 0 ? PowerNormalization.SIGNED_SQUARE_ROOT
            : PowerNormalization.NONE,
        (flags & VL_FISHER_FLAG_NORMALIZED) != 0 ? VectorNormalization.L2 : VectorNormalization.NONE,
        (flags & VL_FISHER_FLAG_FAST) != 0 ? PosteriorRule.HARD
            : PosteriorRule.truncate(VLFEAT_POSTERIOR_SKIP),
        FisherLayout.VLFEAT);
  }

  /** @return a builder starting from {@link #improved()} */
  public static Builder builder() {
    return new Builder(improved());
  }

  /** @return a builder starting from these options */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builder of {@link FisherOptions}; starts from the given options. */
  public static final class Builder {
    private Set<FisherBlock> blocks;
    private FisherNormalization fisherNormalization;
    private PowerNormalization power;
    private VectorNormalization l2;
    private PosteriorRule posteriorRule;
    private FisherLayout layout;

    private Builder(FisherOptions o) {
      blocks = o.blocks;
      fisherNormalization = o.fisherNormalization;
      power = o.power;
      l2 = o.l2;
      posteriorRule = o.posteriorRule;
      layout = o.layout;
    }

    /**
     * @param first a block
     * @param rest more blocks
     * @return this
     */
    public Builder blocks(FisherBlock first, FisherBlock... rest) {
      this.blocks = EnumSet.of(Objects.requireNonNull(first, "blocks"), rest);
      return this;
    }

    /**
     * @param blocks a non-empty set of blocks
     * @return this
     */
    public Builder blocks(Set<FisherBlock> blocks) {
      this.blocks = Objects.requireNonNull(blocks, "blocks");
      return this;
    }

    /**
     * @param n ANALYTIC (default), EMPIRICAL or IDENTITY
     * @return this
     */
    public Builder fisherNormalization(FisherNormalization n) {
      this.fisherNormalization = Objects.requireNonNull(n, "fisherNormalization");
      return this;
    }

    /**
     * @param power element-wise power normalisation (default signed square root)
     * @return this
     */
    public Builder power(PowerNormalization power) {
      this.power = Objects.requireNonNull(power, "power");
      return this;
    }

    /**
     * @param l2 L2 (default) or NONE
     * @return this
     */
    public Builder l2(VectorNormalization l2) {
      this.l2 = Objects.requireNonNull(l2, "l2");
      return this;
    }

    /**
     * @param rule posterior rule (default EXACT)
     * @return this
     */
    public Builder posteriorRule(PosteriorRule rule) {
      this.posteriorRule = Objects.requireNonNull(rule, "posteriorRule");
      return this;
    }

    /**
     * @param layout EMKIT (default) or VLFEAT
     * @return this
     */
    public Builder layout(FisherLayout layout) {
      this.layout = Objects.requireNonNull(layout, "layout");
      return this;
    }

    /** @return the options */
    public FisherOptions build() {
      return new FisherOptions(blocks, fisherNormalization, power, l2, posteriorRule, layout);
    }
  }
}
