package org.emkit.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.FitMonitor;
import org.emkit.core.FitReport;

/**
 * The bookkeeping of an iterative fit, shared by the trainers of emkit's machines (in memory and
 * on Spark): it counts iterations, keeps the objective of each, logs it at DEBUG, asks the
 * {@link FitMonitor} whether to go on, applies the convergence rule and produces the
 * {@link FitReport}.
 *
 * <p><b>Use.</b> {@code while (loop.running()) { run one iteration; loop.record(objective); }},
 * then {@code loop.report()}. The model update and any warning stay with the caller.
 *
 * <p><b>Convergence rules.</b> From the second iteration on, with {@code prev} the objective of
 * the previous iteration and {@code cur} the current one:
 *
 * <ul>
 *   <li>{@link #converging} (GMM, k-means): converged when {@code |(prev − cur) / prev| <=
 *       threshold} or {@code cur == prev} (a repeated value converges even where the ratio is
 *       undefined, such as 0 → 0); an iteration stopped by the monitor is not tested;
 *   <li>{@link #convergingOnScaledDifference} (PLDA, EMPCA): converged when {@code |cur − prev|
 *       <= threshold · |prev|}, tested after every iteration, so that a report may say both
 *       converged and stopped;
 *   <li>{@link #withoutConvergence} (fixed numbers of iterations): never.
 * </ul>
 *
 * <p>Not thread-safe: one instance per fit.
 */
public final class FitLoop {

  private final String owner;
  private final String objectiveName;
  private final Logger log;
  private final FitMonitor monitor;
  private final int maxIterations;
  private final double threshold;
  private final Rule rule;
  private double[] objectives;
  private int iterations;
  private boolean converged;
  private boolean stopped;

  /** The convergence rules of the class documentation. */
  private enum Rule {
    RELATIVE_CHANGE, SCALED_DIFFERENCE, NONE
  }

  private FitLoop(String owner, String objectiveName, Logger log, FitMonitor monitor,
      int maxIterations, double threshold, Rule rule) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.objectiveName = Objects.requireNonNull(objectiveName, "objectiveName");
    this.log = Objects.requireNonNull(log, "log");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.maxIterations = maxIterations;
    this.threshold = threshold;
    this.rule = rule;
    this.objectives = new double[Math.max(0, Math.min(maxIterations, 64))];
  }

  /**
   * A loop that stops when the relative change {@code |(prev − cur) / prev|} reaches the
   * threshold or the objective repeats (see the class documentation).
   *
   * @param owner {@code Class.method}, the prefix of the DEBUG lines
   * @param objectiveName what the objective is, for the DEBUG lines
   * @param log the caller's logger
   * @param monitor receives (iteration, objective) after every iteration; may stop the fit
   * @param maxIterations iteration limit
   * @param threshold relative change at which the fit has converged
   * @return the loop
   */
  public static FitLoop converging(String owner, String objectiveName, Logger log,
      FitMonitor monitor, int maxIterations, double threshold) {
    return new FitLoop(owner, objectiveName, log, monitor, maxIterations, threshold,
        Rule.RELATIVE_CHANGE);
  }

  /**
   * A loop that stops when {@code |cur − prev| <= threshold · |prev|} (see the class
   * documentation).
   *
   * @param owner {@code Class.method}, the prefix of the DEBUG lines
   * @param objectiveName what the objective is, for the DEBUG lines
   * @param log the caller's logger
   * @param monitor receives (iteration, objective) after every iteration; may stop the fit
   * @param maxIterations iteration limit
   * @param threshold relative difference at which the fit has converged
   * @return the loop
   */
  public static FitLoop convergingOnScaledDifference(String owner, String objectiveName,
      Logger log, FitMonitor monitor, int maxIterations, double threshold) {
    return new FitLoop(owner, objectiveName, log, monitor, maxIterations, threshold,
        Rule.SCALED_DIFFERENCE);
  }

  /**
   * A loop that runs {@code maxIterations} unless the monitor stops it.
   *
   * @param owner {@code Class.method}, the prefix of the DEBUG lines
   * @param objectiveName what the objective is, for the DEBUG lines
   * @param log the caller's logger
   * @param monitor receives (iteration, objective) after every iteration; may stop the fit
   * @param maxIterations number of iterations
   * @return the loop
   */
  public static FitLoop withoutConvergence(String owner, String objectiveName, Logger log,
      FitMonitor monitor, int maxIterations) {
    return new FitLoop(owner, objectiveName, log, monitor, maxIterations, Double.NaN,
        Rule.NONE);
  }

  /** @return whether another iteration should run */
  public boolean running() {
    return !converged && !stopped && iterations < maxIterations;
  }

  /**
   * Records the objective of the iteration just run, logs it, asks the monitor and applies the
   * convergence rule.
   *
   * @param objective the objective of this iteration
   * @return {@link #running()}
   */
  public boolean record(double objective) {
    if (iterations == objectives.length) {
      objectives = Arrays.copyOf(objectives, Math.max(1, 2 * objectives.length));
    }
    objectives[iterations] = objective;
    iterations++;
    final int iteration = iterations;
    log.log(Level.DEBUG, () -> owner + ": iteration " + iteration + " " + objectiveName + " "
        + objective);
    stopped = !monitor.onIteration(iteration, objective);
    if (iteration > 1) {
      double prev = objectives[iteration - 2];
      if (rule == Rule.RELATIVE_CHANGE && !stopped) {
        converged = Math.abs((prev - objective) / prev) <= threshold || prev == objective;
      } else if (rule == Rule.SCALED_DIFFERENCE) {
        converged = Math.abs(objective - prev) <= threshold * Math.abs(prev);
      }
    }
    return running();
  }

  /** @return iterations recorded so far */
  public int iterations() {
    return iterations;
  }

  /** @return whether the convergence rule fired */
  public boolean converged() {
    return converged;
  }

  /** @return whether the monitor asked to stop */
  public boolean stopped() {
    return stopped;
  }

  /**
   * @return {@code |(prev − last) / prev|} of the last two objectives, or NaN with fewer than
   *     two
   */
  public double lastChange() {
    if (iterations < 2) {
      return Double.NaN;
    }
    double prev = objectives[iterations - 2];
    return Math.abs((prev - objectives[iterations - 1]) / prev);
  }

  /** @return the report of the iterations recorded so far */
  public FitReport report() {
    return new FitReport(iterations, converged, stopped, Arrays.copyOf(objectives, iterations));
  }
}
