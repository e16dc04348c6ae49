package org.emkit.core;

/**
 * Thrown when array shapes do not agree; the message always names both shapes, for example
 * {@code GMMMachine.scoreSamples: x has 39 columns but the model has D = 60}.
 */
public class DimensionMismatchException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** @param message owner, both shapes and the constraint */
  public DimensionMismatchException(String message) {
    super(message);
  }
}
