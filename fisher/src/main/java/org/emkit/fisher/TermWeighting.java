package org.emkit.fisher;

/** What a bag-of-words histogram counts. */
public enum TermWeighting {
  /** \( h_k = \sum_t q_t(k) \): (soft) counts. */
  COUNTS,
  /**
   * \( h_k = \frac1T \sum_t q_t(k) \): frequencies; with posterior assignments this is the
   * mean posterior (soft bag of visual words, "soft-BoV").
   */
  FREQUENCIES
}
