package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment end to end on a small slice of the real Fashion-MNIST data (Debian's
 * {@code dataset-fashion-mnist}; skipped when it is not installed).
 */
@Tag("slow")
class ImageExperimentTest {

  private static FashionMnist data;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() throws IOException {
    Assumptions.assumeTrue(FashionMnist.isAvailable(FashionMnist.DEBIAN_DIR),
        "dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)");
    data = FashionMnist.load(FashionMnist.DEBIAN_DIR);
  }

  /**
   * 2 000 training images, K = 16: the improved Fisher vector must be far above the 10 % chance
   * level (the floor is what a weak but working pipeline reaches; the full run gets about 91 %)
   * and clearly above soft-BoV of the same K, the paper's central claim.
   */
  @Test
  void smallConfigurationLearnsAndFisherVectorsBeatBagOfWords() throws IOException {
    ImageExperimentOptions o = ImageExperimentOptions.builder().trainImages(2000)
        .validationImages(500).testImages(1000).components(16)
        .encodings(EnumSet.of(Encoding.FV_IMPROVED, Encoding.FV_NO_POWER, Encoding.SOFT_BOV,
            Encoding.HARD_BOV, Encoding.VLAD, Encoding.FV_PYRAMID_3X1))
        .pyramidComponents(4).matchedComponents(List.of(1)).sweepComponents(List.of(4, 8))
        .normalizationComponents(8)
        .sweepTrainImages(1000).vocabularySamples(20000).vocabularyImages(500).gmmIterations(10)
        .kmeansIterations(10).lambdas(List.of(1e-4, 1e-5)).timingImages(50).threads(2).build();
    ImageResults r = ImageExperiment.run(o, data.train(), data.test(), null);
    ImageResults.Row fv = r.row(Encoding.FV_IMPROVED, 16).orElseThrow();
    ImageResults.Row soft = r.row(Encoding.SOFT_BOV, 16).orElseThrow();
    assertTrue(fv.testAccuracy() >= 0.70, "FV accuracy " + fv.testAccuracy());
    assertTrue(fv.testAccuracy() - soft.testAccuracy() >= 0.05,
        "FV " + fv.testAccuracy() + " vs soft-BoV " + soft.testAccuracy());
    for (ImageResults.Row row : r.rows()) {
      assertTrue(row.testAccuracy() > 0.3, row.toString());
      assertTrue(row.encodeMsPerImage() > 0 && row.trainSeconds() > 0, row.toString());
    }
    // dimensions follow the encodings' formulas with d = 32 + 2
    assertEquals(2 * 16 * 34, fv.dimension());
    assertEquals(4 * 2 * 4 * 34, r.row(Encoding.FV_PYRAMID_3X1, 4).orElseThrow().dimension());
    assertEquals(16 * 34, r.row(Encoding.VLAD, 16).orElseThrow().dimension());
    assertEquals(68, r.row(Encoding.HARD_BOV, 68).orElseThrow().dimension());
    assertEquals(2000, fv.trainImages());
    // the sweep ran on its own 1 000 images
    assertEquals(1000, r.sweepRow(Encoding.FV_IMPROVED, 8).orElseThrow().trainImages());
    assertArrayEquals(new int[] {4, 8}, r.sweep().intColumn("K").asIntArray());
    assertEquals(5, r.ablation().rowCount());
    assertEquals(2, r.pyramids().rowCount());
    assertEquals(3, r.matched().rowCount());
    assertEquals(4, r.normalization().rowCount());
    assertEquals(1000, r.normalization().intColumn("train images").getInt(0));
    assertTrue(r.settingsMap().get("seed").equals("0"));
    assertTrue(r.stageSeconds().get("total") > 0);

    List<Path> files = r.write(dir, "images", "emkit example images --test");
    assertEquals(5, files.size());
    String md = Files.readString(dir.resolve("images.md"));
    assertTrue(md.contains("## Ablation at K = 16") && md.contains("emkit example images --test")
        && md.contains("![test accuracy versus K](images-accuracy-vs-k.png)"), md);
    BufferedImage png = ImageIO.read(dir.resolve("images-accuracy-vs-k.png").toFile());
    assertEquals(800, png.getWidth());
    List<String> csv = Files.readAllLines(dir.resolve("images.csv"));
    assertEquals(r.rows().size() + 1, csv.size());
    assertTrue(csv.get(0).startsWith("encoding,details,K,train images,dimension,test accuracy %"));
  }

  @Test
  void accuraciesDoNotDependOnTheThreadCount() {
    ImageExperimentOptions.Builder b = ImageExperimentOptions.builder().trainImages(300)
        .validationImages(100).testImages(200).components(4)
        .encodings(EnumSet.of(Encoding.FV_IMPROVED, Encoding.FV_MEANS, Encoding.VLAD))
        .pyramidComponents(0).matchedComponents(List.of()).sweepComponents(List.of())
        .normalizationComponents(0)
        .vocabularySamples(5000).vocabularyImages(100).gmmIterations(5).kmeansIterations(5)
        .timingImages(10);
    ImageResults one = ImageExperiment.run(b.threads(1).build(), data.train(), data.test(), null);
    ImageResults two = ImageExperiment.run(b.threads(2).build(), data.train(), data.test(), null);
    assertEquals(3, one.rows().size());
    for (int i = 0; i < 3; i++) {
      assertEquals(one.rows().get(i).testAccuracy(), two.rows().get(i).testAccuracy());
      assertEquals(one.rows().get(i).validationAccuracy(), two.rows().get(i).validationAccuracy());
      assertEquals(one.rows().get(i).lambda(), two.rows().get(i).lambda());
    }
  }

  /**
   * The compression study ({@code --compress 1,4}) on 400 images, K = 4: float32 row first, then
   * the PQ rows without and with renormalisation; bytes per image follow the code layout (one
   * flag bit per Gaussian, then 17 one-byte-aligned 4-bit indices per non-zero 68-value block);
   * the decoded vectors still classify far above chance; the exhaustive search row is exact and
   * ADC recall grows with R; and nothing depends on the thread count.
   */
  @Test
  void compressionStudyReportsCodeSizesAccuracyLossAndRecall() throws IOException {
    ImageExperimentOptions.Builder b = ImageExperimentOptions.builder().trainImages(400)
        .validationImages(100).testImages(200).components(4)
        .encodings(EnumSet.of(Encoding.FV_IMPROVED))
        .pyramidComponents(0).matchedComponents(List.of()).sweepComponents(List.of())
        .normalizationComponents(0).vocabularySamples(5000).vocabularyImages(100)
        .gmmIterations(5).kmeansIterations(5).timingImages(10)
        .compression(List.of(new PqSetting(1, 4))).compressionTrainingVectors(2000)
        .searchQueries(50);
    ImageResults one = ImageExperiment.run(b.threads(1).build(), data.train(), data.test(), null);
    ImageResults two = ImageExperiment.run(b.threads(2).build(), data.train(), data.test(), null);
    CompressionResults c = one.compression().orElseThrow();
    List<CompressionResults.Row> rows = c.rows();
    assertEquals(3, rows.size(), rows.toString());
    CompressionResults.Row ref = rows.get(0);
    assertEquals(4.0 * 2 * 4 * 34, ref.bytesPerImage());
    assertEquals(one.row(Encoding.FV_IMPROVED, 4).orElseThrow().dimension(), 2 * 4 * 34);
    for (CompressionResults.Row r : rows.subList(1, 3)) {
      // 1 flag byte for 4 Gaussians + at most 4 blocks of ceil(17 * 4 / 8) = 9 bytes
      assertTrue(r.bytesPerImage() >= 1 && r.bytesPerImage() <= 1 + 4 * 9, r.toString());
      assertEquals(ref.bytesPerImage() / r.bytesPerImage(), r.ratio(), 1e-9);
      assertTrue(r.testAccuracy() > 50, r.toString());
      assertEquals(ref.testAccuracy() - r.testAccuracy(), r.lossPoints(), 1e-9);
      assertTrue(r.relativeErrorPercent() > 0 && r.relativeErrorPercent() < 100, r.toString());
    }
    List<CompressionResults.SearchRow> search = c.searchRows();
    assertEquals(2, search.size());
    assertEquals(1.0, search.get(0).recallAt1());
    CompressionResults.SearchRow adc = search.get(1);
    assertEquals(50, adc.queries());
    assertTrue(adc.recallAt1() <= adc.recallAt10() && adc.recallAt10() <= adc.recallAt100()
        && adc.recallAt1() > 0, adc.toString());
    CompressionResults c2 = two.compression().orElseThrow();
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(rows.get(i).testAccuracy(), c2.rows().get(i).testAccuracy());
      assertEquals(rows.get(i).bytesPerImage(), c2.rows().get(i).bytesPerImage());
    }
    assertEquals(adc.recallAt1(), c2.searchRows().get(1).recallAt1());
    one.write(dir, "images", "emkit example images --compress 1,4");
    String md = Files.readString(dir.resolve("images.md"));
    assertTrue(md.contains("## Compression") && md.contains("PQ b=1,G=4"), md);
  }
}
