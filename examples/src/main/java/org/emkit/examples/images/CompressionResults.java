package org.emkit.examples.images;

import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tables of the compression study ({@link CompressionStudy}): classification from
 * product-quantised Fisher vectors, and nearest-neighbour search by asymmetric distance.
 */
public final class CompressionResults {

  /**
   * One representation of the training and test encodings.
   *
   * @param representation float32 or the PQ setting (and renormalisation)
   * @param setting "b=…,G=…" or "–"
   * @param testAccuracy test accuracy in %
   * @param lossPoints accuracy of float32 minus this one, in points
   * @param bytesPerImage mean stored bytes per image (flags + codes; float32: 4·L)
   * @param ratio float32 bytes over these
   * @param zeroBlocksPercent blocks stored by their sparsity bit alone, % of all blocks
   * @param relativeErrorPercent mean ‖x − x̂‖²/‖x‖² on the test images, %
   * @param codebookSeconds codebook training time (NaN for float32)
   * @param encodeMsPerImage encoding time per image, all threads (NaN for float32)
   * @param svmSeconds SGD training time on all training images
   * @param trainingSetMb data the learner reads: codes + codebooks, or the float32 rows
   * @param peakHeapMb peak heap during the SVM training (see {@link CompressionStudy})
   * @param liveHeapMb heap in use after a collection at its end
   */
  public record Row(String representation, String setting, double testAccuracy,
      double lossPoints, double bytesPerImage, double ratio, double zeroBlocksPercent,
      double relativeErrorPercent, double codebookSeconds, double encodeMsPerImage,
      double svmSeconds, double trainingSetMb, double peakHeapMb, double liveHeapMb) {}

  /**
   * One search method.
   *
   * @param method exhaustive float L2 or ADC with a PQ setting
   * @param databaseImages training encodings searched
   * @param queries test encodings used as queries
   * @param recallAt1 fraction of queries whose exhaustive nearest neighbour is ranked first
   * @param recallAt10 … among the first 10
   * @param recallAt100 … among the first 100
   * @param msPerQuery wall time per query (all threads, queries split between them)
   * @param bytesPerImage database bytes per image
   */
  public record SearchRow(String method, int databaseImages, int queries, double recallAt1,
      double recallAt10, double recallAt100, double msPerQuery, double bytesPerImage) {}

  private final List<Row> rows;
  private final List<SearchRow> search;
  private final int numBlocks;
  private final int dimension;
  private final int trainImages;
  private final int testImages;
  private final int codebookSamples;
  private final long maxHeapMb;
  private final int threads;

  CompressionResults(List<Row> rows, List<SearchRow> search, int numBlocks, int dimension,
      int trainImages, int testImages, int codebookSamples, long maxHeapMb, int threads) {
    this.rows = List.copyOf(rows);
    this.search = List.copyOf(search);
    this.numBlocks = numBlocks;
    this.dimension = dimension;
    this.trainImages = trainImages;
    this.testImages = testImages;
    this.codebookSamples = codebookSamples;
    this.maxHeapMb = maxHeapMb;
    this.threads = threads;
  }

  /** @return the classification rows, float32 first */
  public List<Row> rows() {
    return rows;
  }

  /** @return the search rows, exhaustive first */
  public List<SearchRow> searchRows() {
    return search;
  }

  /** @return the classification table */
  public Table compression() {
    StringColumn rep = StringColumn.create("representation");
    DoubleColumn acc = DoubleColumn.create("test accuracy %");
    DoubleColumn loss = DoubleColumn.create("loss (points)");
    DoubleColumn bytes = DoubleColumn.create("bytes/image");
    DoubleColumn ratio = DoubleColumn.create("ratio vs float32");
    DoubleColumn zero = DoubleColumn.create("zero blocks %");
    DoubleColumn err = DoubleColumn.create("rel. sq. error %");
    DoubleColumn book = DoubleColumn.create("codebooks s");
    DoubleColumn enc = DoubleColumn.create("encode ms/image");
    DoubleColumn svm = DoubleColumn.create("SVM train s");
    DoubleColumn mb = DoubleColumn.create("training set MB");
    DoubleColumn peak = DoubleColumn.create("peak heap MB");
    DoubleColumn live = DoubleColumn.create("live heap MB");
    for (Row r : rows) {
      rep.append(r.representation());
      acc.append(r.testAccuracy());
      loss.append(r.lossPoints());
      bytes.append(r.bytesPerImage());
      ratio.append(r.ratio());
      zero.append(r.zeroBlocksPercent());
      err.append(r.relativeErrorPercent());
      book.append(r.codebookSeconds());
      enc.append(r.encodeMsPerImage());
      svm.append(r.svmSeconds());
      mb.append(r.trainingSetMb());
      peak.append(r.peakHeapMb());
      live.append(r.liveHeapMb());
    }
    return Table.create("compression", rep, acc, loss, bytes, ratio, zero, err, book, enc, svm,
        mb, peak, live);
  }

  /** @return the search table */
  public Table search() {
    StringColumn method = StringColumn.create("method");
    IntColumn db = IntColumn.create("database images");
    IntColumn q = IntColumn.create("queries");
    DoubleColumn r1 = DoubleColumn.create("recall@1");
    DoubleColumn r10 = DoubleColumn.create("recall@10");
    DoubleColumn r100 = DoubleColumn.create("recall@100");
    DoubleColumn ms = DoubleColumn.create("ms/query");
    DoubleColumn bytes = DoubleColumn.create("bytes/image");
    for (SearchRow s : search) {
      method.append(s.method());
      db.append(s.databaseImages());
      q.append(s.queries());
      r1.append(s.recallAt1());
      r10.append(s.recallAt10());
      r100.append(s.recallAt100());
      ms.append(s.msPerQuery());
      bytes.append(s.bytesPerImage());
    }
    return Table.create("pq-search", method, db, q, r1, r10, r100, ms, bytes);
  }

  /** @return the Markdown section (heading level 2) */
  String markdownSection() {
    StringBuilder s = new StringBuilder();
    s.append("## Compression (product quantisation with the sparsity bit)\n\n");
    s.append(String.format(Locale.ROOT, "The improved FV at K = %d (dimension %d, %d blocks of"
        + " %d) compressed by `SparseFisherCodec`: one product quantiser per Gaussian (b bits per"
        + " dimension, sub-vectors of G dimensions, blocks zero-padded to a multiple of G), each"
        + " trained by k-means on at most %d of the training images' non-zero blocks, plus one"
        + " bit per Gaussian marking an all-zero block (Sánchez et al. 2013, §4–5; Jégou et al."
        + " 2011). The SVM (same λ', epochs and seed as the uncompressed row) is trained by SGD"
        + " on the %d compressed training images, decoding each on the fly; the %d test images"
        + " are classified from their decoded codes. \"+ L2 renorm.\" rescales every decoded"
        + " vector to unit norm. Times use %d threads; peak heap is the sum of the heap pools'"
        + " peaks during the SVM training and live heap the heap after a collection at its end"
        + " (JVM max heap %d MB); both include the uncompressed encodings the experiment"
        + " keeps resident, so the footprint of the training data is the \"training set MB\""
        + " column.%n%n", numBlocks, dimension, numBlocks, dimension / numBlocks,
        codebookSamples, trainImages, testImages, threads, maxHeapMb));
    s.append(ImageResults.markdown(compression())).append('\n');
    if (!search.isEmpty()) {
      s.append("### Nearest-neighbour search\n\n");
      s.append("The first test encodings query the training encodings. The reference is the"
          + " exhaustive float L2 nearest neighbour; recall@R is the fraction of queries whose"
          + " reference neighbour is among the R nearest by asymmetric distance (ADC: the query"
          + " uncompressed, the database as codes; zero blocks cost the query block's squared"
          + " norm). Times per query with the queries split over the threads.\n\n");
      s.append(ImageResults.markdown(search())).append('\n');
    }
    return s.toString();
  }
}
