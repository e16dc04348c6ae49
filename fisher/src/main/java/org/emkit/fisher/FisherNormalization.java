package org.emkit.fisher;

/**
 * How the gradient of the log-likelihood is scaled by (an approximation of) the inverse square
 * root of the Fisher information matrix F, the step that turns the Fisher score into the Fisher
 * vector \( \mathcal G = F^{-1/2} \nabla \).
 */
public enum FisherNormalization {
  /**
   * The closed-form diagonal approximation of F (Sánchez et al. 2013, eqs. 16–18): the weight
   * gradient is multiplied by \( 1/\sqrt{w_k} \), the mean gradient by \( \sigma_k/\sqrt{w_k} \)
   * and the standard-deviation gradient by \( \sigma_k/\sqrt{2 w_k} \). This is VLFeat's Fisher
   * vector.
   */
  ANALYTIC,
  /**
   * Per-dimension standardisation learned from training encodings: the raw gradients
   * ({@link #IDENTITY}) of a training collection give a mean \( m_i \) and a standard deviation
   * \( s_i \) per output dimension, and encodings become \( (\nabla_i - m_i)/s_i \). The encoder
   * must be fitted first ({@link FisherVectorEncoder#fit}).
   */
  EMPIRICAL,
  /** No scaling: the average gradient \( \frac1T \sum_t \nabla_\lambda \log u_\lambda(x_t) \). */
  IDENTITY
}
