package org.emkit.fisher;

import java.util.Objects;

/**
 * Element-wise power normalisation \( z \mapsto \mathrm{sign}(z)\,|z|^{\rho} \) of an encoding
 * (Perronnin et al. 2010; Sánchez et al. 2013, Sec. 3.2.2), or none.
 *
 * <p>For ρ = 0.5 the signed square root is computed as VLFeat does
 * ({@code z >= 0 ? sqrt(z) : -sqrt(-z)}, with {@link Math#sqrt}), so it agrees with
 * {@code VL_FISHER_FLAG_SQUARE_ROOT} and {@code VL_VLAD_FLAG_SQUARE_ROOT} to the last bit for
 * equal inputs; other ρ use {@link Math#pow}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PowerNormalization {

  /** No power normalisation (ρ = 1). */
  public static final PowerNormalization NONE = new PowerNormalization(1.0);

  /** The signed square root, ρ = 0.5 (the "improved" Fisher vector and VLFeat's flags). */
  public static final PowerNormalization SIGNED_SQUARE_ROOT = new PowerNormalization(0.5);

  private final double rho;

  private PowerNormalization(double rho) {
    this.rho = rho;
  }

  /**
   * @param rho exponent ρ in (0, 1]; 1 is {@link #NONE} and 0.5 {@link #SIGNED_SQUARE_ROOT}
   * @return the normalisation \( \mathrm{sign}(z)|z|^\rho \)
   * @throws IllegalArgumentException if ρ is not in (0, 1]
   */
  public static PowerNormalization signedPower(double rho) {
    if (!(rho > 0 && rho <= 1)) {
      throw new IllegalArgumentException(
          "PowerNormalization.signedPower: rho must be in (0, 1], got " + rho);
    }
    if (rho == 1.0) {
      return NONE;
    }
    return rho == 0.5 ? SIGNED_SQUARE_ROOT : new PowerNormalization(rho);
  }

  /** @return ρ (1 for {@link #NONE}) */
  public double rho() {
    return rho;
  }

  /** @return whether this is the identity (ρ = 1) */
  public boolean isNone() {
    return rho == 1.0;
  }

  /**
   * Applies the normalisation in place.
   *
   * @param v values; modified in {@code [offset, offset + length)}
   * @param offset first index
   * @param length number of values
   */
  void apply(double[] v, int offset, int length) {
    int end = offset + length;
    if (rho == 1.0) {
      return;
    }
    if (rho == 0.5) {
      for (int i = offset; i < end; i++) {
        double z = v[i];
        v[i] = z >= 0 ? Math.sqrt(z) : -Math.sqrt(-z);
      }
      return;
    }
    for (int i = offset; i < end; i++) {
      double z = v[i];
      v[i] = z >= 0 ? Math.pow(z, rho) : -Math.pow(-z, rho);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PowerNormalization
        && Double.compare(((PowerNormalization) o).rho, rho) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(rho);
  }

  @Override
  public String toString() {
    return rho == 1.0 ? "NONE" : rho == 0.5 ? "SIGNED_SQUARE_ROOT" : "signedPower(" + rho + ")";
  }
}
