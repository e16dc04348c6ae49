package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.core.random.NumpyRandom;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.explain.FisherRelevance;
import org.emkit.linear.SgdClassifier;
import org.emkit.mixture.GMMMachine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainExperimentTest {

  private static ExplainResults results;

  @BeforeAll
  static void run(@TempDir Path dir) throws IOException {
    FashionMnist data = FashionMnist.load(TinyFashionMnist.write(dir));
    ImageExperimentOptions p = ExplainOptions.defaultPipeline().toBuilder().trainImages(60)
        .validationImages(15).testImages(30).components(2).pcaComponents(4)
        .vocabularySamples(400).vocabularyImages(30).lambdas(List.of(1e-2)).threads(1).build();
    results = ExplainExperiment.run(new ExplainOptions(p, 30, 2, 2, 100), data.train(),
        data.test(), null);
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  @Test
  void pixelMapsConserveRelevanceForPlainAndAbsoluteAndEpsilonPassesOnLess() {
    assertEquals(6, results.heatmapCount());
    // padding 0: every patch lies inside the image, so each map sums to Σ_l R_l
    for (int i = 0; i < results.heatmapCount(); i++) {
      ExplainResults.Explained e = explained(i);
      double plain = sum(e.map(ExplainResults.RULES.indexOf("plain")));
      double absolute = sum(e.map(ExplainResults.RULES.indexOf("absolute")));
      double epsilon = sum(e.map(ExplainResults.RULES.indexOf("epsilon")));
      assertEquals(plain, absolute, 1e-9 * Math.max(1, Math.abs(plain)), "image " + i);
      assertTrue(Math.abs(epsilon) < Math.abs(plain), "ε loses relevance, image " + i);
      assertEquals(144, e.pixels().length);
    }
  }

  private static ExplainResults.Explained explained(int i) {
    return results.heatmaps().get(i);
  }

  @Test
  void everyOrderStartsFromTheSameDecisionAndEndsWithTheSameFullyResampledImage() {
    int n = results.evaluatedImages().length;
    assertTrue(n > 0, "some test images are classified correctly");
    for (int i = 0; i < n; i++) {
      double[] plain = results.trace("plain", i);
      assertEquals(1 + results.steps(), plain.length);
      for (String order : ExplainExperiment.ORDERS) {
        double[] t = results.trace(order, i);
        assertEquals(plain[0], t[0], 0.0, order);
        // all descriptors replaced by the same samples: the same image, but reached by a
        // different sequence of incremental updates; entries of G that cancel to about 0 keep a
        // rounding residue of ~1e-17, which the signed square root lifts to ~1e-9
        assertEquals(plain[plain.length - 1], t[t.length - 1],
            1e-6 * Math.max(1, Math.abs(plain[0])), order);
      }
    }
  }

  @Test
  void relevanceOrdersRemoveTheDecisionFasterThanTheRandomOrder() {
    double random = results.meanArea("random");
    for (String order : List.of("plain", "epsilon", "absolute")) {
      assertTrue(results.meanArea(order) > random, order + ": " + results.meanArea(order)
          + " vs random " + random);
    }
  }

  @Test
  void theExplainedDecisionOfABinaryModelIsSignedForTheClass() {
    NumpyRandom rng = new NumpyRandom(3);
    GMMMachine gmm = GMMMachine.fromParameters(new double[] {0.5, 0.5},
        Matrix.wrap(2, 2, rng.normal(0, 1, 4)), Matrix.wrap(2, 2, new double[] {1, 1, 1, 1}));
    FisherVectorEncoder enc = FisherVectorEncoder.improved(gmm);
    SgdClassifier model = SgdClassifier.linearSvm().buildFitted(new int[] {4, 7},
        Matrix.wrap(1, enc.length(), rng.normal(0, 1, enc.length())), new double[] {0.25});
    Matrix x = Matrix.wrap(5, 2, rng.normal(0, 1, 10));
    double[] phi = enc.encode(x);
    FisherRelevance pos = ExplainExperiment.explainer(enc, model, 7);
    FisherRelevance neg = ExplainExperiment.explainer(enc, model, 4);
    assertEquals(model.decisionFunction(phi)[0], pos.decision(phi), 1e-12);
    assertEquals(-model.decisionFunction(phi)[0], neg.decision(phi), 1e-12);
    assertArrayEquals(new double[] {-0.25}, new double[] {neg.bias()});
  }
}
