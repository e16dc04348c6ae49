package org.emkit.examples.images;

/**
 * The image encodings compared by the experiment (the rows of the ablation of Sánchez et al.
 * 2013, plus the bag-of-visual-words and VLAD baselines). K is the vocabulary size and d the
 * descriptor dimension after PCA (and spatial augmentation).
 */
public enum Encoding {
  /** Improved Fisher vector: mean and variance gradients, signed square root, L2 (2Kd). */
  FV_IMPROVED("FV (improved)", "∇μ, ∇σ; power 0.5; L2"),
  /** Fisher vector without power normalisation (2Kd). */
  FV_NO_POWER("FV, no power norm.", "∇μ, ∇σ; L2"),
  /** Fisher vector without L2 normalisation (2Kd). */
  FV_NO_L2("FV, no L2", "∇μ, ∇σ; power 0.5"),
  /** Fisher vector with neither normalisation: the original Fisher kernel (2Kd). */
  FV_PLAIN("FV, no power, no L2", "∇μ, ∇σ"),
  /** Mean gradients only, power and L2 (Kd). */
  FV_MEANS("FV, means only", "∇μ; power 0.5; L2"),
  /** Weight, mean and variance gradients, power and L2 ((2d+1)K). */
  FV_WEIGHTS_MEANS_VARIANCES("FV, weights+means+variances", "∇w, ∇μ, ∇σ; power 0.5; L2"),
  /** Improved FV on a 1×1 + 2×2 spatial pyramid (5·2Kd), L2 over the concatenation. */
  FV_PYRAMID_2X2("FV + pyramid 1×1+2×2", "improved FV per region; L2 of the whole"),
  /** Improved FV on the paper's 1×1 + 3×1 pyramid (4·2Kd), L2 over the concatenation. */
  FV_PYRAMID_3X1("FV + pyramid 1×1+3×1", "improved FV per region; L2 of the whole"),
  /** Soft bag of visual words: mean GMM posteriors, signed square root, L2 (K). */
  SOFT_BOV("soft-BoV", "GMM posteriors, frequencies; power 0.5; L2"),
  /** Hard bag of visual words on k-means words: frequencies, square root, L2 (K). */
  HARD_BOV("hard BoV", "k-means, nearest word, frequencies; power 0.5; L2"),
  /** VLAD on k-means centres with intra-normalisation (Kd). */
  VLAD("VLAD, intra-norm.", "k-means, hard; power 0.5; intra L2; L2");

  private final String label;
  private final String details;

  Encoding(String label, String details) {
    this.label = label;
    this.details = details;
  }

  /** @return a short name for tables */
  public String label() {
    return label;
  }

  /** @return the blocks and normalisations, for tables */
  public String details() {
    return details;
  }

  /** @return whether the vocabulary is a GMM (else k-means centres) */
  public boolean usesGmm() {
    return this != HARD_BOV && this != VLAD;
  }

  /** @return whether this is a Fisher vector derived from the all-block gradient (no pyramid) */
  boolean derivedFromFisher() {
    return usesGmm() && this != FV_PYRAMID_2X2 && this != FV_PYRAMID_3X1;
  }

  /**
   * @param k vocabulary size K
   * @param d descriptor dimension d
   * @return the encoding length
   */
  public int dimension(int k, int d) {
    switch (this) {
      case FV_MEANS:
      case VLAD:
        return k * d;
      case FV_WEIGHTS_MEANS_VARIANCES:
        return k * (2 * d + 1);
      case FV_PYRAMID_2X2:
        return 5 * 2 * k * d;
      case FV_PYRAMID_3X1:
        return 4 * 2 * k * d;
      case SOFT_BOV:
      case HARD_BOV:
        return k;
      default:
        return 2 * k * d;
    }
  }
}
