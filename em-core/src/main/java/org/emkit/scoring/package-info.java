/**
 * Scoring and evaluation: GMM {@link org.emkit.scoring.LinearScoring} and verification measures
 * ({@link org.emkit.scoring.VerificationMetrics}: EER, minDCF, DET curves).
 */
package org.emkit.scoring;
