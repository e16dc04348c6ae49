package org.emkit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.fisher.FisherOptions;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.mixture.PosteriorRule;
import org.emkit.scoring.LinearScoring;

/**
 * emkit's side of the peer comparison (issue 10): runs workloads W1–W4 on the files written by
 * {@code shared/bench/peers/common/gen_data.py} (the same files VLFeat and scikit-learn read) and
 * prints one JSON line per measurement in the peers' record format ({@code peer}, {@code
 * workload}, {@code op}, {@code threads}, lists of seconds), so that the peers' runner and
 * summariser treat emkit as one more peer.
 *
 * <pre>
 *   java ... org.emkit.bench.PeerRunner DATA_DIR MODE THREADS REPS
 *   MODE: gmm (W1 E-step and one EM iteration), fv (W2 improved FVs), fv-skip (W2 with VLFeat's
 *         p &lt; 1e-6 posterior skip), kmeans (W3 one Lloyd
 *         iteration), w4 (UBM statistics + MAP means + linear scoring)
 * </pre>
 *
 * Every timed quantity has one untimed warm-up, then REPS samples; the initial model is the same
 * for every sample (fixed initial parameters, as the peers). Data are float32 on disk and
 * converted to double once before timing (emkit's kernels are double precision).
 */
public final class PeerRunner {

  private final Path dir;
  private final int threads;
  private final int reps;
  private final Map<String, Long> meta = new HashMap<>();

  private PeerRunner(Path dir, int threads, int reps) throws IOException {
    this.dir = dir;
    this.threads = threads;
    this.reps = reps;
    for (String line : Files.readAllLines(dir.resolve("meta.txt"))) {
      String[] kv = line.trim().split("\\s+");
      if (kv.length == 2) {
        meta.put(kv[0], Long.parseLong(kv[1]));
      }
    }
  }

  /**
   * @param args DATA_DIR MODE THREADS REPS
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: PeerRunner DATA_DIR gmm|fv|fv-skip|kmeans|w4 THREADS REPS");
      System.exit(2);
    }
    PeerRunner r = new PeerRunner(Paths.get(args[0]), Integer.parseInt(args[2]),
        Integer.parseInt(args[3]));
    switch (args[1]) {
      case "gmm":
        r.gmm();
        break;
      case "fv":
        r.fv(false);
        break;
      case "fv-skip":
        r.fv(true);
        break;
      case "kmeans":
        r.kmeans();
        break;
      case "w4":
        r.w4();
        break;
      default:
        System.err.println("unknown mode " + args[1]);
        System.exit(2);
    }
  }

  private int m(String key) {
    Long v = meta.get(key);
    if (v == null) {
      throw new IllegalStateException("meta.txt has no " + key);
    }
    return v.intValue();
  }

  private double[] load(String name, long count) throws IOException {
    Path f = dir.resolve(name + ".f32");
    double[] out = new double[Math.toIntExact(count)];
    try (InputStream in = Files.newInputStream(f)) {
      byte[] buf = new byte[1 << 20];
      ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
      int k = 0;
      while (k < out.length) {
        int want = Math.min(buf.length, (out.length - k) * 4);
        int got = in.readNBytes(buf, 0, want);
        if (got < want) {
          throw new IOException(f + ": truncated");
        }
        bb.clear();
        for (int q = 0; q < got / 4; q++) {
          out[k++] = bb.getFloat();
        }
      }
    }
    return out;
  }

  private GMMMachine gmm(String prefix, int k, int d) throws IOException {
    return GMMMachine.builder(k).weights(load(prefix + "weights", k))
        .means(Matrix.wrap(k, d, load(prefix + "means", (long) k * d)))
        .variances(Matrix.wrap(k, d, load(prefix + "vars", (long) k * d)))
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .parallelism(threads).build();
  }

  private interface Timed {
    void run() throws Exception;
  }

  private static double seconds(Timed t) throws Exception {
    long t0 = System.nanoTime();
    t.run();
    return (System.nanoTime() - t0) * 1e-9;
  }

  private List<Double> samples(Timed t) throws Exception {
    seconds(t); // warm-up
    List<Double> s = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      s.add(seconds(t));
    }
    return s;
  }

  private String head(String workload, String op) {
    return String.format(Locale.ROOT, "{\"peer\": \"emkit\", \"version\": \"0.1.0\", \"workload\": \"%s\","
        + " \"op\": \"%s\", \"type\": \"double\", \"threads\": %d, \"java\": \"%s\", \"reps\": %d",
        workload, op, threads, System.getProperty("java.version"), reps);
  }

  private static String list(List<Double> v) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.6f", v.get(i)));
    }
    return sb.append(']').toString();
  }

  private void gmm() throws Exception {
    int n = m("w1_N");
    int d = m("w1_D");
    int k = m("w1_K");
    Matrix x = Matrix.wrap(n, d, load("w1_data", (long) n * d));
    GMMMachine init = gmm("w1_init_", k, d);
    GMMMachine[] out = new GMMMachine[1];
    GMMStats[] st = new GMMStats[1];
    List<Double> em = samples(() -> out[0] = init.mStep(st[0] = init.transform(x)));
    List<Double> estep = samples(() -> init.logLikelihood(x));
    List<Double> estepStats = samples(() -> init.transform(x));
    System.out.println(head("W1", "gmm_em_1iter") + String.format(Locale.ROOT,
        ", \"N\": %d, \"D\": %d, \"K\": %d, \"em_iter_s\": %s, \"estep_s\": %s,"
            + " \"estep_with_stats_s\": %s, \"avg_loglik_after_iter1\": %.6f}",
        n, d, k, list(em), list(estep), list(estepStats), st[0].logLikelihood() / st[0].t()));
  }

  /**
   * W2. {@code skip}: VLFeat's own algorithm, posteriors below 1e-6 dropped without
   * renormalisation ({@link PosteriorRule#truncate}, what {@code vl_fisher_encode} does); otherwise
   * exact posteriors (the numpy peer's algorithm).
   */
  private void fv(boolean skip) throws Exception {
    int sets = m("w2_SETS");
    int per = m("w2_PER_SET");
    int d = m("w1_D");
    int k = m("w1_K");
    Matrix x = Matrix.wrap(sets * per, d, load("w2_sets", (long) sets * per * d));
    GMMMachine gmm = gmm("w1_true_", k, d);
    FisherVectorEncoder enc = skip
        ? FisherVectorEncoder.of(gmm, FisherOptions.builder()
            .posteriorRule(PosteriorRule.truncate(1e-6)).build())
        : FisherVectorEncoder.improved(gmm);
    int[] lengths = new int[sets];
    Arrays.fill(lengths, per);
    List<Double> t = samples(() -> enc.encodeSets(x, lengths, threads));
    System.out.println(head("W2", skip ? "fisher_improved_skip_1e-6" : "fisher_improved")
        + String.format(Locale.ROOT,
        ", \"sets\": %d, \"per_set\": %d, \"D\": %d, \"K\": %d, \"fv_total_s\": %s}",
        sets, per, d, k, list(t)));
  }

  private void kmeans() throws Exception {
    int n = m("w1_N");
    int d = m("w1_D");
    int k = m("w1_K");
    Matrix x = Matrix.wrap(n, d, load("w1_data", (long) n * d));
    Matrix c0 = Matrix.wrap(k, d, load("w1_init_means", (long) k * d));
    KMeansMachine km = KMeansMachine.builder(k).initialCentroids(c0).maxIterations(1)
        .parallelism(threads).build();
    KMeansMachine[] out = new KMeansMachine[1];
    List<Double> t = samples(() -> out[0] = km.fit(x));
    System.out.println(head("W3", "kmeans_lloyd") + String.format(Locale.ROOT,
        ", \"N\": %d, \"D\": %d, \"K\": %d, \"lloyd_iter_s\": %s, \"energy_assign_init\": %.6f}",
        n, d, k, list(t), out[0].report().objectives()[0] * n));
  }

  private void w4() throws Exception {
    int k = m("w4_K");
    int d = m("w4_D");
    int f = m("w4_FRAMES");
    int ne = m("w4_ENROLL");
    int nt = m("w4_TEST");
    GMMMachine ubm = gmm("w4_ubm_", k, d);
    Matrix enroll = Matrix.wrap(ne * f, d, load("w4_enroll", (long) ne * f * d));
    Matrix test = Matrix.wrap(nt * f, d, load("w4_test", (long) nt * f * d));
    int[] le = new int[ne];
    int[] lt = new int[nt];
    Arrays.fill(le, f);
    Arrays.fill(lt, f);
    GMMMachine mapTemplate = GMMMachine.map(ubm).relevanceFactor(4).maxIterations(1)
        .parallelism(threads).build();
    List<Double> total = new ArrayList<>();
    List<Double> stats = new ArrayList<>();
    List<Double> map = new ArrayList<>();
    List<Double> scoring = new ArrayList<>();
    double[] score00 = new double[1];
    for (int r = 0; r <= reps; r++) {
      long t0 = System.nanoTime();
      List<GMMStats> es = ubm.transformSets(enroll, le);
      List<GMMStats> ts = ubm.transformSets(test, lt);
      long t1 = System.nanoTime();
      List<Matrix> models = new ArrayList<>(ne);
      for (GMMStats s : es) {
        models.add(mapTemplate.mStep(s).means());
      }
      long t2 = System.nanoTime();
      Matrix sc = LinearScoring.linearScoring(models, ubm, ts, null,
          LinearScoring.FrameLengthNormalization.NONE);
      long t3 = System.nanoTime();
      score00[0] = sc.get(0, 0);
      if (r > 0) {
        total.add((t3 - t0) * 1e-9);
        stats.add((t1 - t0) * 1e-9);
        map.add((t2 - t1) * 1e-9);
        scoring.add((t3 - t2) * 1e-9);
      }
    }
    System.out.println(head("W4", "ubm_stats_map_linscore") + String.format(Locale.ROOT,
        ", \"utterances\": %d, \"frames\": %d, \"K\": %d, \"D\": %d, \"w4_total_s\": %s,"
            + " \"stats_s\": %s, \"map_s\": %s, \"scoring_s\": %s, \"score_00\": %.6f}",
        ne + nt, f, k, d, list(total), list(stats), list(map), list(scoring), score00[0]));
  }
}
