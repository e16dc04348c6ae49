package org.emkit.examples.images;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.emkit.features.image.RawPatchOptions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Chooses the local descriptor on the validation split only: the improved Fisher vector at the
 * given K is trained on the fit split for each candidate descriptor and scored on the validation
 * split; the test set is not touched (the runs have no test images).
 *
 * <p>Candidates: dense SIFT-like histograms (PCA to the options' dimension and to twice that)
 * and the raw 7×7 patches of the Fashion-MNIST prototype (PCA 24), each with and without the
 * (x, y) augmentation.
 */
final class DescriptorComparison {

  private DescriptorComparison() {}

  /** The candidate settings, derived from the base options. */
  static List<ImageExperimentOptions> candidates(ImageExperimentOptions base) {
    ImageExperimentOptions.Builder b = base.toBuilder().testImages(0)
        .encodings(EnumSet.of(Encoding.FV_IMPROVED)).pyramidComponents(0)
        .matchedComponents(List.of()).sweepComponents(List.of()).normalizationComponents(0);
    List<ImageExperimentOptions> out = new ArrayList<>();
    for (SpatialAugmentation xy : SpatialAugmentation.values()) {
      out.add(b.descriptor(DescriptorKind.SIFT).pcaComponents(base.pcaComponents())
          .spatialAugmentation(xy).build());
    }
    out.add(b.descriptor(DescriptorKind.SIFT).pcaComponents(2 * base.pcaComponents())
        .spatialAugmentation(SpatialAugmentation.XY).build());
    for (SpatialAugmentation xy : SpatialAugmentation.values()) {
      out.add(b.descriptor(DescriptorKind.PATCHES).patches(RawPatchOptions.defaults())
          .pcaComponents(24).spatialAugmentation(xy).build());
    }
    return out;
  }

  /**
   * Runs every candidate.
   *
   * @param base the settings to vary (data sizes, K, classifier)
   * @param data the data set
   * @param log progress, or {@code null}
   * @return one row per candidate: descriptor, PCA, xy, d, FV dimension, validation accuracy,
   *     λ', descriptor and encoding time per image, wall time
   */
  static Table run(ImageExperimentOptions base, FashionMnist data, PrintWriter log) {
    StringColumn desc = StringColumn.create("descriptor");
    IntColumn pca = IntColumn.create("PCA");
    StringColumn xy = StringColumn.create("xy");
    IntColumn dim = IntColumn.create("FV dimension");
    DoubleColumn val = DoubleColumn.create("validation accuracy %");
    DoubleColumn lambda = DoubleColumn.create("lambda");
    DoubleColumn descMs = DoubleColumn.create("descriptor ms/image");
    DoubleColumn encMs = DoubleColumn.create("encode ms/image");
    DoubleColumn seconds = DoubleColumn.create("wall s");
    for (ImageExperimentOptions o : candidates(base)) {
      if (log != null) {
        log.println("[images] descriptor comparison: " + o.descriptorSummary() + ", PCA "
            + o.pcaComponents() + ", xy " + o.spatialAugmentation());
      }
      ImageResults r = ImageExperiment.run(o, data.train(), data.test(), log);
      ImageResults.Row row = r.row(Encoding.FV_IMPROVED, o.components()).orElseThrow();
      desc.append(o.descriptorSummary());
      pca.append(o.pcaComponents());
      xy.append(o.spatialAugmentation() == SpatialAugmentation.XY ? "yes" : "no");
      dim.append(row.dimension());
      val.append(100 * row.validationAccuracy());
      lambda.append(row.lambda());
      String ms = r.settingsMap().get("descriptor time");
      descMs.append(Double.parseDouble(ms.substring(0, ms.indexOf(' '))));
      encMs.append(row.encodeMsPerImage());
      seconds.append(r.stageSeconds().get("total"));
    }
    return Table.create("descriptors", desc, pca, xy, dim, val, lambda, descMs, encMs, seconds);
  }

  /**
   * @param t the comparison table
   * @param base the base settings
   * @param command the command that produced it
   * @return the Markdown report
   */
  static String markdown(Table t, ImageExperimentOptions base, String command) {
    int best = 0;
    for (int i = 1; i < t.rowCount(); i++) {
      if (t.doubleColumn("validation accuracy %").getDouble(i)
          > t.doubleColumn("validation accuracy %").getDouble(best)) {
        best = i;
      }
    }
    return "# Fashion-MNIST: choice of the local descriptor (validation split only)\n\n"
        + "Improved Fisher vector, K = " + base.components() + ", trained on "
        + (base.trainImages() - base.validationImages()) + " fit images and scored on "
        + base.validationImages() + " validation images carved from the first "
        + base.trainImages() + " training images; the test set is not used. Classifier and"
        + " all other settings as in `images.md`.\n\nProduced by:\n\n```\n" + command
        + "\n```\n\n" + ImageResults.markdown(t) + "\n" + String.format(Locale.ROOT,
            "Best on validation: %s, PCA %d, xy %s (%.2f%%).%n%n", t.stringColumn("descriptor")
                .get(best), t.intColumn("PCA").getInt(best), t.stringColumn("xy").get(best),
            t.doubleColumn("validation accuracy %").getDouble(best))
        + "The experiment's default follows the best descriptor family and the (x, y)"
        + " augmentation; the PCA dimension is a cost trade-off, since the Fisher vector has"
        + " 2·K·d entries (the SVM time and the memory of the stored encodings grow with it):"
        + " the default is " + ImageExperimentOptions.defaults().descriptor() + " with PCA "
        + ImageExperimentOptions.defaults().pcaComponents() + ". \"wall s\" depends on the"
        + " machine load during each run.\n";
  }
}
