package org.emkit.spark;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.emkit.cluster.KMeansMachine;
import org.emkit.fa.IVectorMachine;
import org.emkit.fisher.FisherOptions;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.PowerNormalization;
import org.emkit.fisher.VLADOptions;
import org.emkit.fisher.VectorNormalization;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.mixture.GMMMachine;

/**
 * The entry point of emkit's Spark jobs, for {@code spark-submit} on a cluster or, with no
 * master configured, an embedded {@code local[*]} session.
 *
 * <pre>
 * spark-submit --class org.emkit.spark.SparkMain em-spark-VERSION-spark-submit.jar COMMAND [options]
 *
 *   kmeans          --data D --clusters K [--seed S] [--max-iter N] --out km.h5
 *   gmm             --data D --components K [--init-model m.h5] [--max-iter N]
 *                   [--convergence-threshold E] [--update mvw] [--variance-floor F] [--seed S]
 *                   --out ubm.h5
 *   stats           --data D --key COL --ubm ubm.h5 --out DIR          (per-key GMMStats)
 *   map             --data D --key COL --ubm ubm.h5 [--relevance-factor R] [--update m]
 *                   [--max-iter N] --out DIR                           (one model per key)
 *   ivector-train   --stats DIR --ubm ubm.h5 --rank R [--iterations N] [--seed S] --out tv.h5
 *   ivector-extract --stats DIR --key COL --model tv.h5 --out DIR
 *   fv              --data D --key COL --gmm ubm.h5 [--normalization improved|none|power|l2]
 *                   --out DIR
 *   vlad            --data D --key COL --kmeans km.h5 [--intra-norm] --out DIR
 *
 * common: --format parquet|orc|json|csv (default parquet; the format of --data and --stats),
 *         --features COL (default "features": array&lt;double&gt;, array&lt;float&gt; or ML vector,
 *         one row per frame or descriptor), --partitions N (repartition the input),
 *         --master M (default: the one spark-submit sets, else local[*])
 * </pre>
 *
 * <p>Models ({@code .h5}) are read and written on the driver with io-hdf5 (bob's v1.0 GMM
 * layout for GMMs, emkit's layouts for k-means and i-vector extractors, which store their UBM);
 * per-key results are Parquet directories with the layouts of {@link SparkSets} and
 * {@link SparkIVector}. Progress and errors go to the {@code System.Logger} "org.emkit.spark"
 * (java.util.logging by default, on stderr). Exit codes: 0 success, 2 usage error, 3 bad input,
 * 1 other failure.
 *
 * <p>The command line's {@code ./emkit spark COMMAND ...} runs this class in an embedded
 * {@code local[*]} session with the JVM flags Spark needs on Java 17 (em-spark/pom.xml,
 * property {@code emkit.spark.opens}) and Spark's jars on the class path.
 */
public final class SparkMain {

  private static final Logger LOG = System.getLogger("org.emkit.spark");

  /** Exit code of a usage error. */
  public static final int USAGE = 2;
  /** Exit code of an unreadable or invalid input. */
  public static final int BAD_INPUT = 3;

  private SparkMain() {}

  /**
   * Runs a command and exits the JVM with its code.
   *
   * @param args the command and its options
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs a command (the testable form of {@link #main}): uses the active Spark session if there
   * is one, else creates one (stopped at the end).
   *
   * @param args the command and its options
   * @return the exit code
   */
  public static int run(String[] args) {
    if (args.length == 0) {
      LOG.log(Level.ERROR, "usage: SparkMain COMMAND [options]; commands: kmeans, gmm, stats,"
          + " map, ivector-train, ivector-extract, fv, vlad (see the class documentation)");
      return USAGE;
    }
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      LOG.log(Level.ERROR, e.getMessage());
      return USAGE;
    }
    boolean created = SparkSession.getActiveSession().isEmpty();
    SparkSession spark = created ? session(o) : SparkSession.active();
    try {
      OrderedReduce.run(() -> {
        try {
          execute(spark, o);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return null;
      });
      return 0;
    } catch (UsageException e) {
      LOG.log(Level.ERROR, e.getMessage());
      return USAGE;
    } catch (java.io.UncheckedIOException e) {
      LOG.log(Level.ERROR, args[0] + ": " + e.getCause().getMessage());
      return BAD_INPUT;
    } catch (IllegalArgumentException e) {
      LOG.log(Level.ERROR, args[0] + ": " + e.getMessage());
      return BAD_INPUT;
    } catch (Exception e) {
      // Spark's failures (SparkException, AnalysisException for a missing path) and others
      LOG.log(Level.ERROR, args[0] + " failed: " + e, e);
      return 1;
    } finally {
      if (created) {
        spark.stop();
      }
    }
  }

  private static SparkSession session(Options o) {
    String master = o.get("master", null);
    SparkSession.Builder b;
    if (master != null) {
      b = SparkSession.builder().master(master).appName("emkit")
          .config("spark.ui.enabled", "false");
    } else if (System.getProperty("spark.master") != null) {
      b = SparkSession.builder().appName("emkit");
    } else {
      b = EmbeddedSpark.builder("emkit");
    }
    return b.getOrCreate();
  }

  /** A usage error found after parsing (a missing or malformed option). */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private static void execute(SparkSession spark, Options o) throws IOException {
    switch (o.command) {
      case "kmeans": {
        KMeansMachine config = KMeansMachine.builder(o.intValue("clusters"))
            .seed(o.longValue("seed", 0)).maxIterations(o.intValue("max-iter", 20)).build();
        try (FrameSet f = frames(spark, o)) {
          KMeansMachine km = SparkKMeans.fit(f, config);
          Hdf5.saveKMeans(o.path("out"), km);
          LOG.log(Level.INFO, "kmeans: " + km.report());
        }
        return;
      }
      case "gmm": {
        GMMMachine.Builder b;
        if (o.has("init-model")) {
          b = Hdf5.loadGmm(o.path("init-model")).toBuilder().init(GMMMachine.Init.GIVEN);
        } else {
          b = GMMMachine.builder(o.intValue("components"));
        }
        b.maxIterations(o.intValue("max-iter", 200)).updates(updates(o.get("update", "mvw")))
            .convergenceThreshold(o.doubleValue("convergence-threshold", 1e-5))
            .seed(o.longValue("seed", 0));
        if (o.has("variance-floor")) {
          b.varianceFloor(o.doubleValue("variance-floor", 0));
        }
        try (FrameSet f = frames(spark, o)) {
          GMMMachine m = SparkGMM.fit(f, b.build());
          Hdf5.saveGmm(o.path("out"), m);
          LOG.log(Level.INFO, "gmm: " + m.report());
        }
        return;
      }
      case "stats": {
        GMMMachine ubm = Hdf5.loadGmm(o.path("ubm"));
        write(SparkSets.statistics(keyed(spark, o), ubm), o);
        return;
      }
      case "map": {
        GMMMachine ubm = Hdf5.loadGmm(o.path("ubm"));
        GMMMachine.Builder b = GMMMachine.map(ubm).updates(updates(o.get("update", "m")))
            .maxIterations(o.intValue("max-iter", 1));
        if (o.has("relevance-factor")) {
          b.relevanceFactor(o.doubleValue("relevance-factor", 4));
        }
        write(SparkSets.adapt(keyed(spark, o), b.build()), o);
        return;
      }
      case "ivector-train": {
        GMMMachine ubm = Hdf5.loadGmm(o.path("ubm"));
        IVectorMachine m = IVectorMachine.builder(ubm, o.intValue("rank"))
            .iterations(o.intValue("iterations", 25)).seed(o.longValue("seed", 0)).build();
        IVectorMachine fitted = SparkIVector.fit(read(spark, o, "stats"), m);
        Hdf5.saveIVector(o.path("out"), fitted);
        LOG.log(Level.INFO, "ivector-train: " + fitted.report());
        return;
      }
      case "ivector-extract": {
        IVectorMachine m = Hdf5.loadIVector(o.path("model"));
        write(SparkIVector.transform(read(spark, o, "stats"), o.require("key"), m), o);
        return;
      }
      case "fv": {
        GMMMachine gmm = Hdf5.loadGmm(o.path("gmm"));
        write(SparkSets.encodeFisher(keyed(spark, o), FisherVectorEncoder.of(gmm,
            fisherOptions(o.get("normalization", "improved")))), o);
        return;
      }
      case "vlad": {
        KMeansMachine km = Hdf5.loadKMeans(o.path("kmeans"));
        VLADOptions vo = o.has("intra-norm")
            ? VLADOptions.builder().intra(VectorNormalization.L2).build()
            : VLADOptions.vlfeatDefault();
        write(SparkSets.encodeVlad(keyed(spark, o), km, vo), o);
        return;
      }
      default:
        throw new UsageException("unknown command '" + o.command + "'; commands: kmeans, gmm,"
            + " stats, map, ivector-train, ivector-extract, fv, vlad");
    }
  }

  private static FisherOptions fisherOptions(String name) {
    FisherOptions.Builder b = FisherOptions.builder();
    switch (name) {
      case "improved":
        return b.build();
      case "none":
        return b.power(PowerNormalization.NONE).l2(VectorNormalization.NONE).build();
      case "power":
        return b.l2(VectorNormalization.NONE).build();
      case "l2":
        return b.power(PowerNormalization.NONE).build();
      default:
        throw new UsageException("--normalization must be one of improved, none, power, l2; got "
            + name);
    }
  }

  private static Set<GMMMachine.Update> updates(String letters) {
    EnumSet<GMMMachine.Update> u = EnumSet.noneOf(GMMMachine.Update.class);
    for (char ch : letters.toCharArray()) {
      switch (ch) {
        case 'm':
          u.add(GMMMachine.Update.MEANS);
          break;
        case 'v':
          u.add(GMMMachine.Update.VARIANCES);
          break;
        case 'w':
          u.add(GMMMachine.Update.WEIGHTS);
          break;
        default:
          throw new UsageException("--update takes letters of m, v, w; got " + letters);
      }
    }
    return u;
  }

  private static Dataset<Row> read(SparkSession spark, Options o, String option) {
    Dataset<Row> df = spark.read().format(o.get("format", "parquet")).load(o.require(option));
    int parts = o.intValue("partitions", 0);
    return parts > 0 ? df.repartition(parts) : df;
  }

  private static FrameSet frames(SparkSession spark, Options o) {
    Dataset<Row> df = read(spark, o, "data");
    return FrameSet.of(df, o.get("features", "features"), o.get("key", null));
  }

  private static KeyedSets keyed(SparkSession spark, Options o) {
    return KeyedSets.fromFrames(read(spark, o, "data"), o.require("key"),
        o.get("features", "features"));
  }

  private static void write(Dataset<Row> df, Options o) {
    df.write().mode("errorifexists").parquet(o.require("out"));
  }

  /** {@code --name value} options after the command; {@code --intra-norm} is a flag. */
  static final class Options {
    private static final Set<String> FLAGS = Set.of("intra-norm");
    final String command;
    private final Map<String, String> values = new HashMap<>();

    private Options(String command) {
      this.command = command;
    }

    static Options parse(String[] args) {
      Options o = new Options(args[0]);
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        if (!a.startsWith("--") || a.length() == 2) {
          throw new IllegalArgumentException("expected an option --name, got '" + a + "'");
        }
        String name = a.substring(2);
        if (FLAGS.contains(name)) {
          o.values.put(name, "true");
        } else {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("option --" + name + " needs a value");
          }
          o.values.put(name, args[++i]);
        }
      }
      return o;
    }

    boolean has(String name) {
      return values.containsKey(name);
    }

    String get(String name, String dflt) {
      return values.getOrDefault(name, dflt);
    }

    String require(String name) {
      String v = values.get(name);
      if (v == null) {
        throw new UsageException(command + ": option --" + name + " is required");
      }
      return v;
    }

    Path path(String name) {
      return Path.of(require(name));
    }

    int intValue(String name) {
      return parseInt(name, require(name));
    }

    int intValue(String name, int dflt) {
      return has(name) ? parseInt(name, values.get(name)) : dflt;
    }

    long longValue(String name, long dflt) {
      try {
        return has(name) ? Long.parseLong(values.get(name)) : dflt;
      } catch (NumberFormatException e) {
        throw new UsageException("--" + name + " must be an integer, got " + values.get(name));
      }
    }

    double doubleValue(String name, double dflt) {
      try {
        return has(name) ? Double.parseDouble(values.get(name)) : dflt;
      } catch (NumberFormatException e) {
        throw new UsageException("--" + name + " must be a number, got " + values.get(name));
      }
    }

    private static int parseInt(String name, String v) {
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new UsageException("--" + name + " must be an integer, got " + v);
      }
    }
  }
}
