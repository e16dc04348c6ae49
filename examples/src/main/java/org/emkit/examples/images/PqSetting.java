package org.emkit.examples.images;

import java.util.Locale;

/**
 * One product-quantisation setting of the compression study ({@code --compress b,G}): b bits
 * per dimension, sub-vectors of G dimensions, so {@code 2^(b·G)} centroids per sub-space.
 *
 * @param bitsPerDimension b ≥ 1
 * @param subvectorLength G ≥ 1, with b·G ≤ 16
 */
public record PqSetting(int bitsPerDimension, int subvectorLength) {

  /**
   * Validates.
   *
   * @param bitsPerDimension b
   * @param subvectorLength G
   */
  public PqSetting {
    if (bitsPerDimension < 1 || subvectorLength < 1
        || (long) bitsPerDimension * subvectorLength > 16) {
      throw new IllegalArgumentException("PqSetting: b >= 1, G >= 1 and b*G in [1, 16] are"
          + " required, got b = " + bitsPerDimension + ", G = " + subvectorLength);
    }
  }

  /**
   * @param text "b,G", e.g. "1,8"
   * @return the setting
   * @throws IllegalArgumentException if the text is not two integers or they are out of range
   */
  public static PqSetting parse(String text) {
    String[] parts = text.trim().split(",");
    if (parts.length != 2) {
      throw new IllegalArgumentException("PqSetting: expected 'b,G' (e.g. 1,8), got '" + text
          + "'");
    }
    try {
      return new PqSetting(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("PqSetting: expected two integers 'b,G', got '" + text
          + "'", e);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "b=%d,G=%d", bitsPerDimension, subvectorLength);
  }
}
