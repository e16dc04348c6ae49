/**
 * Audio front end for speaker recognition: WAV reading, MFCC with Δ/ΔΔ, energy-based voice
 * activity detection, per-utterance CMVN and feature warping, and manifests of labelled audio
 * files.
 *
 * <p><b>Pipeline.</b> {@link org.emkit.features.audio.WavReader} reads 16-bit PCM, µ-law or
 * A-law WAV into an {@link org.emkit.features.audio.AudioSignal} (16-bit PCM units, mono);
 * {@link org.emkit.features.audio.Mfcc} turns it into a T × D {@link org.emkit.core.Matrix} of
 * frames (rows) by coefficients (columns); {@link org.emkit.features.audio.EnergyVad} keeps the
 * speech frames; {@link org.emkit.features.audio.Cmvn} or
 * {@link org.emkit.features.audio.FeatureWarping} normalise each utterance.
 * {@link org.emkit.features.audio.FrontEnd} chains the steps with the defaults of the speaker
 * examples; its output feeds {@code GMMMachine.transform} and the factor-analysis machines.
 *
 * <p><b>Default front end.</b> 8 kHz; pre-emphasis 0.97; 20 ms Hamming windows every 10 ms
 * (160/80 samples); FFT 256; 24 triangular mel filters over 0–4000 Hz; natural log; orthonormal
 * DCT-II keeping c1..c19; Δ over ±2 frames (38 dimensions); frames within 30 dB of the loudest
 * and at or above the median energy; per-utterance mean and variance normalisation.
 *
 * <p><b>Preparing audio.</b> Convert anything else (Ogg, MP3, other rates) to 8 kHz mono 16-bit
 * WAV with sox first: {@code sox in.ogg -r 8000 -c 1 -b 16 out.wav}. The DebVox corpus script
 * {@code scripts/prepare-debvox.sh} does this and writes a manifest read by
 * {@link org.emkit.features.audio.SegmentManifest}.
 */
package org.emkit.features.audio;
