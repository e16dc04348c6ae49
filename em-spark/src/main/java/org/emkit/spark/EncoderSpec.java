package org.emkit.spark;

import java.io.Serializable;
import java.util.EnumSet;
import org.emkit.cluster.KMeansMachine;
import org.emkit.fisher.Assignment;
import org.emkit.fisher.DescriptorEncoder;
import org.emkit.fisher.FisherBlock;
import org.emkit.fisher.FisherLayout;
import org.emkit.fisher.FisherNormalization;
import org.emkit.fisher.FisherOptions;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.MassNormalization;
import org.emkit.fisher.PowerNormalization;
import org.emkit.fisher.VLADEncoder;
import org.emkit.fisher.VLADOptions;
import org.emkit.fisher.VectorNormalization;

/**
 * A serialisable description of a Fisher-vector or VLAD encoder (the machine it is built from and
 * all its options), rebuilt once per executor JVM through the encoders' public factories.
 */
final class EncoderSpec implements Serializable {

  private static final long serialVersionUID = 1L;

  private final GmmSpec gmm;
  private final SparkKMeans.Centres centres;
  // Fisher
  private final EnumSet<FisherBlock> blocks;
  private final FisherNormalization fisherNormalization;
  private final VectorNormalization l2;
  private final GmmSpec.RuleSpec rule;
  private final FisherLayout layout;
  private final double[] empiricalMean;
  private final double[] empiricalScale;
  // VLAD
  private final Assignment.Kind assignment;
  private final double alpha;
  private final MassNormalization mass;
  private final VectorNormalization intra;
  private final VectorNormalization global;
  // both
  private final double rho;
  private transient volatile DescriptorEncoder encoder;

  private EncoderSpec(FisherVectorEncoder e) {
    gmm = GmmSpec.of(e.gmm());
    centres = null;
    FisherOptions o = e.options();
    blocks = EnumSet.copyOf(o.blocks());
    fisherNormalization = o.fisherNormalization();
    rho = o.power().rho();
    l2 = o.l2();
    rule = GmmSpec.RuleSpec.of(o.posteriorRule());
    layout = o.layout();
    boolean empirical = o.fisherNormalization() == FisherNormalization.EMPIRICAL;
    empiricalMean = empirical ? e.empiricalMean() : null;
    empiricalScale = empirical ? e.empiricalScale() : null;
    assignment = null;
    alpha = 0;
    mass = null;
    intra = null;
    global = null;
    encoder = e;
  }

  private EncoderSpec(GmmSpec gmm, SparkKMeans.Centres centres, VLADOptions o,
      DescriptorEncoder e) {
    this.gmm = gmm;
    this.centres = centres;
    blocks = null;
    fisherNormalization = null;
    l2 = null;
    layout = null;
    empiricalMean = null;
    empiricalScale = null;
    assignment = o.assignment().kind();
    alpha = o.assignment().alpha();
    rule = o.assignment().rule() == null ? null : GmmSpec.RuleSpec.of(o.assignment().rule());
    mass = o.mass();
    rho = o.power().rho();
    intra = o.intra();
    global = o.global();
    encoder = e;
  }

  static EncoderSpec of(FisherVectorEncoder e) {
    return new EncoderSpec(e);
  }

  static EncoderSpec vlad(KMeansMachine kmeans, VLADOptions o) {
    return new EncoderSpec(null, new SparkKMeans.Centres(kmeans.centroids()), o,
        VLADEncoder.of(kmeans, o));
  }

  static EncoderSpec vlad(org.emkit.mixture.GMMMachine gmm, VLADOptions o) {
    return new EncoderSpec(GmmSpec.of(gmm), null, o, VLADEncoder.of(gmm, o));
  }

  DescriptorEncoder encoder() {
    DescriptorEncoder e = encoder;
    if (e == null) {
      e = rebuild();
      encoder = e;
    }
    return e;
  }

  private DescriptorEncoder rebuild() {
    PowerNormalization power = PowerNormalization.signedPower(rho);
    if (blocks != null) {
      FisherVectorEncoder f = FisherVectorEncoder.of(gmm.machine(), new FisherOptions(blocks,
          fisherNormalization, power, l2, rule.rule(), layout));
      return empiricalMean == null ? f : f.withEmpiricalStandardization(empiricalMean,
          empiricalScale);
    }
    Assignment a;
    switch (assignment) {
      case HARD:
        a = Assignment.HARD;
        break;
      case SOFTMAX:
        a = Assignment.softmax(alpha);
        break;
      default:
        a = Assignment.posteriors(rule.rule());
    }
    VLADOptions o = new VLADOptions(a, mass, power, intra, global);
    return gmm != null ? VLADEncoder.of(gmm.machine(), o) : VLADEncoder.of(centres.machine(), o);
  }
}
