package org.emkit.spark;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.PosteriorRule;
import org.emkit.mixture.VarianceFloor;

/**
 * The complete, serialisable description of a {@link GMMMachine} (hyperparameters, parameters
 * and MAP prior): what the driver ships to executors, which rebuild an {@link
 * GMMMachine#equals(Object) equal} machine through the public builder. The k-means
 * sub-configuration of {@link GMMMachine.Init#KMEANS} is not carried (executors only use fitted
 * machines).
 */
final class GmmSpec implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int numComponents;
  private final GMMMachine.Trainer trainer;
  private final GmmSpec prior;
  private final EnumSet<GMMMachine.Update> updates;
  private final double meanVarUpdateThreshold;
  private final VarianceFloor.Shape floorShape;
  private final double[] floorValues;
  private final GMMMachine.Adaptation.Kind adaptationKind;
  private final double adaptationValue;
  private final double convergenceThreshold;
  private final int maxIterations;
  private final GMMMachine.Init init;
  private final long seed;
  private final int parallelism;
  private final Numerics numerics;
  private final RuleSpec posteriorRule;
  private final double[] weights;
  private final double[] means;
  private final double[] variances;
  private final int numFeatures;
  private transient volatile GMMMachine machine;

  private GmmSpec(GMMMachine m) {
    numComponents = m.numComponents();
    trainer = m.trainer();
    prior = m.prior().map(GmmSpec::of).orElse(null);
    Set<GMMMachine.Update> u = m.updates();
    updates = u.isEmpty() ? EnumSet.noneOf(GMMMachine.Update.class) : EnumSet.copyOf(u);
    meanVarUpdateThreshold = m.meanVarUpdateThreshold();
    floorShape = m.varianceFloor().shape();
    floorValues = m.varianceFloor().values();
    adaptationKind = m.adaptation().kind();
    adaptationValue = m.adaptation().value();
    convergenceThreshold = m.convergenceThreshold();
    maxIterations = m.maxIterations();
    init = m.init();
    seed = m.seed();
    parallelism = m.parallelism();
    numerics = m.numerics();
    posteriorRule = RuleSpec.of(m.posteriorRule());
    if (m.isFitted()) {
      weights = m.weights();
      means = m.means().toArray();
      variances = m.variances().toArray();
      numFeatures = m.numFeatures();
    } else {
      weights = null;
      means = null;
      variances = null;
      numFeatures = 0;
    }
    machine = m;
  }

  static GmmSpec of(GMMMachine m) {
    return new GmmSpec(m);
  }

  /** @return the machine (rebuilt once per JVM after deserialisation) */
  GMMMachine machine() {
    GMMMachine m = machine;
    if (m == null) {
      m = rebuild();
      machine = m;
    }
    return m;
  }

  int numComponents() {
    return numComponents;
  }

  int numFeatures() {
    return numFeatures;
  }

  private GMMMachine rebuild() {
    GMMMachine.Builder b = GMMMachine.builder(numComponents).trainer(trainer);
    if (prior != null) {
      b.prior(prior.machine());
    }
    b.updates(updates).meanVarUpdateThreshold(meanVarUpdateThreshold);
    switch (floorShape) {
      case SCALAR:
        b.varianceFloor(VarianceFloor.scalar(floorValues[0]));
        break;
      case PER_FEATURE:
        b.varianceFloor(VarianceFloor.perFeature(floorValues));
        break;
      default:
        b.varianceFloor(VarianceFloor.perComponent(
            Matrix.wrap(numComponents, floorValues.length / numComponents, floorValues)));
    }
    if (adaptationKind == GMMMachine.Adaptation.Kind.FIXED_ALPHA) {
      b.alpha(adaptationValue);
    } else {
      b.relevanceFactor(adaptationValue);
    }
    b.convergenceThreshold(convergenceThreshold).maxIterations(maxIterations).init(init)
        .seed(seed).parallelism(parallelism).numerics(numerics)
        .posteriorRule(posteriorRule.rule());
    if (means != null) {
      b.weights(weights).means(Matrix.wrap(numComponents, numFeatures, means))
          .variances(Matrix.wrap(numComponents, numFeatures, variances));
    }
    return b.build();
  }

  /** A serialisable {@link PosteriorRule}. */
  static final class RuleSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    private final PosteriorRule.Kind kind;
    private final double threshold;

    private RuleSpec(PosteriorRule.Kind kind, double threshold) {
      this.kind = kind;
      this.threshold = threshold;
    }

    static RuleSpec of(PosteriorRule r) {
      return new RuleSpec(r.kind(), r.threshold());
    }

    PosteriorRule rule() {
      switch (kind) {
        case EXACT:
          return PosteriorRule.EXACT;
        case HARD:
          return PosteriorRule.HARD;
        case THRESHOLD:
          return PosteriorRule.threshold(threshold);
        default:
          return PosteriorRule.truncate(threshold);
      }
    }
  }
}
