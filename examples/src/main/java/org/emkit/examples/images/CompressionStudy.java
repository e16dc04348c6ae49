package org.emkit.examples.images;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.emkit.core.internal.Parallel;
import org.emkit.fisher.compress.ProductQuantizer;
import org.emkit.fisher.compress.SparseFisherCodec;
import org.emkit.linear.VectorSource;

/**
 * The compression study of Sánchez et al. (IJCV 2013, §4–5) on the improved Fisher vectors of
 * the experiment: for each {@link PqSetting}, a {@link SparseFisherCodec} (one product quantiser
 * per Gaussian, the sparsity bit) is trained on the training encodings, every image is encoded,
 * and the same linear SVM (the λ' chosen for the uncompressed encoding) is trained by SGD on the
 * compressed training set, decoded on the fly, with and without L2 renormalisation after
 * decoding; then the test images are classified from their decoded codes.
 *
 * <p><b>Search.</b> The first {@code searchQueries} test encodings query the training
 * encodings: the exhaustive float L2 nearest neighbour is the reference, and recall@R is the
 * fraction of queries whose reference neighbour is among the R nearest by asymmetric distance
 * (ADC) to the codes (Jégou et al. 2011's definition).
 *
 * <p><b>Memory.</b> Before each measured phase the collector runs and the heap pools' peak
 * counters are reset; "peak heap" is the sum of the pools' peaks during the phase (an upper
 * bound of the heap in use, garbage included), "live heap" the heap used after a collection at
 * the end of the phase. The uncompressed encodings stay resident throughout (the experiment
 * holds them), so both include them; "training set MB" is the data the learner reads.
 */
final class CompressionStudy {

  /** Database rows per block of the exhaustive search (fetched once per thread). */
  private static final int SEARCH_BLOCK_ROWS = 256;
  /** The recall levels reported. */
  static final int[] RECALL_AT = {1, 10, 100};

  private final ImageExperimentOptions options;
  private final PrintWriter log;

  CompressionStudy(ImageExperimentOptions options, PrintWriter log) {
    this.options = options;
    this.log = log;
  }

  private void say(String s) {
    if (log != null) {
      log.println("[images] compression: " + s);
      log.flush();
    }
  }

  /**
   * @param all encodings, rows [fit | validation | test]
   * @param nFit fit rows
   * @param nValidation validation rows
   * @param labels one per row
   * @param numBlocks K (Gaussians): the encodings are K blocks of L/K values
   * @param lambda the relative λ' chosen for the uncompressed encodings
   * @param seed SGD seed
   * @return the tables
   */
  CompressionResults run(VectorSource all, int nFit, int nValidation, int[] labels, int numBlocks,
      double lambda, long seed) {
    ImageExperimentOptions o = options;
    int nTrain = nFit + nValidation;
    int n = all.size();
    int len = all.dimension();
    List<CompressionResults.Row> rows = new ArrayList<>();
    List<CompressionResults.SearchRow> search = new ArrayList<>();
    // uncompressed reference, measured the same way as the compressed rows
    Memory m = Memory.start();
    LinearSvmSelection.Outcome ref = LinearSvmSelection.run(all, nFit, nValidation, labels,
        List.of(lambda), o.epochs(), o.averaging(), seed, o.threads());
    m.stop();
    double refAccuracy = ref.testAccuracy;
    double floatBytes = 4.0 * len;
    rows.add(new CompressionResults.Row("float32 (uncompressed)", "–", 100 * refAccuracy, 0,
        floatBytes, 1, 0, 0, Double.NaN, Double.NaN, ref.trainSeconds, nTrain * floatBytes / 1e6,
        m.peakMb, m.liveMb));
    say(String.format(Locale.ROOT, "float32: test %.2f%%, SVM %.1fs", 100 * refAccuracy,
        ref.trainSeconds));
    int queries = Math.min(o.searchQueries(), n - nTrain);
    Exhaustive truth = queries > 0 ? exhaustive(all, nTrain, queries) : null;
    if (truth != null) {
      search.add(new CompressionResults.SearchRow("exhaustive float L2", nTrain, queries, 1, 1,
          1, truth.msPerQuery, 4.0 * len));
      say(String.format(Locale.ROOT, "exhaustive search: %d queries x %d images, %.2f ms/query",
          queries, nTrain, truth.msPerQuery));
    }
    for (PqSetting s : o.compression()) {
      String name = "PQ " + s;
      long t0 = System.nanoTime();
      ProductQuantizer template = ProductQuantizer.builder(s.subvectorLength(),
          s.bitsPerDimension()).kmeansIterations(o.kmeansIterations())
          .maxTrainingVectors(o.compressionTrainingVectors()).seed(seed).parallelism(o.threads())
          .build();
      SparseFisherCodec codec = SparseFisherCodec.fit(LinearSvmSelection.range(all, 0, nTrain),
          numBlocks, template, SparseFisherCodec.Renormalization.NONE);
      double codebookSeconds = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      byte[][] codes = encode(codec, all);
      double encodeMs = 1000 * (System.nanoTime() - t1) / 1e9 / n;
      long bytes = 0;
      long trainBytes = 0;
      long nonZero = 0;
      for (int i = 0; i < n; i++) {
        bytes += codes[i].length;
        trainBytes += i < nTrain ? codes[i].length : 0;
        nonZero += codec.nonZeroBlocks(codes[i]);
      }
      double perImage = (double) bytes / n;
      double zeroPercent = 100.0 * (1 - (double) nonZero / ((long) n * numBlocks));
      double error = 100 * relativeError(codec, all, codes, nTrain);
      double codebookMb = codebookBytes(codec) / 1e6;
      say(String.format(Locale.ROOT, "%s: codebooks %.1fs, %.1f bytes/image (ratio %.1f), zero"
          + " blocks %.2f%%, relative squared error %.2f%%", name, codebookSeconds, perImage,
          floatBytes / perImage, zeroPercent, error));
      for (SparseFisherCodec.Renormalization r : SparseFisherCodec.Renormalization.values()) {
        SparseFisherCodec c = codec.withRenormalization(r);
        VectorSource decoded = c.source(Arrays.asList(codes));
        Memory mem = Memory.start();
        LinearSvmSelection.Outcome out = LinearSvmSelection.run(decoded, nFit, nValidation,
            labels, List.of(lambda), o.epochs(), o.averaging(), seed, o.threads());
        mem.stop();
        String label = name + (r == SparseFisherCodec.Renormalization.L2 ? " + L2 renorm." : "");
        rows.add(new CompressionResults.Row(label, s.toString(), 100 * out.testAccuracy,
            100 * (refAccuracy - out.testAccuracy), perImage, floatBytes / perImage, zeroPercent,
            error, codebookSeconds, encodeMs, out.trainSeconds,
            trainBytes / 1e6 + codebookMb, mem.peakMb, mem.liveMb));
        say(String.format(Locale.ROOT, "%s: test %.2f%% (loss %.2f points), SVM %.1fs", label,
            100 * out.testAccuracy, 100 * (refAccuracy - out.testAccuracy), out.trainSeconds));
      }
      if (truth != null) {
        search.add(adcSearch(name, codec, all, codes, nTrain, queries, truth, perImage));
        CompressionResults.SearchRow last = search.get(search.size() - 1);
        say(String.format(Locale.ROOT, "%s search: recall@1 %.3f, @10 %.3f, @100 %.3f, %.2f"
            + " ms/query", name, last.recallAt1(), last.recallAt10(), last.recallAt100(),
            last.msPerQuery()));
      }
    }
    return new CompressionResults(rows, search, numBlocks, len, nTrain, n - nTrain,
        o.compressionTrainingVectors(), Runtime.getRuntime().maxMemory() / (1 << 20), o.threads());
  }

  private byte[][] encode(SparseFisherCodec codec, VectorSource all) {
    byte[][] codes = new byte[all.size()][];
    Parallel.forEachChunk(all.size(), 256, options.threads(), (from, to) -> {
      double[] buf = new double[all.dimension()];
      for (int i = from; i < to; i++) {
        all.get(i, buf);
        codes[i] = codec.encode(buf);
      }
    });
    return codes;
  }

  /** Mean of ‖x − x̂‖² / ‖x‖² over the rows from {@code first} on (the test images). */
  private static double relativeError(SparseFisherCodec codec, VectorSource all, byte[][] codes,
      int first) {
    double[] x = new double[all.dimension()];
    double[] y = new double[all.dimension()];
    double sum = 0;
    int count = 0;
    for (int i = first; i < all.size(); i++) {
      all.get(i, x);
      codec.decodeInto(codes[i], y);
      double e = 0;
      double norm = 0;
      for (int j = 0; j < x.length; j++) {
        e += (x[j] - y[j]) * (x[j] - y[j]);
        norm += x[j] * x[j];
      }
      if (norm > 0) {
        sum += e / norm;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private static long codebookBytes(SparseFisherCodec codec) {
    ProductQuantizer q = codec.quantizer(0);
    return 8L * codec.numBlocks() * q.numSubspaces() * q.numCentroids() * q.subvectorLength();
  }

  /** The exhaustive float L2 nearest training image of each query and the time per query. */
  private static final class Exhaustive {
    final int[] nearest;
    final double msPerQuery;

    Exhaustive(int[] nearest, double msPerQuery) {
      this.nearest = nearest;
      this.msPerQuery = msPerQuery;
    }
  }

  private Exhaustive exhaustive(VectorSource all, int nTrain, int queries) {
    int len = all.dimension();
    int[] nearest = new int[queries];
    long t0 = System.nanoTime();
    int chunk = Math.max(1, (queries + options.threads() - 1) / options.threads());
    Parallel.forEachChunk(queries, chunk, options.threads(), (from, to) -> {
      double[][] q = new double[to - from][len];
      for (int i = from; i < to; i++) {
        all.get(nTrain + i, q[i - from]);
      }
      double[] best = new double[to - from];
      Arrays.fill(best, Double.POSITIVE_INFINITY);
      double[] block = new double[SEARCH_BLOCK_ROWS * len];
      double[] row = new double[len];
      for (int first = 0; first < nTrain; first += SEARCH_BLOCK_ROWS) {
        int rows = Math.min(SEARCH_BLOCK_ROWS, nTrain - first);
        for (int r = 0; r < rows; r++) {
          all.get(first + r, row);
          System.arraycopy(row, 0, block, r * len, len);
        }
        for (int i = 0; i < q.length; i++) {
          double[] qi = q[i];
          for (int r = 0; r < rows; r++) {
            // d = Σ_j (q_j − x_j)²; strict < keeps the lower index on ties
            double d = 0;
            int off = r * len;
            for (int j = 0; j < len; j++) {
              double e = qi[j] - block[off + j];
              d += e * e;
            }
            if (d < best[i]) {
              best[i] = d;
              nearest[from + i] = first + r;
            }
          }
        }
      }
    });
    double ms = 1000 * (System.nanoTime() - t0) / 1e9 / queries;
    return new Exhaustive(nearest, ms);
  }

  private CompressionResults.SearchRow adcSearch(String name, SparseFisherCodec codec,
      VectorSource all, byte[][] codes, int nTrain, int queries, Exhaustive truth,
      double bytesPerImage) {
    List<byte[]> database = Arrays.asList(codes).subList(0, nTrain);
    int maxR = RECALL_AT[RECALL_AT.length - 1];
    int[][] found = new int[queries][];
    long t0 = System.nanoTime();
    int chunk = Math.max(1, (queries + options.threads() - 1) / options.threads());
    Parallel.forEachChunk(queries, chunk, options.threads(), (from, to) -> {
      double[] q = new double[all.dimension()];
      for (int i = from; i < to; i++) {
        all.get(nTrain + i, q);
        found[i] = codec.search(q, database, maxR);
      }
    });
    double ms = 1000 * (System.nanoTime() - t0) / 1e9 / queries;
    double[] recall = new double[RECALL_AT.length];
    for (int i = 0; i < queries; i++) {
      for (int a = 0; a < RECALL_AT.length; a++) {
        for (int k = 0; k < Math.min(RECALL_AT[a], found[i].length); k++) {
          if (found[i][k] == truth.nearest[i]) {
            recall[a]++;
            break;
          }
        }
      }
    }
    for (int a = 0; a < recall.length; a++) {
      recall[a] /= queries;
    }
    return new CompressionResults.SearchRow("ADC " + name, nTrain, queries, recall[0], recall[1],
        recall[2], ms, bytesPerImage);
  }

  /** Heap use over one phase (see the class comment). */
  private static final class Memory {
    double peakMb;
    double liveMb;

    static Memory start() {
      System.gc();
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          p.resetPeakUsage();
        }
      }
      return new Memory();
    }

    void stop() {
      long peak = 0;
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          peak += p.getPeakUsage().getUsed();
        }
      }
      peakMb = peak / 1e6;
      System.gc();
      Runtime rt = Runtime.getRuntime();
      liveMb = (rt.totalMemory() - rt.freeMemory()) / 1e6;
    }
  }
}
