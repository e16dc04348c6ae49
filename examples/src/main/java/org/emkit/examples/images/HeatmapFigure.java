package org.emkit.examples.images;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The heatmap figure of the explanation report: one row per true class; for each explained image
 * the input (grey) followed by its pixel-relevance maps (one per decomposition), each upscaled by
 * an integer factor (nearest neighbour) and coloured with a diverging map: blue negative, white
 * zero, red positive, each map scaled by its own largest |value| (the maps of different rules
 * have different totals, the ε rule's much smaller).
 */
final class HeatmapFigure {

  /** Anchor colours of the diverging map at −1, −0.5, 0, 0.5, 1 (ColorBrewer RdBu, reversed). */
  private static final int[][] ANCHORS = {{33, 102, 172}, {146, 197, 222}, {247, 247, 247},
      {244, 165, 130}, {178, 24, 43}};

  private static final int GAP = 4;
  private static final int GROUP_GAP = 14;
  private static final int LABEL_HEIGHT = 16;
  private static final int HEADER_HEIGHT = 18;

  private HeatmapFigure() {}

  /**
   * @param v a value in [−1, 1] (clamped)
   * @return its RGB colour on the diverging map, packed as 0xRRGGBB
   */
  static int diverging(double v) {
    double x = (Math.max(-1, Math.min(1, v)) + 1) * 2;
    int k = Math.min(3, (int) Math.floor(x));
    double f = x - k;
    int rgb = 0;
    for (int c = 0; c < 3; c++) {
      int value = (int) Math.round(ANCHORS[k][c] + f * (ANCHORS[k + 1][c] - ANCHORS[k][c]));
      rgb = (rgb << 8) | value;
    }
    return rgb;
  }

  /**
   * @param images the explained images (any order; grouped by true class, in input order within
   *     a class); all of size height×width
   * @param ruleNames the name of each map, in the order of {@code Explained.map(r)}
   * @param height image height
   * @param width image width
   * @param scale upscaling factor, ≥ 1
   * @return the figure
   */
  static BufferedImage render(List<ExplainResults.Explained> images, List<String> ruleNames,
      int height, int width, int scale) {
    Map<Integer, List<ExplainResults.Explained>> byClass = new TreeMap<>();
    for (ExplainResults.Explained e : images) {
      byClass.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
    }
    int perRow = 1;
    for (List<ExplainResults.Explained> row : byClass.values()) {
      perRow = Math.max(perRow, row.size());
    }
    int panels = 1 + ruleNames.size();
    int pw = width * scale;
    int ph = height * scale;
    int groupWidth = panels * pw + (panels - 1) * GAP;
    int figureWidth = perRow * groupWidth + (perRow - 1) * GROUP_GAP + 2 * GAP;
    int rowHeight = LABEL_HEIGHT + ph + GAP;
    int figureHeight = HEADER_HEIGHT + byClass.size() * rowHeight + GAP;
    BufferedImage out = new BufferedImage(figureWidth, figureHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, figureWidth, figureHeight);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      FontMetrics fm = g.getFontMetrics();
      for (int gi = 0; gi < perRow; gi++) {
        int x0 = GAP + gi * (groupWidth + GROUP_GAP);
        for (int p = 0; p < panels; p++) {
          String h = p == 0 ? "input" : ruleNames.get(p - 1);
          g.drawString(h, x0 + p * (pw + GAP) + (pw - fm.stringWidth(h)) / 2, HEADER_HEIGHT - 5);
        }
      }
      int y = HEADER_HEIGHT;
      for (List<ExplainResults.Explained> row : byClass.values()) {
        for (int gi = 0; gi < row.size(); gi++) {
          ExplainResults.Explained e = row.get(gi);
          int x0 = GAP + gi * (groupWidth + GROUP_GAP);
          g.setColor(e.label() == e.predicted() ? Color.BLACK : new Color(178, 24, 43));
          g.drawString(String.format(Locale.ROOT, "#%d %s → %s, f=%.2f", e.testIndex(),
              className(e.label()), className(e.predicted()), e.decision()), x0,
              y + LABEL_HEIGHT - 4);
          int top = y + LABEL_HEIGHT;
          paint(out, grey(e.pixels()), height, width, scale, x0, top);
          for (int r = 0; r < ruleNames.size(); r++) {
            paint(out, coloured(e.map(r)), height, width, scale, x0 + (r + 1) * (pw + GAP), top);
          }
        }
        y += rowHeight;
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /** @return the Fashion-MNIST class name of a label, or "class k" beyond them */
  static String className(int label) {
    return label < FashionMnist.CLASS_NAMES.size() ? FashionMnist.CLASS_NAMES.get(label)
        : "class " + label;
  }

  private static int[] grey(double[] pixels) {
    double max = 0;
    for (double v : pixels) {
      max = Math.max(max, v);
    }
    int[] rgb = new int[pixels.length];
    for (int i = 0; i < rgb.length; i++) {
      int v = max > 0 ? (int) Math.round(255 * Math.max(0, pixels[i]) / max) : 0;
      rgb[i] = (v << 16) | (v << 8) | v;
    }
    return rgb;
  }

  private static int[] coloured(double[] map) {
    double max = 0;
    for (double v : map) {
      max = Math.max(max, Math.abs(v));
    }
    int[] rgb = new int[map.length];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = diverging(max > 0 ? map[i] / max : 0);
    }
    return rgb;
  }

  private static void paint(BufferedImage out, int[] rgb, int height, int width, int scale,
      int x0, int y0) {
    for (int r = 0; r < height * scale; r++) {
      for (int c = 0; c < width * scale; c++) {
        out.setRGB(x0 + c, y0 + r, rgb[(r / scale) * width + c / scale]);
      }
    }
  }
}
