package org.emkit.fisher;

import java.util.Objects;

/**
 * The options of a {@link VLADEncoder}: the assignment and the normalisations, which are applied
 * in VLFeat's order: component mass, power (signed square root), intra (per-centre L2), then
 * global L2.
 *
 * <p>VLFeat's flags map one to one: {@code NORMALIZE_MASS} is {@link
 * MassNormalization#COMPONENT_MASS}, {@code SQUARE_ROOT} is {@link
 * PowerNormalization#SIGNED_SQUARE_ROOT}, {@code NORMALIZE_COMPONENTS} is {@code intra = L2}, and
 * the global L2 is on unless {@code UNNORMALIZED} (see {@link #fromVlfeatFlags}).
 *
 * @param assignment HARD (default), SOFTMAX(α), or POSTERIOR(rule) for GMM-based encoders
 * @param mass mass normalisation of each residual block
 * @param power element-wise power normalisation
 * @param intra L2 normalisation of each centre's block ("intra-normalisation", Arandjelović and
 *     Zisserman 2013)
 * @param global L2 normalisation of the whole vector
 */
public record VLADOptions(Assignment assignment, MassNormalization mass, PowerNormalization power,
    VectorNormalization intra, VectorNormalization global) {

  /** VLFeat's {@code VL_VLAD_FLAG_NORMALIZE_COMPONENTS}. */
  public static final int VL_VLAD_FLAG_NORMALIZE_COMPONENTS = 1;
  /** VLFeat's {@code VL_VLAD_FLAG_SQUARE_ROOT}. */
  public static final int VL_VLAD_FLAG_SQUARE_ROOT = 2;
  /** VLFeat's {@code VL_VLAD_FLAG_UNNORMALIZED}. */
  public static final int VL_VLAD_FLAG_UNNORMALIZED = 4;
  /** VLFeat's {@code VL_VLAD_FLAG_NORMALIZE_MASS}. */
  public static final int VL_VLAD_FLAG_NORMALIZE_MASS = 8;

  /**
   * Validates.
   *
   * @param assignment the assignment
   * @param mass mass normalisation
   * @param power power normalisation
   * @param intra per-centre L2
   * @param global global L2
   */
  public VLADOptions {
    Objects.requireNonNull(assignment, "assignment");
    Objects.requireNonNull(mass, "mass");
    Objects.requireNonNull(power, "power");
    Objects.requireNonNull(intra, "intra");
    Objects.requireNonNull(global, "global");
  }

  /** @return VLFeat's default: hard assignment, residual sums, global L2 only (flags 0) */
  public static VLADOptions vlfeatDefault() {
    return fromVlfeatFlags(Assignment.HARD, 0);
  }

  /**
   * @param assignment the assignment (VLFeat takes assignments as input)
   * @param flags bitwise OR of the {@code VL_VLAD_FLAG_*} constants, in [0, 15]
   * @return the options under which the encoder computes what VLFeat 0.9.21's
   *     {@code vl_vlad_encode(..., assignments, flags)} computes
   */
  public static VLADOptions fromVlfeatFlags(Assignment assignment, int flags) {
    if (flags < 0 || flags > 15) {
      throw new IllegalArgumentException("VLADOptions.fromVlfeatFlags: flags must be in [0, 15]"
          + " (NORMALIZE_COMPONENTS=1 | SQUARE_ROOT=2 | UNNORMALIZED=4 | NORMALIZE_MASS=8), got "
          + flags);
    }
    return new VLADOptions(assignment,
        (flags & VL_VLAD_FLAG_NORMALIZE_MASS) != 0 ? MassNormalization.COMPONENT_MASS
            : MassNormalization.NONE,
        (flags & VL_VLAD_FLAG_SQUARE_ROOT) != 0 ? PowerNormalization.SIGNED_SQUARE_ROOT
            : PowerNormalization.NONE,
        (flags & VL_VLAD_FLAG_NORMALIZE_COMPONENTS) != 0 ? VectorNormalization.L2
            : VectorNormalization.NONE,
        (flags & VL_VLAD_FLAG_UNNORMALIZED) != 0 ? VectorNormalization.NONE
            : VectorNormalization.L2);
  }

  /** @return a builder starting from {@link #vlfeatDefault()} */
  public static Builder builder() {
    return new Builder(vlfeatDefault());
  }

  /** @return a builder starting from these options */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builder of {@link VLADOptions}. */
  public static final class Builder {
    private Assignment assignment;
    private MassNormalization mass;
    private PowerNormalization power;
    private VectorNormalization intra;
    private VectorNormalization global;

    private Builder(VLADOptions o) {
      assignment = o.assignment;
      mass = o.mass;
      power = o.power;
      intra = o.intra;
      global = o.global;
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
     * @param mass NONE (default) or COMPONENT_MASS
     * @return this
     */
    public Builder mass(MassNormalization mass) {
      this.mass = Objects.requireNonNull(mass, "mass");
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
     * @param intra per-centre L2 or NONE (default)
     * @return this
     */
    public Builder intra(VectorNormalization intra) {
      this.intra = Objects.requireNonNull(intra, "intra");
      return this;
    }

    /**
     * @param global global L2 (default) or NONE
     * @return this
     */
    public Builder global(VectorNormalization global) {
      this.global = Objects.requireNonNull(global, "global");
      return this;
    }

    /** @return the options */
    public VLADOptions build() {
      return new VLADOptions(assignment, mass, power, intra, global);
    }
  }
}
