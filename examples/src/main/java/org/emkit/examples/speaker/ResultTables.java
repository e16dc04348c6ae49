package org.emkit.examples.speaker;

import java.util.ArrayList;
import java.util.List;
import org.emkit.scoring.VerificationMetrics;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Error-rate tables of an {@link ExperimentResult} (Tablesaw).
 *
 * <p><b>Measures.</b> For each system variant and {@link TrialSubset}: the equal error rate
 * ({@link VerificationMetrics#eer}, in percent) and the normalised minimum detection cost
 * ({@link VerificationMetrics#minDcf}) at the configured operating point (default
 * P_target = 0.01, C_miss = C_fa = 1), computed on the pooled scores of all folds. A subset
 * without target or without non-target trials has missing values (empty cells in CSV, "–" in
 * Markdown).
 *
 * <p><b>Tables.</b>
 *
 * <ul>
 *   <li>{@link #metrics}: {@code system, norm, subset, targets, nontargets, eer_percent, min_dcf,
 *       mean_target, mean_nontarget}; one row per variant and subset.
 *   <li>{@link #summary}: {@code system, eer_percent, min_dcf, hard_eer_percent, hard_min_dcf,
 *       xlang_eer_percent, xlang_contrast_eer_percent, targets, nontargets}.
 *   <li>{@link #perChannel}: {@code system} then one column per test channel (EER % or minDCF).
 * </ul>
 *
 * <p>Pure functions; thread-safe.
 */
public final class ResultTables {

  private ResultTables() {}

  /**
   * The measures of one system variant on one subset.
   *
   * @param system variant name
   * @param norm normalisation label
   * @param subset subset name
   * @param targets number of target trials
   * @param nontargets number of non-target trials
   * @param eerPercent EER in percent, NaN if a side is empty
   * @param minDcf normalised minDCF, NaN if a side is empty
   * @param meanTarget mean target score, NaN if none
   * @param meanNontarget mean non-target score, NaN if none
   */
  public record Metric(String system, String norm, String subset, int targets, int nontargets,
      double eerPercent, double minDcf, double meanTarget, double meanNontarget) {}

  /**
   * Computes every measure.
   *
   * @param result the experiment
   * @return one entry per variant and subset, variants in result order, subsets in
   *     {@link ExperimentResult#subsets()} order
   */
  public static List<Metric> compute(ExperimentResult result) {
    ExperimentConfig c = result.config();
    List<Trial> trials = result.trials();
    List<TrialSubset> subsets = result.subsets();
    List<int[]> tIdx = new ArrayList<>();
    List<int[]> nIdx = new ArrayList<>();
    for (TrialSubset s : subsets) {
      tIdx.add(s.targetIndices(trials));
      nIdx.add(s.nontargetIndices(trials));
    }
    List<Metric> out = new ArrayList<>();
    for (SystemScores sys : result.systems()) {
      for (int k = 0; k < subsets.size(); k++) {
        double[] t = sys.select(tIdx.get(k));
        double[] n = sys.select(nIdx.get(k));
        double eer = Double.NaN;
        double dcf = Double.NaN;
        if (t.length > 0 && n.length > 0) {
          eer = 100.0 * VerificationMetrics.eer(t, n);
          dcf = VerificationMetrics.minDcf(t, n, c.pTarget(), c.costMiss(), c.costFalseAlarm());
        }
        out.add(new Metric(sys.name(), sys.norm().label(), subsets.get(k).name(), t.length,
            n.length, eer, dcf, mean(t), mean(n)));
      }
    }
    return out;
  }

  private static double mean(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static void put(DoubleColumn col, double v) {
    if (Double.isNaN(v)) {
      col.appendMissing();
    } else {
      col.append(v);
    }
  }

  /**
   * @param result the experiment
   * @return the long table of every measure
   */
  public static Table metrics(ExperimentResult result) {
    StringColumn system = StringColumn.create("system");
    StringColumn norm = StringColumn.create("norm");
    StringColumn subset = StringColumn.create("subset");
    IntColumn targets = IntColumn.create("targets");
    IntColumn nontargets = IntColumn.create("nontargets");
    DoubleColumn eer = DoubleColumn.create("eer_percent");
    DoubleColumn dcf = DoubleColumn.create("min_dcf");
    DoubleColumn mt = DoubleColumn.create("mean_target");
    DoubleColumn mn = DoubleColumn.create("mean_nontarget");
    for (Metric m : compute(result)) {
      system.append(m.system());
      norm.append(m.norm());
      subset.append(m.subset());
      targets.append(m.targets());
      nontargets.append(m.nontargets());
      put(eer, m.eerPercent());
      put(dcf, m.minDcf());
      put(mt, m.meanTarget());
      put(mn, m.meanNontarget());
    }
    return Table.create("metrics", system, norm, subset, targets, nontargets, eer, dcf, mt, mn);
  }

  /**
   * @param result the experiment
   * @return one row per system variant
   */
  public static Table summary(ExperimentResult result) {
    StringColumn system = StringColumn.create("system");
    DoubleColumn eer = DoubleColumn.create("eer_percent");
    DoubleColumn dcf = DoubleColumn.create("min_dcf");
    DoubleColumn hard = DoubleColumn.create("hard_eer_percent");
    DoubleColumn hardDcf = DoubleColumn.create("hard_min_dcf");
    DoubleColumn xlang = DoubleColumn.create("xlang_eer_percent");
    DoubleColumn contrast = DoubleColumn.create("xlang_contrast_eer_percent");
    IntColumn targets = IntColumn.create("targets");
    IntColumn nontargets = IntColumn.create("nontargets");
    List<Metric> all = compute(result);
    for (SystemScores s : result.systems()) {
      system.append(s.name());
      for (Metric m : all) {
        if (!m.system().equals(s.name())) {
          continue;
        }
        switch (m.subset()) {
          case "pooled":
            put(eer, m.eerPercent());
            put(dcf, m.minDcf());
            targets.append(m.targets());
            nontargets.append(m.nontargets());
            break;
          case TrialSubset.HARD_IMPOSTORS:
            put(hard, m.eerPercent());
            put(hardDcf, m.minDcf());
            break;
          case TrialSubset.CROSS_LANGUAGE:
            put(xlang, m.eerPercent());
            break;
          case TrialSubset.CROSS_LANGUAGE_CONTRAST:
            put(contrast, m.eerPercent());
            break;
          default:
            break;
        }
      }
    }
    return Table.create("summary", system, eer, dcf, hard, hardDcf, xlang, contrast, targets,
        nontargets);
  }

  /**
   * @param result the experiment
   * @param eer EER in percent (true) or minDCF (false)
   * @return system variants × test channels
   */
  public static Table perChannel(ExperimentResult result, boolean eer) {
    List<String> channels = result.corpus().channels();
    StringColumn system = StringColumn.create("system");
    List<DoubleColumn> cols = new ArrayList<>();
    for (String ch : channels) {
      cols.add(DoubleColumn.create(ch));
    }
    List<Metric> all = compute(result);
    for (SystemScores s : result.systems()) {
      system.append(s.name());
      for (int k = 0; k < channels.size(); k++) {
        String name = TrialSubset.CHANNEL_PREFIX + channels.get(k);
        double v = Double.NaN;
        for (Metric m : all) {
          if (m.system().equals(s.name()) && m.subset().equals(name)) {
            v = eer ? m.eerPercent() : m.minDcf();
          }
        }
        put(cols.get(k), v);
      }
    }
    Table t = Table.create(eer ? "channel_eer_percent" : "channel_min_dcf", system);
    for (DoubleColumn c : cols) {
      t.addColumns(c);
    }
    return t;
  }
}
