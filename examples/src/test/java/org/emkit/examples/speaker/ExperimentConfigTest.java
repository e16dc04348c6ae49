package org.emkit.examples.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ExperimentConfigTest {

  private static final Path M = Paths.get("segments.tsv");

  @Test
  void defaultsAreTheDocumentedOnes() {
    ExperimentConfig c = ExperimentConfig.builder(M).build();
    assertEquals(2, c.folds());
    assertEquals(FoldScheme.EVALUATE_EACH_GROUP, c.foldScheme());
    assertEquals(2, c.enrolSegments());
    assertEquals("clean", c.enrolChannel());
    assertEquals(8, c.cohortPerSpeaker());
    assertEquals(128, c.components());
    assertEquals(10, c.ubmIterations());
    assertEquals(10, c.kmeansIterations());
    assertEquals(1, c.ubmFrameStride());
    assertEquals(1e-3, c.varianceFloor());
    assertEquals(4.0, c.relevanceFactor());
    assertEquals(30, c.rankU());
    assertEquals(2, c.rankV());
    assertEquals(10, c.faIterations());
    assertEquals(false, c.jfaTrainD());
    assertEquals(200, c.ivectorRank());
    assertEquals(10, c.ivectorIterations());
    assertEquals(16, c.ldaDimension());
    assertEquals(true, c.wccn());
    assertEquals(10, c.pldaIterations());
    assertEquals(EnumSet.allOf(SystemKind.class), c.systems());
    assertEquals(Set.of(ScoreNorm.NONE), c.norms());
    assertEquals(1.0, c.sNormTopFraction());
    assertEquals(0.01, c.pTarget());
    assertEquals(1.0, c.costMiss());
    assertEquals(1.0, c.costFalseAlarm());
    assertEquals(Runtime.getRuntime().availableProcessors(), c.threads());
    assertEquals(0L, c.seed());
  }

  @Test
  void toBuilderRoundTripsEverySetting() {
    ExperimentConfig c = ExperimentConfig.builder(M).components(8).rankU(3).rankV(2)
        .jfaTrainD(true).ivectorRank(7).ldaDimension(0).wccn(false).seed(9).threads(3)
        .norms(EnumSet.of(ScoreNorm.S, ScoreNorm.ZT)).systems(EnumSet.of(SystemKind.ISV))
        .folds(3).foldScheme(FoldScheme.TRAIN_ON_EACH_GROUP).sNormTopFraction(0.5).build();
    assertEquals(c.settings(), c.toBuilder().build().settings());
    Map<String, String> s = c.settings();
    assertEquals("8", s.get("ubm_components"));
    assertEquals("isv", s.get("systems"));
    assertEquals("zt-norm,s-norm", s.get("norms"));
    assertEquals("9", s.get("seed"));
    assertEquals("TRAIN_ON_EACH_GROUP", s.get("fold_scheme"));
  }

  private static void rejects(String parameter, String value,
      Consumer<ExperimentConfig.Builder> setter) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> setter.accept(ExperimentConfig.builder(M)));
    assertTrue(e.getMessage().startsWith("ExperimentConfig"), e.getMessage());
    assertTrue(e.getMessage().contains(parameter), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }

  @Test
  void invalidSettingsNameTheParameterAndValue() {
    rejects("folds", "1", b -> b.folds(1));
    rejects("enrolSegments", "0", b -> b.enrolSegments(0));
    rejects("cohortPerSpeaker", "0", b -> b.cohortPerSpeaker(0));
    rejects("components", "0", b -> b.components(0));
    rejects("ubmIterations", "0", b -> b.ubmIterations(0));
    rejects("kmeansIterations", "0", b -> b.kmeansIterations(0));
    rejects("ubmFrameStride", "0", b -> b.ubmFrameStride(0));
    rejects("varianceFloor", "0.0", b -> b.varianceFloor(0));
    rejects("relevanceFactor", "-1.0", b -> b.relevanceFactor(-1));
    rejects("rankU", "0", b -> b.rankU(0));
    rejects("rankV", "0", b -> b.rankV(0));
    rejects("faIterations", "0", b -> b.faIterations(0));
    rejects("ivectorRank", "0", b -> b.ivectorRank(0));
    rejects("ivectorIterations", "0", b -> b.ivectorIterations(0));
    rejects("ldaDimension", "-1", b -> b.ldaDimension(-1));
    rejects("pldaIterations", "-1", b -> b.pldaIterations(-1));
    rejects("systems", "[]", b -> b.systems(EnumSet.noneOf(SystemKind.class)));
    rejects("norms", "[]", b -> b.norms(EnumSet.noneOf(ScoreNorm.class)));
    rejects("sNormTopFraction", "0.0", b -> b.sNormTopFraction(0));
    rejects("pTarget", "1.0", b -> b.pTarget(1));
    rejects("costMiss", "0.0", b -> b.costMiss(0));
    rejects("costFalseAlarm", "-2.0", b -> b.costFalseAlarm(-2));
    rejects("threads", "0", b -> b.threads(0));
    rejects("seed", "-1", b -> b.seed(-1));
  }

  @Test
  void systemAndNormNamesParse() {
    for (SystemKind k : SystemKind.values()) {
      assertEquals(k, SystemKind.parse(k.id()));
      assertEquals(k, SystemKind.parse(" " + k.name().toLowerCase() + " "));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SystemKind.parse("plda"));
    assertTrue(e.getMessage().contains("system must be one of {gmm-ubm, gmm-ubm-llr, isv, jfa,"
        + " ivector-cosine, ivector-lda-wccn, ivector-plda}, got 'plda'"), e.getMessage());
    assertEquals(ScoreNorm.NONE, ScoreNorm.parse("raw"));
    assertEquals(ScoreNorm.ZT, ScoreNorm.parse("ZT"));
    assertEquals(ScoreNorm.S, ScoreNorm.parse("s-norm"));
    e = assertThrows(IllegalArgumentException.class, () -> ScoreNorm.parse("t"));
    assertTrue(e.getMessage().contains("got 't'"), e.getMessage());
  }
}
