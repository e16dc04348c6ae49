package org.emkit.core;

/**
 * Which arithmetic a machine follows where bob.learn.em v3 deviates from the published
 * algorithm.
 *
 * <ul>
 *   <li>{@link #STANDARD} (default): the published formulas. MAP variances follow Reynolds et al.
 *       2000 eq. 13 with the squared prior mean; ML weights are {@code n_c / T}; JFA uses the
 *       correct sign of the speaker-offset term.
 *   <li>{@link #BOB_COMPATIBLE}: reproduces bob.learn.em 3.3.0 number for number, including
 *       its quirks (SPEC §14): the MAP variance update with {@code σ²⁰ + μ⁰} (not squared), ML
 *       weights from the count floored at the update threshold, and the {@code m − D z} sign of
 *       the JFA {@code Fn_y} term.
 * </ul>
 */
public enum Numerics {
  /** The published algorithms; the default. */
  STANDARD,
  /** bob.learn.em v3.3.0 arithmetic, quirks included, for parity with existing results. */
  BOB_COMPATIBLE
}
