package org.emkit.fisher;

/**
 * Where the final L2 normalisation of a spatial-pyramid encoding is applied. Every other step of
 * the base encoder (Fisher scaling, power normalisation, VLAD intra-normalisation) is local to a
 * region (power normalisation is element-wise, so region-wise and global are the same).
 */
public enum PyramidNormalization {
  /**
   * Each region's encoding is complete, including the base encoder's final L2 step (an
   * improved Fisher vector per region, each of unit norm); the concatenation is not
   * renormalised.
   */
  PER_REGION,
  /**
   * The base encoder's final L2 step (if it has one) is applied once to the concatenation of
   * the regions instead of to each region.
   */
  GLOBAL,
  /**
   * {@link #PER_REGION}, then the concatenation is L2-normalised as well (so with unit-norm
   * regions each non-empty region is scaled by \( 1/\sqrt{R_{\text{non-empty}}} \)).
   */
  PER_REGION_AND_GLOBAL
}
