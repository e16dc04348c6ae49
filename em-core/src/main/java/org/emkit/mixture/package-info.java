/**
 * Diagonal Gaussian mixture models: {@link org.emkit.mixture.GMMMachine} (ML training and MAP
 * adaptation), the sufficient statistics {@link org.emkit.mixture.GMMStats} that every consumer
 * reads, and the one E-step kernel that produces them (log-likelihoods, log-sum-exp posteriors,
 * zeroth/first/second-order accumulation on fixed chunks merged in order).
 */
package org.emkit.mixture;
