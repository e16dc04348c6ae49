package org.emkit.examples.images;

/** Whether the patch position is appended to each descriptor after PCA. */
public enum SpatialAugmentation {
  /** Descriptors as PCA leaves them. */
  NONE,
  /** \( (2x/W - 1, 2y/H - 1) \) appended: two more dimensions in [-1, 1]. */
  XY
}
