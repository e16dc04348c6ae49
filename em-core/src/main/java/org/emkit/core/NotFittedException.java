package org.emkit.core;

/**
 * Thrown when a method that needs fitted parameters is called on an unfitted machine. The
 * message names the method, for example {@code GMMMachine.transform: machine is not fitted;
 * call fit(...) or build it from parameters first}.
 */
public class NotFittedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** @param message the method and what to do */
  public NotFittedException(String message) {
    super(message);
  }

  /**
   * @param owner {@code Class.method} that was called
   * @return an exception with the standard message
   */
  public static NotFittedException of(String owner) {
    return new NotFittedException(
        owner + ": machine is not fitted; call fit(...) first or build it from parameters");
  }
}
