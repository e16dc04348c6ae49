package org.emkit.fisher;

/**
 * The order of the entries of a Fisher vector with K components, D features and the selected
 * blocks (b_w = 1 if {@link FisherBlock#WEIGHTS} is selected, else 0; b_m, b_v likewise).
 */
public enum FisherLayout {
  /**
   * Component-major: the blocks of component k are contiguous,
   * {@code [α_k | μ_k1..μ_kD | σ_k1..σ_kD]} for k = 0..K−1, each present only if selected.
   * With stride {@code S = b_w + D·b_m + D·b_v}: α_k at {@code k·S}, μ_kj at
   * {@code k·S + b_w + j}, σ_kj at {@code k·S + b_w + D·b_m + j}.
   */
  EMKIT,
  /**
   * Block-major, as {@code vl_fisher_encode}: all mean blocks (μ_kj at {@code k·D + j}), then
   * all standard-deviation blocks (σ_kj at {@code b_m·K·D + k·D + j}), then, only if selected
   * (VLFeat has no weight block), the K weight entries (α_k at {@code (b_m + b_v)·K·D + k}).
   * With means and variances selected, the vector is exactly VLFeat's.
   */
  VLFEAT
}
