package org.emkit.examples.speaker;

import java.util.List;
import java.util.Map;
import org.emkit.core.Matrix;

/**
 * A back-end for fixed-length utterance vectors (i-vectors): trained on the development vectors
 * with speaker labels, it scores enrolled models (one or more vectors each) against probe
 * vectors.
 *
 * <p><b>Implementations.</b> {@link CosineBackend} (length normalisation, optional LDA and WCCN,
 * cosine) and {@link PldaBackend} (whitening, length normalisation, two-covariance PLDA). A new
 * back-end is registered as one more constant of {@link SystemKind}; see there.
 *
 * @see IVectorSystem
 */
public interface VectorBackend {

  /** @return what the back-end does ("lnorm + LDA + WCCN + cosine") */
  String description();

  /**
   * Trains the back-end.
   *
   * @param vectors development vectors, one row per segment; not modified
   * @param labels speaker label of each row
   * @param notes receives facts worth reporting (effective dimensions), key → value
   * @return the trained back-end
   */
  Trained fit(Matrix vectors, int[] labels, Map<String, String> notes);

  /** A trained back-end. Thread-safe. */
  interface Trained {
    /**
     * @param models each model's enrolment vectors (rows), ≥ 1 row each; not modified
     * @param probes probe vectors, one per row; not modified
     * @return models × probes scores
     */
    Matrix score(List<Matrix> models, Matrix probes);
  }
}
