package org.emkit.examples.speaker;

import static org.emkit.testing.NumericAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emkit.core.Matrix;
import org.emkit.examples.ProgressListener;
import org.emkit.fa.ISVMachine;
import org.emkit.fa.JFAMachine;
import org.emkit.fa.TwoCovariancePLDA;
import org.emkit.linear.LengthNormalization;
import org.emkit.linear.Whitening;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The systems against per-pair oracles: the batch ISV/JFA scoring equals the machines' own
 * {@code score}, the frame LLR equals a naive log-density computation, the cosine back-end
 * equals the formula; and every system separates the synthetic speakers.
 */
class SystemsTest {

  private static final Corpus CORPUS = SyntheticFeatures.corpus();
  private static final FeatureBank FEATURES = SyntheticFeatures.of(CORPUS, 4, 120, 11);
  private static ExperimentConfig config;
  private static FoldContext ctx;

  @BeforeAll
  static void prepare() {
    config = ExperimentConfig.builder(java.nio.file.Paths.get("synthetic.tsv")).components(4)
        .ubmIterations(5).kmeansIterations(5).rankU(2).rankV(2).faIterations(3)
        .ivectorRank(3).ivectorIterations(3).ldaDimension(2).threads(2).build();
    Fold fold = new Fold(0, 2, List.of("ast_a", "ast_b", "fil_a", "fil_b", "tux_a", "tux_b"),
        List.of("ast_c", "ast_d", "fil_c", "fil_d", "tux_c", "tux_d"));
    TrialPlan plan = TrialPlan.build(CORPUS, fold, 2, "clean", 4);
    ctx = FoldContext.prepare(CORPUS, FEATURES, plan, config, ProgressListener.NONE);
  }

  private static Matrix score(VerificationSystem s) {
    return s.train(ctx).score(ctx.plan().enrolments(), ctx.plan().testSegments());
  }

  @Test
  void isvBatchScoringEqualsTheMachinesPairwiseScore() {
    Matrix batch = score(SystemKind.ISV.create(config));
    ISVMachine isv = ISVMachine.builder(ctx.ubm(), 2).relevanceFactor(4).iterations(3)
        .seed(ctx.seed("isv")).parallelism(2).build()
        .fit(ctx.stats(ctx.plan().devSegments()), ctx.plan().devLabels());
    double[] expected = new double[batch.rows() * batch.cols()];
    int[] tests = ctx.plan().testSegments();
    for (int m = 0; m < batch.rows(); m++) {
      double[] z = isv.enroll(ctx.stats(ctx.plan().enrolments().get(m)));
      for (int j = 0; j < tests.length; j++) {
        expected[m * tests.length + j] = isv.score(z, List.of(ctx.stats(tests[j])));
      }
    }
    assertAllClose(expected, batch.toArray(), Tolerance.KERNEL_VS_ORACLE);
  }

  @Test
  void jfaBatchScoringEqualsTheMachinesPairwiseScoreWithFixedAndTrainedD() {
    for (boolean trainD : new boolean[] {false, true}) {
      ExperimentConfig c = config.toBuilder().jfaTrainD(trainD).build();
      Matrix batch = SystemKind.JFA.create(c).train(ctx)
          .score(ctx.plan().enrolments(), ctx.plan().testSegments());
      JFAMachine untrained = JFAMachine.builder(ctx.ubm(), 2, 2).relevanceFactor(4).iterations(3)
          .seed(ctx.seed("jfa")).parallelism(2).build();
      JFAMachine fitted = untrained.fit(ctx.stats(ctx.plan().devSegments()),
          ctx.plan().devLabels());
      JFAMachine jfa = trainD ? fitted : fitted.toBuilder().d(untrained.d()).build();
      int[] tests = ctx.plan().testSegments();
      double[] expected = new double[batch.rows() * batch.cols()];
      for (int m = 0; m < batch.rows(); m++) {
        JFAMachine.Enrollment e = jfa.enroll(ctx.stats(ctx.plan().enrolments().get(m)));
        for (int j = 0; j < tests.length; j++) {
          expected[m * tests.length + j] = jfa.score(e, List.of(ctx.stats(tests[j])));
        }
      }
      assertAllClose(expected, batch.toArray(), Tolerance.KERNEL_VS_ORACLE,
          "trainD=" + trainD);
    }
  }

  /** log Σ_c w_c N(x | μ_c, diag σ²_c), straight from the formula. */
  private static double naiveLogLikelihood(GMMMachine g, double[] x) {
    double[] terms = new double[g.numComponents()];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < g.numComponents(); c++) {
      double t = Math.log(g.weight(c));
      for (int j = 0; j < x.length; j++) {
        double v = g.variance(c, j);
        double d = x[j] - g.mean(c, j);
        t += -0.5 * Math.log(2 * Math.PI * v) - 0.5 * d * d / v;
      }
      terms[c] = t;
      max = Math.max(max, t);
    }
    double s = 0;
    for (double t : terms) {
      s += Math.exp(t - max);
    }
    return max + Math.log(s);
  }

  @Test
  void frameLlrEqualsTheAverageNaiveLogLikelihoodRatio() {
    Matrix batch = score(SystemKind.GMM_UBM_LLR.create(config));
    int[] tests = ctx.plan().testSegments();
    for (int m = 0; m < batch.rows(); m++) {
      GMMMachine model = GmmUbmSystem.adapt(ctx.ubm(), 4,
          ctx.stats(ctx.plan().enrolments().get(m)));
      for (int j = 0; j < tests.length; j += 7) {
        Matrix x = FEATURES.get(tests[j]);
        double sum = 0;
        for (int i = 0; i < x.rows(); i++) {
          sum += naiveLogLikelihood(model, x.row(i)) - naiveLogLikelihood(ctx.ubm(), x.row(i));
        }
        double expected = sum / x.rows();
        assertEquals(expected, batch.get(m, j), 1e-10 * Math.max(1, Math.abs(expected)),
            "model " + m + ", test " + j);
      }
    }
  }

  @Test
  void mapAdaptationUsesTheMergedEnrolmentStatistics() {
    int[] enrol = ctx.plan().enrolments().get(0);
    GMMStats merged = ctx.stats(enrol[0]).copy();
    merged.merge(ctx.stats(enrol[1]));
    GMMMachine once = GMMMachine.map(ctx.ubm()).relevanceFactor(4).build().mStep(merged);
    GMMMachine adapted = GmmUbmSystem.adapt(ctx.ubm(), 4, ctx.stats(enrol));
    assertTrue(once.isSimilarTo(adapted, 0, 0));
  }

  @Test
  void cosineBackendWithoutProjectionsIsTheCosineOfLengthNormalisedMeans() {
    Matrix batch = score(SystemKind.IVECTOR_COSINE.create(config));
    Matrix iv = IVectorSystem.ivectors(ctx, config.ivectorRank(), config.ivectorIterations());
    int[] dev = ctx.plan().devSegments();
    int r = iv.cols();
    double[] mu = new double[r];
    for (int s : dev) {
      for (int j = 0; j < r; j++) {
        mu[j] += iv.get(s, j) / dev.length;
      }
    }
    int[] tests = ctx.plan().testSegments();
    for (int m = 0; m < batch.rows(); m++) {
      double[] model = new double[r];
      int[] enrol = ctx.plan().enrolments().get(m);
      for (int s : enrol) {
        double[] v = unit(iv.row(s), mu);
        for (int j = 0; j < r; j++) {
          model[j] += v[j] / enrol.length;
        }
      }
      for (int j = 0; j < tests.length; j++) {
        double[] p = unit(iv.row(tests[j]), mu);
        double dot = 0;
        double nm = 0;
        double np = 0;
        for (int k = 0; k < r; k++) {
          dot += model[k] * p[k];
          nm += model[k] * model[k];
          np += p[k] * p[k];
        }
        assertEquals(dot / Math.sqrt(nm * np), batch.get(m, j), 1e-12);
      }
    }
  }

  private static double[] unit(double[] x, double[] mu) {
    double n = 0;
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      out[j] = x[j] - mu[j];
      n += out[j] * out[j];
    }
    for (int j = 0; j < x.length; j++) {
      out[j] /= Math.sqrt(n);
    }
    return out;
  }

  @Test
  void pldaBackendScoresWhitenedLengthNormalisedVectorsWithAllEnrolmentVectors() {
    Matrix batch = score(SystemKind.IVECTOR_PLDA.create(config));
    Matrix iv = IVectorSystem.ivectors(ctx, config.ivectorRank(), config.ivectorIterations());
    Whitening w = Whitening.create().fit(iv.selectRows(ctx.plan().devSegments()));
    Matrix x = LengthNormalization.create().transform(w.transform(iv));
    TwoCovariancePLDA plda = TwoCovariancePLDA.builder(x.cols()).iterations(10)
        .regularization(SystemKind.PLDA_REGULARIZATION).build()
        .fit(x.selectRows(ctx.plan().devSegments()), ctx.plan().devLabels());
    int[] tests = ctx.plan().testSegments();
    for (int m = 0; m < batch.rows(); m++) {
      Matrix enrol = x.selectRows(ctx.plan().enrolments().get(m));
      for (int j = 0; j < tests.length; j++) {
        double expected = plda.score(enrol, x.selectRows(new int[] {tests[j]}));
        assertEquals(expected, batch.get(m, j), 1e-9 * Math.max(1, Math.abs(expected)));
      }
    }
    assertEquals("3", ctx.notes().get("plda_speaker_rank"));
  }

  @Test
  void ldaWccnBackendRecordsItsEffectiveDimension() {
    VerificationSystem s = SystemKind.IVECTOR_LDA_WCCN.create(config);
    s.train(ctx);
    assertEquals("2", ctx.notes().get("ivector_lda_dimension"));
  }

  @Test
  void pldaNeedsTwoDevelopmentSpeakers() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PldaBackend(1, 0, 1).fit(Matrix.zeros(4, 2), new int[4], new LinkedHashMap<>()));
    assertTrue(e.getMessage().contains("at least 2 development speakers"), e.getMessage());
    assertTrue(e.getMessage().contains("got 1"), e.getMessage());
  }

  @Test
  void everySystemScoresTargetsAboveImpostorsOnSyntheticSpeakers() {
    for (SystemKind k : EnumSet.allOf(SystemKind.class)) {
      Matrix sc = score(k.create(config));
      double t = 0;
      double n = 0;
      int nt = 0;
      int nn = 0;
      List<Trial> trials = ctx.plan().trials();
      for (int i = 0; i < trials.size(); i++) {
        double v = sc.data()[i];
        if (trials.get(i).target()) {
          t += v;
          nt++;
        } else {
          n += v;
          nn++;
        }
      }
      assertTrue(t / nt > n / nn, k + ": mean target " + t / nt + " <= mean impostor " + n / nn);
    }
  }

  @Test
  void seedsAreDeterministicDistinctPerPurposeAndInTheMachinesRange() {
    Map<String, Long> seeds = new LinkedHashMap<>();
    for (String p : List.of("ubm", "isv", "jfa", "ivector")) {
      long s = FoldContext.seed(config, 0, p);
      assertEquals(s, FoldContext.seed(config, 0, p));
      assertTrue(s >= 0 && s <= 0xFFFFFFFFL, p + ": " + s);
      seeds.put(p, s);
    }
    assertEquals(4, new java.util.HashSet<>(seeds.values()).size(), seeds.toString());
    assertTrue(FoldContext.seed(config, 0, "ubm") != FoldContext.seed(config, 1, "ubm"));
    assertTrue(FoldContext.seed(config, 0, "ubm")
        != FoldContext.seed(config.toBuilder().seed(1).build(), 0, "ubm"));
  }

  @Test
  void statisticsOfEverySegmentComeFromTheUbm() {
    List<GMMStats> expected = new ArrayList<>();
    for (int i = 0; i < CORPUS.size(); i++) {
      expected.add(ctx.ubm().transform(FEATURES.get(i)));
    }
    for (int i = 0; i < CORPUS.size(); i++) {
      assertTrue(expected.get(i).isSimilarTo(ctx.stats(i), 0, 0), "segment " + i);
    }
  }
}
