/**
 * Compression of Fisher vectors for large-scale learning and search: product quantisation
 * ({@link org.emkit.fisher.compress.ProductQuantizer}, with asymmetric distance computation) and
 * the per-Gaussian sparsity encoding of Sánchez et al. 2013
 * ({@link org.emkit.fisher.compress.SparseFisherCodec}), whose compressed vectors can be streamed
 * into {@link org.emkit.linear.SgdClassifier} and decoded on the fly.
 */
package org.emkit.fisher.compress;
