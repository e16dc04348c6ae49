package org.emkit.examples;

import org.emkit.core.FitMonitor;

/**
 * Receives the progress of the long stages of an experiment (feature extraction, UBM and
 * subspace training, scoring). Implementations must be thread-safe: tasks are advanced from
 * worker threads. {@link #NONE} ignores everything; {@link ConsoleProgress} draws bars on a
 * terminal.
 */
public interface ProgressListener {

  /** A listener that ignores everything. */
  ProgressListener NONE = new ProgressListener() {
    @Override
    public Task start(String stage, long total) {
      return Task.NONE;
    }

    @Override
    public void message(String text) {
      // ignored
    }
  };

  /**
   * Starts a stage.
   *
   * @param stage a short label ("features", "fold 1/2: UBM EM")
   * @param total the number of steps, or 0 if unknown
   * @return the task to advance and close
   */
  Task start(String stage, long total);

  /**
   * A one-line note (settings, a stage that was skipped, where results were written).
   *
   * @param text the note
   */
  void message(String text);

  /** One running stage. */
  interface Task extends AutoCloseable {

    /** A task that ignores everything. */
    Task NONE = new Task() {
      @Override
      public void advance(long steps) {
        // ignored
      }

      @Override
      public void note(String text) {
        // ignored
      }

      @Override
      public void close() {
        // ignored
      }
    };

    /**
     * Marks steps as done.
     *
     * @param steps number of steps, ≥ 0
     */
    void advance(long steps);

    /** Marks one step as done. */
    default void step() {
      advance(1);
    }

    /**
     * Attaches a short status to the current step (an objective value, say).
     *
     * @param text the status
     */
    void note(String text);

    /**
     * A {@link FitMonitor} that advances this task by one step per iteration and shows the
     * objective; it never stops the fit.
     *
     * @param objectiveName what the objective is ("avg log-lik", "rel. change")
     * @return the monitor
     */
    default FitMonitor monitor(String objectiveName) {
      return (iteration, objective) -> {
        note(objectiveName + " " + String.format(java.util.Locale.ROOT, "%.6g", objective));
        step();
        return true;
      };
    }

    /** Ends the stage. */
    @Override
    void close();
  }
}
