/**
 * Factor analysis on GMM sufficient statistics: inter-session variability modelling
 * ({@link org.emkit.fa.ISVMachine}), joint factor analysis ({@link org.emkit.fa.JFAMachine}) and
 * the total-variability model that extracts i-vectors ({@link org.emkit.fa.IVectorMachine}).
 *
 * <p>All three read per-session {@link org.emkit.mixture.GMMStats} computed against a universal
 * background model (a fitted {@link org.emkit.mixture.GMMMachine}), and model the GMM mean
 * supervector of a session — C·D values, index {@code c*D + d}, row-major like every emkit array
 * — as the UBM mean plus low-rank offsets: {@code m + U x + D z} (ISV), {@code m + U x + V y + D z}
 * (JFA), {@code m + T w} (i-vectors). Subspace matrices are CD×r row-major; diagonals are
 * supervectors.
 *
 * <p>Training follows the emkit pattern: an E-step produces additive, mergeable statistics
 * ({@link org.emkit.fa.SubspaceStats}, {@link org.emkit.fa.DiagonalStats},
 * {@link org.emkit.fa.IVectorStats}), an M-step is a pure function of them, and {@code fit} is
 * the loop. Machines are immutable; {@code fit} returns a new one. Multi-threaded work is
 * bitwise identical for any thread count. Numbers match bob.learn.em 3.3.0 (SPEC §6–7) to rtol
 * 1e-10; {@link org.emkit.core.Numerics#BOB_COMPATIBLE} reproduces bob's JFA sign quirk.
 */
package org.emkit.fa;
