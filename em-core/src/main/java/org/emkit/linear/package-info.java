/**
 * Linear transforms of vectors: {@link org.emkit.linear.Whitening}, within-class covariance
 * normalisation {@link org.emkit.linear.WCCN}, and their common affine
 * {@link org.emkit.linear.Projection}.
 */
package org.emkit.linear;
