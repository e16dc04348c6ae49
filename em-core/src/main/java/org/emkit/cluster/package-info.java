/**
 * k-means clustering ({@link org.emkit.cluster.KMeansMachine}) with additive
 * {@link org.emkit.cluster.KMeansStats} for chunked and distributed Lloyd iterations.
 */
package org.emkit.cluster;
