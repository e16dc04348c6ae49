package org.emkit.fisher;

import java.util.Optional;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;

/**
 * Encodes a set of local descriptors as a (soft) histogram of visual words.
 *
 * <p><b>Model.</b> For descriptors \( x_1..x_T \) and assignment weights \( q_t(k) \)
 * ({@link Assignment}),
 * \[ h_k = \sum_t q_t(k) \quad\text{(COUNTS)} \qquad\text{or}\qquad
 *    h_k = \frac1T \sum_t q_t(k) \quad\text{(FREQUENCIES)}. \]
 * With hard assignment this is the classic bag of visual words (Sivic and Zisserman 2003,
 * Csurka et al. 2004); with GMM posteriors and frequencies it is the soft bag of visual words,
 * the mean posterior \( \frac1T\sum_t \gamma_t(k) \) — the statistic the Fisher vector's weight
 * block compares with \( w_k \) (Sánchez et al. 2013, Sec. 2.3).
 *
 * <p><b>Algorithm.</b> The zeroth-order statistics \( n_k \) from the shared E-step
 * ({@link GMMMachine#accumulate(Matrix, int, int, org.emkit.mixture.GMMStats,
 * org.emkit.mixture.PosteriorRule)}), the term weighting, then the element-wise power
 * normalisation and the L2 normalisation (norm floored at 1e-12), as configured.
 *
 * <p><b>Shapes and layout.</b> Descriptors T×D; the encoding has K entries, \( h_k \) at index
 * k. A set of zero descriptors encodes to the zero vector.
 *
 * <p><b>Parameters.</b> A fitted {@link KMeansMachine} (assignment HARD or SOFTMAX) or a fitted
 * {@link GMMMachine} (any assignment), and {@link BagOfWordsOptions} (default
 * {@link BagOfWordsOptions#hardFrequencies()}).
 *
 * <p><b>Reproducibility and threads.</b> Deterministic; immutable and thread-safe;
 * {@link #encodeSets} gives bitwise the same rows for any {@code parallelism}.
 *
 * <p><b>Compatibility.</b> Hard counts equal a histogram of {@link KMeansMachine#predict}
 * labels. bob.learn.em has no bag-of-words encoder.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>J. Sivic, A. Zisserman, "Video Google: a text retrieval approach to object matching in
 *       videos", ICCV 2003. https://doi.org/10.1109/ICCV.2003.1238663
 *   <li>G. Csurka, C. Dance, L. Fan, J. Willamowski, C. Bray, "Visual categorization with bags
 *       of keypoints", ECCV Workshop on Statistical Learning in Computer Vision, 2004.
 *   <li>J. Sánchez, F. Perronnin, T. Mensink, J. Verbeek, "Image Classification with the Fisher
 *       Vector: Theory and Practice", IJCV 105(3), 2013.
 *       https://doi.org/10.1007/s11263-013-0636-x
 * </ol>
 *
 * @see BagOfWordsOptions
 * @see VLADEncoder
 * @see FisherVectorEncoder
 * @see SpatialPyramidEncoder
 */
public final class BagOfWordsEncoder implements DescriptorEncoder {

  private static final String OWNER = "BagOfWordsEncoder";

  private final BagOfWordsOptions options;
  private final int numFeatures;
  private final Matrix centres;
  private final GMMMachine gmm;
  private final SetEngine engine;

  private BagOfWordsEncoder(Matrix centres, GMMMachine gmm, BagOfWordsOptions options) {
    this.options = options;
    this.numFeatures = centres.cols();
    this.centres = centres;
    this.gmm = gmm;
    GMMMachine machine = options.assignment().eStepMachine(centres, gmm, OWNER + ".of");
    this.engine = new SetEngine(OWNER, machine, options.assignment().eStepRule(),
        new BagOfWordsFinisher(centres.rows(), options), false);
  }

  /**
   * @param kmeans a fitted k-means machine (the visual words are its centroids)
   * @param options options; the assignment must be HARD or SOFTMAX
   * @return the encoder
   */
  public static BagOfWordsEncoder of(KMeansMachine kmeans, BagOfWordsOptions options) {
    return new BagOfWordsEncoder(SetEngine.fittedCentroids(OWNER, kmeans, options), null, options);
  }

  /**
   * @param gmm a fitted GMM (the words are its components)
   * @param options options (any assignment; POSTERIOR uses this GMM's responsibilities)
   * @return the encoder
   */
  public static BagOfWordsEncoder of(GMMMachine gmm, BagOfWordsOptions options) {
    SetEngine.fittedGmm(OWNER, gmm, options);
    return new BagOfWordsEncoder(gmm.means(), gmm, options);
  }

  SetEngine engine() {
    return engine;
  }

  @Override
  public int length() {
    return engine.length();
  }

  @Override
  public int numFeatures() {
    return numFeatures;
  }

  /** @return a copy of the visual words (centres), K×D */
  public Matrix centres() {
    return Matrix.copyOf(centres.rows(), centres.cols(), centres.data());
  }

  /**
   * @return the GMM the encoder was built from ({@link #of(GMMMachine, BagOfWordsOptions)}), or
   *     empty for an encoder built from k-means centres
   */
  public Optional<GMMMachine> gmm() {
    return Optional.ofNullable(gmm);
  }

  /** @return the options */
  public BagOfWordsOptions options() {
    return options;
  }

  @Override
  public double[] encode(Matrix descriptors, int from, int to) {
    return engine.encode(OWNER + ".encode", descriptors, from, to);
  }

  @Override
  public Matrix encodeSets(Matrix descriptors, int[] setLengths, int parallelism) {
    return engine.encodeSets(OWNER + ".encodeSets", descriptors, setLengths, parallelism);
  }

  @Override
  public String toString() {
    return "BagOfWordsEncoder[K=" + length() + ", D=" + numFeatures + ", " + options + "]";
  }
}
