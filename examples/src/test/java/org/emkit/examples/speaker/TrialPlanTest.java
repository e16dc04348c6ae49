package org.emkit.examples.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrialPlanTest {

  /** 16 segments per source; segment k has channel CHANNELS[k mod 8], so 0 and 8 are clean. */
  private static final Corpus DEBVOX = SyntheticCorpus.debvox(16);

  private static Fold foldEvaluating(String... speakers) {
    List<String> eval = List.of(speakers);
    List<String> dev = new ArrayList<>();
    for (String s : DEBVOX.speakers()) {
      if (!eval.contains(s)) {
        dev.add(s);
      }
    }
    return new Fold(0, 2, dev, eval.stream().sorted().toList());
  }

  private static int index(String id) {
    for (Segment s : DEBVOX.segments()) {
      if (s.id().equals(id)) {
        return s.index();
      }
    }
    throw new AssertionError(id);
  }

  @Test
  void enrolsOnTheFirstCleanSegmentsOfTheFirstLanguage() {
    TrialPlan plan = TrialPlan.build(DEBVOX,
        foldEvaluating("ast_allison", "ast_carlo", "ast_menardi"), 2, "clean", 8);
    assertEquals(3, plan.models().size());
    TrialPlan.Model allison = plan.models().get(0);
    assertEquals("ast_allison", allison.speaker());
    assertEquals("en", allison.language());
    assertEquals(List.of(index("ast_allison_en_0"), index("ast_allison_en_8")),
        allison.segments());
    TrialPlan.Model carlo = plan.models().get(1);
    assertEquals(List.of(index("ast_carlo_it_0"), index("ast_carlo_it_8")), carlo.segments());
  }

  @Test
  void testsEveryOtherEvaluationSegmentAgainstEveryModel() {
    Fold fold = foldEvaluating("ast_allison", "ast_carlo", "ast_menardi");
    TrialPlan plan = TrialPlan.build(DEBVOX, fold, 2, "clean", 8);
    // allison 32 segments (en + es) − 2, carlo 16 − 2, menardi 16 − 2
    assertEquals(30 + 14 + 14, plan.testSegments().length);
    assertEquals(3 * 58, plan.trials().size());
    Set<Integer> enrolled = new HashSet<>();
    for (TrialPlan.Model m : plan.models()) {
      enrolled.addAll(m.segments());
    }
    int targets = 0;
    for (int k = 0; k < plan.trials().size(); k++) {
      Trial t = plan.trials().get(k);
      assertEquals(k / 58, t.model(), "trials must be model-major");
      assertEquals(plan.testSegments()[k % 58], t.segment(), "then in test order");
      assertFalse(enrolled.contains(t.segment()));
      assertEquals(DEBVOX.get(t.segment()).speaker(), t.testSpeaker());
      assertEquals(DEBVOX.get(t.segment()).channel(), t.channel());
      targets += t.target() ? 1 : 0;
    }
    assertEquals(58, targets);
    // development: every segment of the 14 other speakers, labels index devSpeakers
    int[] dev = plan.devSegments();
    int[] labels = plan.devLabels();
    assertEquals(14 * 16, dev.length);
    for (int i = 0; i < dev.length; i++) {
      assertEquals(fold.devSpeakers().get(labels[i]), DEBVOX.get(dev[i]).speaker());
      assertTrue(i == 0 || dev[i] > dev[i - 1], "development segments increase");
    }
    Map<Integer, Integer> cols = plan.testColumns();
    assertEquals(58, cols.size());
    assertEquals(0, cols.get(plan.testSegments()[0]));
  }

  @Test
  void flagsHardImpostorsAndCrossLanguageTargets() {
    TrialPlan plan = TrialPlan.build(DEBVOX,
        foldEvaluating("ast_allison", "ast_carlo", "ast_menardi", "tux_es"), 2, "clean", 8);
    int hard = 0;
    int cross = 0;
    for (Trial t : plan.trials()) {
      boolean expectHard = !t.target()
          && Set.of(t.modelSpeaker(), t.testSpeaker()).equals(Set.of("ast_carlo", "ast_menardi"));
      assertEquals(expectHard, t.hardImpostor(), t.toString());
      boolean expectCross = t.target() && t.modelSpeaker().equals("ast_allison")
          && t.testLanguage().equals("es");
      assertEquals(expectCross, t.crossLanguage(), t.toString());
      hard += t.hardImpostor() ? 1 : 0;
      cross += t.crossLanguage() ? 1 : 0;
    }
    // Carlo's model against Menardi's 14 test segments and the reverse
    assertEquals(28, hard);
    // Allison enrolled in en, tested on her 16 es segments; tux_es (Spanish, another family) is
    // not a hard impostor of Allison
    assertEquals(16, cross);
  }

  @Test
  void cohortTakesSegmentsRoundRobinOverChannels() {
    Fold fold = foldEvaluating("ast_carlo", "ast_menardi");
    TrialPlan plan = TrialPlan.build(DEBVOX, fold, 2, "clean", 10);
    int[] cohort = plan.cohortSegments();
    int[] labels = plan.cohortLabels();
    assertEquals(10 * fold.devSpeakers().size(), cohort.length);
    // first dev speaker (ast_allison): the first segment of each channel (en_0..en_7, all in en
    // since en comes first), then the second clean (en_8) and tel_ulaw (en_9) segments
    List<Integer> expected = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      expected.add(index("ast_allison_en_" + k));
    }
    expected.add(index("ast_allison_en_8"));
    expected.add(index("ast_allison_en_9"));
    List<Integer> first = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      first.add(cohort[i]);
      assertEquals(0, labels[i]);
    }
    assertEquals(expected, first);
    assertEquals(1, labels[10]);
  }

  @Test
  void cohortIsCappedByTheSpeakersSegments() {
    Corpus small = SyntheticCorpus.of(List.of(new SyntheticCorpus.Source("a_a", "en", 3),
        new SyntheticCorpus.Source("b_b", "en", 10), new SyntheticCorpus.Source("c_c", "fr", 10)));
    TrialPlan plan = TrialPlan.build(small, new Fold(0, 3, List.of("a_a"), List.of("b_b", "c_c")),
        1, "clean", 8);
    assertArrayEquals(new int[] {0, 1, 2}, plan.cohortSegments());
  }

  @Test
  void tooFewEnrolmentSegmentsNameTheSpeakerChannelAndLanguage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrialPlan.build(DEBVOX, foldEvaluating("ast_carlo", "ast_june"), 3, "clean", 8));
    assertTrue(e.getMessage().contains("'ast_carlo' has 2 segment(s) of channel 'clean' in"
        + " language 'it' but enrolSegments is 3"), e.getMessage());
  }

  @Test
  void rejectsInvalidArgumentsAndUnknownSpeakers() {
    Fold fold = foldEvaluating("ast_carlo", "ast_june");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrialPlan.build(DEBVOX, fold, 0, "clean", 8));
    assertTrue(e.getMessage().contains("enrolSegments") && e.getMessage().contains("got 0"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TrialPlan.build(DEBVOX, fold, 2, "clean", -1));
    assertTrue(e.getMessage().contains("cohortPerSpeaker") && e.getMessage().contains("-1"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrialPlan.build(DEBVOX,
        new Fold(0, 2, List.of("nobody"), List.of("ast_carlo", "ast_june")), 2, "clean", 8));
    assertTrue(e.getMessage().contains("'nobody'"), e.getMessage());
  }

  @Test
  void trialRejectsInconsistentFlags() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Trial(0, 0, "a", "en", 1, "a", "en", "gsm", false, false, false));
    assertTrue(e.getMessage().contains("target must be true"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Trial(0, 0, "a", "en", 1, "b", "en", "gsm", false, false, true));
    assertTrue(e.getMessage().contains("crossLanguage=true"), e.getMessage());
  }
}
