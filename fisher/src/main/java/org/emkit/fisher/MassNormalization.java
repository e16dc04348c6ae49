package org.emkit.fisher;

/** Whether each VLAD residual block is divided by the assignment mass of its centre. */
public enum MassNormalization {
  /** \( v_k = \sum_t q_t(k)(x_t - c_k) \): residual sums (VLFeat's default). */
  NONE,
  /**
   * \( v_k = \frac{1}{\sum_t q_t(k)} \sum_t q_t(k)(x_t - c_k) \): the mean residual
   * (VLFeat's {@code VL_VLAD_FLAG_NORMALIZE_MASS}); a centre with zero mass keeps a zero block.
   */
  COMPONENT_MASS
}
