package org.emkit.core;

/**
 * Thrown when a numerical step breaks down (a matrix that must be positive definite is not,
 * a likelihood that must be finite is not). The message names the owner, the step and a remedy.
 */
public class NumericalFailureException extends ArithmeticException {

  private static final long serialVersionUID = 1L;

  /** @param message owner, failing step and remedy */
  public NumericalFailureException(String message) {
    super(message);
  }
}
