package org.emkit.examples.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpeakerSplitTest {

  private static final Corpus DEBVOX = SyntheticCorpus.debvox(16);

  @Test
  void unitsLinkSpeakersOfOneFamilyAndLanguage() {
    List<List<String>> units = SpeakerSplit.units(DEBVOX);
    assertTrue(units.contains(List.of("ast_carlo", "ast_menardi")), units.toString());
    assertTrue(units.contains(List.of("fil_cs_m", "fil_cs_v")), units.toString());
    assertTrue(units.contains(List.of("fil_nl_m", "fil_nl_v")), units.toString());
    // Allison (en, es) shares no family+language with another voice; tux_es is another family
    assertTrue(units.contains(List.of("ast_allison")), units.toString());
    assertTrue(units.contains(List.of("tux_es")), units.toString());
    assertEquals(14, units.size());
  }

  @Test
  void twoFoldsKeepHardPairsTogetherBalanceSizesAndSpreadFamilies() {
    for (long seed = 0; seed < 20; seed++) {
      List<Fold> folds = SpeakerSplit.split(DEBVOX, 2, FoldScheme.EVALUATE_EACH_GROUP, seed);
      assertEquals(2, folds.size());
      Fold a = folds.get(0);
      Fold b = folds.get(1);
      assertEquals(a.devSpeakers(), b.evalSpeakers());
      assertEquals(a.evalSpeakers(), b.devSpeakers());
      assertEquals(17, a.devSpeakers().size() + a.evalSpeakers().size());
      assertTrue(Math.abs(a.devSpeakers().size() - a.evalSpeakers().size()) <= 1,
          "seed " + seed + ": " + a);
      for (String[] pair : new String[][] {{"ast_carlo", "ast_menardi"}, {"fil_cs_m", "fil_cs_v"},
          {"fil_nl_m", "fil_nl_v"}}) {
        assertEquals(a.evalSpeakers().contains(pair[0]), a.evalSpeakers().contains(pair[1]),
            "seed " + seed + " splits " + pair[0] + "/" + pair[1]);
      }
      for (String family : List.of("ast", "fil", "tux")) {
        assertTrue(a.evalSpeakers().stream().anyMatch(s -> s.startsWith(family + "_"))
            && a.devSpeakers().stream().anyMatch(s -> s.startsWith(family + "_")),
            "seed " + seed + ": family " + family + " on one side only: " + a);
      }
    }
  }

  @Test
  void splitIsDeterministicPerSeedAndSeedsDiffer() {
    List<Fold> first = SpeakerSplit.split(DEBVOX, 2, FoldScheme.EVALUATE_EACH_GROUP, 7);
    assertEquals(first, SpeakerSplit.split(DEBVOX, 2, FoldScheme.EVALUATE_EACH_GROUP, 7));
    Set<List<String>> distinct = new HashSet<>();
    for (long seed = 0; seed < 10; seed++) {
      distinct.add(SpeakerSplit.split(DEBVOX, 2, FoldScheme.EVALUATE_EACH_GROUP, seed).get(0)
          .evalSpeakers());
    }
    assertTrue(distinct.size() > 1, "every seed gave the same split");
  }

  @Test
  void trainOnEachGroupGivesOneDevAndTwoEvalVoicesForThreeSpeakers() {
    Corpus three = SyntheticCorpus.of(List.of(
        new SyntheticCorpus.Source("ast_allison", "en", 16),
        new SyntheticCorpus.Source("ast_june", "fr", 16),
        new SyntheticCorpus.Source("ast_carlo", "it", 16)));
    List<Fold> folds = SpeakerSplit.split(three, 3, FoldScheme.TRAIN_ON_EACH_GROUP, 0);
    List<String> devs = new ArrayList<>();
    for (Fold f : folds) {
      assertEquals(1, f.devSpeakers().size(), f.toString());
      assertEquals(2, f.evalSpeakers().size(), f.toString());
      devs.addAll(f.devSpeakers());
    }
    assertEquals(Set.of("ast_allison", "ast_june", "ast_carlo"), new HashSet<>(devs));
    assertEquals("fold 2/3", folds.get(1).label());
  }

  @Test
  void tooManyGroupsIsRejectedWithTheUnitCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpeakerSplit.split(DEBVOX, 15, FoldScheme.EVALUATE_EACH_GROUP, 0));
    assertTrue(e.getMessage().contains("numGroups must be in [2, 14]"), e.getMessage());
    assertTrue(e.getMessage().contains("got 15"), e.getMessage());
  }

  @Test
  void foldsWithFewerThanTwoEvaluationSpeakersAreRejected() {
    Corpus three = SyntheticCorpus.of(List.of(
        new SyntheticCorpus.Source("a_x", "en", 4), new SyntheticCorpus.Source("b_y", "fr", 4),
        new SyntheticCorpus.Source("c_z", "it", 4)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpeakerSplit.split(three, 3, FoldScheme.EVALUATE_EACH_GROUP, 0));
    assertTrue(e.getMessage().contains("needs >= 2 evaluation speakers"), e.getMessage());
    assertTrue(e.getMessage().contains("TRAIN_ON_EACH_GROUP"), e.getMessage());
  }

  @Test
  void foldRejectsASpeakerOnBothSides() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Fold(0, 2, List.of("a", "b"), List.of("b", "c")));
    assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    assertFalse(new Fold(0, 2, List.of("a"), List.of("b", "c")).evalSpeakers().contains("a"));
    assertNotEquals(new Fold(0, 2, List.of("a"), List.of("b", "c")),
        new Fold(1, 2, List.of("a"), List.of("b", "c")));
  }
}
