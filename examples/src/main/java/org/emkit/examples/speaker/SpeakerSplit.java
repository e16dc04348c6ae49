package org.emkit.examples.speaker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.emkit.core.validation.Check;

/**
 * Deterministic speaker-disjoint folds that keep hard-impostor pairs together and spread each
 * recording family over the groups.
 *
 * <p><b>Algorithm.</b>
 *
 * <ol>
 *   <li>Units: speakers that share a family and a language (for example {@code ast_carlo} and
 *       {@code ast_menardi}: Asterisk, Italian) are linked, and linked speakers form one unit, so
 *       that their "hard impostor" trials exist in the fold that evaluates them.
 *   <li>Families are visited in sorted order; the units of a family are shuffled with a
 *       {@link SplittableRandom} seeded by {@code seed}, and each unit goes to the group with the
 *       fewest speakers, ties broken by the fewest units of the same family, then the lowest
 *       group index.
 *   <li>Folds follow the {@link FoldScheme}.
 * </ol>
 *
 * <p>On the full DebVox set with two groups this gives 8 and 9 speakers, each hard pair whole, and
 * the Asterisk, Fillets and Tux Paint voices on both sides.
 *
 * <p>Pure functions; thread-safe.
 */
public final class SpeakerSplit {

  private SpeakerSplit() {}

  /**
   * The units (linked speakers) of a corpus, sorted by their first speaker.
   *
   * @param corpus the corpus
   * @return each unit's speakers, sorted
   */
  public static List<List<String>> units(Corpus corpus) {
    List<String> speakers = corpus.speakers();
    Map<String, String> parent = new HashMap<>();
    for (String s : speakers) {
      parent.put(s, s);
    }
    Map<String, String> firstOfKey = new HashMap<>();
    for (Segment g : corpus.segments()) {
      String key = g.family() + "\t" + g.language();
      String other = firstOfKey.putIfAbsent(key, g.speaker());
      if (other != null) {
        union(parent, other, g.speaker());
      }
    }
    TreeMap<String, TreeSet<String>> groups = new TreeMap<>();
    for (String s : speakers) {
      groups.computeIfAbsent(find(parent, s), k -> new TreeSet<>()).add(s);
    }
    List<List<String>> out = new ArrayList<>();
    for (TreeSet<String> g : groups.values()) {
      out.add(List.copyOf(g));
    }
    out.sort((a, b) -> a.get(0).compareTo(b.get(0)));
    return out;
  }

  private static String find(Map<String, String> parent, String s) {
    String r = s;
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    return r;
  }

  private static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (!ra.equals(rb)) {
      // the smaller name becomes the root, so the result does not depend on visiting order
      if (ra.compareTo(rb) < 0) {
        parent.put(rb, ra);
      } else {
        parent.put(ra, rb);
      }
    }
  }

  /**
   * Deals the units into groups (step 2 of the algorithm).
   *
   * @param corpus the corpus
   * @param numGroups number of groups, in [2, number of units]
   * @param seed shuffling seed
   * @return the speakers of each group, sorted
   */
  public static List<List<String>> groups(Corpus corpus, int numGroups, long seed) {
    Objects.requireNonNull(corpus, "corpus");
    List<List<String>> units = units(corpus);
    Check.atLeast("SpeakerSplit.groups", "numGroups", numGroups, 2);
    if (numGroups > units.size()) {
      throw new IllegalArgumentException("SpeakerSplit.groups: numGroups must be in [2, "
          + units.size() + "] (the number of speaker units: " + units + "), got " + numGroups);
    }
    Map<String, String> familyOf = new HashMap<>();
    for (Segment g : corpus.segments()) {
      familyOf.putIfAbsent(g.speaker(), g.family());
    }
    TreeMap<String, List<List<String>>> byFamily = new TreeMap<>();
    for (List<String> u : units) {
      byFamily.computeIfAbsent(familyOf.get(u.get(0)), k -> new ArrayList<>()).add(u);
    }
    List<TreeSet<String>> groups = new ArrayList<>();
    int[] speakers = new int[numGroups];
    for (int g = 0; g < numGroups; g++) {
      groups.add(new TreeSet<>());
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (Map.Entry<String, List<List<String>>> fam : byFamily.entrySet()) {
      List<List<String>> list = new ArrayList<>(fam.getValue());
      for (int i = list.size() - 1; i > 0; i--) {
        Collections.swap(list, i, rng.nextInt(i + 1));
      }
      int[] familyUnits = new int[numGroups];
      for (List<String> u : list) {
        int best = 0;
        for (int g = 1; g < numGroups; g++) {
          if (speakers[g] < speakers[best]
              || speakers[g] == speakers[best] && familyUnits[g] < familyUnits[best]) {
            best = g;
          }
        }
        groups.get(best).addAll(u);
        speakers[best] += u.size();
        familyUnits[best]++;
      }
    }
    List<List<String>> out = new ArrayList<>();
    for (TreeSet<String> g : groups) {
      out.add(List.copyOf(g));
    }
    return out;
  }

  /**
   * The folds of a corpus.
   *
   * @param corpus the corpus
   * @param numFolds number of groups and folds, ≥ 2
   * @param scheme how groups become folds
   * @param seed shuffling seed
   * @return the folds, each with ≥ 1 development and ≥ 2 evaluation speakers
   * @throws IllegalArgumentException if a fold would have no development speaker or fewer than
   *     two evaluation speakers (no impostor trials)
   */
  public static List<Fold> split(Corpus corpus, int numFolds, FoldScheme scheme, long seed) {
    Objects.requireNonNull(scheme, "scheme");
    List<List<String>> groups = groups(corpus, numFolds, seed);
    List<Fold> folds = new ArrayList<>();
    for (int f = 0; f < numFolds; f++) {
      List<String> single = groups.get(f);
      List<String> rest = new ArrayList<>();
      for (int g = 0; g < numFolds; g++) {
        if (g != f) {
          rest.addAll(groups.get(g));
        }
      }
      Collections.sort(rest);
      List<String> dev = scheme == FoldScheme.EVALUATE_EACH_GROUP ? rest : single;
      List<String> eval = scheme == FoldScheme.EVALUATE_EACH_GROUP ? single : rest;
      if (eval.size() < 2) {
        throw new IllegalArgumentException("SpeakerSplit.split: fold " + (f + 1) + " of "
            + numFolds + " would evaluate " + eval.size() + " speaker " + eval
            + "; every fold needs >= 2 evaluation speakers (use fewer folds or the scheme "
            + FoldScheme.TRAIN_ON_EACH_GROUP + ")");
      }
      folds.add(new Fold(f, numFolds, dev, eval));
    }
    return folds;
  }
}
