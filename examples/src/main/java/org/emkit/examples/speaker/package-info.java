/**
 * The speaker-verification experiment engine: a corpus manifest, the audio front end,
 * speaker-disjoint folds, GMM-UBM, ISV, JFA and i-vector systems trained on the development
 * speakers, cohort score normalisation, and EER/minDCF tables and DET plots per system, test
 * channel and trial subset.
 *
 * <p><b>Data flow.</b> {@link org.emkit.examples.speaker.Corpus} (manifest) →
 * {@link org.emkit.examples.speaker.FeatureBank} (MFCC, VAD, CMVN per segment) →
 * {@link org.emkit.examples.speaker.SpeakerSplit} (folds) →
 * {@link org.emkit.examples.speaker.TrialPlan} (development, enrolment, test, cohort, trials) →
 * {@link org.emkit.examples.speaker.FoldContext} (UBM, statistics) →
 * {@link org.emkit.examples.speaker.VerificationSystem}s (scores) →
 * {@link org.emkit.examples.speaker.ExperimentResult} (tables) →
 * {@link org.emkit.examples.speaker.ResultWriter} (CSV, Markdown, DET PNG).
 * {@link org.emkit.examples.speaker.SpeakerExperiment#run} chains them.
 *
 * <p><b>Reproducibility.</b> Every random choice is seeded from
 * {@link org.emkit.examples.speaker.ExperimentConfig#seed()}, and every parallel step is
 * thread-count invariant: the same configuration gives the same scores bit for bit.
 */
package org.emkit.examples.speaker;
