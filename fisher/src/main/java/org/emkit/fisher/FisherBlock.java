package org.emkit.fisher;

/**
 * The gradient blocks of a Fisher vector (Sánchez et al. 2013, eqs. 16–18): with respect to the
 * mixture weights (through their soft-max parameters α), the means and the standard deviations.
 */
public enum FisherBlock {
  /** \( \mathcal G_{\alpha_k} \): one value per component. */
  WEIGHTS,
  /** \( \mathcal G_{\mu_k} \): D values per component. */
  MEANS,
  /** \( \mathcal G_{\sigma_k} \): D values per component. */
  VARIANCES
}
