package org.emkit.examples.speaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;
import org.emkit.linear.LDA;
import org.emkit.linear.LengthNormalization;
import org.emkit.linear.Projection;
import org.emkit.linear.WCCN;
import org.emkit.scoring.CosineScoring;

/**
 * Cosine scoring of i-vectors after length normalisation, LDA and WCCN (Dehak et al. 2011).
 *
 * <p><b>Algorithm.</b>
 *
 * <ol>
 *   <li>Centre on the development mean and scale to unit length
 *       ({@link LengthNormalization#centeredOn(Matrix)}).
 *   <li>LDA to {@code min(ldaDimension, speakers − 1)} dimensions with unit within-class scatter
 *       ({@link LDA.Normalization#WITHIN_CLASS}); skipped when that is 0 (fewer than two
 *       development speakers) or when the within-class scatter is singular (N − K ≤ R for N
 *       vectors of K speakers in R dimensions).
 *   <li>WCCN ({@link WCCN}, Hatch's per-class normalisation), if enabled and the within-class
 *       covariance is not singular. Skipped steps are reported as notes.
 *   <li>A model is the mean of its normalised enrolment vectors; the score is the cosine between
 *       the projected model and the projected probe ({@link CosineScoring}).
 * </ol>
 *
 * <p>Immutable and thread-safe.
 */
public final class CosineBackend implements VectorBackend {

  private final int ldaDimension;
  private final boolean wccn;

  /**
   * @param ldaDimension requested LDA dimension, ≥ 0 (0: no LDA)
   * @param wccn whether WCCN follows
   */
  public CosineBackend(int ldaDimension, boolean wccn) {
    this.ldaDimension = Check.atLeast("CosineBackend", "ldaDimension", ldaDimension, 0);
    this.wccn = wccn;
  }

  @Override
  public String description() {
    return "length norm" + (ldaDimension > 0 ? " + LDA(" + ldaDimension + ")" : "")
        + (wccn ? " + WCCN" : "") + " + cosine";
  }

  @Override
  public Trained fit(Matrix vectors, int[] labels, Map<String, String> notes) {
    LengthNormalization lnorm = LengthNormalization.centeredOn(vectors);
    Matrix x = lnorm.transform(vectors);
    int classes = new TreeSet<>(boxed(labels)).size();
    // within-class scatter of N vectors in K classes has rank at most N − K
    int withinRank = vectors.rows() - classes;
    int dim = Math.min(ldaDimension, Math.min(classes - 1, vectors.cols()));
    List<Projection> chain = new ArrayList<>();
    if (dim >= 1 && withinRank > vectors.cols()) {
      LDA lda = LDA.create(dim, 0.0, LDA.Normalization.WITHIN_CLASS).fit(x, labels);
      chain.add(lda.projection());
      x = lda.transform(x);
    } else if (dim >= 1) {
      dim = 0;
      notes.put("ivector_lda", "skipped: " + vectors.rows() + " vectors in " + classes
          + " classes leave a singular within-class scatter in " + vectors.cols() + " dimensions");
    }
    notes.put("ivector_lda_dimension", Integer.toString(Math.max(dim, 0)));
    if (wccn && withinRank > x.cols()) {
      WCCN w = WCCN.create().fit(x, labels);
      chain.add(w.projection());
    } else if (wccn) {
      notes.put("ivector_wccn", "skipped: " + vectors.rows() + " vectors in " + classes
          + " classes leave a singular within-class covariance in " + x.cols() + " dimensions");
    }
    CosineScoring cosine = CosineScoring.of(chain.toArray(new Projection[0]));
    return (models, probes) -> {
      int r = vectors.cols();
      double[] means = new double[models.size() * r];
      for (int m = 0; m < models.size(); m++) {
        Matrix e = lnorm.transform(models.get(m));
        for (int i = 0; i < e.rows(); i++) {
          for (int j = 0; j < r; j++) {
            means[m * r + j] += e.get(i, j) / e.rows();
          }
        }
      }
      return cosine.score(Matrix.wrap(models.size(), r, means), lnorm.transform(probes));
    };
  }

  private static List<Integer> boxed(int[] a) {
    List<Integer> l = new ArrayList<>(a.length);
    for (int v : a) {
      l.add(v);
    }
    return l;
  }
}
