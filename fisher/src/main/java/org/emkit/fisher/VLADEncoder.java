package org.emkit.fisher;

import java.util.Optional;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;

/**
 * Encodes a set of local descriptors as its VLAD vector: the sums of the residuals of the
 * descriptors to the centres they are assigned to.
 *
 * <p><b>Model.</b> For descriptors \( x_1..x_T \), centres \( c_1..c_K \) and assignment
 * weights \( q_t(k) \) ({@link Assignment}: hard, soft-max with temperature α, or GMM
 * posteriors),
 * \[ v_k = \sum_t q_t(k)\,(x_t - c_k) \in \mathbb R^D, \qquad V = [v_1, \dots, v_K]. \]
 *
 * <p><b>Algorithm.</b> The assignments, the masses \( n_k = \sum_t q_t(k) \) and the residual
 * sums come from the shared E-step
 * ({@link GMMMachine#accumulateCentred(Matrix, int, int, org.emkit.mixture.GMMStats,
 * org.emkit.mixture.PosteriorRule)}; see {@link Assignment} for the isotropic mixture used with
 * k-means centres). Then, in VLFeat's order ({@code vl/vlad.c}):
 *
 * <ol>
 *   <li>residuals \( v_k = \sum_t q_t(k)(x_t - c_k) \), accumulated about the centres
 *       ({@link GMMMachine#accumulateCentred}), or with
 *       {@link MassNormalization#COMPONENT_MASS} \( v_k/n_k \); a centre with \( n_k = 0 \)
 *       keeps \( v_k = 0 \);
 *   <li>power normalisation, element-wise (VLFeat: signed square root);
 *   <li>intra-normalisation: each \( v_k \) divided by \( \max(\lVert v_k\rVert, 10^{-12}) \);
 *   <li>global L2 normalisation of V (norm floored at 1e-12).
 * </ol>
 *
 * <p><b>Shapes and layout.</b> Descriptors T×D; the encoding has K·D entries, \( v_{kj} \) at
 * index {@code k·D + j} (VLFeat's order). A set of zero descriptors encodes to the zero vector
 * (as VLFeat).
 *
 * <p><b>Parameters.</b> A fitted {@link KMeansMachine} (centres = centroids; assignment HARD or
 * SOFTMAX) or a fitted {@link GMMMachine} (centres = means; any assignment), and
 * {@link VLADOptions} (default {@link VLADOptions#vlfeatDefault()}: hard, global L2).
 *
 * <p><b>Reproducibility and threads.</b> Deterministic; immutable and thread-safe;
 * {@link #encodeSets} gives bitwise the same rows for any {@code parallelism}.
 *
 * <p><b>Compatibility.</b> With {@link VLADOptions#fromVlfeatFlags} the encoding equals VLFeat
 * 0.9.21's {@code vl_vlad_encode} (double API) for all 16 flag combinations, given the same
 * assignments (VLFeat takes them as input; the parity test feeds it {@code vl_kmeans_quantize}'s
 * hard assignments and a soft-max computed in C). bob.learn.em has no VLAD.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>H. Jégou, M. Douze, C. Schmid, P. Pérez, "Aggregating local descriptors into a compact
 *       image representation", CVPR 2010. https://doi.org/10.1109/CVPR.2010.5540039
 *   <li>R. Arandjelović, A. Zisserman, "All About VLAD", CVPR 2013.
 *       https://doi.org/10.1109/CVPR.2013.207
 *   <li>R. Arandjelović, P. Gronat, A. Torii, T. Pajdla, J. Sivic, "NetVLAD: CNN architecture
 *       for weakly supervised place recognition", CVPR 2016.
 *       https://doi.org/10.1109/CVPR.2016.572
 *   <li>A. Vedaldi, B. Fulkerson, "VLFeat: an open and portable library of computer vision
 *       algorithms", ACM Multimedia 2010 ({@code vl/vlad.c}). https://www.vlfeat.org
 * </ol>
 *
 * @see VLADOptions
 * @see FisherVectorEncoder
 * @see BagOfWordsEncoder
 * @see SpatialPyramidEncoder
 * @see KMeansMachine
 */
public final class VLADEncoder implements DescriptorEncoder {

  private static final String OWNER = "VLADEncoder";

  private final VLADOptions options;
  private final Matrix centres;
  private final GMMMachine gmm;
  private final SetEngine engine;

  private VLADEncoder(Matrix centres, GMMMachine gmm, VLADOptions options) {
    this.options = options;
    this.centres = centres;
    this.gmm = gmm;
    GMMMachine machine = options.assignment().eStepMachine(centres, gmm, OWNER + ".of");
    VLADFinisher fin = new VLADFinisher(centres.rows(), centres.cols(), options);
    this.engine = new SetEngine(OWNER, machine, options.assignment().eStepRule(), fin, true);
  }

  /**
   * @param kmeans a fitted k-means machine (K centroids of dimension D)
   * @param options options; the assignment must be HARD or SOFTMAX
   * @return the encoder
   */
  public static VLADEncoder of(KMeansMachine kmeans, VLADOptions options) {
    return new VLADEncoder(SetEngine.fittedCentroids(OWNER, kmeans, options), null, options);
  }

  /**
   * @param gmm a fitted GMM; its means are the centres
   * @param options options (any assignment; POSTERIOR uses this GMM's responsibilities)
   * @return the encoder
   */
  public static VLADEncoder of(GMMMachine gmm, VLADOptions options) {
    SetEngine.fittedGmm(OWNER, gmm, options);
    return new VLADEncoder(gmm.means(), gmm, options);
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
    return centres.cols();
  }

  /** @return K, the number of centres */
  public int numCentres() {
    return centres.rows();
  }

  /** @return a copy of the centres, K×D */
  public Matrix centres() {
    return Matrix.copyOf(centres.rows(), centres.cols(), centres.data());
  }

  /**
   * @return the GMM the encoder was built from ({@link #of(GMMMachine, VLADOptions)}), or empty
   *     for an encoder built from k-means centres
   */
  public Optional<GMMMachine> gmm() {
    return Optional.ofNullable(gmm);
  }

  /** @return the options */
  public VLADOptions options() {
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
    return "VLADEncoder[K=" + numCentres() + ", D=" + numFeatures() + ", " + options + "]";
  }
}
