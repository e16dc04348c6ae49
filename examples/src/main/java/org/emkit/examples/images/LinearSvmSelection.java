package org.emkit.examples.images;

import java.util.List;
import org.emkit.linear.SgdClassifier;
import org.emkit.linear.VectorSource;

/**
 * One-vs-rest linear SVM (hinge loss, SGD) with the regularisation λ chosen on a validation
 * split carved from the training images, then refitted on all training images and scored once
 * on the test images.
 *
 * <p><b>Scale-free grid.</b> The grid values λ' are relative to the scale of the encodings: the
 * classifier is trained with \( \lambda = \lambda' \cdot \overline{\lVert x\rVert^2} \), the mean
 * squared norm of the fit rows. Scaling every x by s is the same problem as λ/s² on the unscaled
 * data, so the same grid serves L2-normalised encodings (mean squared norm 1, λ = λ') and
 * unnormalised ones, whose norms depend on K, d and the number of descriptors.
 *
 * <p>Rows of the source are ordered [fit | validation | test]: each λ of the grid is trained on
 * the fit rows and scored on the validation rows; the most accurate λ (ties: the larger λ, the
 * simpler model) is refitted on fit + validation; the test rows are used only by that final
 * model.
 */
final class LinearSvmSelection {

  /** The result of a selection. */
  static final class Outcome {
    /** The chosen relative λ'. */
    final double lambda;
    /** The absolute λ the classifier used. */
    final double absoluteLambda;
    final double[] lambdas;
    final double[] validationAccuracy;
    final double testAccuracy;
    final double searchSeconds;
    final double trainSeconds;
    final int[] testPredictions;
    /** The final classifier, refitted on fit + validation rows with the chosen λ. */
    final SgdClassifier model;

    Outcome(double lambda, double absoluteLambda, double[] lambdas, double[] validationAccuracy,
        double testAccuracy, double searchSeconds, double trainSeconds, int[] testPredictions,
        SgdClassifier model) {
      this.lambda = lambda;
      this.absoluteLambda = absoluteLambda;
      this.lambdas = lambdas;
      this.validationAccuracy = validationAccuracy;
      this.testAccuracy = testAccuracy;
      this.searchSeconds = searchSeconds;
      this.trainSeconds = trainSeconds;
      this.testPredictions = testPredictions;
      this.model = model;
    }

    /** @return the best validation accuracy */
    double bestValidationAccuracy() {
      double best = 0;
      for (double a : validationAccuracy) {
        best = Math.max(best, a);
      }
      return best;
    }
  }

  private LinearSvmSelection() {}

  /** Rows [from, to) of a source. */
  static VectorSource range(VectorSource all, int from, int to) {
    return new VectorSource() {
      @Override
      public int size() {
        return to - from;
      }

      @Override
      public int dimension() {
        return all.dimension();
      }

      @Override
      public void get(int index, double[] out) {
        all.get(from + index, out);
      }
    };
  }

  static SgdClassifier.Builder classifier(int epochs, SgdClassifier.Averaging averaging,
      long seed, int threads) {
    return SgdClassifier.linearSvm().epochs(epochs).schedule(SgdClassifier.Schedule.OPTIMAL)
        .averaging(averaging).seed(seed).parallelism(threads);
  }

  /**
   * @param all rows [fit | validation | test]
   * @param nFit fit rows
   * @param nValidation validation rows (≥ 1 when the grid has more than one λ); the remaining
   *     rows are test rows (none: the test accuracy is NaN)
   * @param labels one label per row
   * @param lambdas the grid
   * @param epochs SGD epochs
   * @param averaging SGD iterate averaging
   * @param seed SGD seed
   * @param threads classes trained concurrently
   * @return the outcome
   */
  static Outcome run(VectorSource all, int nFit, int nValidation, int[] labels,
      List<Double> lambdas, int epochs, SgdClassifier.Averaging averaging, long seed,
      int threads) {
    int nTrain = nFit + nValidation;
    int n = all.size();
    int[] yFit = java.util.Arrays.copyOfRange(labels, 0, nFit);
    int[] yVal = java.util.Arrays.copyOfRange(labels, nFit, nTrain);
    int[] yTrain = java.util.Arrays.copyOfRange(labels, 0, nTrain);
    int[] yTest = java.util.Arrays.copyOfRange(labels, nTrain, n);
    long t0 = System.nanoTime();
    double scale = meanSquaredNorm(all, nFit, threads);
    double[] relative = lambdas.stream().mapToDouble(Double::doubleValue).toArray();
    double[] grid = new double[relative.length];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = relative[i] * scale;
    }
    double[] val = new double[grid.length];
    int best = 0;
    if (grid.length > 1) {
      VectorSource fit = range(all, 0, nFit);
      VectorSource valRows = range(all, nFit, nTrain);
      for (int i = 0; i < grid.length; i++) {
        SgdClassifier c = classifier(epochs, averaging, seed, threads).lambda(grid[i]).build().fit(fit, yFit);
        val[i] = c.accuracy(valRows, yVal);
        if (val[i] > val[best] || (val[i] == val[best] && grid[i] > grid[best])) {
          best = i;
        }
      }
    }
    long t1 = System.nanoTime();
    SgdClassifier fin = classifier(epochs, averaging, seed, threads).lambda(grid[best]).build()
        .fit(range(all, 0, nTrain), yTrain);
    long t2 = System.nanoTime();
    VectorSource test = range(all, nTrain, n);
    int[] pred = fin.predict(test);
    int ok = 0;
    for (int i = 0; i < pred.length; i++) {
      ok += pred[i] == yTest[i] ? 1 : 0;
    }
    return new Outcome(relative[best], grid[best], relative, val,
        pred.length == 0 ? Double.NaN : (double) ok / pred.length, (t1 - t0) / 1e9,
        (t2 - t1) / 1e9, pred, fin);
  }

  /** Mean of ‖x‖² over rows [0, n), summed in fixed row chunks (thread-count invariant). */
  static double meanSquaredNorm(VectorSource all, int n, int threads) {
    double total = org.emkit.core.internal.Parallel.reduce(n, 1024, threads,
        () -> new double[1], a -> a[0] = 0, (chunk, from, to, acc) -> {
          double[] buf = new double[all.dimension()];
          for (int i = from; i < to; i++) {
            all.get(i, buf);
            double s = 0;
            for (double v : buf) {
              s += v * v;
            }
            acc[0] += s;
          }
        }, (into, from) -> into[0] += from[0])[0];
    double mean = total / Math.max(1, n);
    return mean > 0 ? mean : 1.0;
  }
}
