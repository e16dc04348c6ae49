package org.emkit.examples.images;

import java.util.EnumSet;
import java.util.Set;
import org.emkit.fisher.Assignment;
import org.emkit.fisher.BagOfWordsEncoder;
import org.emkit.fisher.BagOfWordsOptions;
import org.emkit.fisher.DescriptorEncoder;
import org.emkit.fisher.FisherBlock;
import org.emkit.fisher.FisherLayout;
import org.emkit.fisher.FisherNormalization;
import org.emkit.fisher.FisherOptions;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.PowerNormalization;
import org.emkit.fisher.TermWeighting;
import org.emkit.fisher.VectorNormalization;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.PosteriorRule;

/**
 * The Fisher-vector variants and the soft bag of words computed from one unnormalised
 * all-block Fisher vector, so that the E-step runs once per image for all of them.
 *
 * <p>The raw encoding is {@link FisherVectorEncoder} with blocks {w, μ, σ}, ANALYTIC Fisher
 * normalisation, no power and no L2 normalisation. Every variant is a selection of its blocks
 * (placed by {@link FisherVectorEncoder#index}) passed to the variant encoder's own
 * {@link FisherVectorEncoder#normalize(double[])} (signed square root and/or L2, element-wise
 * and whole-vector steps, so selecting first is exact); the soft bag of words is
 * \( n_k/T = w_k + \sqrt{w_k}\,\mathcal G_{\alpha_k} \), the inverse of the weight gradient
 * \( \mathcal G_{\alpha_k} = (n_k - T w_k)/(T\sqrt{w_k}) \). {@link #encoder()} returns the
 * fisher-module encoder that computes the same vector directly (used for timing, and by the
 * tests to check the derivation).
 *
 * <p><b>Precision.</b> The Fisher-vector variants are the encoder's own values (the same
 * operations in the same order). The soft bag of words loses the cancellation in
 * \( w_k + \sqrt{w_k}\mathcal G_{\alpha_k} \): a frequency is exact to about
 * \( \epsilon w_k \approx 10^{-17} \) absolutely, so after the square root an entry may differ
 * from {@code BagOfWordsEncoder}'s by up to \( \sqrt{\epsilon w_k} \approx 10^{-8} \) (only for
 * components with a vanishing posterior mass; the vector has unit norm), far below anything a
 * linear classifier resolves.
 */
final class FisherDerivation {

  private final Encoding encoding;
  private final int length;
  private final int[] source;
  private final double[] weights;
  private final int[] weightIndex;
  private final DescriptorEncoder encoder;

  /** @return the options of the raw (all blocks, unnormalised) encoding */
  static FisherOptions rawOptions() {
    return new FisherOptions(EnumSet.allOf(FisherBlock.class), FisherNormalization.ANALYTIC,
        PowerNormalization.NONE, VectorNormalization.NONE, PosteriorRule.EXACT, FisherLayout.EMKIT);
  }

  /**
   * @param encoding a variant with {@link Encoding#derivedFromFisher()}
   * @return the fisher-module options of a Fisher-vector variant
   */
  static FisherOptions options(Encoding encoding) {
    FisherOptions.Builder b = FisherOptions.builder();
    switch (encoding) {
      case FV_IMPROVED:
        break;
      case FV_NO_POWER:
        b.power(PowerNormalization.NONE);
        break;
      case FV_NO_L2:
        b.l2(VectorNormalization.NONE);
        break;
      case FV_PLAIN:
        b.power(PowerNormalization.NONE).l2(VectorNormalization.NONE);
        break;
      case FV_MEANS:
        b.blocks(FisherBlock.MEANS);
        break;
      case FV_WEIGHTS_MEANS_VARIANCES:
        b.blocks(EnumSet.allOf(FisherBlock.class));
        break;
      default:
        throw new IllegalArgumentException("FisherDerivation: " + encoding
            + " is not a Fisher-vector variant");
    }
    return b.build();
  }

  /** @return the options of the soft bag of words */
  static BagOfWordsOptions softBovOptions() {
    return BagOfWordsOptions.builder().assignment(Assignment.posteriors(PosteriorRule.EXACT))
        .weighting(TermWeighting.FREQUENCIES).power(PowerNormalization.SIGNED_SQUARE_ROOT)
        .l2(VectorNormalization.L2).build();
  }

  FisherDerivation(Encoding encoding, GMMMachine gmm) {
    if (!encoding.derivedFromFisher()) {
      throw new IllegalArgumentException("FisherDerivation: " + encoding
          + " cannot be derived from a Fisher vector");
    }
    this.encoding = encoding;
    FisherVectorEncoder raw = FisherVectorEncoder.of(gmm, rawOptions());
    int k = gmm.numComponents();
    int d = gmm.numFeatures();
    if (encoding == Encoding.SOFT_BOV) {
      encoder = BagOfWordsEncoder.of(gmm, softBovOptions());
      length = k;
      source = null;
      weights = gmm.weights();
      weightIndex = new int[k];
      for (int c = 0; c < k; c++) {
        weightIndex[c] = raw.index(FisherBlock.WEIGHTS, c, 0);
      }
      return;
    }
    FisherOptions o = options(encoding);
    FisherVectorEncoder target = FisherVectorEncoder.of(gmm, o);
    encoder = target;
    length = target.length();
    source = new int[length];
    Set<FisherBlock> blocks = o.blocks();
    for (FisherBlock block : blocks) {
      for (int c = 0; c < k; c++) {
        int features = block == FisherBlock.WEIGHTS ? 1 : d;
        for (int j = 0; j < features; j++) {
          source[target.index(block, c, j)] = raw.index(block, c, j);
        }
      }
    }
    weights = null;
    weightIndex = null;
  }

  Encoding encoding() {
    return encoding;
  }

  int length() {
    return length;
  }

  /** The fisher-module encoder computing this variant directly. */
  DescriptorEncoder encoder() {
    return encoder;
  }

  /**
   * @param raw raw encodings; row at {@code rawOffset}
   * @param rawOffset first index of the row
   * @param out the variant, length {@link #length()}; written
   */
  void derive(double[] raw, int rawOffset, double[] out) {
    if (source == null) {
      for (int c = 0; c < length; c++) {
        double w = weights[c];
        out[c] = w + Math.sqrt(w) * raw[rawOffset + weightIndex[c]];
      }
      finishBagOfWords(out);
      return;
    }
    double[] selected = new double[length];
    for (int i = 0; i < length; i++) {
      selected[i] = raw[rawOffset + source[i]];
    }
    // the encoder's own power and L2 steps: encode(x) == normalize(unnormalized().encode(x))
    System.arraycopy(((FisherVectorEncoder) encoder).normalize(selected), 0, out, 0, length);
  }

  /** Same as {@link #derive(double[], int, double[])} from a float row. */
  void derive(FloatRows raw, int row, double[] scratch, double[] out) {
    raw.get(row, scratch);
    derive(scratch, 0, out);
  }

  /** Soft-BoV: signed square root, then L2 (its {@link #softBovOptions()}). */
  private void finishBagOfWords(double[] out) {
    // signed square root, as PowerNormalization.SIGNED_SQUARE_ROOT
    double n = 0;
    for (int i = 0; i < length; i++) {
      double z = out[i];
      out[i] = z >= 0 ? Math.sqrt(z) : -Math.sqrt(-z);
      n += out[i] * out[i];
    }
    // divide by max(‖z‖, 1e-12), as VectorNormalization.L2
    n = Math.max(Math.sqrt(n), VectorNormalization.L2_NORM_FLOOR);
    for (int i = 0; i < length; i++) {
      out[i] /= n;
    }
  }
}
