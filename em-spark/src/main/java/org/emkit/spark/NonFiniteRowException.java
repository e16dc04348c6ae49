package org.emkit.spark;

/**
 * A row of a Spark data set holds a value that is NaN or infinite. Thrown (on the driver) by
 * every em-spark adapter instead of training a NaN model; the message names the row's key (or,
 * for data without a key column, its partition and position), the column and the element.
 */
public class NonFiniteRowException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The key of the offending row, as text. */
  private final String key;

  /**
   * @param message the full message (names the key, the column and the element)
   * @param key the key of the offending row, as text
   */
  public NonFiniteRowException(String message, String key) {
    super(message);
    this.key = key;
  }

  /** @return the key of the offending row, as text */
  public String key() {
    return key;
  }
}
