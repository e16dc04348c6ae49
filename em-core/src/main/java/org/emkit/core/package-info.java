/**
 * Core types of emkit: {@link org.emkit.core.Matrix}, the exceptions, numerics modes and fit
 * reports shared by every estimator.
 *
 * <p><b>Shared notation.</b> N samples (frames, descriptors), D features, C mixture components
 * (K clusters for k-means). Data matrices are N×D and stored row-major in one flat
 * {@code double[]}: element (i, j) is at {@code i*D + j}. Model parameters are C×D row-major;
 * a <em>supervector</em> stacks the C blocks of D values, so its element {@code c*D + j} belongs
 * to component c and feature j (the order of bob.learn.em and of the factor-analysis modules).
 *
 * <p><b>Conventions.</b> Machines are immutable and configured by builders; {@code fit} returns
 * a new fitted machine. Statistics objects ({@code GMMStats}, {@code KMeansStats}) are the only
 * mutable public types and merge associatively. Errors name the owner, the parameter, the
 * constraint and the value.
 */
package org.emkit.core;
