package org.emkit.examples.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrialSubsetTest {

  private static final List<Trial> TRIALS = trials();

  private static List<Trial> trials() {
    Corpus c = SyntheticCorpus.debvox(16);
    List<Trial> out = new ArrayList<>();
    out.addAll(TrialPlan.build(c, new Fold(0, 2,
        List.of("ast_june", "fil_nl_m", "fil_nl_v", "tux_fr"),
        List.of("ast_allison", "ast_carlo", "ast_menardi", "tux_es")), 2, "clean", 4).trials());
    out.addAll(TrialPlan.build(c, new Fold(1, 2,
        List.of("ast_allison", "ast_carlo", "ast_menardi", "tux_es"),
        List.of("ast_june", "fil_nl_m", "fil_nl_v", "tux_fr")), 2, "clean", 4).trials());
    return out;
  }

  /** Indices selected by hand, straight from the definitions. */
  private static int[] select(boolean target, java.util.function.Predicate<Trial> p) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < TRIALS.size(); i++) {
      Trial t = TRIALS.get(i);
      if (t.target() == target && p.test(t)) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void pooledSelectsEveryTrial() {
    TrialSubset s = TrialSubset.pooled();
    assertEquals(TRIALS.size(), s.targetIndices(TRIALS).length + s.nontargetIndices(TRIALS).length);
    assertArrayEquals(select(true, t -> true), s.targetIndices(TRIALS));
  }

  @Test
  void channelSubsetsPartitionTheTrials() {
    int total = 0;
    for (String ch : SyntheticCorpus.CHANNELS) {
      TrialSubset s = TrialSubset.channel(ch);
      assertEquals("channel:" + ch, s.name());
      assertArrayEquals(select(true, t -> t.channel().equals(ch)), s.targetIndices(TRIALS));
      assertArrayEquals(select(false, t -> t.channel().equals(ch)), s.nontargetIndices(TRIALS));
      total += s.targetIndices(TRIALS).length + s.nontargetIndices(TRIALS).length;
    }
    assertEquals(TRIALS.size(), total);
  }

  @Test
  void hardImpostorSubsetPairsSameFamilyAndLanguageVoicesWithTheirOwnTargets() {
    TrialSubset s = TrialSubset.hardImpostors(TRIALS);
    List<String> hardVoices = List.of("ast_carlo", "ast_menardi", "fil_nl_m", "fil_nl_v");
    List<java.util.Set<String>> pairs = List.of(java.util.Set.of("ast_carlo", "ast_menardi"),
        java.util.Set.of("fil_nl_m", "fil_nl_v"));
    assertArrayEquals(select(false,
        t -> pairs.contains(java.util.Set.of(t.modelSpeaker(), t.testSpeaker()))),
        s.nontargetIndices(TRIALS));
    assertArrayEquals(select(true, t -> hardVoices.contains(t.modelSpeaker())),
        s.targetIndices(TRIALS));
    // 4 voices × 14 segments of their partner; 4 voices × 14 own test segments
    assertEquals(56, s.nontargetIndices(TRIALS).length);
    assertEquals(56, s.targetIndices(TRIALS).length);
    assertEquals("same-language targets of ast_carlo, ast_menardi, fil_nl_m, fil_nl_v against"
        + " impostors of the same family and language", s.description());
  }

  @Test
  void crossLanguageSubsetAndItsContrastShareModelsAndImpostors() {
    TrialSubset cross = TrialSubset.crossLanguage(TRIALS);
    TrialSubset same = TrialSubset.crossLanguageContrast(TRIALS);
    assertArrayEquals(select(true, t -> t.modelSpeaker().equals("ast_allison")
        && t.testLanguage().equals("es")), cross.targetIndices(TRIALS));
    assertArrayEquals(select(true, t -> t.modelSpeaker().equals("ast_allison")
        && t.testLanguage().equals("en")), same.targetIndices(TRIALS));
    int[] impostors = select(false, t -> t.modelSpeaker().equals("ast_allison"));
    assertArrayEquals(impostors, cross.nontargetIndices(TRIALS));
    assertArrayEquals(impostors, same.nontargetIndices(TRIALS));
    assertEquals(16, cross.targetIndices(TRIALS).length);
    assertEquals(14, same.targetIndices(TRIALS).length);
  }

  @Test
  void subsetsWithoutQualifyingTrialsAreEmptyAndSaySo() {
    List<Trial> noHard = new ArrayList<>();
    for (Trial t : TRIALS) {
      if (!t.hardImpostor() && !t.crossLanguage()) {
        noHard.add(t);
      }
    }
    TrialSubset hard = TrialSubset.hardImpostors(noHard);
    assertEquals(0, hard.nontargetIndices(noHard).length);
    assertEquals(0, hard.targetIndices(noHard).length);
    assertTrue(hard.description().contains("no model"), hard.description());
  }

  @Test
  void standardListsPooledChannelsThenTheSpecialSubsets() {
    List<TrialSubset> s = TrialSubset.standard(TRIALS, List.of("gsm", "clean"));
    List<String> names = s.stream().map(TrialSubset::name).toList();
    assertEquals(List.of("pooled", "channel:gsm", "channel:clean", "hard-impostors",
        "cross-language", "cross-language-contrast"), names);
  }
}
