/**
 * Explanations of linear classifiers on Fisher vectors: relevance of Fisher-vector dimensions and
 * of local descriptors (layer-wise relevance propagation,
 * {@link org.emkit.fisher.explain.FisherRelevance} with a
 * {@link org.emkit.fisher.explain.Decomposition} rule), pixel heatmaps
 * ({@link org.emkit.fisher.explain.Heatmap}) and their evaluation by local feature resampling
 * ({@link org.emkit.fisher.explain.ResamplingEvaluation}).
 */
package org.emkit.fisher.explain;
