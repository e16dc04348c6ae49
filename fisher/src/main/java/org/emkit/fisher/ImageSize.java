package org.emkit.fisher;

/**
 * The extent of an image in the units of the descriptor coordinates (usually pixels): x in
 * [0, width] (left to right), y in [0, height] (top to bottom).
 *
 * @param width positive and finite
 * @param height positive and finite
 */
public record ImageSize(double width, double height) {

  /**
   * Validates.
   *
   * @param width positive and finite
   * @param height positive and finite
   */
  public ImageSize {
    if (!(width > 0) || Double.isInfinite(width)) {
      throw new IllegalArgumentException("ImageSize: width must be in (0, inf), got " + width);
    }
    if (!(height > 0) || Double.isInfinite(height)) {
      throw new IllegalArgumentException("ImageSize: height must be in (0, inf), got " + height);
    }
  }
}
