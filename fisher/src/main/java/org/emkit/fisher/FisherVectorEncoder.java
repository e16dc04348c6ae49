package org.emkit.fisher;

import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.NotFittedException;
import org.emkit.core.validation.Check;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * Encodes a set of local descriptors as its Fisher vector under a diagonal GMM: the normalised
 * gradient of the set's average log-likelihood with respect to the mixture parameters.
 *
 * <p><b>Model.</b> For descriptors \( X = \{x_1..x_T\} \), a GMM with weights \( w_k \), means
 * \( \mu_k \), standard deviations \( \sigma_k \) (diagonal, \( \sigma^2 \) the variances) and
 * responsibilities \( \gamma_t(k) \), the Fisher vector (Sánchez et al. 2013, eqs. 16–18) is
 * \[ \mathcal G_{\alpha_k} = \frac{1}{T\sqrt{w_k}} \sum_t (\gamma_t(k) - w_k), \quad
 *    \mathcal G_{\mu_k} = \frac{1}{T\sqrt{w_k}} \sum_t \gamma_t(k) \frac{x_t - \mu_k}{\sigma_k},
 *    \quad
 *    \mathcal G_{\sigma_k} = \frac{1}{T\sqrt{2w_k}} \sum_t \gamma_t(k)
 *    \Big[\frac{(x_t - \mu_k)^2}{\sigma_k^2} - 1\Big] \]
 * (element-wise in the feature index j). These are the gradients of
 * \( \frac1T \sum_t \log p(x_t) \) with respect to the weights' soft-max parameters α, the
 * means and the standard deviations, scaled by the closed-form diagonal approximation of the
 * inverse square root of the Fisher information ({@link FisherNormalization#ANALYTIC}); with
 * {@link FisherNormalization#IDENTITY} they are the unscaled gradients
 * \( \frac1T\sum_t(\gamma - w) \), \( \frac1T\sum_t\gamma (x-\mu)/\sigma^2 \),
 * \( \frac1T\sum_t\gamma [(x-\mu)^2/\sigma^3 - 1/\sigma] \), and with
 * {@link FisherNormalization#EMPIRICAL} those standardised per dimension by a mean and standard
 * deviation learned with {@link #fit}.
 *
 * <p><b>Algorithm.</b>
 *
 * <ol>
 *   <li>The shared E-step accumulates the set's statistics \( n_k = \sum_t\gamma_t(k) \),
 *       \( r_{1} = \sum_t \gamma_t(k)(x_t - \mu_k) \) and
 *       \( r_{2} = \sum_t \gamma_t(k)(x_t - \mu_k)^2 \) through
 *       {@link GMMMachine#accumulateCentred(Matrix, int, int, GMMStats,
 *       org.emkit.mixture.PosteriorRule)} with the options' posterior rule (there is no second
 *       E-step implementation). Moments about the means avoid the cancellation of the raw form
 *       \( \sum\gamma x^2 - 2\mu\sum\gamma x + \mu^2 n \), which loses about
 *       \( \log_{10}(\mu^2/\sigma^2) \) digits (measured against VLFeat: 1e-9 relative for
 *       means 100σ from the origin, 1e-5 at 10⁴σ); the centred sums stay at ~1e-13 whatever the
 *       offset.
 *   <li>The gradients are the formulas above in terms of them:
 *       \( \mathcal G_{\mu} = r_1/(\sigma T\sqrt w) \),
 *       \( \mathcal G_{\sigma} = (r_2/\sigma^2 - n)/(T\sqrt{2w}) \),
 *       \( \mathcal G_{\alpha} = (n - T w)/(T\sqrt w) \).
 *   <li>Fisher-information normalisation, then the element-wise power normalisation
 *       \( \mathrm{sign}(z)|z|^\rho \), then L2 normalisation of the whole vector (norm floored at
 *       1e-12, as VLFeat), each as configured in {@link FisherOptions}.
 * </ol>
 *
 * <p><b>Shapes and layout.</b> Descriptors are T×D row-major. The encoding has
 * {@code K·(b_w + D·b_m + D·b_v)} entries ((2D+1)K with all blocks, 2DK for the improved
 * Fisher vector), in the order of {@link FisherLayout}: EMKIT is component-major
 * {@code [α_k | μ_k· | σ_k·]}, VLFEAT is {@code [μ_0·..μ_{K-1}· | σ_0·..σ_{K-1}· | α]}, exactly
 * {@code vl_fisher_encode}'s order. {@link #index(FisherBlock, int, int)} gives any entry's
 * position.
 *
 * <p><b>Edge cases.</b> A set of zero descriptors encodes to the zero vector (VLFeat returns
 * NaN, from 0·(1/0)). A component with weight 0 receives no posterior and contributes zeros.
 * With {@link org.emkit.mixture.PosteriorRule#truncate truncate} a descriptor whose
 * responsibilities are all dropped contributes nothing but still counts in T.
 *
 * <p><b>Parameters.</b> A fitted {@link GMMMachine} (its own posterior rule and parallelism
 * are not used: the rule comes from the options, and each set runs on one thread) and
 * {@link FisherOptions} (default preset {@link FisherOptions#improved()}).
 *
 * <p><b>Reproducibility and threads.</b> Deterministic. Immutable and thread-safe.
 * {@link #encodeSets} encodes sets in parallel on a pool owned by the call; each set is
 * computed on one thread from its rows only, with the same operations as {@link #encode}, so
 * rows are bitwise identical to single encodings and across thread counts. Per set, nothing is
 * allocated per descriptor; batch encoding reuses one statistics buffer per worker thread.
 *
 * <p><b>Compatibility.</b> With {@link FisherOptions#fromVlfeatFlags(int)} the encoding equals
 * VLFeat 0.9.21's {@code vl_fisher_encode} (double API) for every flag combination, at rtol 1e-10
 * on the tested data, provided every prior is at least 1e-6 (VLFeat ignores components with
 * smaller priors) and the set is not empty. VLFeat skips posteriors below 1e-6 without
 * renormalising; that is {@link org.emkit.mixture.PosteriorRule#truncate(double)
 * PosteriorRule.truncate(1e-6)}, which {@code fromVlfeatFlags} selects. bob.learn.em has no
 * Fisher vectors.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>J. Sánchez, F. Perronnin, T. Mensink, J. Verbeek, "Image Classification with the Fisher
 *       Vector: Theory and Practice", International Journal of Computer Vision 105(3),
 *       222–245, 2013. https://doi.org/10.1007/s11263-013-0636-x
 *   <li>F. Perronnin, J. Sánchez, T. Mensink, "Improving the Fisher Kernel for Large-Scale Image
 *       Classification", ECCV 2010. https://doi.org/10.1007/978-3-642-15561-1_11
 *   <li>T. Jaakkola, D. Haussler, "Exploiting generative models in discriminative classifiers",
 *       NIPS 1998.
 *   <li>A. Vedaldi, B. Fulkerson, "VLFeat: an open and portable library of computer vision
 *       algorithms", ACM Multimedia 2010 ({@code vl/fisher.c}). https://www.vlfeat.org
 * </ol>
 *
 * @see FisherOptions
 * @see VLADEncoder
 * @see BagOfWordsEncoder
 * @see SpatialPyramidEncoder
 * @see GMMMachine
 */
public final class FisherVectorEncoder implements DescriptorEncoder {

  /**
   * Relative floor of the empirical standard deviations: a dimension whose spread over the
   * training encodings is below 1e-8 of the largest spread is constant up to rounding (for
   * example a component no training descriptor reaches); it is divided by
   * {@code 1e-8 · max_i s_i} instead, so rounding noise is not blown up to O(1).
   */
  public static final double EMPIRICAL_RELATIVE_SCALE_FLOOR = 1e-8;

  private static final String OWNER = "FisherVectorEncoder";

  private final GMMMachine gmm;
  private final FisherOptions options;
  private final double[] empiricalMean;
  private final double[] empiricalScale;
  private final FisherFinisher finisher;
  private final SetEngine engine;

  private FisherVectorEncoder(GMMMachine gmm, FisherOptions options, double[] empiricalMean,
      double[] empiricalScale) {
    this.gmm = gmm;
    this.options = options;
    this.empiricalMean = empiricalMean;
    this.empiricalScale = empiricalScale;
    this.finisher = new FisherFinisher(gmm, options.blocks(), options.layout(),
        options.fisherNormalization(), options.power(), options.l2(), empiricalMean,
        empiricalScale);
    this.engine = new SetEngine(OWNER, gmm, options.posteriorRule(), finisher, true);
  }

  /**
   * @param gmm a fitted GMM (C components, D features)
   * @param options the encoding options
   * @return the encoder; with EMPIRICAL normalisation it must be fitted before encoding
   * @throws org.emkit.core.NotFittedException if the GMM is not fitted
   */
  public static FisherVectorEncoder of(GMMMachine gmm, FisherOptions options) {
    return new FisherVectorEncoder(SetEngine.fittedGmm(OWNER, gmm, options), options, null, null);
  }

  /**
   * @param gmm a fitted GMM
   * @return the improved Fisher-vector encoder ({@link FisherOptions#improved()})
   */
  public static FisherVectorEncoder improved(GMMMachine gmm) {
    return of(gmm, FisherOptions.improved());
  }

  SetEngine engine() {
    requireFitted(OWNER + ".encode");
    return engine;
  }

  private void requireFitted(String owner) {
    if (!isFitted()) {
      throw new NotFittedException(owner + ": EMPIRICAL Fisher normalisation is not fitted;"
          + " call fit(descriptors, setLengths, parallelism) or withEmpiricalStandardization(...)"
          + " first");
    }
  }

  // ------------------------------------------------------------------------------------------
  // encoding

  @Override
  public int length() {
    return finisher.length();
  }

  @Override
  public int numFeatures() {
    return gmm.numFeatures();
  }

  /** @return K, the number of mixture components */
  public int numComponents() {
    return gmm.numComponents();
  }

  /**
   * {@inheritDoc}
   *
   * @throws NotFittedException if the EMPIRICAL normalisation has not been fitted
   */
  @Override
  public double[] encode(Matrix descriptors) {
    return DescriptorEncoder.super.encode(descriptors);
  }

  /**
   * {@inheritDoc}
   *
   * @throws NotFittedException if the EMPIRICAL normalisation has not been fitted
   */
  @Override
  public double[] encode(Matrix descriptors, int from, int to) {
    String owner = OWNER + ".encode";
    requireFitted(owner);
    return engine.encode(owner, descriptors, from, to);
  }

  /**
   * {@inheritDoc}
   *
   * @throws NotFittedException if the EMPIRICAL normalisation has not been fitted
   */
  @Override
  public Matrix encodeSets(Matrix descriptors, int[] setLengths, int parallelism) {
    String owner = OWNER + ".encodeSets";
    requireFitted(owner);
    return engine.encodeSets(owner, descriptors, setLengths, parallelism);
  }

  /**
   * The Fisher vector of a set given its ordinary (raw-moment) statistics, accumulated by the
   * caller (for example merged over several calls or read from a file). T is {@code stats.t()};
   * the statistics must have been accumulated with the options' posterior rule for the result
   * to equal {@link #encode(Matrix)} (to rounding: this path centres the raw moments, which
   * loses about \( \log_{10}(\mu^2/\sigma^2) \) digits, see the class documentation).
   *
   * @param stats C×D statistics; not modified
   * @return the encoding, length {@link #length()}
   * @throws DimensionMismatchException if the statistics' C×D differs from the model's
   */
  public double[] encode(GMMStats stats) {
    String owner = OWNER + ".encode";
    requireFitted(owner);
    Objects.requireNonNull(stats, "stats");
    if (stats.numComponents() != numComponents() || stats.numFeatures() != numFeatures()) {
      throw new DimensionMismatchException(owner + ": stats have C×D = " + stats.numComponents()
          + "x" + stats.numFeatures() + " but the model has " + numComponents() + "x"
          + numFeatures());
    }
    double[] out = new double[length()];
    finisher.finishRaw(stats, out, 0);
    return out;
  }

  /**
   * The same encoder without power and L2 normalisation: its encoding of a set is the
   * Fisher-information-normalised gradient vector G (the mean over the set's descriptors of
   * their per-descriptor embeddings), on which {@link #normalize(double[])} applies the rest.
   *
   * @return an encoder with {@code power = NONE} and {@code l2 = NONE}, otherwise identical
   */
  public FisherVectorEncoder unnormalized() {
    FisherOptions raw = options.toBuilder().power(PowerNormalization.NONE)
        .l2(VectorNormalization.NONE).build();
    return new FisherVectorEncoder(gmm, raw, empiricalMean, empiricalScale);
  }

  /**
   * Applies this encoder's power normalisation and then its L2 normalisation to a vector
   * produced by {@link #unnormalized()}: {@code encode(x) == normalize(unnormalized().encode(x))}.
   *
   * @param unnormalized length {@link #length()}; not modified
   * @return the normalised copy
   */
  public double[] normalize(double[] unnormalized) {
    Objects.requireNonNull(unnormalized, "unnormalized");
    if (unnormalized.length != length()) {
      throw new DimensionMismatchException(OWNER + ".normalize: unnormalized has length "
          + unnormalized.length + " but the encoding has length " + length());
    }
    double[] v = unnormalized.clone();
    options.power().apply(v, 0, v.length);
    options.l2().apply(v, 0, v.length);
    return v;
  }

  /**
   * Position of an entry in the encoding.
   *
   * @param block WEIGHTS, MEANS or VARIANCES (must be selected)
   * @param component k in [0, K)
   * @param feature j in [0, D) (must be 0 for WEIGHTS)
   * @return the index in [0, {@link #length()})
   */
  public int index(FisherBlock block, int component, int feature) {
    Objects.requireNonNull(block, "block");
    String owner = OWNER + ".index";
    if (!options.blocks().contains(block)) {
      throw new IllegalArgumentException(owner + ": block must be one of the selected "
          + options.blocks() + ", got " + block);
    }
    Check.inClosed(owner, "component", component, 0, numComponents() - 1);
    if (block == FisherBlock.WEIGHTS) {
      Check.inClosed(owner, "feature", feature, 0, 0);
      return finisher.weightIndex(component);
    }
    Check.inClosed(owner, "feature", feature, 0, numFeatures() - 1);
    return (block == FisherBlock.MEANS ? finisher.meanIndex(component)
        : finisher.varianceIndex(component)) + feature;
  }

  // ------------------------------------------------------------------------------------------
  // empirical normalisation

  /**
   * Learns the EMPIRICAL normalisation: the unnormalised gradients (IDENTITY, before power and
   * L2) of every non-empty training set give a per-dimension mean \( m_i \) and biased standard
   * deviation \( s_i \) (two passes, in set order), floored at
   * {@link #EMPIRICAL_RELATIVE_SCALE_FLOOR}·max_i s_i.
   *
   * @param descriptors N×D training descriptors; not modified
   * @param setLengths lengths of consecutive training sets, summing to N; at least 2 non-empty
   * @param parallelism threads for encoding the training sets, ≥ 1 (results do not depend on it)
   * @return a fitted encoder with the same options
   * @throws UnsupportedOperationException if the options' normalisation is not EMPIRICAL
   * @throws IllegalArgumentException if fewer than 2 sets are non-empty, or every training
   *     encoding is identical
   */
  public FisherVectorEncoder fit(Matrix descriptors, int[] setLengths, int parallelism) {
    String owner = OWNER + ".fit";
    if (options.fisherNormalization() != FisherNormalization.EMPIRICAL) {
      throw new UnsupportedOperationException(owner + ": fitting learns the EMPIRICAL"
          + " normalisation, but fisherNormalization is " + options.fisherNormalization()
          + "; build the encoder with FisherNormalization.EMPIRICAL");
    }
    FisherFinisher raw = new FisherFinisher(gmm, options.blocks(), options.layout(),
        FisherNormalization.IDENTITY, PowerNormalization.NONE, VectorNormalization.NONE, null,
        null);
    SetEngine rawEngine = new SetEngine(OWNER, gmm, options.posteriorRule(), raw, true);
    Matrix grads = rawEngine.encodeSets(owner, descriptors, setLengths, parallelism);
    int len = raw.length();
    int used = 0;
    double[] mean = new double[len];
    double[] g = grads.data();
    for (int s = 0; s < setLengths.length; s++) {
      if (setLengths[s] == 0) {
        continue;
      }
      used++;
      for (int i = 0; i < len; i++) {
        mean[i] += g[s * len + i];
      }
    }
    if (used < 2) {
      throw new IllegalArgumentException(owner + ": setLengths must contain at least 2 non-empty"
          + " sets to estimate a spread, got " + used);
    }
    for (int i = 0; i < len; i++) {
      mean[i] /= used;
    }
    double[] scale = new double[len];
    for (int s = 0; s < setLengths.length; s++) {
      if (setLengths[s] == 0) {
        continue;
      }
      for (int i = 0; i < len; i++) {
        double dv = g[s * len + i] - mean[i];
        scale[i] += dv * dv;
      }
    }
    double largest = 0;
    for (int i = 0; i < len; i++) {
      scale[i] = Math.sqrt(scale[i] / used);
      largest = Math.max(largest, scale[i]);
    }
    if (!(largest > 0)) {
      throw new IllegalArgumentException(owner + ": every training encoding is identical"
          + " (all standard deviations are 0); use more varied training sets");
    }
    double floor = EMPIRICAL_RELATIVE_SCALE_FLOOR * largest;
    for (int i = 0; i < len; i++) {
      scale[i] = Math.max(scale[i], floor);
    }
    return new FisherVectorEncoder(gmm, options, mean, scale);
  }

  /**
   * An EMPIRICAL encoder with given standardisation statistics (for example stored ones).
   *
   * @param mean per-dimension mean m, length {@link #length()}, in this encoder's layout; copied
   * @param scale per-dimension positive scale s, same length; copied
   * @return the fitted encoder
   * @throws UnsupportedOperationException if the options' normalisation is not EMPIRICAL
   */
  public FisherVectorEncoder withEmpiricalStandardization(double[] mean, double[] scale) {
    String owner = OWNER + ".withEmpiricalStandardization";
    if (options.fisherNormalization() != FisherNormalization.EMPIRICAL) {
      throw new UnsupportedOperationException(owner + ": fisherNormalization is "
          + options.fisherNormalization() + ", not EMPIRICAL");
    }
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(scale, "scale");
    Check.length(owner, "mean", mean, length(), "the encoding length");
    Check.length(owner, "scale", scale, length(), "the encoding length");
    Check.finite(owner, "mean", mean);
    Check.positive(owner, "scale", scale);
    return new FisherVectorEncoder(gmm, options, mean.clone(), scale.clone());
  }

  /** @return whether the encoder can encode (always, unless EMPIRICAL and not yet fitted) */
  public boolean isFitted() {
    return options.fisherNormalization() != FisherNormalization.EMPIRICAL || empiricalMean != null;
  }

  /** @return a copy of the EMPIRICAL means m (output layout) */
  public double[] empiricalMean() {
    requireFitted(OWNER + ".empiricalMean");
    if (empiricalMean == null) {
      throw new UnsupportedOperationException(OWNER + ".empiricalMean: fisherNormalization is "
          + options.fisherNormalization() + ", not EMPIRICAL");
    }
    return empiricalMean.clone();
  }

  /** @return a copy of the EMPIRICAL scales s (output layout) */
  public double[] empiricalScale() {
    requireFitted(OWNER + ".empiricalScale");
    if (empiricalScale == null) {
      throw new UnsupportedOperationException(OWNER + ".empiricalScale: fisherNormalization is "
          + options.fisherNormalization() + ", not EMPIRICAL");
    }
    return empiricalScale.clone();
  }

  // ------------------------------------------------------------------------------------------
  // accessors

  /** @return the options */
  public FisherOptions options() {
    return options;
  }

  /** @return the GMM (immutable) */
  public GMMMachine gmm() {
    return gmm;
  }

  @Override
  public String toString() {
    return "FisherVectorEncoder[K=" + numComponents() + ", D=" + numFeatures() + ", length="
        + length() + ", " + options + ", fitted=" + isFitted() + "]";
  }
}
