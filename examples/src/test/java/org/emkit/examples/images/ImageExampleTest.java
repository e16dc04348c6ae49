package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.emkit.linear.SgdClassifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageExampleTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream outBuf = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBuf = new ByteArrayOutputStream();

  private int run(String... args) {
    return ImageExample.run(args, new PrintStream(outBuf, true, StandardCharsets.UTF_8),
        new PrintStream(errBuf, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return errBuf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() {
    assertEquals(0, run("--help"));
    String out = outBuf.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("usage: emkit example images") && out.contains("--descriptor")
        && out.contains("(default 64)"), out);
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, run("--bogus", "1"));
    assertTrue(err().contains("unknown option --bogus"), err());
    assertEquals(2, run("--train", "many"));
    assertTrue(err().contains("--train needs an integer, got 'many'"), err());
    assertEquals(2, run("--train", "1"));
    assertTrue(err().contains("trainImages must be in [2, 60000], got 1"), err());
    assertEquals(2, run("--descriptor", "hog"));
    assertTrue(err().contains("--descriptor must be sift or patches"), err());
    assertEquals(2, run("--encodings", "fv,bov"));
    assertTrue(err().contains("unknown encoding 'fv'"), err());
    assertEquals(2, run("--epochs"));
    assertTrue(err().contains("--epochs needs a value"), err());
  }

  @Test
  void missingOrBrokenDataExitThree() throws IOException {
    assertEquals(3, run("--data", dir.resolve("none").toString(), "--out", dir.toString()));
    assertTrue(err().contains("apt-get install"), err());
    for (String f : new String[] {FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS,
        FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS}) {
      Files.write(dir.resolve(f), new byte[] {1, 2, 3, 4, 5});
    }
    assertEquals(3, run("--data", dir.toString(), "--out", dir.toString()));
    assertTrue(err().contains("magic"), err());
  }

  private Path tinyData() throws IOException {
    return TinyFashionMnist.write(dir);
  }

  @Test
  @Tag("slow")
  void runsEndToEndOnTinyDataAndWritesTheReports() throws IOException {
    Path data = tinyData();
    Path out = dir.resolve("out");
    assertEquals(0, run("--data", data.toString(), "--train", "60", "--validation", "20",
        "--test", "30", "--components", "2", "--encodings", "fv_improved,soft_bov,hard_bov",
        "--pyramid-components", "0", "--matched", "none", "--sweep", "2,3", "--sweep-train",
        "45", "--normalization-components", "2", "--pca", "4", "--samples", "400", "--sample-images", "30", "--lambdas",
        "1e-2,1e-4", "--timing-images", "5", "--threads", "2", "--out", out.toString(),
        "--quiet"), err());
    String stdout = outBuf.toString(StandardCharsets.UTF_8);
    assertTrue(stdout.contains("| FV (improved) | 2 | 60 | 24 |"), stdout);
    assertTrue(stdout.contains("| K | FV (improved) % |"), stdout);
    for (String f : new String[] {"images.md", "images.csv", "images-sweep.csv",
        "images-settings.csv", "images-accuracy-vs-k.png"}) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    assertTrue(err().contains("wrote"), err());
  }

  @Test
  @Tag("slow")
  void comparesDescriptorsOnTheValidationSplit() throws IOException {
    Path data = tinyData();
    assertEquals(0, run("--compare-descriptors", "--data", data.toString(), "--train", "60",
        "--validation", "20", "--components", "2", "--pca", "4", "--samples", "400",
        "--sample-images", "30", "--lambdas", "1e-2", "--timing-images", "5", "--out",
        dir.toString(), "--name", "tiny", "--quiet"), err());
    String md = Files.readString(dir.resolve("tiny-descriptors.md"));
    assertTrue(md.contains("validation split only") && md.contains("Best on validation")
        && md.contains("raw 7×7 patches"), md);
    // 5 candidates: SIFT ± xy, SIFT with 2× PCA, patches ± xy
    assertEquals(6, Files.readAllLines(dir.resolve("tiny-descriptors.csv")).size());
  }

  @Test
  void optionsMapOntoTheExperimentSettings() throws ImageExample.UsageException {
    ImageExample.Parsed p = ImageExample.parse(new String[] {"--descriptor", "patches",
        "--patch", "5", "--stride", "2", "--pca", "12", "--no-xy", "--components", "8",
        "--encodings", "fv_improved,vlad", "--sweep", "none", "--matched", "2,3", "--lambdas",
        "1e-3,1e-4", "--averaging", "none", "--epochs", "3", "--seed", "7", "--threads", "1",
        "--out", "x", "--name", "y", "--quiet", "--sweep-train", "500"});
    ImageExperimentOptions o = p.options;
    assertEquals(DescriptorKind.PATCHES, o.descriptor());
    assertEquals(5, o.patches().patchSize());
    assertEquals(2, o.patches().stride());
    assertEquals(12, o.pcaComponents());
    assertEquals(SpatialAugmentation.NONE, o.spatialAugmentation());
    assertEquals(8, o.components());
    assertEquals(EnumSet.of(Encoding.FV_IMPROVED, Encoding.VLAD), o.encodings());
    assertEquals(List.of(), o.sweepComponents());
    assertEquals(List.of(2, 3), o.matchedComponents());
    assertEquals(List.of(1e-3, 1e-4), o.lambdas());
    assertEquals(SgdClassifier.Averaging.NONE, o.averaging());
    assertEquals(3, o.epochs());
    assertEquals(7, o.seed());
    assertEquals(500, o.sweepTrainImages());
    assertEquals(Path.of("x"), p.out);
    assertEquals("y", p.name);
    assertTrue(p.quiet);
    ImageExample.UsageException e = assertThrows(ImageExample.UsageException.class,
        () -> ImageExample.parse(new String[] {"--patch-sizes", "8,2"}));
    assertTrue(e.getMessage().contains("patchSizes"), e.getMessage());
  }
}
