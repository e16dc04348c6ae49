package org.emkit.mixture;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * The lower bound applied to GMM variances after every variance assignment:
 * {@code σ²[c, j] ← max(floor[c, j], σ²[c, j])}. Three shapes, as bob's
 * {@code variance_thresholds}: one scalar, one value per feature (length D), or one value per
 * component and feature (C×D). Unit: the variance unit of the data (squared feature units).
 *
 * <p>Immutable and thread-safe.
 */
public final class VarianceFloor {

  /** The shape in which the floor was given (and is stored in HDF5). */
  public enum Shape {
    /** One value for every component and feature. */
    SCALAR,
    /** One value per feature (length D). */
    PER_FEATURE,
    /** One value per component and feature (C×D). */
    PER_COMPONENT
  }

  /** float64 machine epsilon, bob's default floor ({@code numpy.finfo(float).eps}). */
  public static final double EPS = 2.220446049250313e-16;

  private static final String OWNER = "VarianceFloor";

  private final Shape shape;
  private final int rows;
  private final int cols;
  private final double[] values;

  private VarianceFloor(Shape shape, int rows, int cols, double[] values) {
    this.shape = shape;
    this.rows = rows;
    this.cols = cols;
    this.values = values;
  }

  /**
   * @param value floor for every variance, in {@code [0, inf)}
   * @return a scalar floor
   */
  public static VarianceFloor scalar(double value) {
    Check.nonNegative(OWNER + ".scalar", "value", value);
    return new VarianceFloor(Shape.SCALAR, 1, 1, new double[] {value});
  }

  /**
   * @param values one floor per feature (length D); copied
   * @return a per-feature floor
   */
  public static VarianceFloor perFeature(double[] values) {
    Objects.requireNonNull(values, "values");
    Check.atLeast(OWNER + ".perFeature", "values.length", values.length, 1);
    checkValues(OWNER + ".perFeature", values);
    return new VarianceFloor(Shape.PER_FEATURE, 1, values.length, values.clone());
  }

  /**
   * @param values one floor per component and feature (C×D); copied
   * @return a per-component floor
   */
  public static VarianceFloor perComponent(Matrix values) {
    Objects.requireNonNull(values, "values");
    checkValues(OWNER + ".perComponent", values.data());
    return new VarianceFloor(Shape.PER_COMPONENT, values.rows(), values.cols(), values.toArray());
  }

  private static void checkValues(String owner, double[] v) {
    for (int k = 0; k < v.length; k++) {
      if (!(v[k] >= 0) || Double.isInfinite(v[k])) {
        throw new IllegalArgumentException(owner + ": values[" + k + "] must be in [0, inf), got " + v[k]);
      }
    }
  }

  /** @return the shape it was given in */
  public Shape shape() {
    return shape;
  }

  /** @return a copy of the stored values (length 1, D or C·D) */
  public double[] values() {
    return values.clone();
  }

  /**
   * @param c component
   * @param j feature
   * @return the floor for {@code σ²[c, j]}
   */
  public double value(int c, int j) {
    switch (shape) {
      case SCALAR:
        return values[0];
      case PER_FEATURE:
        return values[j];
      default:
        return values[c * cols + j];
    }
  }

  /**
   * Checks that this floor fits a C×D model.
   *
   * @param owner caller for the message
   * @param numComponents C
   * @param numFeatures D
   */
  void checkFits(String owner, int numComponents, int numFeatures) {
    if ((shape == Shape.PER_FEATURE && cols != numFeatures)
        || (shape == Shape.PER_COMPONENT && (rows != numComponents || cols != numFeatures))) {
      throw new DimensionMismatchException(owner + ": varianceFloor has shape " + describe()
          + " but the model has C×D = " + numComponents + "x" + numFeatures);
    }
  }

  private String describe() {
    switch (shape) {
      case SCALAR:
        return "()";
      case PER_FEATURE:
        return "(" + cols + ",)";
      default:
        return "(" + rows + "," + cols + ")";
    }
  }

  /**
   * Floors in place: {@code v[c*D+j] = max(floor(c, j), v[c*D+j])}; NaN propagates.
   *
   * @param v variances, C×D row-major; modified
   * @param numFeatures D
   */
  void apply(double[] v, int numFeatures) {
    int numComponents = v.length / numFeatures;
    for (int c = 0; c < numComponents; c++) {
      for (int j = 0; j < numFeatures; j++) {
        int k = c * numFeatures + j;
        v[k] = Math.max(value(c, j), v[k]);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VarianceFloor)) {
      return false;
    }
    VarianceFloor f = (VarianceFloor) o;
    return shape == f.shape && rows == f.rows && cols == f.cols && Arrays.equals(values, f.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(shape, rows, cols, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return shape == Shape.SCALAR ? Double.toString(values[0]) : "VarianceFloor" + describe();
  }
}
