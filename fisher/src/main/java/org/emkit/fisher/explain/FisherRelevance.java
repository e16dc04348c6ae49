package org.emkit.fisher.explain;

import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;
import org.emkit.fisher.FisherVectorEncoder;

/**
 * Explains the decision of a linear classifier on Fisher vectors by layer-wise relevance
 * propagation: relevance of each Fisher-vector dimension, then of each local descriptor
 * (Lapuschkin, Binder, Montavon, Müller, Samek, CVPR 2016, supplement "Details on the
 * Computation of Fisher Vector Embeddings"; Bach et al., PLOS ONE 2015).
 *
 * <p><b>Model.</b> The encoder maps descriptors {x_l} to \( \Phi = n(G) \), where
 * \( G = \frac1{|L|} \sum_l \psi(x_l) \) is the Fisher-information-normalised gradient
 * (the mean of per-descriptor embeddings ψ) and n is the power and L2 normalisation. The
 * classifier is \( f(x) = \langle w, \Phi \rangle + b \).
 *
 * <p><b>Conventions.</b>
 *
 * <ul>
 *   <li>Dimension relevance \( R_d = w_d \Phi_d \): the power + L2 normalisation is treated as
 *       part of the kernel (the Hellinger-kernel view: Φ is the feature map of the kernel the
 *       linear model works in), so the linear layer is decomposed exactly and
 *       \( \sum_d R_d = f(x) - b \). The bias b is not attributed to any input (it is the same
 *       for every image).
 *   <li>Descriptor relevance: the mapping of descriptor l onto dimension d is its share of the
 *       unnormalised gradient, \( m_d(l) = \psi_d(x_l)/|L| \) (so \( \sum_l m_d(l) = G_d \)); R_d
 *       is distributed by a {@link Decomposition} rule. Since n acts elementwise (up to the
 *       global L2 scale) and preserves signs, G_d and Φ_d have the same sign.
 * </ul>
 *
 * <p><b>Algorithm.</b> The per-descriptor embeddings are the encodings of single-descriptor
 * sets by {@link FisherVectorEncoder#unnormalized()} (the shared E-step; no second Fisher-vector
 * implementation); cost O(|L|·K·D) per image.
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>S. Lapuschkin, A. Binder, G. Montavon, K.-R. Müller, W. Samek, "Analyzing classifiers:
 *       Fisher vectors and deep neural networks", CVPR 2016.
 *       https://doi.org/10.1109/CVPR.2016.318
 *   <li>S. Bach, A. Binder, G. Montavon, F. Klauschen, K.-R. Müller, W. Samek, "On pixel-wise
 *       explanations for non-linear classifier decisions by layer-wise relevance propagation",
 *       PLOS ONE 10(7), 2015. https://doi.org/10.1371/journal.pone.0130140
 * </ol>
 *
 * @see Heatmap
 * @see ResamplingEvaluation
 */
public final class FisherRelevance {

  private static final String OWNER = "FisherRelevance";

  private final FisherVectorEncoder encoder;
  private final FisherVectorEncoder raw;
  private final double[] weights;
  private final double bias;

  private FisherRelevance(FisherVectorEncoder encoder, double[] weights, double bias) {
    this.encoder = encoder;
    this.raw = encoder.unnormalized();
    this.weights = weights;
    this.bias = bias;
  }

  /**
   * @param encoder the Fisher-vector encoder the classifier was trained on
   * @param weights w, length {@code encoder.length()}; copied
   * @param bias b
   * @return the explainer
   */
  public static FisherRelevance of(FisherVectorEncoder encoder, double[] weights, double bias) {
    Objects.requireNonNull(encoder, "encoder");
    Check.length(OWNER, "weights", weights, encoder.length(), "the encoder has length");
    Check.finite(OWNER, "weights", weights);
    Check.finite(OWNER, "bias", bias);
    return new FisherRelevance(encoder, weights.clone(), bias);
  }

  /** @return the encoder */
  public FisherVectorEncoder encoder() {
    return encoder;
  }

  /** @return a copy of w */
  public double[] weights() {
    return weights.clone();
  }

  /** @return b */
  public double bias() {
    return bias;
  }

  /**
   * @param phi a normalised Fisher vector
   * @return f = ⟨w, Φ⟩ + b
   */
  public double decision(double[] phi) {
    Check.length(OWNER + ".decision", "phi", phi, weights.length, "the encoder has length");
    double s = bias;
    for (int d = 0; d < phi.length; d++) {
      s += weights[d] * phi[d];
    }
    return s;
  }

  /**
   * Per-descriptor embeddings scaled by 1/|L|: row l is m(l), and the column sums are G.
   *
   * @param descriptors |L|×D; not modified
   * @return |L|×length mappings
   */
  public Matrix mappings(Matrix descriptors) {
    Objects.requireNonNull(descriptors, "descriptors");
    int n = descriptors.rows();
    if (n == 0) {
      throw new IllegalArgumentException(OWNER + ".mappings: descriptors must have at least 1 row,"
          + " got 0");
    }
    int len = raw.length();
    double[] m = new double[Math.multiplyExact(n, len)];
    for (int l = 0; l < n; l++) {
      double[] psi = raw.encode(descriptors, l, l + 1);
      for (int d = 0; d < len; d++) {
        m[l * len + d] = psi[d] / n;
      }
    }
    return Matrix.wrap(n, len, m);
  }

  /**
   * R_d = w_d Φ_d(x).
   *
   * @param descriptors |L|×D; not modified
   * @return relevance per Fisher-vector dimension (sums to f(x) − b)
   */
  public double[] dimensionRelevance(Matrix descriptors) {
    double[] phi = encoder.encode(descriptors);
    double[] r = new double[phi.length];
    for (int d = 0; d < r.length; d++) {
      r[d] = weights[d] * phi[d];
    }
    return r;
  }

  /**
   * Relevance of each local descriptor.
   *
   * @param descriptors |L|×D; not modified
   * @param rule the decomposition rule
   * @return R_l for each descriptor, length |L|
   */
  public double[] descriptorRelevance(Matrix descriptors, Decomposition rule) {
    Objects.requireNonNull(rule, "rule");
    double[] rd = dimensionRelevance(descriptors);
    Matrix m = mappings(descriptors);
    return distribute(rd, m, rule);
  }

  /**
   * Distributes dimension relevances over descriptors.
   *
   * @param dimensionRelevance R_d, length L
   * @param mappings |L|×L mappings m_d(l)
   * @param rule the rule
   * @return R_l
   */
  public static double[] distribute(double[] dimensionRelevance, Matrix mappings, Decomposition rule) {
    int n = mappings.rows();
    int len = mappings.cols();
    if (dimensionRelevance.length != len) {
      throw new DimensionMismatchException(OWNER + ".distribute: dimensionRelevance has length "
          + dimensionRelevance.length + " but mappings have " + len + " columns");
    }
    double[] m = mappings.data();
    double[] z = new double[len];
    boolean abs = rule.kind() == Decomposition.Kind.ABSOLUTE;
    for (int l = 0; l < n; l++) {
      for (int d = 0; d < len; d++) {
        z[d] += abs ? Math.abs(m[l * len + d]) : m[l * len + d];
      }
    }
    if (rule.kind() == Decomposition.Kind.EPSILON) {
      for (int d = 0; d < len; d++) {
        z[d] += rule.epsilonValue() * Math.signum(z[d]);
      }
    }
    double[] scale = new double[len];
    for (int d = 0; d < len; d++) {
      scale[d] = z[d] == 0 ? 0.0 : dimensionRelevance[d] / z[d];
    }
    double[] out = new double[n];
    for (int l = 0; l < n; l++) {
      double s = 0;
      for (int d = 0; d < len; d++) {
        double v = m[l * len + d];
        s += (abs ? Math.abs(v) : v) * scale[d];
      }
      out[l] = s;
    }
    return out;
  }
}
