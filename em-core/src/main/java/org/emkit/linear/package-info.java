/**
 * Linear transforms of vectors: {@link org.emkit.linear.Whitening}, within-class covariance
 * normalisation {@link org.emkit.linear.WCCN}, principal component analysis
 * {@link org.emkit.linear.PCA} (with optional whitening, for descriptor reduction before
 * encoding), and their common affine {@link org.emkit.linear.Projection}.
 */
package org.emkit.linear;
