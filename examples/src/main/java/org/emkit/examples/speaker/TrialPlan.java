package org.emkit.examples.speaker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.emkit.core.validation.Check;

/**
 * What one fold trains on, enrols, tests and normalises with.
 *
 * <p><b>Protocol.</b>
 *
 * <ul>
 *   <li><b>Development</b>: every segment of the development speakers (UBM, U, V, T, LDA, WCCN
 *       and the back-end are trained on them, with the speaker as identity label).
 *   <li><b>Enrolment</b>: one model per evaluation speaker, from its first {@code enrolSegments}
 *       segments (manifest order) whose channel is {@code enrolChannel} and whose language is the
 *       speaker's first language (the language of its first segment). DebVox shuffles segments
 *       before numbering them, so "first" is a seeded random choice.
 *   <li><b>Test</b>: every other segment of every evaluation speaker. Trials are all model × test
 *       pairs: targets (same speaker) and non-targets.
 *   <li><b>Cohort</b> (Z/T/S-norm): per development speaker, up to {@code cohortPerSpeaker}
 *       segments taken round-robin over the channels (the first segment of each channel in
 *       corpus channel order, then the second, ...). Each cohort segment is both a Z-probe and a
 *       single-segment T-model.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @see Trial
 * @see SpeakerSplit
 */
public final class TrialPlan {

  /**
   * One enrolled model.
   *
   * @param speaker the enrolled speaker
   * @param language the language of its enrolment segments
   * @param segments its enrolment segment indices
   */
  public record Model(String speaker, String language, List<Integer> segments) {
    /**
     * Copies the segment list.
     *
     * @param speaker see {@link #speaker()}
     * @param language see {@link #language()}
     * @param segments see {@link #segments()}
     */
    public Model {
      Objects.requireNonNull(speaker, "speaker");
      Objects.requireNonNull(language, "language");
      segments = List.copyOf(segments);
    }

    /** @return the enrolment segment indices */
    public int[] segmentArray() {
      return segments.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private final Fold fold;
  private final int[] devSegments;
  private final int[] devLabels;
  private final List<Model> models;
  private final int[] testSegments;
  private final int[] cohortSegments;
  private final int[] cohortLabels;
  private final List<Trial> trials;

  private TrialPlan(Fold fold, int[] devSegments, int[] devLabels, List<Model> models,
      int[] testSegments, int[] cohortSegments, int[] cohortLabels, List<Trial> trials) {
    this.fold = fold;
    this.devSegments = devSegments;
    this.devLabels = devLabels;
    this.models = Collections.unmodifiableList(models);
    this.testSegments = testSegments;
    this.cohortSegments = cohortSegments;
    this.cohortLabels = cohortLabels;
    this.trials = Collections.unmodifiableList(trials);
  }

  /**
   * Builds the plan of one fold.
   *
   * @param corpus the corpus
   * @param fold the fold
   * @param enrolSegments segments per model, ≥ 1
   * @param enrolChannel channel of the enrolment segments (DebVox: {@code clean})
   * @param cohortPerSpeaker cohort segments per development speaker, ≥ 0
   * @return the plan
   * @throws IllegalArgumentException if a speaker of the fold has no segment, or an evaluation
   *     speaker has fewer than {@code enrolSegments} segments of {@code enrolChannel} in its
   *     first language, or nothing would be left to test
   */
  public static TrialPlan build(Corpus corpus, Fold fold, int enrolSegments, String enrolChannel,
      int cohortPerSpeaker) {
    String owner = "TrialPlan.build";
    Objects.requireNonNull(corpus, "corpus");
    Objects.requireNonNull(fold, "fold");
    Objects.requireNonNull(enrolChannel, "enrolChannel");
    Check.atLeast(owner, "enrolSegments", enrolSegments, 1);
    Check.atLeast(owner, "cohortPerSpeaker", cohortPerSpeaker, 0);
    Map<String, List<Segment>> bySpeaker = corpus.bySpeaker();
    for (String s : concat(fold.devSpeakers(), fold.evalSpeakers())) {
      if (!bySpeaker.containsKey(s)) {
        throw new IllegalArgumentException(owner + ": speaker '" + s + "' of " + fold.label()
            + " has no segment in the corpus");
      }
    }
    // development
    List<Integer> dev = new ArrayList<>();
    List<Integer> devLab = new ArrayList<>();
    for (int k = 0; k < fold.devSpeakers().size(); k++) {
      for (Segment g : bySpeaker.get(fold.devSpeakers().get(k))) {
        dev.add(g.index());
        devLab.add(k);
      }
    }
    int[] devIdx = toArray(dev);
    int[] devLabels = toArray(devLab);
    sortTogether(devIdx, devLabels);
    // enrolment and test
    List<Model> models = new ArrayList<>();
    boolean[] enrolled = new boolean[corpus.size()];
    for (String s : fold.evalSpeakers()) {
      List<Segment> segs = bySpeaker.get(s);
      String language = segs.get(0).language();
      List<Integer> chosen = new ArrayList<>();
      for (Segment g : segs) {
        if (chosen.size() < enrolSegments && g.channel().equals(enrolChannel)
            && g.language().equals(language)) {
          chosen.add(g.index());
          enrolled[g.index()] = true;
        }
      }
      if (chosen.size() < enrolSegments) {
        throw new IllegalArgumentException(owner + ": speaker '" + s + "' has " + chosen.size()
            + " segment(s) of channel '" + enrolChannel + "' in language '" + language
            + "' but enrolSegments is " + enrolSegments);
      }
      models.add(new Model(s, language, chosen));
    }
    List<Integer> test = new ArrayList<>();
    for (String s : fold.evalSpeakers()) {
      for (Segment g : bySpeaker.get(s)) {
        if (!enrolled[g.index()]) {
          test.add(g.index());
        }
      }
    }
    int[] testIdx = toArray(test);
    Arrays.sort(testIdx);
    if (testIdx.length == 0) {
      throw new IllegalArgumentException(owner + ": " + fold.label()
          + " has no test segment left after enrolment");
    }
    List<Trial> trials = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      Model model = models.get(m);
      String modelFamily = bySpeaker.get(model.speaker()).get(0).family();
      for (int t : testIdx) {
        Segment g = corpus.get(t);
        boolean target = g.speaker().equals(model.speaker());
        boolean hard = !target && g.family().equals(modelFamily)
            && g.language().equals(model.language());
        boolean cross = target && !g.language().equals(model.language());
        trials.add(new Trial(fold.index(), m, model.speaker(), model.language(), t, g.speaker(),
            g.language(), g.channel(), target, hard, cross));
      }
    }
    // cohort
    List<String> channels = corpus.channels();
    List<Integer> cohort = new ArrayList<>();
    List<Integer> cohortLab = new ArrayList<>();
    for (int k = 0; k < fold.devSpeakers().size(); k++) {
      Map<String, List<Segment>> byChannel = new LinkedHashMap<>();
      for (String c : channels) {
        byChannel.put(c, new ArrayList<>());
      }
      for (Segment g : bySpeaker.get(fold.devSpeakers().get(k))) {
        byChannel.get(g.channel()).add(g);
      }
      int taken = 0;
      for (int round = 0; taken < cohortPerSpeaker; round++) {
        boolean any = false;
        for (String c : channels) {
          List<Segment> l = byChannel.get(c);
          if (round < l.size() && taken < cohortPerSpeaker) {
            cohort.add(l.get(round).index());
            cohortLab.add(k);
            taken++;
            any = true;
          }
        }
        if (!any) {
          break;
        }
      }
    }
    return new TrialPlan(fold, devIdx, devLabels, models, testIdx, toArray(cohort),
        toArray(cohortLab), trials);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static int[] toArray(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void sortTogether(int[] keys, int[] values) {
    Integer[] order = new Integer[keys.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(keys[a], keys[b]));
    int[] k = keys.clone();
    int[] v = values.clone();
    for (int i = 0; i < order.length; i++) {
      keys[i] = k[order[i]];
      values[i] = v[order[i]];
    }
  }

  /** @return the fold */
  public Fold fold() {
    return fold;
  }

  /** @return development segment indices, increasing (a copy) */
  public int[] devSegments() {
    return devSegments.clone();
  }

  /** @return identity label of each development segment (index into the fold's devSpeakers) */
  public int[] devLabels() {
    return devLabels.clone();
  }

  /** @return the enrolled models, in the order of the fold's evalSpeakers */
  public List<Model> models() {
    return models;
  }

  /** @return each model's enrolment segments */
  public List<int[]> enrolments() {
    List<int[]> out = new ArrayList<>();
    for (Model m : models) {
      out.add(m.segmentArray());
    }
    return out;
  }

  /** @return test segment indices, increasing (a copy) */
  public int[] testSegments() {
    return testSegments.clone();
  }

  /** @return cohort segment indices (a copy) */
  public int[] cohortSegments() {
    return cohortSegments.clone();
  }

  /** @return identity label of each cohort segment (index into the fold's devSpeakers) */
  public int[] cohortLabels() {
    return cohortLabels.clone();
  }

  /** @return the trials, model-major then test segment order */
  public List<Trial> trials() {
    return trials;
  }

  /**
   * Column of each test segment in a models × tests score matrix.
   *
   * @return map from segment index to column
   */
  public Map<Integer, Integer> testColumns() {
    Map<Integer, Integer> out = new HashMap<>();
    for (int j = 0; j < testSegments.length; j++) {
      out.put(testSegments[j], j);
    }
    return out;
  }

  @Override
  public String toString() {
    return "TrialPlan[" + fold.label() + ": " + devSegments.length + " dev segments of "
        + fold.devSpeakers().size() + " speakers, " + models.size() + " models, "
        + testSegments.length + " test segments, " + trials.size() + " trials, "
        + cohortSegments.length + " cohort segments]";
  }
}
