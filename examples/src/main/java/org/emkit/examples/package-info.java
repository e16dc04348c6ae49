/**
 * Runnable end-to-end experiments. {@link org.emkit.examples.SpeakerDemo} is the small
 * speaker-verification demonstration (three real voices, GMM-UBM and ISV, a few minutes);
 * {@link org.emkit.examples.SpeakerExample} the full DebVox protocol (GMM-UBM, ISV, JFA,
 * i-vectors, optional score normalisation). Both run as programs ({@code main}) and as library
 * calls that return the result tables; the engine is in {@link org.emkit.examples.speaker}.
 */
package org.emkit.examples;
