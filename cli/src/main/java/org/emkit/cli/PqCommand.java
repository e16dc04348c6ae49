package org.emkit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.emkit.core.Matrix;
import org.emkit.core.io.AtomicFiles;
import org.emkit.core.io.Npy;
import org.emkit.core.internal.Parallel;
import org.emkit.fisher.compress.ProductQuantizer;
import org.emkit.fisher.compress.SparseFisherCodec;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.io.hdf5.Hdf5Info;
import org.emkit.linear.VectorSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emkit pq}: product quantisation of vectors (for example Fisher vectors) — train a
 * quantiser or a sparse Fisher codec, encode vectors to compact codes, and search the codes by
 * asymmetric distance (Jégou et al. 2011; Sánchez et al. 2013).
 */
@Command(name = "pq", mixinStandardHelpOptions = true, showDefaultValues = true,
    versionProvider = EmkitCommand.Version.class,
    description = "Product quantisation: train a quantiser, encode vectors, search codes.",
    subcommands = {PqCommand.Train.class, PqCommand.Encode.class, PqCommand.Search.class})
final class PqCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: train, encode or search");
  }

  /** A quantiser or a codec read from a model file. */
  static final class Model {
    final ProductQuantizer quantizer;
    final SparseFisherCodec codec;

    Model(ProductQuantizer quantizer, SparseFisherCodec codec) {
      this.quantizer = quantizer;
      this.codec = codec;
    }

    int length() {
      return quantizer != null ? quantizer.length() : codec.length();
    }

    byte[] encode(double[] v) {
      return quantizer != null ? quantizer.encode(v) : codec.encode(v);
    }

    double[] distanceTable(double[] query) {
      return quantizer != null ? quantizer.distanceTable(query) : codec.distanceTable(query);
    }

    int[] search(double[] query, List<byte[]> db, int r) {
      return quantizer != null ? quantizer.search(query, db.toArray(new byte[0][]), r)
          : codec.search(query, db, r);
    }

    double adcDistance(double[] table, byte[] code) {
      return quantizer != null ? quantizer.adcDistance(table, code)
          : codec.adcDistance(table, code);
    }

    static Model load(String spec, String option) {
      Path p = Paths.get(spec);
      try {
        Hdf5Info.Kind kind = Hdf5.inspect(p).kind();
        if (kind == Hdf5Info.Kind.PRODUCT_QUANTIZER) {
          return new Model(Hdf5.loadProductQuantizer(p), null);
        }
        if (kind == Hdf5Info.Kind.SPARSE_FISHER_CODEC) {
          return new Model(null, Hdf5.loadSparseFisherCodec(p));
        }
        throw CliException.badInput(option + " " + spec + ": not a product quantiser or sparse"
            + " Fisher codec file (it holds " + kind.name().toLowerCase(Locale.ROOT) + ")", null);
      } catch (NoSuchFileException e) {
        throw CliException.badInput(option + " " + spec + ": no such file", e);
      } catch (IOException e) {
        throw CliException.badInput(option + " " + spec + ": " + e.getMessage(), e);
      }
    }

    List<byte[]> loadCodes(String spec, String option) {
      Path p = Paths.get(spec);
      try {
        return quantizer != null ? Hdf5.loadCodes(p, quantizer) : Hdf5.loadCodes(p, codec);
      } catch (NoSuchFileException e) {
        throw CliException.badInput(option + " " + spec + ": no such file", e);
      } catch (IOException e) {
        throw CliException.badInput(option + " " + spec + ": " + e.getMessage(), e);
      }
    }
  }

  /** Checks that the data has the model's length. */
  static void requireLength(Matrix x, String option, String spec, Model model, String modelSpec) {
    if (x.cols() != model.length()) {
      throw CliException.badInput(option + " " + spec + ": has " + x.cols() + " columns but --model "
          + modelSpec + " has length " + model.length(), null);
    }
  }

  /** {@code emkit pq train}. */
  @Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
      versionProvider = EmkitCommand.Version.class,
      description = "Train a product quantiser (one k-means codebook of 2^(b*G) centroids per"
          + " G-dimensional sub-vector) or, with --sparse-blocks K, a sparse Fisher codec (one"
          + " quantiser per Gaussian block plus a bit per block marking exact zeros).")
  static final class Train implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--data", required = true, paramLabel = "X",
        description = "Training vectors, one per row: .npy, .csv or file.h5:/dataset.")
    String data;

    @Option(names = "--bits", defaultValue = "1", paramLabel = "B",
        description = "Bits per dimension b, >= 1, with b*G <= 16.")
    int bits;

    @Option(names = "--group", defaultValue = "8", paramLabel = "G",
        description = "Sub-vector length G, >= 1 (must divide the length without --sparse-blocks).")
    int group;

    @Option(names = "--sparse-blocks", paramLabel = "K",
        description = "Train a sparse Fisher codec over K blocks (Gaussians) instead; K must"
            + " divide the length; blocks are zero-padded to a multiple of G.")
    Integer sparseBlocks;

    @Option(names = "--renormalize", defaultValue = "none", paramLabel = "RULE",
        description = "With --sparse-blocks: rescale decoded vectors, none or l2.")
    String renormalize;

    @Option(names = "--kmeans-iterations", defaultValue = "20", paramLabel = "N",
        description = "Lloyd iterations per codebook, >= 1.")
    int kmeansIterations;

    @Option(names = "--max-training", paramLabel = "N",
        description = "Training vectors (blocks) per codebook, >= 1 (default: all).")
    Integer maxTraining;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output HDF5 file.")
    String out;

    @Mixin CommonOptions common;

    Train(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      common.validate();
      if (bits < 1 || group < 1 || bits * group > 16) {
        throw CliException.usage("--bits and --group must be >= 1 with bits*group in [1, 16], got "
            + bits + "*" + group + " = " + bits * group);
      }
      if (kmeansIterations < 1) {
        throw CliException.usage("--kmeans-iterations must be >= 1, got " + kmeansIterations);
      }
      if (maxTraining != null && maxTraining < 1) {
        throw CliException.usage("--max-training must be >= 1, got " + maxTraining);
      }
      if (sparseBlocks != null && sparseBlocks < 1) {
        throw CliException.usage("--sparse-blocks must be >= 1, got " + sparseBlocks);
      }
      SparseFisherCodec.Renormalization renorm;
      switch (renormalize) {
        case "none":
          renorm = SparseFisherCodec.Renormalization.NONE;
          break;
        case "l2":
          renorm = SparseFisherCodec.Renormalization.L2;
          break;
        default:
          throw CliException.usage("--renormalize must be none or l2, got '" + renormalize + "'");
      }
      ProductQuantizer.Builder b = ProductQuantizer.builder(group, bits)
          .kmeansIterations(kmeansIterations).seed(common.seed).parallelism(common.threads);
      if (maxTraining != null) {
        b.maxTrainingVectors(maxTraining);
      }
      Matrix x = Inputs.matrix(data, "--data");
      String what;
      try {
        if (sparseBlocks == null) {
          ProductQuantizer q = b.build().fit(x);
          Outputs.write(out, f -> Hdf5.saveProductQuantizer(f, q));
          what = "product quantiser, " + q.numSubspaces() + " sub-spaces, " + q.codeBytes()
              + " bytes per code";
        } else {
          SparseFisherCodec c = SparseFisherCodec.fit(VectorSource.of(x), sparseBlocks, b.build(),
              renorm);
          Outputs.write(out, f -> Hdf5.saveSparseFisherCodec(f, c));
          what = "sparse Fisher codec, " + c.numBlocks() + " blocks of " + c.blockLength() + ", "
              + c.blockCodeBytes() + " bytes per non-zero block";
        }
      } catch (IllegalArgumentException e) {
        throw CliException.badInput("--data " + data + ": " + e.getMessage(), e);
      }
      if (!common.quiet) {
        ctx.err.println("pq train: " + what);
      }
      return 0;
    }
  }

  /** {@code emkit pq encode}. */
  @Command(name = "encode", mixinStandardHelpOptions = true, showDefaultValues = true,
      versionProvider = EmkitCommand.Version.class,
      description = "Encode vectors with a quantiser or codec; writes an HDF5 codes file tied to"
          + " the model by its checksum.")
  static final class Encode implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--model", required = true, paramLabel = "FILE",
        description = "The quantiser or codec (HDF5, from pq train).")
    String model;

    @Option(names = "--data", required = true, paramLabel = "X",
        description = "Vectors, one per row: .npy, .csv or file.h5:/dataset.")
    String data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output HDF5 codes file.")
    String out;

    @Mixin CommonOptions common;

    Encode(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      common.validate();
      Model m = Model.load(model, "--model");
      Matrix x = Inputs.matrix(data, "--data");
      requireLength(x, "--data", data, m, model);
      byte[][] codes = new byte[x.rows()][];
      try {
        Parallel.forEachChunk(x.rows(), 256, common.threads, (from, to) -> {
          for (int i = from; i < to; i++) {
            codes[i] = m.encode(x.row(i));
          }
        });
      } catch (IllegalArgumentException e) {
        throw CliException.badInput("--data " + data + ": " + e.getMessage(), e);
      }
      List<byte[]> list = List.of(codes);
      Outputs.write(out, f -> {
        if (m.quantizer != null) {
          Hdf5.saveCodes(f, m.quantizer, list);
        } else {
          Hdf5.saveCodes(f, m.codec, list);
        }
      });
      if (!common.quiet) {
        long bytes = 0;
        for (byte[] c : codes) {
          bytes += c.length;
        }
        ctx.err.println(String.format(Locale.ROOT, "pq encode: %d vectors, %.1f bytes per vector"
            + " (float32: %d)", codes.length, (double) bytes / codes.length, 4 * x.cols()));
      }
      return 0;
    }
  }

  /** {@code emkit pq search}. */
  @Command(name = "search", mixinStandardHelpOptions = true, showDefaultValues = true,
      versionProvider = EmkitCommand.Version.class,
      description = "For each query, the R nearest coded vectors by asymmetric distance (the"
          + " query uncompressed); .npy: a Q x R array of database row indices (float64);"
          + " .csv: query,rank,index,distance.")
  static final class Search implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--model", required = true, paramLabel = "FILE",
        description = "The quantiser or codec the codes were written with.")
    String model;

    @Option(names = "--codes", required = true, paramLabel = "FILE",
        description = "The database: a codes file from pq encode.")
    String codes;

    @Option(names = "--queries", required = true, paramLabel = "Q",
        description = "Query vectors, one per row: .npy, .csv or file.h5:/dataset.")
    String queries;

    @Option(names = "--top", defaultValue = "10", paramLabel = "R",
        description = "Neighbours per query, >= 1 (fewer if the database is smaller).")
    int top;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output .npy or .csv file.")
    String out;

    @Mixin CommonOptions common;

    Search(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      common.validate();
      if (top < 1) {
        throw CliException.usage("--top must be >= 1, got " + top);
      }
      String lower = out.toLowerCase(Locale.ROOT);
      if (!lower.endsWith(".npy") && !lower.endsWith(".csv")) {
        throw CliException.usage("--out must be a .npy or .csv file, got '" + out + "'");
      }
      Model m = Model.load(model, "--model");
      List<byte[]> db = m.loadCodes(codes, "--codes");
      if (db.isEmpty()) {
        throw CliException.badInput("--codes " + codes + ": holds no codes", null);
      }
      Matrix q = Inputs.matrix(queries, "--queries");
      requireLength(q, "--queries", queries, m, model);
      int r = Math.min(top, db.size());
      double[][] dist = new double[q.rows()][];
      int[][] idx = new int[q.rows()][];
      try {
        Parallel.forEachChunk(q.rows(), 16, common.threads, (from, to) -> {
          for (int i = from; i < to; i++) {
            double[] query = q.row(i);
            idx[i] = m.search(query, db, r);
            double[] table = m.distanceTable(query);
            dist[i] = new double[r];
            for (int k = 0; k < r; k++) {
              dist[i][k] = m.adcDistance(table, db.get(idx[i][k]));
            }
          }
        });
      } catch (IllegalArgumentException e) {
        throw CliException.badInput("--queries " + queries + ": " + e.getMessage(), e);
      }
      if (lower.endsWith(".npy")) {
        double[] v = new double[q.rows() * r];
        for (int i = 0; i < q.rows(); i++) {
          for (int k = 0; k < r; k++) {
            v[i * r + k] = idx[i][k];
          }
        }
        Outputs.write(out, f -> Npy.write(f, Matrix.wrap(q.rows(), r, v)));
      } else {
        StringBuilder s = new StringBuilder("query,rank,index,distance\n");
        for (int i = 0; i < q.rows(); i++) {
          for (int k = 0; k < r; k++) {
            s.append(i).append(',').append(k + 1).append(',').append(idx[i][k]).append(',')
                .append(dist[i][k]).append('\n');
          }
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        Outputs.write(out, f -> AtomicFiles.write(f, (java.io.OutputStream o) -> o.write(bytes)));
      }
      if (!common.quiet) {
        ctx.err.println("pq search: " + q.rows() + " queries, " + r + " neighbours each among "
            + db.size() + " codes");
      }
      return 0;
    }
  }
}
