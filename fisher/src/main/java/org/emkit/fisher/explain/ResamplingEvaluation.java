package org.emkit.fisher.explain;

import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.core.validation.Check;

/**
 * Evaluation of descriptor relevance by local feature resampling (Lapuschkin et al. 2016,
 * supplement, Algorithm 1): descriptors are replaced in order, most relevant first (MoRF), in
 * batches, by samples drawn from the GMM (the generative model of descriptors); after each
 * batch the decision f is recomputed. A good relevance order makes f drop fast.
 *
 * <p><b>Algorithm.</b> With G the unnormalised Fisher vector, ψ the per-descriptor embedding and
 * |L| the number of descriptors, replacing l by l' updates
 * \( G \leftarrow G + (\psi(l') - \psi(l)) / |L| \); Φ = n(G) and f = ⟨w, Φ⟩ + b are
 * re-evaluated after each batch (no full re-encoding). The trace f_0, f_1, …, f_I is summarised
 * by the area \( A = \frac1I \sum_{i=1}^{I} (f_0 - f_i) \) and by whether the sign of f flips at
 * some step. Replacement samples come from {@code gmm.sample(|L|, seed)}, used in order.
 *
 * <p>Deterministic for a fixed seed. Thread-safe (no state).
 */
public final class ResamplingEvaluation {

  private ResamplingEvaluation() {}

  /** The result of one resampling run. */
  public static final class Trace {
    private final double[] decisions;

    Trace(double[] decisions) {
      this.decisions = decisions;
    }

    /** @return a copy of f_0 … f_I */
    public double[] decisions() {
      return decisions.clone();
    }

    /** @return A = mean over steps of (f_0 − f_i) */
    public double area() {
      double s = 0;
      for (int i = 1; i < decisions.length; i++) {
        s += decisions[0] - decisions[i];
      }
      return decisions.length > 1 ? s / (decisions.length - 1) : 0.0;
    }

    /** @return whether sign(f_i) differs from sign(f_0) at some step */
    public boolean flipped() {
      for (int i = 1; i < decisions.length; i++) {
        if (Math.signum(decisions[i]) != Math.signum(decisions[0])) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * @param explainer encoder + classifier
   * @param descriptors |L|×D; not modified
   * @param order descriptor indices, most relevant first (a permutation of a prefix is allowed)
   * @param batchSize descriptors replaced per step, ≥ 1
   * @param seed seed of the GMM samples
   * @return the decision trace
   */
  public static Trace run(FisherRelevance explainer, Matrix descriptors, int[] order, int batchSize,
      long seed) {
    String owner = "ResamplingEvaluation.run";
    Objects.requireNonNull(explainer, "explainer");
    Objects.requireNonNull(descriptors, "descriptors");
    Objects.requireNonNull(order, "order");
    Check.atLeast(owner, "batchSize", batchSize, 1);
    int n = descriptors.rows();
    if (n == 0) {
      throw new IllegalArgumentException(owner + ": descriptors must have at least 1 row, got 0");
    }
    boolean[] seen = new boolean[n];
    for (int l : order) {
      Objects.checkIndex(l, n);
      if (seen[l]) {
        throw new IllegalArgumentException(owner + ": order lists descriptor " + l + " twice");
      }
      seen[l] = true;
    }
    if (descriptors.cols() != explainer.encoder().numFeatures()) {
      throw new DimensionMismatchException(owner + ": descriptors have " + descriptors.cols()
          + " columns but the encoder has D = " + explainer.encoder().numFeatures());
    }
    Matrix replacements = explainer.encoder().gmm().sample(n, seed);
    Matrix m = explainer.mappings(descriptors);
    Matrix mNew = explainer.mappings(replacements);
    int len = m.cols();
    double[] g = new double[len];
    for (int l = 0; l < n; l++) {
      for (int d = 0; d < len; d++) {
        g[d] += m.get(l, d);
      }
    }
    int steps = (order.length + batchSize - 1) / batchSize;
    double[] f = new double[steps + 1];
    f[0] = explainer.decision(explainer.encoder().normalize(g));
    int next = 0;
    for (int s = 1; s <= steps; s++) {
      for (int b = 0; b < batchSize && next < order.length; b++, next++) {
        int l = order[next];
        // G ← G + (ψ(l') − ψ(l)) / |L|; the mappings already carry the 1/|L|
        for (int d = 0; d < len; d++) {
          g[d] += mNew.get(next, d) - m.get(l, d);
        }
      }
      f[s] = explainer.decision(explainer.encoder().normalize(g));
    }
    return new Trace(f);
  }

  /**
   * @param relevance R_l per descriptor
   * @return descriptor indices by decreasing relevance (ties to the lower index)
   */
  public static int[] mostRelevantFirst(double[] relevance) {
    Integer[] idx = new Integer[relevance.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> relevance[a] != relevance[b]
        ? Double.compare(relevance[b], relevance[a]) : Integer.compare(a, b));
    int[] out = new int[idx.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  /**
   * @param n number of descriptors
   * @param seed permutation seed
   * @return a random order (the baseline)
   */
  public static int[] randomOrder(int n, long seed) {
    return new NumpyRandom(seed).permutation(n);
  }
}
