/**
 * Encoders of sets of local descriptors into fixed-length vectors for image (or audio)
 * classification and retrieval: {@link org.emkit.fisher.FisherVectorEncoder} (all variants of
 * Sánchez et al. 2013: weight/mean/variance blocks, analytic, empirical or no Fisher-information
 * normalisation, power and L2 normalisation, posterior thresholding, hard assignment, emkit or
 * VLFeat layout), {@link org.emkit.fisher.VLADEncoder} (hard or soft assignment, VLFeat's
 * normalisations), {@link org.emkit.fisher.BagOfWordsEncoder} (hard and soft histograms), and
 * {@link org.emkit.fisher.SpatialPyramidEncoder}, which concatenates any of them over the
 * regions of a spatial pyramid.
 *
 * <p>Every encoder is immutable, built from a fitted {@link org.emkit.mixture.GMMMachine} or
 * {@link org.emkit.cluster.KMeansMachine} and an options record, and takes its statistics from
 * the one shared E-step of {@code GMMMachine} ({@code accumulate(x, from, to, stats, rule)}).
 * Descriptors are T×D row-major matrices; a batch of sets is one N×D matrix plus the lengths of
 * consecutive sets, encoded into one row per set ({@link
 * org.emkit.fisher.DescriptorEncoder#encodeSets}).
 */
package org.emkit.fisher;
