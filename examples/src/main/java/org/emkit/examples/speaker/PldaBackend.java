package org.emkit.examples.speaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;
import org.emkit.fa.TwoCovariancePLDA;
import org.emkit.linear.LengthNormalization;
import org.emkit.linear.Whitening;

/**
 * Two-covariance PLDA scoring of i-vectors after whitening and length normalisation
 * (Garcia-Romero and Espy-Wilson 2011; Kaldi's recipe).
 *
 * <p><b>Algorithm.</b>
 *
 * <ol>
 *   <li>Whitening fitted on the development vectors ({@link Whitening}: centred on their mean,
 *       unit covariance), then scaling to unit length ({@link LengthNormalization}).
 *   <li>{@link TwoCovariancePLDA}: between-speaker covariance B and within-speaker covariance W
 *       from the development vectors with speaker labels, {@code iterations} EM iterations (0
 *       keeps the moment estimates), ridge {@code regularization} on W.
 *   <li>A model is enrolled from all its vectors ({@link TwoCovariancePLDA#enroll}); the score is
 *       the log-likelihood ratio of "same speaker" against "different speakers"
 *       ({@link TwoCovariancePLDA#scores}).
 * </ol>
 *
 * <p>With K development speakers B has rank at most K − 1, so only K − 1 directions carry
 * speaker information; the others are treated as pure session noise.
 *
 * <p>Immutable and thread-safe.
 */
public final class PldaBackend implements VectorBackend {

  private final int iterations;
  private final double regularization;
  private final int parallelism;

  /**
   * @param iterations PLDA EM iterations, ≥ 0
   * @param regularization ridge added to W's moment estimate, ≥ 0
   * @param parallelism threads of training and scoring, ≥ 1
   */
  public PldaBackend(int iterations, double regularization, int parallelism) {
    this.iterations = Check.atLeast("PldaBackend", "iterations", iterations, 0);
    this.regularization = Check.nonNegative("PldaBackend", "regularization", regularization);
    this.parallelism = Check.atLeast("PldaBackend", "parallelism", parallelism, 1);
  }

  @Override
  public String description() {
    return "whitening + length norm + two-covariance PLDA (" + iterations + " EM iterations)";
  }

  @Override
  public Trained fit(Matrix vectors, int[] labels, Map<String, String> notes) {
    Objects.requireNonNull(vectors, "vectors");
    Objects.requireNonNull(labels, "labels");
    TreeSet<Integer> speakers = new TreeSet<>();
    for (int l : labels) {
      speakers.add(l);
    }
    if (speakers.size() < 2) {
      throw new IllegalArgumentException("PldaBackend.fit: labels must name at least 2"
          + " development speakers (PLDA learns the between-speaker covariance), got "
          + speakers.size());
    }
    Whitening whitening = Whitening.create().fit(vectors);
    LengthNormalization lnorm = LengthNormalization.create();
    Matrix x = lnorm.transform(whitening.transform(vectors));
    TwoCovariancePLDA plda = TwoCovariancePLDA.builder(x.cols()).iterations(iterations)
        .regularization(regularization).parallelism(parallelism).build().fit(x, labels);
    notes.put("plda_speaker_rank", Integer.toString(Math.min(speakers.size() - 1, x.cols())));
    return (models, probes) -> {
      List<TwoCovariancePLDA.Enrollment> enrolled = new ArrayList<>(models.size());
      for (Matrix m : models) {
        enrolled.add(plda.enroll(lnorm.transform(whitening.transform(m))));
      }
      return plda.scores(enrolled, lnorm.transform(whitening.transform(probes)));
    };
  }
}
