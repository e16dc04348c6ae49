package org.emkit.io.hdf5;

import static org.emkit.io.hdf5.Hdf5.MAX_DIMENSION;
import static org.emkit.io.hdf5.Hdf5.build;
import static org.emkit.io.hdf5.Hdf5.doubleScalar;
import static org.emkit.io.hdf5.Hdf5.enumValue;
import static org.emkit.io.hdf5.Hdf5.finiteVector;
import static org.emkit.io.hdf5.Hdf5.matrixWithRows;
import static org.emkit.io.hdf5.Hdf5.numeric;
import static org.emkit.io.hdf5.Hdf5.readEnum;
import static org.emkit.io.hdf5.Hdf5.readRule;
import static org.emkit.io.hdf5.Hdf5.requireWriter;

import java.util.EnumSet;
import java.util.Optional;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.fisher.Assignment;
import org.emkit.fisher.BagOfWordsEncoder;
import org.emkit.fisher.BagOfWordsOptions;
import org.emkit.fisher.FisherBlock;
import org.emkit.fisher.FisherLayout;
import org.emkit.fisher.FisherNormalization;
import org.emkit.fisher.FisherOptions;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.MassNormalization;
import org.emkit.fisher.PowerNormalization;
import org.emkit.fisher.TermWeighting;
import org.emkit.fisher.VLADEncoder;
import org.emkit.fisher.VLADOptions;
import org.emkit.fisher.VectorNormalization;
import org.emkit.mixture.GMMMachine;

/**
 * Layouts of the set encoders of {@code org.emkit.fisher}: {@link FisherVectorEncoder} (its GMM,
 * its {@link FisherOptions} and, for EMPIRICAL normalisation, the learnt mean and scale),
 * {@link VLADEncoder} and {@link BagOfWordsEncoder} (their GMM or k-means centres and options).
 * Emkit version 1.0; tables in {@code docs/file-formats.md}.
 */
final class EncoderFiles {

  private EncoderFiles() {}

  // ------------------------------------------------------------------------------------------
  // Fisher vectors

  static H5Tree.Group fisher(FisherVectorEncoder e) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.FISHER_CLASS);
    FisherOptions o = e.options();
    Hdf5.putGmm(root.group("gmm"), e.gmm(), 0);
    root.dataset("block_weights", H5Value.bool(o.blocks().contains(FisherBlock.WEIGHTS)));
    root.dataset("block_means", H5Value.bool(o.blocks().contains(FisherBlock.MEANS)));
    root.dataset("block_variances", H5Value.bool(o.blocks().contains(FisherBlock.VARIANCES)));
    root.dataset("fisher_normalization", enumValue(o.fisherNormalization()));
    root.dataset("power", H5Value.f64(o.power().rho()));
    root.dataset("l2", enumValue(o.l2()));
    Hdf5.putRule(root, "posterior_rule", "posterior_threshold", o.posteriorRule());
    root.dataset("layout", enumValue(o.layout()));
    if (o.fisherNormalization() == FisherNormalization.EMPIRICAL && e.isFitted()) {
      double[] m = e.empiricalMean();
      root.dataset("empirical_mean", H5Value.f64(new int[] {m.length}, m));
      root.dataset("empirical_scale", H5Value.f64(new int[] {m.length}, e.empiricalScale()));
    }
    return root;
  }

  static FisherVectorEncoder readFisher(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, Hdf5.FISHER_CLASS);
    GMMMachine gmm = gmm(r, true);
    EnumSet<FisherBlock> blocks = EnumSet.noneOf(FisherBlock.class);
    if (Hdf5.bool(r, "/block_weights")) {
      blocks.add(FisherBlock.WEIGHTS);
    }
    if (Hdf5.bool(r, "/block_means")) {
      blocks.add(FisherBlock.MEANS);
    }
    if (Hdf5.bool(r, "/block_variances")) {
      blocks.add(FisherBlock.VARIANCES);
    }
    if (blocks.isEmpty()) {
      throw r.error("/block_means", "no block selected: at least one of /block_weights,"
          + " /block_means, /block_variances must be true");
    }
    FisherNormalization n = readEnum(r, "/fisher_normalization", FisherNormalization.class);
    PowerNormalization power = power(r, "/power");
    VectorNormalization l2 = readEnum(r, "/l2", VectorNormalization.class);
    FisherOptions o = new FisherOptions(blocks, n, power, l2,
        readRule(r, "/posterior_rule", "/posterior_threshold"),
        readEnum(r, "/layout", FisherLayout.class));
    FisherVectorEncoder e = FisherVectorEncoder.of(gmm, o);
    boolean stored = r.isDataset("/empirical_mean") || r.isDataset("/empirical_scale");
    if (!stored) {
      return e;
    }
    if (n != FisherNormalization.EMPIRICAL) {
      throw r.error(r.isDataset("/empirical_mean") ? "/empirical_mean" : "/empirical_scale",
          "unexpected dataset: /fisher_normalization is " + n.name().toLowerCase(
              java.util.Locale.ROOT) + ", not empirical");
    }
    double[] mean = finiteVector(r, "/empirical_mean", e.length());
    double[] scale = finiteVector(r, "/empirical_scale", e.length());
    return build(r, "/empirical_scale", "invalid value",
        () -> e.withEmpiricalStandardization(mean, scale));
  }

  // ------------------------------------------------------------------------------------------
  // VLAD

  static H5Tree.Group vlad(VLADEncoder e) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.VLAD_CLASS);
    putCentres(root, e.gmm(), e.centres());
    VLADOptions o = e.options();
    putAssignment(root, o.assignment());
    root.dataset("mass", enumValue(o.mass()));
    root.dataset("power", H5Value.f64(o.power().rho()));
    root.dataset("intra", enumValue(o.intra()));
    root.dataset("global", enumValue(o.global()));
    return root;
  }

  static VLADEncoder readVlad(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, Hdf5.VLAD_CLASS);
    GMMMachine gmm = gmm(r, false);
    Matrix centres = gmm == null ? centres(r) : null;
    VLADOptions o = new VLADOptions(assignment(r),
        readEnum(r, "/mass", MassNormalization.class), power(r, "/power"),
        readEnum(r, "/intra", VectorNormalization.class),
        readEnum(r, "/global", VectorNormalization.class));
    return build(r, "/assignment", "invalid encoder",
        () -> gmm != null ? VLADEncoder.of(gmm, o)
            : VLADEncoder.of(KMeansMachine.fromCentroids(centres), o));
  }

  // ------------------------------------------------------------------------------------------
  // bag of words

  static H5Tree.Group bagOfWords(BagOfWordsEncoder e) {
    H5Tree.Group root = Hdf5.emkitRoot(Hdf5.BAG_OF_WORDS_CLASS);
    putCentres(root, e.gmm(), e.centres());
    BagOfWordsOptions o = e.options();
    putAssignment(root, o.assignment());
    root.dataset("weighting", enumValue(o.weighting()));
    root.dataset("power", H5Value.f64(o.power().rho()));
    root.dataset("l2", enumValue(o.l2()));
    return root;
  }

  static BagOfWordsEncoder readBagOfWords(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, Hdf5.BAG_OF_WORDS_CLASS);
    GMMMachine gmm = gmm(r, false);
    Matrix centres = gmm == null ? centres(r) : null;
    BagOfWordsOptions o = new BagOfWordsOptions(assignment(r),
        readEnum(r, "/weighting", TermWeighting.class), power(r, "/power"),
        readEnum(r, "/l2", VectorNormalization.class));
    return build(r, "/assignment", "invalid encoder",
        () -> gmm != null ? BagOfWordsEncoder.of(gmm, o)
            : BagOfWordsEncoder.of(KMeansMachine.fromCentroids(centres), o));
  }

  // ------------------------------------------------------------------------------------------
  // shared pieces

  private static void putCentres(H5Tree.Group root, Optional<GMMMachine> gmm, Matrix centres) {
    if (gmm.isPresent()) {
      Hdf5.putGmm(root.group("gmm"), gmm.get(), 0);
    } else {
      root.dataset("centres", H5Value.f64(new int[] {centres.rows(), centres.cols()},
          centres.data()));
    }
  }

  /** The GMM in {@code /gmm}, or {@code null} if there is none and it is optional. */
  private static GMMMachine gmm(H5Reader r, boolean required) throws Hdf5FormatException {
    if (r.isGroup("/gmm")) {
      if (r.isDataset("/centres")) {
        throw r.error("/centres", "unexpected dataset: the encoder's centres are the means of"
            + " /gmm");
      }
      return Hdf5.readGmm(r, "/gmm/", null, 0);
    }
    if (required) {
      throw r.error("/gmm", "missing group");
    }
    return null;
  }

  private static Matrix centres(H5Reader r) throws Hdf5FormatException {
    if (!r.isDataset("/centres")) {
      throw r.error("/centres", "missing dataset (and no /gmm group): the encoder needs its"
          + " centres or its GMM");
    }
    H5Reader.Raw raw = numeric(r, "/centres");
    int k = raw.dims.length == 2 ? raw.dims[0] : 0;
    if (raw.dims.length != 2 || k < 1 || k > MAX_DIMENSION || raw.dims[1] < 1
        || raw.dims[1] > MAX_DIMENSION) {
      throw r.error("/centres", "expected shape (K, D) with K, D >= 1, found "
          + raw.shapeString());
    }
    return matrixWithRows(r, "/centres", k, "D", raw.dims[1], raw.dims[1]);
  }

  private static void putAssignment(H5Tree.Group root, Assignment a) {
    root.dataset("assignment", enumValue(a.kind()));
    root.dataset("assignment_alpha", H5Value.f64(a.alpha()));
    Hdf5.putRule(root, "assignment_posterior_rule", "assignment_posterior_threshold",
        a.kind() == Assignment.Kind.POSTERIOR ? a.rule()
            : org.emkit.mixture.PosteriorRule.EXACT);
  }

  private static Assignment assignment(H5Reader r) throws Hdf5FormatException {
    Assignment.Kind kind = readEnum(r, "/assignment", Assignment.Kind.class);
    double alpha = doubleScalar(r, "/assignment_alpha");
    org.emkit.mixture.PosteriorRule rule = readRule(r, "/assignment_posterior_rule",
        "/assignment_posterior_threshold");
    switch (kind) {
      case HARD:
        return Assignment.HARD;
      case SOFTMAX:
        return build(r, "/assignment_alpha", "invalid value", () -> Assignment.softmax(alpha));
      default:
        return Assignment.posteriors(rule);
    }
  }

  private static PowerNormalization power(H5Reader r, String path) throws Hdf5FormatException {
    double rho = doubleScalar(r, path);
    return build(r, path, "invalid value", () -> PowerNormalization.signedPower(rho));
  }

  // ------------------------------------------------------------------------------------------
  // inspection

  static String describeFisher(FisherVectorEncoder e) {
    return "FisherVectorEncoder K=" + e.numComponents() + " D=" + e.numFeatures() + " length="
        + e.length() + " blocks=" + e.options().blocks() + " normalization="
        + e.options().fisherNormalization() + " power=" + e.options().power() + " l2="
        + e.options().l2() + " layout=" + e.options().layout() + " fitted=" + e.isFitted();
  }

  static String describeVlad(VLADEncoder e) {
    return "VLADEncoder K=" + e.numCentres() + " D=" + e.numFeatures() + " length=" + e.length()
        + " centres from " + (e.gmm().isPresent() ? "a GMM" : "k-means") + " " + e.options();
  }

  static String describeBagOfWords(BagOfWordsEncoder e) {
    return "BagOfWordsEncoder K=" + e.length() + " D=" + e.numFeatures() + " words from "
        + (e.gmm().isPresent() ? "a GMM" : "k-means") + " " + e.options();
  }
}
