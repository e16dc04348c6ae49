package org.emkit.examples.images;

import java.util.Objects;

/**
 * One row of the experiment: an encoding at a vocabulary size.
 *
 * @param encoding the encoding
 * @param components K, the number of GMM components or k-means words, ≥ 1
 */
public record Variant(Encoding encoding, int components) {

  /**
   * Validates.
   *
   * @param encoding the encoding
   * @param components K
   */
  public Variant {
    Objects.requireNonNull(encoding, "encoding");
    if (components < 1) {
      throw new IllegalArgumentException("Variant: components must be in [1, inf), got "
          + components);
    }
  }

  @Override
  public String toString() {
    return encoding.label() + " K=" + components;
  }
}
