package org.emkit.examples.speaker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A named subset of trials on which error rates are reported: its target trials and its
 * non-target trials are chosen by two predicates.
 *
 * <ul>
 *   <li>{@link #pooled()}: every trial.
 *   <li>{@link #channel(String)}: trials whose test segment has that channel.
 *   <li>{@link #hardImpostors(List)}: non-targets = the hard-impostor trials (same family and
 *       language, different speaker); targets = the same-language target trials of the models
 *       that have hard impostors. It asks whether the system separates two voices of one
 *       package and language, not two packages.
 *   <li>{@link #crossLanguage(List)}: targets = the cross-language target trials; non-targets =
 *       all non-targets of the models that have them. It asks whether a voice is recognised in
 *       another language.
 *   <li>{@link #crossLanguageContrast(List)}: the same models and non-targets with their
 *       same-language targets, for comparison.
 * </ul>
 *
 * @param name short name used in tables ({@code pooled}, {@code channel:gsm}, ...)
 * @param description one sentence for the report
 * @param targets which target trials belong to the subset
 * @param nontargets which non-target trials belong to the subset
 */
public record TrialSubset(String name, String description, Predicate<Trial> targets,
    Predicate<Trial> nontargets) {

  /** Name of the hard-impostor subset. */
  public static final String HARD_IMPOSTORS = "hard-impostors";
  /** Name of the cross-language subset. */
  public static final String CROSS_LANGUAGE = "cross-language";
  /** Name of the same-language contrast of the cross-language subset. */
  public static final String CROSS_LANGUAGE_CONTRAST = "cross-language-contrast";
  /** Prefix of per-channel subset names. */
  public static final String CHANNEL_PREFIX = "channel:";

  /**
   * Checks non-null components.
   *
   * @param name see {@link #name()}
   * @param description see {@link #description()}
   * @param targets see {@link #targets()}
   * @param nontargets see {@link #nontargets()}
   */
  public TrialSubset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(nontargets, "nontargets");
  }

  /** @return every trial */
  public static TrialSubset pooled() {
    return new TrialSubset("pooled", "all trials", t -> true, t -> true);
  }

  /**
   * @param channel a channel label
   * @return the trials whose test segment has that channel
   */
  public static TrialSubset channel(String channel) {
    Objects.requireNonNull(channel, "channel");
    return new TrialSubset(CHANNEL_PREFIX + channel, "test segments of channel " + channel,
        t -> t.channel().equals(channel), t -> t.channel().equals(channel));
  }

  /**
   * @param trials all trials (to find the models that have hard impostors)
   * @return the hard-impostor subset
   */
  public static TrialSubset hardImpostors(List<Trial> trials) {
    Set<String> models = modelsWith(trials, Trial::hardImpostor);
    return new TrialSubset(HARD_IMPOSTORS,
        "same-language targets of " + speakers(models)
            + " against impostors of the same family and language",
        t -> t.target() && !t.crossLanguage() && models.contains(key(t)), Trial::hardImpostor);
  }

  /**
   * @param trials all trials (to find the models that have cross-language targets)
   * @return the cross-language subset
   */
  public static TrialSubset crossLanguage(List<Trial> trials) {
    Set<String> models = modelsWith(trials, Trial::crossLanguage);
    return new TrialSubset(CROSS_LANGUAGE,
        "cross-language targets of " + speakers(models) + " against all their impostors",
        Trial::crossLanguage, t -> !t.target() && models.contains(key(t)));
  }

  /**
   * @param trials all trials
   * @return the same models and impostors as {@link #crossLanguage(List)} with same-language
   *     targets
   */
  public static TrialSubset crossLanguageContrast(List<Trial> trials) {
    Set<String> models = modelsWith(trials, Trial::crossLanguage);
    return new TrialSubset(CROSS_LANGUAGE_CONTRAST,
        "same-language targets of " + speakers(models) + " against the same impostors",
        t -> t.target() && !t.crossLanguage() && models.contains(key(t)),
        t -> !t.target() && models.contains(key(t)));
  }

  /**
   * The standard report: pooled, each channel, hard impostors, cross-language and its contrast.
   *
   * @param trials all trials
   * @param channels channel labels in report order
   * @return the subsets
   */
  public static List<TrialSubset> standard(List<Trial> trials, List<String> channels) {
    List<TrialSubset> out = new ArrayList<>();
    out.add(pooled());
    for (String c : channels) {
      out.add(channel(c));
    }
    out.add(hardImpostors(trials));
    out.add(crossLanguage(trials));
    out.add(crossLanguageContrast(trials));
    return out;
  }

  private static String key(Trial t) {
    return t.fold() + "/" + t.modelSpeaker();
  }

  private static String speakers(Set<String> keys) {
    java.util.TreeSet<String> s = new java.util.TreeSet<>();
    for (String k : keys) {
      s.add(k.substring(k.indexOf('/') + 1));
    }
    return s.isEmpty() ? "no model" : String.join(", ", s);
  }

  private static Set<String> modelsWith(List<Trial> trials, Predicate<Trial> p) {
    Set<String> out = new LinkedHashSet<>();
    for (Trial t : trials) {
      if (p.test(t)) {
        out.add(key(t));
      }
    }
    return out;
  }

  /**
   * @param trials the trials
   * @return indices of the target trials in the subset, increasing
   */
  public int[] targetIndices(List<Trial> trials) {
    return select(trials, true);
  }

  /**
   * @param trials the trials
   * @return indices of the non-target trials in the subset, increasing
   */
  public int[] nontargetIndices(List<Trial> trials) {
    return select(trials, false);
  }

  private int[] select(List<Trial> trials, boolean target) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < trials.size(); i++) {
      Trial t = trials.get(i);
      if (t.target() == target && (target ? targets : nontargets).test(t)) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
