package org.emkit.examples.speaker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.emkit.core.Matrix;
import org.emkit.core.internal.Parallel;
import org.emkit.core.validation.Check;
import org.emkit.examples.ProgressListener;
import org.emkit.features.audio.FrontEnd;

/**
 * The front-end features of every segment of a corpus, kept in memory (about 300 MB for the full
 * DebVox set at 38 dimensions).
 *
 * <p><b>Algorithm.</b> {@link FrontEnd#extract(java.nio.file.Path)} per file: MFCC (19 + Δ by
 * default), energy VAD, per-utterance CMVN. Files are processed in parallel, one file per task;
 * each result depends only on its file, so the bank is identical for every thread count.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class FeatureBank {

  private final FrontEnd frontEnd;
  private final List<Matrix> features;

  private FeatureBank(FrontEnd frontEnd, List<Matrix> features) {
    this.frontEnd = frontEnd;
    this.features = Collections.unmodifiableList(features);
  }

  /**
   * Extracts the features of every segment.
   *
   * @param corpus the segments
   * @param frontEnd the front end
   * @param threads files processed at once, ≥ 1
   * @param progress receives one step per file
   * @return the features, indexed by {@link Segment#index()}
   * @throws IOException if a file cannot be read (the first failure, with the segment id)
   * @throws IllegalArgumentException if a segment has no speech frame left after the VAD
   */
  public static FeatureBank extract(Corpus corpus, FrontEnd frontEnd, int threads,
      ProgressListener progress) throws IOException {
    Objects.requireNonNull(corpus, "corpus");
    Objects.requireNonNull(frontEnd, "frontEnd");
    Objects.requireNonNull(progress, "progress");
    Check.atLeast("FeatureBank.extract", "threads", threads, 1);
    int n = corpus.size();
    Matrix[] out = new Matrix[n];
    AtomicReference<IOException> failure = new AtomicReference<>();
    try (ProgressListener.Task task = progress.start("features (MFCC, VAD, CMVN)", n)) {
      Parallel.forEachChunk(n, 1, threads, (from, to) -> {
        for (int i = from; i < to; i++) {
          if (failure.get() != null) {
            return;
          }
          Segment s = corpus.get(i);
          try {
            out[i] = frontEnd.extract(s.path());
          } catch (IOException e) {
            failure.compareAndSet(null, new IOException("FeatureBank.extract: segment '" + s.id()
                + "' (" + s.path() + "): " + e.getMessage(), e));
          } catch (UncheckedIOException e) {
            failure.compareAndSet(null, e.getCause());
          }
          task.step();
        }
      });
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    List<Matrix> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (out[i].rows() == 0) {
        throw new IllegalArgumentException("FeatureBank.extract: segment '" + corpus.get(i).id()
            + "' has no speech frame after the VAD (" + corpus.get(i).path() + ")");
      }
      list.add(out[i]);
    }
    return new FeatureBank(frontEnd, list);
  }

  /**
   * A bank from features computed elsewhere (tests).
   *
   * @param frontEnd the front end that produced them (for the record)
   * @param features one T×D matrix per segment, T ≥ 1, equal D
   * @return the bank
   */
  public static FeatureBank of(FrontEnd frontEnd, List<Matrix> features) {
    Objects.requireNonNull(features, "features");
    for (int i = 0; i < features.size(); i++) {
      Matrix m = Objects.requireNonNull(features.get(i), "features[" + i + "]");
      if (m.rows() == 0 || m.cols() != features.get(0).cols()) {
        throw new IllegalArgumentException("FeatureBank.of: features[" + i + "] must have ≥ 1 row"
            + " and " + features.get(0).cols() + " columns, got " + m.rows() + "x" + m.cols());
      }
    }
    return new FeatureBank(Objects.requireNonNull(frontEnd, "frontEnd"), new ArrayList<>(features));
  }

  /** @return the front end */
  public FrontEnd frontEnd() {
    return frontEnd;
  }

  /** @return number of segments */
  public int size() {
    return features.size();
  }

  /** @return D, the feature dimension */
  public int dimension() {
    return features.get(0).cols();
  }

  /**
   * @param segment a segment index
   * @return its T×D features (do not modify the backing array)
   */
  public Matrix get(int segment) {
    return features.get(segment);
  }

  /**
   * @param segments segment indices
   * @return total number of frames
   */
  public long frames(int[] segments) {
    long t = 0;
    for (int s : segments) {
      t += features.get(s).rows();
    }
    return t;
  }
}
