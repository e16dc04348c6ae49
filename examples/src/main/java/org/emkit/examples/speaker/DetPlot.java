package org.emkit.examples.speaker;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emkit.core.io.AtomicFiles;
import org.emkit.scoring.DetCurve;
import org.emkit.scoring.VerificationMetrics;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A detection error trade-off (DET) plot of several systems as a PNG (XChart, rendered
 * headless): miss probability against false-alarm probability, both on the probit (normal
 * deviate) scale of Martin et al. 1997, with grid lines and labels at 0.1, 0.2, 0.5, 1, 2, 5, 10,
 * 20 and 40 %, and the EER diagonal.
 *
 * <p>Thread-safe (no shared state); rendering sets {@code java.awt.headless=true} unless the
 * property is already set.
 */
public final class DetPlot {

  /** Grid and label positions, in probability. */
  static final double[] GRID = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4};
  /** Lowest probability shown (0.05 %). */
  static final double LOW = 0.0005;
  /** Highest probability shown (60 %). */
  static final double HIGH = 0.6;

  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
    new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    new Color(0x7f7f7f), new Color(0xbcbd22)
  };

  private DetPlot() {}

  /** One curve of the plot. */
  public record Curve(String name, double[] targets, double[] nontargets) {}

  /**
   * The points of one DET curve on the probit scale, clipped to the plotted range and thinned to
   * at most one point per 0.01 probit units along the curve.
   *
   * @param targets target scores
   * @param nontargets non-target scores
   * @return {x = probit(P_fa)}, {y = probit(P_miss)}
   */
  static double[][] points(double[] targets, double[] nontargets) {
    DetCurve det = VerificationMetrics.detCurve(targets, nontargets);
    double lo = VerificationMetrics.probit(LOW);
    double hi = VerificationMetrics.probit(HIGH);
    List<double[]> pts = new ArrayList<>();
    double[] pfa = det.pFa();
    double[] pmiss = det.pMiss();
    double lastX = Double.NaN;
    double lastY = Double.NaN;
    for (int k = 0; k < det.size(); k++) {
      double x = clamp(VerificationMetrics.probit(clampP(pfa[k])), lo, hi);
      double y = clamp(VerificationMetrics.probit(clampP(pmiss[k])), lo, hi);
      boolean last = k == det.size() - 1;
      if (Double.isNaN(lastX) || last || Math.hypot(x - lastX, y - lastY) >= 0.01) {
        pts.add(new double[] {x, y});
        lastX = x;
        lastY = y;
      }
    }
    double[][] out = new double[2][pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      out[0][i] = pts.get(i)[0];
      out[1][i] = pts.get(i)[1];
    }
    return out;
  }

  private static double clampP(double p) {
    return Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.min(Math.max(v, lo), hi);
  }

  /**
   * Renders the plot.
   *
   * @param title plot title
   * @param curves the systems, in legend order (at least one)
   * @param width pixels
   * @param height pixels
   * @return the chart
   */
  public static XYChart chart(String title, List<Curve> curves, int width, int height) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    if (curves.isEmpty()) {
      throw new IllegalArgumentException("DetPlot.chart: curves must hold at least 1 curve, got 0");
    }
    double lo = VerificationMetrics.probit(LOW);
    double hi = VerificationMetrics.probit(HIGH);
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
        .xAxisTitle("False alarm probability (%)").yAxisTitle("Miss probability (%)").build();
    XYStyler st = chart.getStyler();
    st.setLegendPosition(Styler.LegendPosition.InsideNE);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotGridLinesVisible(false);
    st.setXAxisMin(lo);
    st.setXAxisMax(hi);
    st.setYAxisMin(lo);
    st.setYAxisMax(hi);
    st.setAxisTicksVisible(false);
    st.setLegendBackgroundColor(new Color(255, 255, 255, 220));
    st.setAnnotationLineColor(new Color(0xd0d0d0));
    st.setAnnotationLineStroke(new BasicStroke(1f));
    st.setAnnotationTextFontColor(Color.DARK_GRAY);
    for (double g : GRID) {
      double v = VerificationMetrics.probit(g);
      AnnotationLine vertical = new AnnotationLine(v, true, false);
      AnnotationLine horizontal = new AnnotationLine(v, false, false);
      chart.addAnnotation(vertical);
      chart.addAnnotation(horizontal);
      String label = label(g);
      chart.addAnnotation(new AnnotationText(label, v, lo + 0.12, false));
      chart.addAnnotation(new AnnotationText(label, lo + 0.12, v, false));
    }
    XYSeries diagonal = chart.addSeries("EER line", new double[] {lo, hi}, new double[] {lo, hi});
    diagonal.setMarker(SeriesMarkers.NONE).setLineColor(Color.LIGHT_GRAY)
        .setLineStyle(SeriesLines.DASH_DASH).setShowInLegend(false);
    for (int i = 0; i < curves.size(); i++) {
      Curve c = curves.get(i);
      double[][] p = points(c.targets(), c.nontargets());
      double eer = 100.0 * VerificationMetrics.eer(c.targets(), c.nontargets());
      XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s (EER %.2f%%)", c.name(), eer),
          p[0], p[1]);
      s.setMarker(SeriesMarkers.NONE).setLineColor(COLORS[i % COLORS.length])
          .setLineWidth(2f);
      if (i >= COLORS.length) {
        s.setLineStyle(SeriesLines.DASH_DOT);
      }
    }
    return chart;
  }

  static String label(double p) {
    double pct = 100 * p;
    return pct < 1 ? String.format(Locale.ROOT, "%.1f", pct)
        : String.format(Locale.ROOT, "%.0f", pct);
  }

  /**
   * Renders the plot and writes it as a PNG (atomically: temporary file, then rename).
   *
   * @param file the PNG file
   * @param title plot title
   * @param curves the systems
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, String title, List<Curve> curves) throws IOException {
    XYChart chart = chart(title, curves, 900, 760);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    AtomicFiles.write(file, (AtomicFiles.StreamWriter) out -> BitmapEncoder.saveBitmap(chart, out,
        BitmapEncoder.BitmapFormat.PNG));
  }
}
