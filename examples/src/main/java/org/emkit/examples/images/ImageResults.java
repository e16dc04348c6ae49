package org.emkit.examples.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.emkit.core.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The measured results of an {@link ImageExperiment}: one row per variant (test accuracy,
 * encoding dimension, encoding time per image, training time), the settings and the stage
 * times, as Tablesaw tables, and their CSV, Markdown and PNG reports.
 */
public final class ImageResults {

  /** Which report tables a variant belongs to. */
  public enum Role {
    /** The ablation at the main K. */
    ABLATION,
    /** The spatial-pyramid rows (and the plain FV at the same K). */
    PYRAMID,
    /** Bag of words with as many words as a Fisher vector has dimensions. */
    MATCHED,
    /** The power/L2 ablation at a large K, on the sweep's images. */
    NORMALIZATION,
    /** The accuracy-versus-K sweep. */
    SWEEP
  }

  /**
   * One measured variant.
   *
   * @param variant encoding and K
   * @param trainImages training images (fit + validation) of the run that measured it
   * @param dimension encoding length
   * @param testAccuracy fraction of test images classified correctly by the final model
   * @param validationAccuracy best validation accuracy during the λ search (fit split model)
   * @param lambda the chosen regularisation
   * @param encodeMsPerImage milliseconds to encode one image on one thread (descriptors given)
   * @param searchSeconds seconds of the λ search (all grid values)
   * @param trainSeconds seconds of the final fit on all training images
   * @param roles tables the row belongs to (copied)
   */
  public record Row(Variant variant, int trainImages, int dimension, double testAccuracy, double validationAccuracy,
      double lambda, double encodeMsPerImage, double searchSeconds, double trainSeconds,
      Set<Role> roles) {

    /**
     * Copies the roles.
     *
     * @param variant variant
     * @param trainImages training images
     * @param dimension dimension
     * @param testAccuracy test accuracy
     * @param validationAccuracy validation accuracy
     * @param lambda λ
     * @param encodeMsPerImage encode time
     * @param searchSeconds search time
     * @param trainSeconds train time
     * @param roles roles
     */
    public Row {
      Objects.requireNonNull(variant, "variant");
      roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }
  }

  private final ImageExperimentOptions options;
  private final List<Row> rows;
  private final Map<String, String> settings;
  private final Map<String, Double> stages;
  private final CompressionResults compression;

  ImageResults(ImageExperimentOptions options, List<Row> rows, Map<String, String> settings,
      Map<String, Double> stages) {
    this(options, rows, settings, stages, null);
  }

  ImageResults(ImageExperimentOptions options, List<Row> rows, Map<String, String> settings,
      Map<String, Double> stages, CompressionResults compression) {
    this.compression = compression;
    this.options = options;
    this.rows = List.copyOf(rows);
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    this.stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
  }

  /** @return the options of the run */
  public ImageExperimentOptions options() {
    return options;
  }

  /** @return every measured variant, in plan order */
  public List<Row> rows() {
    return rows;
  }

  /**
   * @param encoding an encoding
   * @param components K
   * @return the row of that variant in the ablation, pyramid or matched tables (measured on
   *     all {@code trainImages}), if it was measured
   */
  public Optional<Row> row(Encoding encoding, int components) {
    return row(encoding, components, EnumSet.of(Role.ABLATION, Role.PYRAMID, Role.MATCHED));
  }

  /**
   * @param encoding an encoding
   * @param components K
   * @return the row of that variant in the accuracy-versus-K sweep, if it was measured
   */
  public Optional<Row> sweepRow(Encoding encoding, int components) {
    return row(encoding, components, EnumSet.of(Role.SWEEP));
  }

  private Optional<Row> row(Encoding encoding, int components, Set<Role> roles) {
    if (components < 1) {
      return Optional.empty();
    }
    Variant v = new Variant(encoding, components);
    return rows.stream().filter(r -> r.variant().equals(v))
        .filter(r -> r.roles().stream().anyMatch(roles::contains)).findFirst();
  }

  /** @return the compression study, if {@code --compress} asked for one */
  public Optional<CompressionResults> compression() {
    return Optional.ofNullable(compression);
  }

  /** @return the settings, in report order */
  public Map<String, String> settingsMap() {
    return settings;
  }

  /** @return stage wall times in seconds, in order, ending with "total" */
  public Map<String, Double> stageSeconds() {
    return stages;
  }

  private static List<Row> withRole(List<Row> rows, Role role) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      if (r.roles().contains(role)) {
        out.add(r);
      }
    }
    return out;
  }

  private static Table table(String name, List<Row> rows) {
    StringColumn enc = StringColumn.create("encoding");
    StringColumn details = StringColumn.create("details");
    IntColumn k = IntColumn.create("K");
    IntColumn images = IntColumn.create("train images");
    IntColumn dim = IntColumn.create("dimension");
    DoubleColumn test = DoubleColumn.create("test accuracy %");
    DoubleColumn val = DoubleColumn.create("validation accuracy %");
    DoubleColumn lambda = DoubleColumn.create("lambda");
    DoubleColumn encode = DoubleColumn.create("encode ms/image");
    DoubleColumn search = DoubleColumn.create("lambda search s");
    DoubleColumn train = DoubleColumn.create("train s");
    StringColumn roles = StringColumn.create("tables");
    for (Row r : rows) {
      enc.append(r.variant().encoding().label());
      details.append(r.variant().encoding().details());
      k.append(r.variant().components());
      images.append(r.trainImages());
      dim.append(r.dimension());
      test.append(100 * r.testAccuracy());
      val.append(100 * r.validationAccuracy());
      lambda.append(r.lambda());
      encode.append(r.encodeMsPerImage());
      search.append(r.searchSeconds());
      train.append(r.trainSeconds());
      List<String> rs = new ArrayList<>();
      for (Role role : r.roles()) {
        rs.add(role.name().toLowerCase(Locale.ROOT));
      }
      roles.append(String.join(" ", rs));
    }
    return Table.create(name, enc, details, k, images, dim, test, val, lambda, encode, search,
        train, roles);
  }

  /** @return every variant: encoding, K, dimension, accuracies, λ, encode and train times */
  public Table variants() {
    return table("variants", rows);
  }

  /** @return the ablation rows at the main K */
  public Table ablation() {
    return table("ablation", withRole(rows, Role.ABLATION));
  }

  /** @return the spatial-pyramid rows */
  public Table pyramids() {
    return table("pyramids", withRole(rows, Role.PYRAMID));
  }

  /** @return the matched-dimension bag-of-words rows */
  public Table matched() {
    return table("matched", withRole(rows, Role.MATCHED));
  }

  /** @return the power/L2 ablation at a large K (sweep images) */
  public Table normalization() {
    return table("normalization", withRole(rows, Role.NORMALIZATION));
  }

  /** @return the sweep: K, FV, soft-BoV and hard-BoV test accuracy (%) and FV dimension */
  public Table sweep() {
    IntColumn k = IntColumn.create("K");
    DoubleColumn fv = DoubleColumn.create("FV (improved) %");
    IntColumn fvDim = IntColumn.create("FV dimension");
    DoubleColumn soft = DoubleColumn.create("soft-BoV %");
    DoubleColumn hard = DoubleColumn.create("hard BoV %");
    TreeSet<Integer> ks = new TreeSet<>();
    for (Row r : withRole(rows, Role.SWEEP)) {
      ks.add(r.variant().components());
    }
    for (int c : ks) {
      k.append(c);
      Optional<Row> f = sweepRow(Encoding.FV_IMPROVED, c);
      fv.append(f.map(r -> 100 * r.testAccuracy()).orElse(Double.NaN));
      fvDim.append(f.map(Row::dimension).orElse(0));
      soft.append(sweepRow(Encoding.SOFT_BOV, c).map(r -> 100 * r.testAccuracy())
          .orElse(Double.NaN));
      hard.append(sweepRow(Encoding.HARD_BOV, c).map(r -> 100 * r.testAccuracy())
          .orElse(Double.NaN));
    }
    return Table.create("sweep", k, fv, fvDim, soft, hard);
  }

  /** @return the settings as a two-column table */
  public Table settings() {
    return settingsTable(settings);
  }

  /** @return the wall time of each stage in seconds */
  public Table stages() {
    return stagesTable(stages);
  }

  /** @return a two-column table "setting", "value" of the entries, in map order */
  static Table settingsTable(Map<String, String> settings) {
    StringColumn key = StringColumn.create("setting");
    StringColumn value = StringColumn.create("value");
    for (Map.Entry<String, String> e : settings.entrySet()) {
      key.append(e.getKey());
      value.append(e.getValue());
    }
    return Table.create("settings", key, value);
  }

  /** @return a two-column table "stage", "seconds" of the entries, in map order */
  static Table stagesTable(Map<String, Double> stages) {
    StringColumn key = StringColumn.create("stage");
    DoubleColumn value = DoubleColumn.create("seconds");
    for (Map.Entry<String, Double> e : stages.entrySet()) {
      key.append(e.getKey());
      value.append(e.getValue());
    }
    return Table.create("stages", key, value);
  }

  // ------------------------------------------------------------------------------------------
  // reports

  /**
   * Renders a table as GitHub Markdown; accuracies with 2 decimals, λ in scientific notation,
   * times with 3 significant decimals.
   *
   * @param t the table
   * @return the Markdown lines
   */
  public static String markdown(Table t) {
    StringBuilder s = new StringBuilder();
    List<Column<?>> cols = t.columns();
    s.append('|');
    for (Column<?> c : cols) {
      s.append(' ').append(c.name()).append(" |");
    }
    s.append("\n|");
    for (Column<?> c : cols) {
      s.append(c instanceof StringColumn ? "---|" : "---:|");
    }
    s.append('\n');
    for (int i = 0; i < t.rowCount(); i++) {
      s.append('|');
      for (Column<?> c : cols) {
        s.append(' ').append(cell(c, i)).append(" |");
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static String cell(Column<?> c, int i) {
    if (c instanceof DoubleColumn) {
      double v = ((DoubleColumn) c).getDouble(i);
      if (Double.isNaN(v)) {
        return "–";
      }
      String n = c.name();
      if (n.equals("lambda")) {
        return String.format(Locale.ROOT, "%.0e", v);
      }
      if (n.endsWith("%")) {
        return String.format(Locale.ROOT, "%.2f", v);
      }
      return v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
          : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
          : String.format(Locale.ROOT, "%.3f", v);
    }
    return String.valueOf(c.get(i)).replace("|", "\\|");
  }

  private static Table withoutColumn(Table t, String name) {
    return t.columnNames().contains(name) ? t.copy().removeColumns(name) : t;
  }

  private String delta(Encoding a, int ka, Encoding b, int kb) {
    return delta(a, ka, b, kb, EnumSet.of(Role.ABLATION, Role.PYRAMID));
  }

  private String delta(Encoding a, int ka, Encoding b, int kb, Set<Role> roles) {
    Optional<Row> ra = row(a, ka, roles);
    Optional<Row> rb = row(b, kb, roles);
    if (ra.isEmpty() || rb.isEmpty()) {
      return null;
    }
    return String.format(Locale.ROOT, "%+.2f points (%.2f%% vs %.2f%%)",
        100 * (ra.get().testAccuracy() - rb.get().testAccuracy()), 100 * ra.get().testAccuracy(),
        100 * rb.get().testAccuracy());
  }

  private void finding(List<String> out, String what, String paper, Encoding a, int ka,
      Encoding b, int kb) {
    finding(out, what, paper, a, ka, b, kb, EnumSet.of(Role.ABLATION, Role.PYRAMID));
  }

  private void finding(List<String> out, String what, String paper, Encoding a, int ka,
      Encoding b, int kb, Set<Role> roles) {
    String d = delta(a, ka, b, kb, roles);
    if (d != null) {
      out.add("- " + what + ": " + d + ". Paper: " + paper + ".");
    }
  }

  /** @return the measured comparisons the paper makes, one Markdown bullet each */
  public List<String> findings() {
    int k = options.components();
    List<String> f = new ArrayList<>();
    row(Encoding.FV_IMPROVED, k).ifPresent(r -> f.add(String.format(Locale.ROOT,
        "- Improved FV at K=%d: **%.2f%%** test accuracy (%d test images, dimension %d).", k,
        100 * r.testAccuracy(), options.testImages(), r.dimension())));
    finding(f, "FV vs soft-BoV, same K=" + k, "FV far better at equal K", Encoding.FV_IMPROVED, k,
        Encoding.SOFT_BOV, k);
    finding(f, "FV vs hard BoV, same K=" + k, "FV far better at equal K", Encoding.FV_IMPROVED, k,
        Encoding.HARD_BOV, k);
    finding(f, "power normalisation (improved vs no power)", "+ (helps clearly)",
        Encoding.FV_IMPROVED, k, Encoding.FV_NO_POWER, k);
    finding(f, "L2 normalisation (improved vs no L2)", "+ (helps)", Encoding.FV_IMPROVED, k,
        Encoding.FV_NO_L2, k);
    finding(f, "both normalisations (improved vs plain Fisher kernel)", "+ (large gain)",
        Encoding.FV_IMPROVED, k, Encoding.FV_PLAIN, k);
    finding(f, "variance gradients (improved vs means only)", "+ (the σ block adds information)",
        Encoding.FV_IMPROVED, k, Encoding.FV_MEANS, k);
    finding(f, "weight gradients (w+μ+σ vs μ+σ)", "≈ 0 (negligible)",
        Encoding.FV_WEIGHTS_MEANS_VARIANCES, k, Encoding.FV_IMPROVED, k);
    finding(f, "FV vs VLAD (intra-normalised), same K=" + k, "FV ≥ VLAD (VLAD is a simplified FV)",
        Encoding.FV_IMPROVED, k, Encoding.VLAD, k);
    int kp = options.pyramidComponents();
    finding(f, "pyramid 1×1+2×2 vs none at K=" + kp, "+ (spatial information helps)",
        Encoding.FV_PYRAMID_2X2, kp, Encoding.FV_IMPROVED, kp);
    finding(f, "pyramid 1×1+3×1 vs none at K=" + kp, "+ (spatial information helps)",
        Encoding.FV_PYRAMID_3X1, kp, Encoding.FV_IMPROVED, kp);
    List<Row> norm = withRole(rows, Role.NORMALIZATION);
    if (!norm.isEmpty()) {
      int kn = norm.get(0).variant().components();
      String at = " at K=" + kn + " (" + norm.get(0).trainImages() + " training images)";
      Set<Role> nr = EnumSet.of(Role.NORMALIZATION);
      finding(f, "power normalisation" + at, "+ (helps clearly)", Encoding.FV_IMPROVED, kn,
          Encoding.FV_NO_POWER, kn, nr);
      finding(f, "L2 normalisation" + at, "+ (helps)", Encoding.FV_IMPROVED, kn,
          Encoding.FV_NO_L2, kn, nr);
      finding(f, "both normalisations" + at, "+ (large gain)", Encoding.FV_IMPROVED, kn,
          Encoding.FV_PLAIN, kn, nr);
    }
    for (Row r : withRole(rows, Role.MATCHED)) {
      if (r.variant().encoding() != Encoding.FV_IMPROVED) {
        int m = r.variant().components();
        for (Row fvRow : withRole(rows, Role.MATCHED)) {
          if (fvRow.variant().encoding() == Encoding.FV_IMPROVED
              && fvRow.dimension() == r.dimension()) {
            finding(f, "FV K=" + fvRow.variant().components() + " vs " + r.variant().encoding()
                .label() + " K=" + m + " (same dimension " + r.dimension() + ", "
                + r.trainImages() + " training images)",
                "FV better than BoV of the same dimension", Encoding.FV_IMPROVED,
                fvRow.variant().components(), r.variant().encoding(), m, EnumSet.of(Role.MATCHED));
          }
        }
      }
    }
    return f;
  }

  /**
   * The Markdown report: findings, the ablation, pyramid, matched-dimension and sweep tables,
   * the plot, the settings and the stage times.
   *
   * @param command the command that produced the results (quoted in the report)
   * @param plotFile file name of the accuracy-versus-K plot (next to the report), or null
   * @return the document
   */
  public String markdownReport(String command, String plotFile) {
    return markdownReport(command, plotFile, null);
  }

  private String markdownReport(String command, String plotFile, String descriptorsFile) {
    StringBuilder s = new StringBuilder();
    s.append("# Image classification with Fisher vectors on Fashion-MNIST\n\n");
    s.append("The ablation of Sánchez, Perronnin, Mensink and Verbeek, \"Image Classification with"
        + " the Fisher Vector: Theory and Practice\" (IJCV 105(3), 2013), run end to end in Java"
        + " with emkit on real images: Debian's `dataset-fashion-mnist` (Zalando, MIT licence;"
        + " 60 000 training and 10 000 test images, 28×28 grey, 10 classes).\n\n");
    s.append("Produced by:\n\n```\n").append(command).append("\n```\n\n");
    s.append(String.format(Locale.ROOT, "Total wall time: %.1f min (%s threads). Every setting and"
        + " the seed are listed under [Settings](#settings); the same numbers are in"
        + " `images.csv` and `images-sweep.csv`.%n%n", stages.getOrDefault("total", 0.0) / 60,
        settings.get("threads")));
    if (descriptorsFile != null) {
      s.append("The descriptor was chosen on the validation split (the test set untouched): see"
          + " [" + descriptorsFile + "](" + descriptorsFile + ").\n\n");
    }
    s.append("## Findings (measured here vs the paper)\n\n");
    for (String line : findings()) {
      s.append(line).append('\n');
    }
    s.append("\nHow this setting differs from the paper's (VOC 2007 / ImageNet photographs,"
        + " mean average precision), which bears on the normalisation rows:\n\n"
        + "- Every 28×28 image gives the same number of descriptors on the same grid, so the"
        + " main motivation of the L2 normalisation (removing the dependence on the amount of"
        + " object versus background, which varies between photographs) is weak here; the share"
        + " of black background is itself a class cue (sandal versus pullover), and the L2"
        + " normalisation partly removes it.\n"
        + "- Power normalisation counters the sparsity and burstiness of Fisher vectors, which"
        + " grow with K relative to the number of descriptors per image: compare the ablation at"
        + " the main K with the normalisation rows at the larger K.\n"
        + "- The SVM regularisation grid is relative to the mean squared norm of each encoding"
        + " (λ = λ' · mean‖x‖²), so the unnormalised variants get an equally well tuned"
        + " classifier; with one absolute λ grid they would look worse for a reason unrelated to"
        + " the encoding.\n");
    s.append("\nAccuracy is the fraction of the test images classified correctly by a one-vs-rest"
        + " linear SVM whose λ was chosen on the validation split (never on the test set);"
        + " \"encode ms/image\" is one thread encoding one image's descriptors with the"
        + " variant's own encoder; \"train s\" is the final fit on all training images, \"lambda"
        + " search s\" the grid search before it.\n\n");
    s.append("## Ablation at K = ").append(options.components()).append("\n\n");
    s.append(markdown(withoutColumn(ablation(), "tables"))).append('\n');
    if (!withRole(rows, Role.PYRAMID).isEmpty()) {
      s.append("## Spatial pyramids (K = ").append(options.pyramidComponents())
          .append(")\n\nThe descriptors already carry (x, y) when spatial augmentation is on;"
              + " the pyramid adds per-region statistics on top.\n\n");
      s.append(markdown(withoutColumn(pyramids(), "tables"))).append('\n');
    }
    if (!withRole(rows, Role.NORMALIZATION).isEmpty()) {
      s.append("## Power and L2 normalisation at K = ")
          .append(withRole(rows, Role.NORMALIZATION).get(0).variant().components())
          .append("\n\nThe same ablation with many more Gaussians (sparser Fisher vectors), on the"
              + " images of the sweep (column \"train images\").\n\n");
      s.append(markdown(withoutColumn(normalization(), "tables"))).append('\n');
    }
    if (!withRole(rows, Role.MATCHED).isEmpty()) {
      s.append("## Bag of words at the dimension of a Fisher vector\n\nAs many visual words"
          + " as the Fisher vector beside it has dimensions (2·K·d); trained on the images of"
          + " the sweep (column \"train images\").\n\n");
      s.append(markdown(withoutColumn(matched(), "tables"))).append('\n');
    }
    if (!withRole(rows, Role.SWEEP).isEmpty()) {
      int images = withRole(rows, Role.SWEEP).get(0).trainImages();
      s.append("## Accuracy versus K\n\nTest accuracy (%) of the improved FV, soft-BoV (GMM"
          + " posteriors) and hard BoV (k-means) with the same K, each classifier trained on the"
          + " first " + images + " training images (λ chosen on a validation split of them) and"
          + " tested on all test images.\n\n");
      s.append(markdown(sweep())).append('\n');
      if (plotFile != null) {
        s.append("![test accuracy versus K](").append(plotFile).append(")\n\n");
      }
    }
    if (compression != null) {
      s.append(compression.markdownSection());
    }
    s.append("## Settings\n\n").append(markdown(settings())).append('\n');
    s.append("## Stage times\n\n").append(markdown(stages())).append('\n');
    return s.toString();
  }

  /**
   * The accuracy-versus-K chart of FV, soft-BoV and hard BoV (x = log₂ K, labelled with K).
   *
   * @return the chart
   */
  public XYChart accuracyChart() {
    XYChart chart = new XYChartBuilder().width(800).height(500)
        .title("Fashion-MNIST: test accuracy versus vocabulary size K")
        .xAxisTitle("K (Gaussians / visual words), log scale").yAxisTitle("test accuracy (%)")
        .build();
    // x = log2 K on a linear axis, labelled with K at the powers of two; other ticks get blank
    // labels of distinct lengths (XChart drops every tick label when two labels are equal)
    chart.setCustomXAxisTickLabelsFormatter(x -> Math.abs(x - Math.rint(x)) < 1e-9
        ? Long.toString(Math.round(Math.pow(2, x)))
        : " ".repeat(1 + (int) Math.round(Math.abs(x) * 8)));
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    Table t = sweep();
    double[] k = new double[t.rowCount()];
    for (int i = 0; i < k.length; i++) {
      k[i] = Math.log(t.intColumn("K").getInt(i)) / Math.log(2);
    }
    if (k.length > 0) {
      chart.getStyler().setXAxisMin(k[0] - 0.25);
      chart.getStyler().setXAxisMax(k[k.length - 1] + 0.25);
    }
    String[][] series = {{"FV (improved) %", "Fisher vector (improved)"},
        {"soft-BoV %", "soft bag of words"}, {"hard BoV %", "hard bag of words"}};
    for (String[] s : series) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      DoubleColumn c = t.doubleColumn(s[0]);
      for (int i = 0; i < k.length; i++) {
        if (!Double.isNaN(c.getDouble(i))) {
          xs.add(k[i]);
          ys.add(c.getDouble(i));
        }
      }
      if (!xs.isEmpty()) {
        XYSeries xy = chart.addSeries(s[1], xs, ys);
        xy.setMarker(SeriesMarkers.CIRCLE);
      }
    }
    return chart;
  }

  /**
   * Writes {@code <name>.md}, {@code <name>.csv} (all variants), {@code <name>-sweep.csv},
   * {@code <name>-settings.csv}, {@code <name>-accuracy-vs-k.png} and, with a compression study,
   * {@code <name>-compression.csv} and {@code <name>-pq-search.csv} into a folder.
   *
   * @param dir the folder (created if needed)
   * @param name file name stem, e.g. "images"
   * @param command the command quoted in the report
   * @return the paths written
   * @throws IOException if a file cannot be written
   */
  public List<Path> write(Path dir, String name, String command) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    Path csv = dir.resolve(name + ".csv");
    writeCsv(variants(), csv);
    written.add(csv);
    Path sweepCsv = dir.resolve(name + "-sweep.csv");
    writeCsv(sweep(), sweepCsv);
    written.add(sweepCsv);
    if (compression != null) {
      Path c = dir.resolve(name + "-compression.csv");
      writeCsv(compression.compression(), c);
      written.add(c);
      Path q = dir.resolve(name + "-pq-search.csv");
      writeCsv(compression.search(), q);
      written.add(q);
    }
    Path settingsCsv = dir.resolve(name + "-settings.csv");
    writeCsv(settings(), settingsCsv);
    written.add(settingsCsv);
    String plotName = null;
    if (sweep().rowCount() > 0) {
      System.setProperty("java.awt.headless", "true");
      plotName = name + "-accuracy-vs-k.png";
      Path png = dir.resolve(plotName);
      XYChart chart = accuracyChart();
      AtomicFiles.write(png, (java.io.OutputStream out) ->
          BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
      written.add(png);
    }
    Path md = dir.resolve(name + ".md");
    String descriptors = name + "-descriptors.md";
    String text = markdownReport(command, plotName,
        Files.isRegularFile(dir.resolve(descriptors)) ? descriptors : null);
    AtomicFiles.write(md, (java.io.OutputStream out) ->
        out.write(text.getBytes(StandardCharsets.UTF_8)));
    written.add(md);
    return written;
  }

  /**
   * Writes a table as CSV (comma-separated, quoted where needed, doubles with 12 significant
   * digits).
   *
   * @param t the table
   * @param file the target (written atomically)
   * @throws IOException if it cannot be written
   */
  static void writeCsv(Table t, Path file) throws IOException {
    StringBuilder s = new StringBuilder();
    List<Column<?>> cols = t.columns();
    for (int j = 0; j < cols.size(); j++) {
      s.append(j > 0 ? "," : "").append(csvField(cols.get(j).name()));
    }
    s.append('\n');
    for (int i = 0; i < t.rowCount(); i++) {
      for (int j = 0; j < cols.size(); j++) {
        Column<?> c = cols.get(j);
        String v = c instanceof DoubleColumn ? number(((DoubleColumn) c).getDouble(i))
            : String.valueOf(c.get(i));
        s.append(j > 0 ? "," : "").append(csvField(v));
      }
      s.append('\n');
    }
    AtomicFiles.write(file, (java.io.OutputStream out) ->
        out.write(s.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** 12 significant digits, no exponent (91.53999999999999 is written 91.54); NaN as "NaN". */
  private static String number(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(12)).stripTrailingZeros()
        .toPlainString();
  }

  private static String csvField(String v) {
    return v.contains(",") || v.contains("\"") || v.contains("\n")
        ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  @Override
  public String toString() {
    return markdown(withoutColumn(variants(), "details"));
  }
}
