package org.emkit.examples.speaker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * The outcome of a {@link SpeakerExperiment}: every trial of every fold, the scores of every
 * system variant on them, the error-rate tables, and what is needed to reproduce them (the
 * configuration, the folds, per-fold facts such as effective dimensions, and stage timings).
 *
 * <p><b>Tables</b> (Tablesaw; see {@link ResultTables} for the columns): {@link #metrics()}
 * (long form: system × subset), {@link #summary()} (one row per system), {@link #channelEer()}
 * and {@link #channelMinDcf()} (system × test channel).
 *
 * <p>Immutable (the tables are rebuilt on each call, so callers may modify them); thread-safe.
 */
public final class ExperimentResult {

  private final ExperimentConfig config;
  private final Corpus corpus;
  private final List<Fold> folds;
  private final List<Trial> trials;
  private final List<SystemScores> systems;
  private final Map<String, String> descriptions;
  private final Map<String, String> notes;
  private final Map<String, Double> timings;

  ExperimentResult(ExperimentConfig config, Corpus corpus, List<Fold> folds, List<Trial> trials,
      List<SystemScores> systems, Map<String, String> descriptions, Map<String, String> notes,
      Map<String, Double> timings) {
    this.config = Objects.requireNonNull(config, "config");
    this.corpus = Objects.requireNonNull(corpus, "corpus");
    this.folds = List.copyOf(folds);
    this.trials = List.copyOf(trials);
    this.systems = List.copyOf(systems);
    for (SystemScores s : systems) {
      if (s.size() != trials.size()) {
        throw new IllegalArgumentException("ExperimentResult: system '" + s.name() + "' has "
            + s.size() + " scores but there are " + trials.size() + " trials");
      }
    }
    this.descriptions = Collections.unmodifiableMap(new LinkedHashMap<>(descriptions));
    this.notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    this.timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
  }

  /**
   * A result assembled from parts (tests of the tables and writers).
   *
   * @param config the configuration
   * @param corpus the corpus
   * @param folds the folds
   * @param trials all trials
   * @param systems scores aligned with {@code trials}
   * @return the result, without notes or timings
   */
  public static ExperimentResult of(ExperimentConfig config, Corpus corpus, List<Fold> folds,
      List<Trial> trials, List<SystemScores> systems) {
    Map<String, String> d = new LinkedHashMap<>();
    for (SystemScores s : systems) {
      d.putIfAbsent(s.kind().displayName(), s.description());
    }
    return new ExperimentResult(config, corpus, folds, trials, systems, d, Map.of(), Map.of());
  }

  /** @return the configuration */
  public ExperimentConfig config() {
    return config;
  }

  /** @return the corpus */
  public Corpus corpus() {
    return corpus;
  }

  /** @return the folds */
  public List<Fold> folds() {
    return folds;
  }

  /** @return every trial, fold by fold */
  public List<Trial> trials() {
    return trials;
  }

  /** @return the scores of every system variant, in configuration order */
  public List<SystemScores> systems() {
    return systems;
  }

  /**
   * @param name a variant name ("ISV", "ISV + s-norm")
   * @return its scores
   * @throws NoSuchElementException if there is no such variant
   */
  public SystemScores system(String name) {
    for (SystemScores s : systems) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new NoSuchElementException("ExperimentResult.system: no system named '" + name
        + "'; systems are " + systems.stream().map(SystemScores::name).toList());
  }

  /** @return each system's hyperparameters, by display name */
  public Map<String, String> descriptions() {
    return descriptions;
  }

  /** @return per-fold facts (effective dimensions, skipped variants) */
  public Map<String, String> notes() {
    return notes;
  }

  /** @return wall-clock seconds per stage */
  public Map<String, Double> timings() {
    return timings;
  }

  /** @return the configuration's settings followed by the per-fold facts */
  public Map<String, String> settings() {
    Map<String, String> m = new LinkedHashMap<>(config.settings());
    m.put("segments", Integer.toString(corpus.size()));
    m.put("speakers", Integer.toString(corpus.speakers().size()));
    for (Fold f : folds) {
      m.put(f.label() + ": dev speakers", String.join(",", f.devSpeakers()));
      m.put(f.label() + ": eval speakers", String.join(",", f.evalSpeakers()));
    }
    m.putAll(notes);
    return m;
  }

  /** @return the subsets reported: pooled, per channel, hard impostors, cross-language */
  public List<TrialSubset> subsets() {
    return TrialSubset.standard(trials, corpus.channels());
  }

  /** @return long table: one row per system variant and subset */
  public Table metrics() {
    return ResultTables.metrics(this);
  }

  /** @return one row per system variant: pooled, hard-impostor and cross-language figures */
  public Table summary() {
    return ResultTables.summary(this);
  }

  /** @return EER (%) per system variant (rows) and test channel (columns) */
  public Table channelEer() {
    return ResultTables.perChannel(this, true);
  }

  /** @return minDCF per system variant (rows) and test channel (columns) */
  public Table channelMinDcf() {
    return ResultTables.perChannel(this, false);
  }

  @Override
  public String toString() {
    return "ExperimentResult[" + trials.size() + " trials, " + systems.size() + " systems]";
  }
}
