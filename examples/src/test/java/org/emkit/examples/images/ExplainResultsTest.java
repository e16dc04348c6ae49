package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ExplainResultsTest {

  /**
   * Two images, 4 descriptors in batches of 2 (2 steps). plain: {3, −1, −1} (A = (4 + 4)/2 = 4,
   * flips after 2 of 4 descriptors) and {2, 2, 1} (A = 0.5); random: {3, 3, −1} (A = 2, flips
   * after all 4) and {2, 1.5, 1} (A = 0.75). ε and absolute repeat plain.
   */
  private static ExplainResults handResults() {
    ExplainOptions o = new ExplainOptions(ExplainOptions.defaultPipeline(), 10, 1, 2, 100);
    double[][] plain = {{3, -1, -1}, {2, 2, 1}};
    double[][] random = {{3, 3, -1}, {2, 1.5, 1}};
    return new ExplainResults(o, 0.9, 4, 2, 2, List.of(), new int[] {7, 9},
        new double[][][] {plain, plain, plain, random}, Map.of("threads", "1"),
        Map.of("total", 1.0));
  }

  @Test
  void summaryHasTheAreaStandardErrorPairedDifferenceAndFlipRateOfEveryOrder() {
    ExplainResults r = handResults();
    assertEquals(2, r.steps());
    Table t = r.summary();
    assertEquals(4, t.rowCount());
    assertEquals("plain", t.stringColumn("order").get(0));
    assertEquals("epsilon (100.0)", t.stringColumn("order").get(1));
    assertEquals("random", t.stringColumn("order").get(3));
    assertEquals(2.25, t.doubleColumn("A mean").getDouble(0), 1e-15);
    // sd of {4, 0.5} = 3.5/√2, s.e. = sd/√2 = 1.75
    assertEquals(1.75, t.doubleColumn("A s.e.").getDouble(0), 1e-15);
    assertEquals(1.375, t.doubleColumn("A mean").getDouble(3), 1e-15);
    // paired: (4 − 2 + 0.5 − 0.75)/2
    assertEquals(0.875, t.doubleColumn("A - A(random) mean").getDouble(0), 1e-15);
    assertTrue(Double.isNaN(t.doubleColumn("A - A(random) mean").getDouble(3)));
    assertEquals(50.0, t.doubleColumn("flip rate %").getDouble(0), 1e-15);
    assertEquals(50.0, t.doubleColumn("replaced at flip %").getDouble(0), 1e-15);
    assertEquals(100.0, t.doubleColumn("replaced at flip %").getDouble(3), 1e-15);
    assertEquals(2, t.intColumn("batches").getInt(0));
    assertEquals(2.25, r.meanArea("plain"), 1e-15);
    Table c = r.curves();
    assertEquals(3, c.rowCount());
    assertEquals(0.5, c.doubleColumn("mean f plain").getDouble(1), 1e-15);
    assertEquals(2.25, c.doubleColumn("mean f random").getDouble(1), 1e-15);
    assertEquals(1.0, c.doubleColumn("fraction replaced").getDouble(2), 1e-15);
    assertArrayEquals(new double[] {2, 1.5, 1}, r.trace("random", 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.trace("lrp", 0));
    assertEquals("ExplainResults: order must be one of [plain, epsilon, absolute, random], got"
        + " 'lrp'", e.getMessage());
  }

  @Test
  void meanAndStandardErrorMatchTheTextbookFormula() {
    double[] ms = ExplainResults.meanAndStandardError(new double[] {1, 2, 3, 4});
    assertEquals(2.5, ms[0], 1e-15);
    assertEquals(Math.sqrt(5.0 / 3 / 4), ms[1], 1e-15);
    assertTrue(Double.isNaN(ExplainResults.meanAndStandardError(new double[] {1})[1]));
    assertTrue(Double.isNaN(ExplainResults.meanAndStandardError(new double[0])[0]));
  }

  @Test
  void divergingColourMapIsBlueWhiteRedAndClamps() {
    assertEquals(0xF7F7F7, HeatmapFigure.diverging(0));
    assertEquals((178 << 16) | (24 << 8) | 43, HeatmapFigure.diverging(1));
    assertEquals((33 << 16) | (102 << 8) | 172, HeatmapFigure.diverging(-1));
    assertEquals(HeatmapFigure.diverging(1), HeatmapFigure.diverging(7));
    // halfway between white and the light red anchor
    assertEquals(((246 << 16) | (206 << 8) | 189), HeatmapFigure.diverging(0.25));
  }

  @Test
  void heatmapFigureHasOneRowPerClassAndPanelsForInputAndEachRule() {
    double[] px = new double[4];
    px[3] = 200;
    double[] map = {1, -1, 0, 0.5};
    ExplainResults.Explained a = new ExplainResults.Explained(3, 0, 0, 1.5, px,
        new double[][] {map, map, map});
    ExplainResults.Explained b = new ExplainResults.Explained(5, 1, 0, -0.5, px,
        new double[][] {map, map, map});
    BufferedImage img = HeatmapFigure.render(List.of(a, b), List.of("e", "p", "a"), 2, 2, 3);
    // 4 panels of 6 px with 3 gaps of 4, margins 4; header 18 + 2 rows of (16 + 6 + 4) + 4
    assertEquals(4 * 6 + 3 * 4 + 2 * 4, img.getWidth());
    assertEquals(18 + 2 * 26 + 4, img.getHeight());
    int top = 18 + 16;
    assertEquals(0x000000, img.getRGB(4, top) & 0xFFFFFF, "dark input pixel");
    assertEquals(0xFFFFFF, img.getRGB(4 + 3, top + 3) & 0xFFFFFF, "brightest input pixel");
    int heat = 4 + 6 + 4;
    assertEquals(HeatmapFigure.diverging(1), img.getRGB(heat, top) & 0xFFFFFF);
    assertEquals(HeatmapFigure.diverging(-1), img.getRGB(heat + 3, top) & 0xFFFFFF);
    assertEquals(HeatmapFigure.diverging(0.5), img.getRGB(heat + 5, top + 5) & 0xFFFFFF);
  }
}
