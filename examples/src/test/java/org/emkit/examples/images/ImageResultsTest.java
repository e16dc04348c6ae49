package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import org.junit.jupiter.api.Test;

class ImageResultsTest {

  private static ImageResults.Row row(Encoding e, int k, int images, double acc,
      ImageResults.Role... roles) {
    EnumSet<ImageResults.Role> r = EnumSet.noneOf(ImageResults.Role.class);
    for (ImageResults.Role x : roles) {
      r.add(x);
    }
    return new ImageResults.Row(new Variant(e, k), images, e.dimension(k, 10), acc, acc + 0.01,
        1e-5, 0.5, 2.0, 3.0, r);
  }

  private static ImageResults results() {
    ImageExperimentOptions o = ImageExperimentOptions.builder().components(8)
        .pyramidComponents(0).build();
    List<ImageResults.Row> rows = new ArrayList<>();
    rows.add(row(Encoding.FV_IMPROVED, 8, 600, 0.9, ImageResults.Role.ABLATION));
    rows.add(row(Encoding.FV_NO_POWER, 8, 600, 0.85, ImageResults.Role.ABLATION));
    rows.add(row(Encoding.SOFT_BOV, 8, 600, 0.6, ImageResults.Role.ABLATION));
    rows.add(row(Encoding.FV_IMPROVED, 4, 200, 0.8, ImageResults.Role.SWEEP));
    rows.add(row(Encoding.HARD_BOV, 4, 200, 0.5, ImageResults.Role.SWEEP));
    rows.add(row(Encoding.FV_IMPROVED, 8, 200, 0.82, ImageResults.Role.SWEEP));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("seed", "0");
    settings.put("threads", "2");
    Map<String, Double> stages = new LinkedHashMap<>();
    stages.put("total", 120.0);
    return new ImageResults(o, rows, settings, stages);
  }

  @Test
  void tablesSplitTheRowsByRole() {
    ImageResults r = results();
    assertEquals(3, r.ablation().rowCount());
    assertEquals(6, r.variants().rowCount());
    Table sweep = r.sweep();
    assertEquals(2, sweep.rowCount());
    assertEquals(80.0, sweep.doubleColumn("FV (improved) %").getDouble(0), 1e-12);
    assertEquals(82.0, sweep.doubleColumn("FV (improved) %").getDouble(1), 1e-12);
    assertEquals(50.0, sweep.doubleColumn("hard BoV %").getDouble(0), 1e-12);
    assertTrue(Double.isNaN(sweep.doubleColumn("soft-BoV %").getDouble(0)));
    // row() finds the ablation row (600 images), sweepRow() the sweep one (200 images)
    assertEquals(600, r.row(Encoding.FV_IMPROVED, 8).orElseThrow().trainImages());
    assertEquals(200, r.sweepRow(Encoding.FV_IMPROVED, 8).orElseThrow().trainImages());
    assertTrue(r.row(Encoding.VLAD, 8).isEmpty());
  }

  @Test
  void markdownFormatsAccuraciesLambdaAndTimes() {
    String md = ImageResults.markdown(results().ablation().copy().removeColumns("details",
        "tables"));
    String[] lines = md.split("\n");
    assertEquals("| encoding | K | train images | dimension | test accuracy % | validation"
        + " accuracy % | lambda | encode ms/image | lambda search s | train s |", lines[0]);
    assertEquals("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|", lines[1]);
    assertEquals("| FV (improved) | 8 | 600 | 160 | 90.00 | 91.00 | 1e-05 | 0.500 | 2.000"
        + " | 3.000 |", lines[2]);
    assertEquals("| 4 | 80.00 | 80 | – | 50.00 |",
        ImageResults.markdown(results().sweep()).split("\n")[2]);
  }

  @Test
  void findingsQuoteTheMeasuredDifferences() {
    List<String> f = results().findings();
    assertTrue(f.get(0).contains("**90.00%**"), f.toString());
    assertTrue(f.stream().anyMatch(s -> s.contains("FV vs soft-BoV, same K=8: +30.00 points"
        + " (90.00% vs 60.00%)")), f.toString());
    assertTrue(f.stream().anyMatch(s -> s.contains("power normalisation (improved vs no power):"
        + " +5.00 points")), f.toString());
    String report = results().markdownReport("emkit example images", null);
    assertTrue(report.contains("Total wall time: 2.0 min") && report.contains("## Settings")
        && report.contains("## Accuracy versus K"), report);
  }
}
