package org.emkit.examples.images;

/** Which dense local descriptor the experiment extracts. */
public enum DescriptorKind {
  /** SIFT-like gradient-orientation histograms ({@code DenseSiftExtractor}). */
  SIFT,
  /** Raw pixel patches ({@code RawPatchExtractor}). */
  PATCHES
}
