package org.emkit.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;
import org.emkit.linear.Projection;

/**
 * Cosine similarity scoring of vectors (i-vectors, x-vectors) after an optional chain of linear
 * projections applied to models and probes alike (for example LDA then WCCN, as Dehak et al.).
 *
 * <p><b>Model.</b> With the projection chain P (applied left to right),
 * \( s(m, t) = \frac{\langle P(m), P(t) \rangle}{\lVert P(m) \rVert\, \lVert P(t) \rVert} \); a
 * zero vector scores 0.
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>N. Dehak, P. Kenny, R. Dehak, P. Dumouchel, P. Ouellet, "Front-end factor analysis for
 *       speaker verification", IEEE TASLP 19(4), 2011. https://doi.org/10.1109/TASL.2010.2064307
 * </ol>
 *
 * @see org.emkit.linear.LDA
 * @see org.emkit.linear.WCCN
 */
public final class CosineScoring {

  private final List<Projection> chain;

  private CosineScoring(List<Projection> chain) {
    this.chain = chain;
  }

  /**
   * @param projections projections applied in order (may be empty); their dimensions must chain
   * @return the scorer
   */
  public static CosineScoring of(Projection... projections) {
    List<Projection> list = new ArrayList<>();
    for (int k = 0; k < projections.length; k++) {
      Projection p = Objects.requireNonNull(projections[k], "projections[" + k + "]");
      if (k > 0 && list.get(k - 1).outputDimension() != p.inputDimension()) {
        throw new DimensionMismatchException("CosineScoring.of: projections[" + (k - 1)
            + "] outputs " + list.get(k - 1).outputDimension() + " dimensions but projections["
            + k + "] expects " + p.inputDimension());
      }
      list.add(p);
    }
    return new CosineScoring(Collections.unmodifiableList(list));
  }

  /** @return the projection chain */
  public List<Projection> projections() {
    return chain;
  }

  /**
   * @param x N×D; not modified
   * @return the rows after the projection chain
   */
  public Matrix project(Matrix x) {
    Matrix y = x;
    for (Projection p : chain) {
      y = p.transform(y);
    }
    return y;
  }

  /**
   * @param models M×D model vectors; not modified
   * @param probes T×D probe vectors; not modified
   * @return M×T cosine similarities
   */
  public Matrix score(Matrix models, Matrix probes) {
    Check.finite("CosineScoring.score", "models", models);
    Check.finite("CosineScoring.score", "probes", probes);
    if (models.cols() != probes.cols()) {
      throw new DimensionMismatchException("CosineScoring.score: models have " + models.cols()
          + " columns but probes have " + probes.cols());
    }
    Matrix a = project(models);
    Matrix b = project(probes);
    int d = a.cols();
    double[] na = norms(a);
    double[] nb = norms(b);
    double[] out = new double[a.rows() * b.rows()];
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < b.rows(); j++) {
        double s = 0;
        for (int q = 0; q < d; q++) {
          s += a.data()[i * d + q] * b.data()[j * d + q];
        }
        double den = na[i] * nb[j];
        out[i * b.rows() + j] = den > 0 ? s / den : 0.0;
      }
    }
    return Matrix.wrap(a.rows(), b.rows(), out);
  }

  private static double[] norms(Matrix m) {
    double[] n = new double[m.rows()];
    for (int i = 0; i < m.rows(); i++) {
      double s = 0;
      for (int q = 0; q < m.cols(); q++) {
        s += m.get(i, q) * m.get(i, q);
      }
      n[i] = Math.sqrt(s);
    }
    return n;
  }
}
