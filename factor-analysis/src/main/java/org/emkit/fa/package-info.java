/**
 * Factor analysis: on GMM sufficient statistics, inter-session variability modelling
 * ({@link org.emkit.fa.ISVMachine}), joint factor analysis ({@link org.emkit.fa.JFAMachine}) and
 * the total-variability model that extracts i-vectors ({@link org.emkit.fa.IVectorMachine}); on
 * fixed-length vectors such as i-vectors, probabilistic linear discriminant analysis
 * ({@link org.emkit.fa.PLDA}, and the two-covariance variant
 * {@link org.emkit.fa.TwoCovariancePLDA}) and probabilistic PCA by EM
 * ({@link org.emkit.fa.EMPCA}).
 *
 * <p>ISV, JFA and i-vectors read per-session {@link org.emkit.mixture.GMMStats} computed against
 * a universal background model (a fitted {@link org.emkit.mixture.GMMMachine}), and model the
 * GMM mean supervector of a session — C·D values, index {@code c*D + d}, row-major like every
 * emkit array — as the UBM mean plus low-rank offsets: {@code m + U x + D z} (ISV),
 * {@code m + U x + V y + D z} (JFA), {@code m + T w} (i-vectors). Subspace matrices are CD×r
 * row-major; diagonals are supervectors. PLDA models a vector as {@code μ + F h + G w + ε} with
 * an identity factor h shared by the samples of one identity; its training data are an N×D
 * matrix with one identity label per row (arbitrary int labels), and it scores enrolment and
 * probe sets of any size by exact log-likelihood ratios.
 *
 * <p>Training follows the emkit pattern: an E-step produces additive, mergeable statistics
 * ({@link org.emkit.fa.SubspaceStats}, {@link org.emkit.fa.DiagonalStats},
 * {@link org.emkit.fa.IVectorStats}, {@link org.emkit.fa.PLDAStats},
 * {@link org.emkit.fa.EMPCAStats}), an M-step is a pure function of them, and {@code fit} is the
 * loop. Machines are immutable; {@code fit} returns a new one. Multi-threaded work is bitwise
 * identical for any thread count. Numbers match bob.learn.em 3.3.0 (SPEC §6–7) to rtol 1e-10 and
 * the C++-era PLDA/EMPCA references of bob.learn.em 2.1.8 (SPEC §11.3, §12.2–12.3);
 * {@link org.emkit.core.Numerics#BOB_COMPATIBLE} reproduces bob's JFA sign quirk and its EMPCA
 * likelihood.
 */
package org.emkit.fa;
