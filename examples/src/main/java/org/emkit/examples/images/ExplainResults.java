package org.emkit.examples.images;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emkit.core.io.AtomicFiles;
import org.emkit.core.io.Npy;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The results of an {@link ExplainExperiment}: the heatmaps of the explained test images, the
 * resampling traces of every evaluated image under each order, their summary (area A and flip
 * rate per order), the settings and stage times, and the Markdown, CSV, PNG and {@code .npy}
 * reports.
 *
 * <p><b>Summary.</b> For an order and the I evaluated images with traces
 * \( f^{(i)}_0, \dots, f^{(i)}_S \): \( A_i = \frac1S\sum_{s=1}^{S}(f^{(i)}_0 - f^{(i)}_s) \) (the
 * supplement's A), reported as mean ± standard error \( \mathrm{sd}/\sqrt I \) over images; the
 * paired difference \( A_i - A_i^{random} \) (same image, same replacement samples) likewise; the
 * flip rate is the fraction of images whose decision changes sign at some step, and "replaced
 * at flip" the mean share of descriptors replaced at the first such step (over those images).
 */
public final class ExplainResults {

  /** The decompositions drawn in the heatmap figure and stored as {@code .npy}, in map order. */
  static final List<String> RULES = List.of("epsilon", "plain", "absolute");

  /** One explained test image: its pixels and its relevance maps (ε, plain, absolute). */
  static final class Explained {
    private final int testIndex;
    private final int label;
    private final int predicted;
    private final double decision;
    private final double[] pixels;
    private final double[][] maps;

    /**
     * @param maps in {@link ExplainExperiment} rule order (plain, ε, absolute); stored in
     *     {@link #RULES} order
     */
    Explained(int testIndex, int label, int predicted, double decision, double[] pixels,
        double[][] maps) {
      this.testIndex = testIndex;
      this.label = label;
      this.predicted = predicted;
      this.decision = decision;
      this.pixels = pixels.clone();
      this.maps = new double[][] {maps[1].clone(), maps[0].clone(), maps[2].clone()};
    }

    int testIndex() {
      return testIndex;
    }

    int label() {
      return label;
    }

    int predicted() {
      return predicted;
    }

    /** @return f of the predicted class */
    double decision() {
      return decision;
    }

    double[] pixels() {
      return pixels.clone();
    }

    /** @return the map of {@code RULES.get(r)}, row-major H×W */
    double[] map(int r) {
      return maps[r].clone();
    }
  }

  private final ExplainOptions options;
  private final double testAccuracy;
  private final int descriptorsPerImage;
  private final int height;
  private final int width;
  private final List<Explained> heatmaps;
  private final int[] evaluated;
  private final double[][][] traces;
  private final Map<String, String> settings;
  private final Map<String, Double> stages;

  ExplainResults(ExplainOptions options, double testAccuracy, int descriptorsPerImage,
      int height, int width, List<Explained> heatmaps, int[] evaluated, double[][][] traces, Map<String, String> settings,
      Map<String, Double> stages) {
    this.options = options;
    this.testAccuracy = testAccuracy;
    this.descriptorsPerImage = descriptorsPerImage;
    this.height = height;
    this.width = width;
    this.heatmaps = List.copyOf(heatmaps);
    this.evaluated = evaluated.clone();
    this.traces = traces;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    this.stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
  }

  /** @return the options of the run */
  public ExplainOptions options() {
    return options;
  }

  /** @return the test accuracy of the explained classifier */
  public double testAccuracy() {
    return testAccuracy;
  }

  /** @return the number of explained (heatmap) images */
  public int heatmapCount() {
    return heatmaps.size();
  }

  /** @return the explained (heatmap) images, grouped by class */
  List<Explained> heatmaps() {
    return heatmaps;
  }

  /** @return test indices of the images evaluated by resampling (correctly classified) */
  public int[] evaluatedImages() {
    return evaluated.clone();
  }

  /** @return resampling steps per trace (batches), S */
  public int steps() {
    return (descriptorsPerImage + options.batchSize() - 1) / options.batchSize();
  }

  /**
   * @param order one of plain, epsilon, absolute, random
   * @param image position in {@link #evaluatedImages()}
   * @return a copy of the trace f_0 … f_S
   */
  public double[] trace(String order, int image) {
    return traces[orderIndex(order)][image].clone();
  }

  private static int orderIndex(String order) {
    int r = ExplainExperiment.ORDERS.indexOf(order);
    if (r < 0) {
      throw new IllegalArgumentException("ExplainResults: order must be one of "
          + ExplainExperiment.ORDERS + ", got '" + order + "'");
    }
    return r;
  }

  /** A_i of every evaluated image under one order. */
  private double[] areas(int r) {
    double[] a = new double[evaluated.length];
    for (int i = 0; i < a.length; i++) {
      double[] f = traces[r][i];
      double s = 0;
      for (int k = 1; k < f.length; k++) {
        s += f[0] - f[k];
      }
      a[i] = f.length > 1 ? s / (f.length - 1) : 0.0;
    }
    return a;
  }

  /** @return {mean, standard error}; NaN for no values, s.e. NaN for one */
  static double[] meanAndStandardError(double[] v) {
    if (v.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double se = v.length > 1 ? Math.sqrt(ss / (v.length - 1) / v.length) : Double.NaN;
    return new double[] {mean, se};
  }

  /**
   * @param order one of plain, epsilon, absolute, random
   * @return the mean area A over the evaluated images
   */
  public double meanArea(String order) {
    return meanAndStandardError(areas(orderIndex(order)))[0];
  }

  /**
   * @return one row per order: images, A (mean, s.e.), A − A(random) (paired mean, s.e.), flip
   *     rate (%), the mean share of descriptors replaced when the decision first changed sign
   *     (%, over the traces that flip), batch size, batches, descriptors per image
   */
  public Table summary() {
    StringColumn order = StringColumn.create("order");
    IntColumn images = IntColumn.create("images");
    DoubleColumn mean = DoubleColumn.create("A mean");
    DoubleColumn se = DoubleColumn.create("A s.e.");
    DoubleColumn diff = DoubleColumn.create("A - A(random) mean");
    DoubleColumn diffSe = DoubleColumn.create("A - A(random) s.e.");
    DoubleColumn flips = DoubleColumn.create("flip rate %");
    DoubleColumn flipPoint = DoubleColumn.create("replaced at flip %");
    IntColumn batch = IntColumn.create("batch size");
    IntColumn batches = IntColumn.create("batches");
    IntColumn descriptors = IntColumn.create("descriptors per image");
    int random = orderIndex("random");
    double[] randomAreas = areas(random);
    for (int r = 0; r < ExplainExperiment.ORDERS.size(); r++) {
      double[] a = areas(r);
      double[] ms = meanAndStandardError(a);
      double[] d = new double[a.length];
      int flipped = 0;
      double replacedAtFlip = 0;
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i] - randomAreas[i];
        double[] f = traces[r][i];
        for (int k = 1; k < f.length; k++) {
          if (Math.signum(f[k]) != Math.signum(f[0])) {
            flipped++;
            replacedAtFlip += (double) Math.min(descriptorsPerImage, k * options.batchSize())
                / descriptorsPerImage;
            break;
          }
        }
      }
      double[] ds = meanAndStandardError(d);
      String name = ExplainExperiment.ORDERS.get(r);
      order.append(name.equals("epsilon") ? "epsilon (" + options.epsilon() + ")" : name);
      images.append(a.length);
      mean.append(ms[0]);
      se.append(ms[1]);
      diff.append(r == random ? Double.NaN : ds[0]);
      diffSe.append(r == random ? Double.NaN : ds[1]);
      flips.append(a.length == 0 ? Double.NaN : 100.0 * flipped / a.length);
      flipPoint.append(flipped == 0 ? Double.NaN : 100.0 * replacedAtFlip / flipped);
      batch.append(options.batchSize());
      batches.append(steps());
      descriptors.append(descriptorsPerImage);
    }
    return Table.create("resampling", order, images, mean, se, diff, diffSe, flips, flipPoint,
        batch, batches, descriptors);
  }

  /** @return per step: descriptors replaced, fraction replaced and mean f of each order */
  public Table curves() {
    IntColumn step = IntColumn.create("step");
    IntColumn replaced = IntColumn.create("descriptors replaced");
    DoubleColumn fraction = DoubleColumn.create("fraction replaced");
    List<DoubleColumn> means = new ArrayList<>();
    for (String o : ExplainExperiment.ORDERS) {
      means.add(DoubleColumn.create("mean f " + o));
    }
    for (int s = 0; s <= steps(); s++) {
      int n = Math.min(descriptorsPerImage, s * options.batchSize());
      step.append(s);
      replaced.append(n);
      fraction.append((double) n / descriptorsPerImage);
      for (int r = 0; r < means.size(); r++) {
        double m = 0;
        for (double[] f : traces[r]) {
          m += f[s];
        }
        means.get(r).append(evaluated.length == 0 ? Double.NaN : m / evaluated.length);
      }
    }
    Table t = Table.create("curves", step, replaced, fraction);
    for (DoubleColumn c : means) {
      t.addColumns(c);
    }
    return t;
  }

  /** @return the heatmap images: test index, true and predicted class, f */
  public Table heatmapIndex() {
    IntColumn index = IntColumn.create("test index");
    IntColumn label = IntColumn.create("label");
    StringColumn labelName = StringColumn.create("class");
    IntColumn predicted = IntColumn.create("predicted");
    DoubleColumn f = DoubleColumn.create("f(predicted)");
    for (Explained e : heatmaps) {
      index.append(e.testIndex());
      label.append(e.label());
      labelName.append(HeatmapFigure.className(e.label()));
      predicted.append(e.predicted());
      f.append(e.decision());
    }
    return Table.create("heatmaps", index, label, labelName, predicted, f);
  }

  /** @return the settings as a two-column table */
  public Table settings() {
    return ImageResults.settingsTable(settings);
  }

  /** @return the wall time of each stage in seconds */
  public Table stages() {
    return ImageResults.stagesTable(stages);
  }

  /** @return mean f versus the fraction of descriptors replaced, one series per order */
  public XYChart chart() {
    XYChart chart = new XYChartBuilder().width(800).height(500)
        .title("Local feature resampling: mean decision f of the true class")
        .xAxisTitle("fraction of descriptors replaced by GMM samples")
        .yAxisTitle("mean f (" + evaluated.length + " correctly classified test images)").build();
    Table t = curves();
    double[] x = t.doubleColumn("fraction replaced").asDoubleArray();
    for (String o : ExplainExperiment.ORDERS) {
      double[] y = t.doubleColumn("mean f " + o).asDoubleArray();
      chart.addSeries(o.equals("epsilon") ? "epsilon (" + options.epsilon() + ")" : o, x, y)
          .setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  /** @return the measured comparisons, one Markdown bullet each */
  public List<String> findings() {
    List<String> f = new ArrayList<>();
    f.add(String.format(Locale.ROOT, "- Classifier: improved FV, K = %d, test accuracy **%.2f%%**"
        + " (first %d test images).", options.pipeline().components(), 100 * testAccuracy,
        options.pipeline().testImages()));
    double random = meanArea("random");
    Table t = summary();
    for (int r = 0; r < 3; r++) {
      String o = ExplainExperiment.ORDERS.get(r);
      double a = meanArea(o);
      f.add(String.format(Locale.ROOT, "- %s order: A = %.3f ± %.3f vs random %.3f ± %.3f (ratio"
          + " %.2f); paired over the same %d images and replacement samples, A − A(random) ="
          + " %.3f ± %.3f (mean ± s.e.).", t.stringColumn("order").get(r), a,
          t.doubleColumn("A s.e.").getDouble(r), random, t.doubleColumn("A s.e.").getDouble(3),
          a / random, evaluated.length, t.doubleColumn("A - A(random) mean").getDouble(r),
          t.doubleColumn("A - A(random) s.e.").getDouble(r)));
    }
    Table c = curves();
    double end = c.doubleColumn("mean f random").getDouble(c.rowCount() - 1);
    DoubleColumn at = t.doubleColumn("replaced at flip %");
    f.add(String.format(Locale.ROOT, "- Flips: once every descriptor is replaced the image is"
        + " made of GMM samples only, identical for all orders, with mean f = %.2f; so nearly"
        + " every trace changes sign whatever the order (flip rate %.1f%% plain, %.1f%% random),"
        + " and the order shows in *when* it flips: after %.1f%% (plain), %.1f%% (ε), %.1f%%"
        + " (absolute) of the descriptors, versus %.1f%% in random order.", end,
        t.doubleColumn("flip rate %").getDouble(0), t.doubleColumn("flip rate %").getDouble(3),
        at.getDouble(0), at.getDouble(1), at.getDouble(2), at.getDouble(3)));
    return f;
  }

  /**
   * @param command the command that produced the results
   * @param heatmapFile file name of the heatmap figure, or null
   * @param plotFile file name of the resampling plot, or null
   * @param npyFolder folder name of the {@code .npy} maps, or null
   * @return the Markdown report
   */
  public String markdownReport(String command, String heatmapFile, String plotFile,
      String npyFolder) {
    StringBuilder s = new StringBuilder();
    s.append("# Explaining a Fisher-vector classifier on Fashion-MNIST\n\n");
    s.append("Layer-wise relevance propagation through an improved Fisher vector and a linear"
        + " SVM to local descriptors and pixels, and its evaluation by local feature resampling,"
        + " after Lapuschkin, Binder, Montavon, Müller and Samek, \"Analyzing Classifiers: Fisher"
        + " Vectors and Deep Neural Networks\" (CVPR 2016; supplement \"Details on the"
        + " Computation of Fisher Vector Embeddings\", Algorithm 1) and Bach et al. (PLOS ONE"
        + " 2015), with `org.emkit.fisher.explain`.\n\n");
    s.append("Produced by:\n\n```\n").append(command).append("\n```\n\n");
    s.append(String.format(Locale.ROOT, "Total wall time: %.1f min (%s threads; %s). Settings"
        + " and the seed are under [Settings](#settings).%n%n",
        stages.getOrDefault("total", 0.0) / 60, settings.get("threads"),
        settings.getOrDefault("machine load", "")));
    s.append("## Findings\n\n");
    for (String line : findings()) {
      s.append(line).append('\n');
    }
    s.append("\n## Method\n\n"
        + "- Relevance of Fisher-vector dimension d for the predicted class c:"
        + " R_d = w_{c,d} Φ_d(x), where Φ is the *normalised* (power 0.5, L2) Fisher vector:"
        + " the normalisation is treated as part of the kernel, so the linear layer is"
        + " decomposed exactly and Σ_d R_d = f_c(x) − b_c. The bias b_c is not attributed.\n"
        + "- Descriptor l maps onto dimension d with m_d(l) = ψ_d(x_l)/|L|, its share of the"
        + " unnormalised Fisher vector G = Σ_l m(l). R_l = Σ_d R_d m_d(l)/Z_d with"
        + " Z_d = Σ_l m_d(l) (plain, conserving), Z_d + ε·sign(Z_d) (ε-stabilised, ε = "
        + options.epsilon() + "; passes on only the fraction Z_d/(Z_d + ε sign Z_d), so the"
        + " ε maps are much weaker in total but better behaved), or with |m_d(l)| (absolute,"
        + " conserving, sign of each mapping lost).\n"
        + "- Pixels: each R_l is spread uniformly over the square patch of descriptor l (all"
        + " three SIFT patch sizes), summed per pixel. Red is evidence for the predicted class,"
        + " blue against; each map is scaled by its own largest |value|.\n"
        + "- Resampling: descriptors are replaced by samples of the GMM in batches, in the"
        + " order of decreasing R_l (or at random), the Fisher vector is updated incrementally"
        + " (G ← G + (ψ(new) − ψ(old))/|L|), re-normalised and re-classified after each batch."
        + " A = mean over steps of (f_0 − f_s): a larger A means the order found the"
        + " descriptors the decision depends on.\n\n");
    if (heatmapFile != null) {
      s.append("## Heatmaps\n\nFor each class, the first ").append(options.perClass())
          .append(" images of the test subset: input, then the pixel relevance of the predicted"
              + " class under the ε, plain and absolute rules. Title: test index, true → predicted"
              + " class, f of the predicted class (red title: misclassified).\n\n");
      s.append("![heatmaps](").append(heatmapFile).append(")\n\n");
      if (npyFolder != null) {
        s.append("Raw maps: `").append(npyFolder).append("/{epsilon,plain,absolute}.npy` (float64,"
            + " N×H×W, rows in the order of `").append(npyFolder).append("/index.csv`).\n\n");
      }
    }
    s.append("## Local feature resampling\n\n");
    s.append(ImageResults.markdown(summary())).append('\n');
    if (plotFile != null) {
      s.append("![mean f versus fraction replaced](").append(plotFile).append(")\n\n");
    }
    s.append("## Settings\n\n").append(ImageResults.markdown(settings())).append('\n');
    s.append("## Stage times\n\n").append(ImageResults.markdown(stages())).append('\n');
    return s.toString();
  }

  /**
   * Writes {@code <name>.md}, {@code <name>.csv} (the resampling summary),
   * {@code <name>-curves.csv}, {@code <name>-settings.csv}, {@code <name>-resampling.png} and,
   * when images were explained, {@code <name>-heatmaps.png} and the folder
   * {@code <name>-heatmaps/} with {@code epsilon.npy}, {@code plain.npy}, {@code absolute.npy}
   * (N×H×W) and {@code index.csv}.
   *
   * @param dir the folder (created if needed)
   * @param name file name stem
   * @param command the command quoted in the report
   * @return the paths written
   * @throws IOException if a file cannot be written
   */
  public List<Path> write(Path dir, String name, String command) throws IOException {
    Files.createDirectories(dir);
    System.setProperty("java.awt.headless", "true");
    List<Path> written = new ArrayList<>();
    Path csv = dir.resolve(name + ".csv");
    ImageResults.writeCsv(summary(), csv);
    written.add(csv);
    Path curves = dir.resolve(name + "-curves.csv");
    ImageResults.writeCsv(curves(), curves);
    written.add(curves);
    Path settingsCsv = dir.resolve(name + "-settings.csv");
    ImageResults.writeCsv(settings(), settingsCsv);
    written.add(settingsCsv);
    String plotName = name + "-resampling.png";
    XYChart chart = chart();
    AtomicFiles.write(dir.resolve(plotName), (OutputStream out) ->
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    written.add(dir.resolve(plotName));
    String heatmapName = null;
    String npyFolder = null;
    if (!heatmaps.isEmpty()) {
      heatmapName = name + "-heatmaps.png";
      java.awt.image.BufferedImage figure = HeatmapFigure.render(heatmaps, List.of(
          "ε = " + options.epsilon(), "plain", "absolute"), height, width, 3);
      AtomicFiles.write(dir.resolve(heatmapName), (OutputStream out) ->
          javax.imageio.ImageIO.write(figure, "png", out));
      written.add(dir.resolve(heatmapName));
      npyFolder = name + "-heatmaps";
      Path folder = dir.resolve(npyFolder);
      Files.createDirectories(folder);
      for (int r = 0; r < RULES.size(); r++) {
        double[] all = new double[heatmaps.size() * height * width];
        for (int i = 0; i < heatmaps.size(); i++) {
          System.arraycopy(heatmaps.get(i).map(r), 0, all, i * height * width, height * width);
        }
        Path npy = folder.resolve(RULES.get(r) + ".npy");
        int[] shape = {heatmaps.size(), height, width};
        AtomicFiles.write(npy, (OutputStream out) -> Npy.writeTo(out, shape, all));
        written.add(npy);
      }
      Path index = folder.resolve("index.csv");
      ImageResults.writeCsv(heatmapIndex(), index);
      written.add(index);
    }
    Path md = dir.resolve(name + ".md");
    String text = markdownReport(command, heatmapName, plotName, npyFolder);
    AtomicFiles.write(md, (OutputStream out) -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    written.add(md);
    return written;
  }
}
