package org.emkit.core;

import java.util.Arrays;

/**
 * Provenance of an iterative fit: how many iterations ran, whether the convergence rule fired,
 * and the objective after each iteration.
 */
public final class FitReport {

  /** Report of a machine that was built from parameters rather than fitted. */
  public static final FitReport NOT_FITTED = new FitReport(0, false, false, new double[0]);

  private final int iterations;
  private final boolean converged;
  private final boolean stoppedByMonitor;
  private final double[] objectives;

  /**
   * @param iterations number of iterations run
   * @param converged whether the convergence rule fired
   * @param stoppedByMonitor whether a {@link FitMonitor} asked to stop
   * @param objectives objective per iteration; copied
   */
  public FitReport(int iterations, boolean converged, boolean stoppedByMonitor, double[] objectives) {
    this.iterations = iterations;
    this.converged = converged;
    this.stoppedByMonitor = stoppedByMonitor;
    this.objectives = objectives.clone();
  }

  /** @return number of iterations run */
  public int iterations() {
    return iterations;
  }

  /** @return whether the convergence rule fired before the iteration limit */
  public boolean converged() {
    return converged;
  }

  /** @return whether a monitor stopped the fit */
  public boolean stoppedByMonitor() {
    return stoppedByMonitor;
  }

  /** @return a copy of the objective after each iteration (length {@link #iterations()}) */
  public double[] objectives() {
    return objectives.clone();
  }

  @Override
  public String toString() {
    return "FitReport[iterations=" + iterations + ", converged=" + converged
        + (stoppedByMonitor ? ", stoppedByMonitor" : "") + ", objectives="
        + Arrays.toString(objectives) + "]";
  }
}
