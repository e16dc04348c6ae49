package org.emkit.core;

/**
 * Receives the objective after every iteration of an iterative fit and may stop it early.
 * Called on the thread that runs {@code fit}, never concurrently.
 */
@FunctionalInterface
public interface FitMonitor {

  /** A monitor that never stops the fit. */
  FitMonitor NONE = (iteration, objective) -> true;

  /**
   * @param iteration 1-based iteration just completed
   * @param objective the objective reported for it (for GMMs the average log-likelihood per
   *     frame of the E-step; for k-means the average minimum distance)
   * @return {@code true} to continue, {@code false} to stop after this iteration
   */
  boolean onIteration(int iteration, double objective);
}
