package org.emkit.io.hdf5;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.core.io.AtomicFiles;
import org.emkit.fa.EMPCA;
import org.emkit.fa.ISVMachine;
import org.emkit.fa.IVectorMachine;
import org.emkit.fa.JFAMachine;
import org.emkit.fa.PLDA;
import org.emkit.fa.TwoCovariancePLDA;
import org.emkit.fisher.BagOfWordsEncoder;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.VLADEncoder;
import org.emkit.fisher.compress.ProductQuantizer;
import org.emkit.fisher.compress.SparseFisherCodec;
import org.emkit.linear.Inversion;
import org.emkit.linear.LDA;
import org.emkit.linear.LengthNormalization;
import org.emkit.linear.PCA;
import org.emkit.linear.Projection;
import org.emkit.linear.SgdClassifier;
import org.emkit.linear.WCCN;
import org.emkit.linear.Whitening;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.mixture.PosteriorRule;
import org.emkit.mixture.VarianceFloor;

/**
 * Loads and saves emkit machines, statistics and named arrays as HDF5 files that
 * bob.learn.em and h5py read, and reads bob.learn.em's files (current and legacy layouts).
 *
 * <p><b>Layouts</b> (full tables in {@code docs/file-formats.md}):
 *
 * <ul>
 *   <li>{@link GMMMachine}: bob.learn.em's v1.0 layout (root attributes {@code file_version}
 *       "1.0" and {@code writer_class}; datasets {@code n_gaussians}, {@code trainer},
 *       {@code convergence_threshold}, {@code max_fitting_steps}, {@code weights},
 *       {@code update_*}, {@code gaussians/means|variances|variance_thresholds}), plus a group
 *       {@code emkit} with what bob does not store (count threshold, MAP adaptation
 *       coefficient, numerics mode, posterior rule, initialisation, seed) and, for MAP
 *       machines, the prior in {@code emkit/prior} in the same layout. bob ignores the group.
 *   <li>{@link GMMStats}: bob.learn.em's v1.0 layout ({@code n_gaussians}, {@code n_features},
 *       {@code log_likelihood}, {@code T}, {@code n}, {@code sumPx}, {@code sumPxx}).
 *   <li>{@link KMeansMachine}, {@link WCCN}, {@link Whitening}: emkit layouts version "1.0"
 *       ({@code writer_class} {@code org.emkit...}); k-means centroids are in {@code means}, the
 *       name of bob's legacy k-means layout.
 *   <li>{@link ISVMachine}, {@link JFAMachine}, {@link IVectorMachine} (T as (C, D, R), σ as
 *       (C, D)): emkit layouts version "1.0" with the UBM in a group {@code ubm} (GMM layout);
 *       enrolled clients (ISV z; JFA y, z) in small layouts of their own, loaded against the
 *       machine they belong to.
 *   <li>{@link PLDA}: exactly the datasets of bob's C++ {@code PLDABase::save} (parameters, the
 *       cached terms written from the accessors, uint64 {@code dim_*}, uint32 index lists) plus
 *       an {@code emkit} group of hyperparameters; {@link PLDA.Enrollment} in bob's
 *       {@code PLDAMachine} names. {@link TwoCovariancePLDA} (and enrolments), {@link EMPCA},
 *       {@link LDA}, {@link PCA}, {@link LengthNormalization}, {@link SgdClassifier},
 *       {@link FisherVectorEncoder} (GMM, options, EMPIRICAL statistics), {@link VLADEncoder} and
 *       {@link BagOfWordsEncoder} (GMM or k-means centres, options): emkit layouts "1.0".
 *   <li>Reading also accepts bob's legacy C++ layouts (GMMMachine {@code m_*} groups, GMMStats
 *       with {@code n_inputs}/{@code log_liklihood}, scalars of shape (1,) or (1,1), arrays with
 *       a leading length-1 axis, chunked and deflate-compressed datasets), bob's legacy
 *       k-means layout (a lone {@code means}), and bob's C++ {@code ISVBase}, {@code JFABase},
 *       ISV/JFA client, {@code IVectorMachine} ({@code m_T} (CD, R)), {@code PLDABase} (every
 *       version) and {@code PLDAMachine} files; factor-analysis files without a UBM load with a
 *       UBM given by the caller.
 * </ul>
 *
 * <p><b>Types.</b> emkit writes strings as variable-length UTF-8 and booleans as h5py's enum
 * {FALSE=0, TRUE=1} over int8, exactly as bob/h5py do (bob's reader fails on fixed-length
 * strings); it reads both these and jhdf's forms (fixed-length strings, uint8 booleans).
 *
 * <p><b>Safety.</b> Every save builds the whole file in memory, writes it to a temporary file in
 * the target's directory and renames it over the target ({@link AtomicFiles}): a crash leaves
 * the previous file intact. Every file emkit writes carries a CRC-32C of its datasets in the
 * root attribute {@code emkit_checksum}, verified on load. Every failure to read a file as the
 * requested object (missing or misshapen dataset, wrong type, unknown {@code file_version},
 * truncation, corruption, checksum mismatch) is an {@link Hdf5FormatException} naming the file
 * and the object path; the underlying reader's runtime exceptions never escape.
 *
 * <p><b>Threads.</b> Stateless; safe to call from several threads on different files.
 *
 * <p><b>Compatibility.</b> bob.learn.em 3.3.0 reads the GMMMachine and GMMStats files (it
 * reloads a MAP machine as ML, its known bug; emkit reloads it as MAP), and the {@code ubm}
 * group of the factor-analysis files (its {@code from_hdf5} accepts a group). bob's MAP files
 * carry no prior: {@link #loadGmm(Path, GMMMachine)} supplies it, {@link #loadGmm(Path)} then
 * returns an ML machine with the stored parameters and logs a WARNING. Reloaded models equal
 * the saved ones bit for bit in every parameter and hyperparameter except {@code parallelism}
 * (a property of the run, reloaded as 1) and fit reports, which are not stored.
 *
 * @see Hdf5FormatException
 * @see Hdf5Info
 */
public final class Hdf5 {

  /** The {@code file_version} emkit writes; versions 1.x are read. */
  public static final String FILE_VERSION = "1.0";
  /** bob.learn.em's {@code writer_class} of GMMMachine files (written verbatim for bob). */
  public static final String BOB_GMM_CLASS = "<class 'bob.learn.em.GMMMachine'>";
  /** bob.learn.em's {@code writer_class} of GMMStats files. */
  public static final String BOB_STATS_CLASS = "<class 'bob.learn.em.GMMStats'>";
  /** {@code writer_class} of emkit k-means files. */
  public static final String KMEANS_CLASS = "org.emkit.cluster.KMeansMachine";
  /** {@code writer_class} of emkit WCCN files. */
  public static final String WCCN_CLASS = "org.emkit.linear.WCCN";
  /** {@code writer_class} of emkit whitening files. */
  public static final String WHITENING_CLASS = "org.emkit.linear.Whitening";
  /** {@code writer_class} of the {@code emkit} extension group of GMM files. */
  public static final String GMM_EXTENSION_CLASS = "org.emkit.mixture.GMMMachine";
  /** {@code writer_class} of emkit ISV files. */
  public static final String ISV_CLASS = "org.emkit.fa.ISVMachine";
  /** {@code writer_class} of emkit JFA files. */
  public static final String JFA_CLASS = "org.emkit.fa.JFAMachine";
  /** {@code writer_class} of emkit i-vector extractor files. */
  public static final String IVECTOR_CLASS = "org.emkit.fa.IVectorMachine";
  /** {@code writer_class} of emkit files of an enrolled ISV client (its z). */
  public static final String ISV_CLIENT_CLASS = "org.emkit.fa.ISVMachine.Client";
  /** {@code writer_class} of emkit files of an enrolled JFA client (its y and z). */
  public static final String JFA_ENROLLMENT_CLASS = "org.emkit.fa.JFAMachine.Enrollment";
  /** {@code writer_class} of emkit PLDA files (root and {@code emkit} group). */
  public static final String PLDA_CLASS = "org.emkit.fa.PLDA";
  /** {@code writer_class} of emkit PLDA enrolment files. */
  public static final String PLDA_ENROLLMENT_CLASS = "org.emkit.fa.PLDA.Enrollment";
  /** {@code writer_class} of emkit two-covariance PLDA files. */
  public static final String TWO_COVARIANCE_PLDA_CLASS = "org.emkit.fa.TwoCovariancePLDA";
  /** {@code writer_class} of emkit two-covariance PLDA enrolment files. */
  public static final String TWO_COVARIANCE_ENROLLMENT_CLASS =
      "org.emkit.fa.TwoCovariancePLDA.Enrollment";
  /** {@code writer_class} of emkit EMPCA files. */
  public static final String EMPCA_CLASS = "org.emkit.fa.EMPCA";
  /** {@code writer_class} of emkit LDA files. */
  public static final String LDA_CLASS = "org.emkit.linear.LDA";
  /** {@code writer_class} of emkit PCA files. */
  public static final String PCA_CLASS = "org.emkit.linear.PCA";
  /** {@code writer_class} of emkit length-normalisation files. */
  public static final String LENGTH_NORMALIZATION_CLASS = "org.emkit.linear.LengthNormalization";
  /** {@code writer_class} of emkit SGD classifier files. */
  public static final String SGD_CLASS = "org.emkit.linear.SgdClassifier";
  /** {@code writer_class} of emkit Fisher-vector encoder files. */
  public static final String FISHER_CLASS = "org.emkit.fisher.FisherVectorEncoder";
  /** {@code writer_class} of emkit VLAD encoder files. */
  public static final String VLAD_CLASS = "org.emkit.fisher.VLADEncoder";
  /** {@code writer_class} of emkit bag-of-words encoder files. */
  public static final String BAG_OF_WORDS_CLASS = "org.emkit.fisher.BagOfWordsEncoder";

  /** Largest number of components or features accepted from a file (guards corrupt sizes). */
  static final int MAX_DIMENSION = 1 << 24;
  /** Deepest chain of MAP priors accepted from a file. */
  static final int MAX_PRIOR_DEPTH = 4;

  /** {@code writer_class} of a {@link ProductQuantizer} file. */
  public static final String PRODUCT_QUANTIZER_CLASS =
      "org.emkit.fisher.compress.ProductQuantizer";
  /** {@code writer_class} of a {@link SparseFisherCodec} file. */
  public static final String SPARSE_FISHER_CODEC_CLASS =
      "org.emkit.fisher.compress.SparseFisherCodec";
  /** {@code writer_class} of a file of codes. */
  public static final String PQ_CODES_CLASS = "org.emkit.fisher.compress.Codes";

  static final Logger LOG = System.getLogger(Hdf5.class.getName());

  private Hdf5() {}

  // ------------------------------------------------------------------------------------------
  // GMMMachine

  /**
   * Saves a fitted GMM in bob's v1.0 layout plus emkit's extension group.
   *
   * @param file target; replaced atomically
   * @param machine a fitted machine
   * @throws IOException if writing fails (the target is then unchanged)
   * @throws org.emkit.core.NotFittedException if the machine is not fitted
   */
  public static void saveGmm(Path file, GMMMachine machine) throws IOException {
    save(file, machine, "machine", m -> {
      H5Tree.Group root = new H5Tree.Group();
      putGmm(root, m, 0);
      return root;
    });
  }

  /**
   * Loads a GMM: emkit files reload exactly (trainer, prior and every hyperparameter);
   * bob v1.0 and legacy files get bob's stored settings and emkit defaults for the rest.
   *
   * @param file an HDF5 GMM file
   * @return the machine
   * @throws Hdf5FormatException if the file is not a readable GMM
   * @throws IOException if it cannot be read
   */
  public static GMMMachine loadGmm(Path file) throws IOException {
    return loadGmm(file, null);
  }

  /**
   * Loads a GMM; a MAP machine whose file carries no prior (bob's MAP files) gets {@code ubm}
   * as its prior. A prior stored in the file takes precedence.
   *
   * @param file an HDF5 GMM file
   * @param ubm the prior of a MAP machine, or {@code null}
   * @return the machine
   * @throws Hdf5FormatException if the file is not a readable GMM
   * @throws IOException if it cannot be read
   */
  public static GMMMachine loadGmm(Path file, GMMMachine ubm) throws IOException {
    return load(file, r -> readGmm(r, "/", ubm, 0));
  }

  static void putGmm(H5Tree.Group g, GMMMachine m, int depth) {
    int c = m.numComponents();
    int d = m.numFeatures();
    double[] means = m.means().data();
    double[] variances = m.variances().data();
    g.attribute("file_version", H5Value.string(FILE_VERSION));
    g.attribute("writer_class", H5Value.string(BOB_GMM_CLASS));
    g.dataset("n_gaussians", H5Value.i64(c));
    g.dataset("trainer", H5Value.string(m.trainer() == GMMMachine.Trainer.MAP ? "map" : "ml"));
    g.dataset("convergence_threshold", H5Value.f64(m.convergenceThreshold()));
    g.dataset("max_fitting_steps", H5Value.i64(m.maxIterations()));
    g.dataset("weights", H5Value.f64(new int[] {c}, m.weights()));
    Set<GMMMachine.Update> u = m.updates();
    g.dataset("update_means", H5Value.bool(u.contains(GMMMachine.Update.MEANS)));
    g.dataset("update_variances", H5Value.bool(u.contains(GMMMachine.Update.VARIANCES)));
    g.dataset("update_weights", H5Value.bool(u.contains(GMMMachine.Update.WEIGHTS)));
    g.dataset("gaussians/means", H5Value.f64(new int[] {c, d}, means));
    g.dataset("gaussians/variances", H5Value.f64(new int[] {c, d}, variances));
    VarianceFloor floor = m.varianceFloor();
    double[] fv = floor.values();
    int[] floorShape = floor.shape() == VarianceFloor.Shape.SCALAR ? new int[0]
        : floor.shape() == VarianceFloor.Shape.PER_FEATURE ? new int[] {fv.length}
        : new int[] {c, fv.length / c};
    g.dataset("gaussians/variance_thresholds", floorShape.length == 0 ? H5Value.f64(fv[0])
        : H5Value.f64(floorShape, fv));
    H5Tree.Group e = g.group("emkit");
    e.attribute("file_version", H5Value.string(FILE_VERSION));
    e.attribute("writer_class", H5Value.string(GMM_EXTENSION_CLASS));
    e.dataset("mean_var_update_threshold", H5Value.f64(m.meanVarUpdateThreshold()));
    GMMMachine.Adaptation a = m.adaptation();
    e.dataset("adaptation", H5Value.string(
        a.kind() == GMMMachine.Adaptation.Kind.RELEVANCE_FACTOR ? "relevance_factor" : "alpha"));
    e.dataset("adaptation_value", H5Value.f64(a.value()));
    e.dataset("numerics", enumValue(m.numerics()));
    putRule(e, "posterior_rule", "posterior_threshold", m.posteriorRule());
    e.dataset("init", enumValue(m.init()));
    e.dataset("seed", H5Value.i64(m.seed()));
    Optional<GMMMachine> prior = m.prior();
    if (prior.isPresent()) {
      if (depth >= MAX_PRIOR_DEPTH) {
        throw new IllegalArgumentException("Hdf5.saveGmm: chain of MAP priors deeper than "
            + MAX_PRIOR_DEPTH);
      }
      putGmm(e.group("prior"), prior.get(), depth + 1);
    }
  }

  static GMMMachine readGmm(H5Reader r, String base, GMMMachine ubm, int depth)
      throws Hdf5FormatException {
    if (r.isDataset(base + "m_n_gaussians")) {
      return readLegacyGmm(r, base, ubm);
    }
    checkVersion(r, base);
    int c = intScalar(r, base + "n_gaussians", 1, MAX_DIMENSION);
    String trainer = enumString(r, base + "trainer", "ml", "map");
    double convergence = doubleScalar(r, base + "convergence_threshold");
    int maxSteps = intScalar(r, base + "max_fitting_steps", 1, Integer.MAX_VALUE);
    double[] weights = vector(r, base + "weights", c);
    H5Reader.Raw meansRaw = numeric(r, base + "gaussians/means");
    int d = requireMatrix(r, base + "gaussians/means", meansRaw, c);
    H5Reader.Raw varRaw = numeric(r, base + "gaussians/variances");
    requireShape(r, base + "gaussians/variances", varRaw, c, d);
    VarianceFloor floor = readFloor(r, base + "gaussians/variance_thresholds", c, d);
    EnumSet<GMMMachine.Update> updates = EnumSet.noneOf(GMMMachine.Update.class);
    if (bool(r, base + "update_means")) {
      updates.add(GMMMachine.Update.MEANS);
    }
    if (bool(r, base + "update_variances")) {
      updates.add(GMMMachine.Update.VARIANCES);
    }
    if (bool(r, base + "update_weights")) {
      updates.add(GMMMachine.Update.WEIGHTS);
    }
    String ext = base + "emkit/";
    boolean hasExt = r.isGroup(base + "emkit");
    GMMMachine prior = null;
    if (hasExt) {
      checkVersion(r, ext);
      if (r.isGroup(ext + "prior")) {
        if (depth >= MAX_PRIOR_DEPTH) {
          throw r.error(ext + "prior", "chain of MAP priors deeper than " + MAX_PRIOR_DEPTH);
        }
        prior = readGmm(r, ext + "prior/", null, depth + 1);
      }
    }
    if (prior == null) {
      prior = ubm;
    }
    boolean map = trainer.equals("map");
    if (map && prior == null) {
      LOG.log(Level.WARNING, r.file + ": trainer is 'map' but the file holds no prior and no"
          + " UBM was given; loading it as an ML machine (pass the UBM to keep MAP)");
      map = false;
    }
    try {
      GMMMachine.Builder b = map ? GMMMachine.map(prior) : GMMMachine.builder(c);
      b.updates(updates).maxIterations(maxSteps).convergenceThreshold(convergence)
          .varianceFloor(floor);
      if (hasExt) {
        b.meanVarUpdateThreshold(doubleScalar(r, ext + "mean_var_update_threshold"));
        String kind = enumString(r, ext + "adaptation", "relevance_factor", "alpha");
        double value = doubleScalar(r, ext + "adaptation_value");
        if (kind.equals("alpha")) {
          b.alpha(value);
        } else {
          b.relevanceFactor(value);
        }
        b.numerics(readEnum(r, ext + "numerics", Numerics.class));
        b.posteriorRule(readRule(r, ext + "posterior_rule", ext + "posterior_threshold"));
        b.init(readEnum(r, ext + "init", GMMMachine.Init.class));
        long seed = longScalar(r, ext + "seed");
        b.seed(seed);
      }
      b.weights(weights);
      b.means(Matrix.wrap(c, d, meansRaw.asDoubles()));
      b.variances(Matrix.wrap(c, d, varRaw.asDoubles()));
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new Hdf5FormatException(r.file, base, "invalid GMM parameters: " + e.getMessage(), e);
    }
  }

  static GMMMachine readLegacyGmm(H5Reader r, String base, GMMMachine ubm)
      throws Hdf5FormatException {
    int c = intScalar(r, base + "m_n_gaussians", 1, MAX_DIMENSION);
    double[] weights = vector(r, base + "m_weights", c);
    int d = -1;
    if (r.isDataset(base + "m_n_inputs")) {
      d = intScalar(r, base + "m_n_inputs", 1, MAX_DIMENSION);
    }
    double[] means = null;
    double[] variances = null;
    double[] floors = null;
    for (int i = 0; i < c; i++) {
      String g = base + "m_gaussians" + i + "/";
      if (!r.isGroup(base + "m_gaussians" + i)) {
        throw r.error(base + "m_gaussians" + i, "missing group of Gaussian " + i + " (m_n_gaussians = "
            + c + ")");
      }
      double[] mu = squeezedVector(r, g + "m_mean", d);
      if (d < 0) {
        d = mu.length;
      }
      if (means == null) {
        means = new double[Math.multiplyExact(c, d)];
        variances = new double[c * d];
        floors = new double[c * d];
      }
      System.arraycopy(mu, 0, means, i * d, d);
      System.arraycopy(squeezedVector(r, g + "m_variance", d), 0, variances, i * d, d);
      System.arraycopy(squeezedVector(r, g + "m_variance_thresholds", d), 0, floors, i * d, d);
    }
    try {
      GMMMachine.Builder b = GMMMachine.builder(c)
          .varianceFloor(VarianceFloor.perComponent(Matrix.wrap(c, d, floors)));
      b.weights(weights);
      b.means(Matrix.wrap(c, d, means));
      b.variances(Matrix.wrap(c, d, variances));
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new Hdf5FormatException(r.file, base, "invalid legacy GMM parameters: "
          + e.getMessage(), e);
    }
  }

  static VarianceFloor readFloor(H5Reader r, String path, int c, int d)
      throws Hdf5FormatException {
    H5Reader.Raw raw = numeric(r, path);
    int[] s = raw.dims;
    try {
      if (raw.count() == 1 && (s.length == 0 || (s.length == 1 && d != 1))) {
        return VarianceFloor.scalar(raw.asDoubles()[0]);
      }
      if (s.length == 1 && s[0] == d) {
        return VarianceFloor.perFeature(raw.asDoubles());
      }
      if (s.length == 2 && s[0] == c && s[1] == d) {
        return VarianceFloor.perComponent(Matrix.wrap(c, d, raw.asDoubles()));
      }
    } catch (IllegalArgumentException e) {
      throw new Hdf5FormatException(r.file, path, "invalid variance floor: " + e.getMessage(), e);
    }
    throw r.error(path, "expected shape (), (" + d + ",) or (" + c + ", " + d + "), found "
        + raw.shapeString());
  }

  // ------------------------------------------------------------------------------------------
  // GMMStats

  /**
   * Saves statistics in bob's v1.0 GMMStats layout.
   *
   * @param file target; replaced atomically
   * @param stats the statistics
   * @throws IOException if writing fails (the target is then unchanged)
   */
  public static void saveStats(Path file, GMMStats stats) throws IOException {
    save(file, stats, "stats", Hdf5::stats);
  }

  static H5Tree.Group stats(GMMStats stats) {
    H5Tree.Group root = new H5Tree.Group();
    int c = stats.numComponents();
    int d = stats.numFeatures();
    root.attribute("file_version", H5Value.string(FILE_VERSION));
    root.attribute("writer_class", H5Value.string(BOB_STATS_CLASS));
    root.dataset("n_gaussians", H5Value.i64(c));
    root.dataset("n_features", H5Value.i64(d));
    root.dataset("log_likelihood", H5Value.f64(stats.logLikelihood()));
    root.dataset("T", H5Value.i64(stats.t()));
    root.dataset("n", H5Value.f64(new int[] {c}, stats.n()));
    root.dataset("sumPx", H5Value.f64(new int[] {c, d}, stats.sumPx().data()));
    root.dataset("sumPxx", H5Value.f64(new int[] {c, d}, stats.sumPxx().data()));
    return root;
  }

  /**
   * Loads statistics from bob's v1.0 or legacy GMMStats layout.
   *
   * @param file an HDF5 GMMStats file
   * @return the statistics
   * @throws Hdf5FormatException if the file is not readable as GMMStats
   * @throws IOException if it cannot be read
   */
  public static GMMStats loadStats(Path file) throws IOException {
    return load(file, Hdf5::readStats);
  }

  static GMMStats readStats(H5Reader r) throws Hdf5FormatException {
    checkVersion(r, "/");
    boolean legacy = r.isDataset("/n_inputs") || r.isDataset("/log_liklihood");
    int c = intScalar(r, "/n_gaussians", 1, MAX_DIMENSION);
    int d = intScalar(r, legacy ? "/n_inputs" : "/n_features", 1, MAX_DIMENSION);
    String llPath = legacy ? "/log_liklihood" : "/log_likelihood";
    double ll = doubleScalar(r, llPath);
    if (Double.isNaN(ll)) {
      throw r.error(llPath, "log-likelihood is NaN");
    }
    long t = longScalar(r, "/T");
    if (t < 0) {
      throw r.error("/T", "expected a frame count in [0, inf), found " + t);
    }
    double[] n = vector(r, "/n", c);
    double[] px = matrix(r, "/sumPx", c, d);
    double[] pxx = matrix(r, "/sumPxx", c, d);
    requireFinite(r, "/n", n, true);
    requireFinite(r, "/sumPx", px, false);
    requireFinite(r, "/sumPxx", pxx, false);
    return GMMStats.of(n, Matrix.wrap(c, d, px), Matrix.wrap(c, d, pxx), ll, t);
  }

  // ------------------------------------------------------------------------------------------
  // KMeansMachine

  /**
   * Saves a fitted k-means machine in emkit's layout (centroids in {@code means}).
   *
   * @param file target; replaced atomically
   * @param machine a fitted machine
   * @throws IOException if writing fails
   */
  public static void saveKMeans(Path file, KMeansMachine machine) throws IOException {
    save(file, machine, "machine", Hdf5::kmeans);
  }

  static H5Tree.Group kmeans(KMeansMachine machine) {
    Matrix mu = machine.centroids();
    H5Tree.Group root = emkitRoot(KMEANS_CLASS);
    root.dataset("means", H5Value.f64(new int[] {mu.rows(), mu.cols()}, mu.data()));
    root.dataset("num_clusters", H5Value.i64(machine.numClusters()));
    root.dataset("init", enumValue(machine.init()));
    root.dataset("max_iterations", H5Value.i64(machine.maxIterations()));
    root.dataset("convergence_threshold", H5Value.f64(machine.convergenceThreshold()));
    root.dataset("seed", H5Value.i64(machine.seed()));
    root.dataset("empty_cluster_policy", enumValue(machine.emptyClusterPolicy()));
    root.dataset("init_max_iterations", H5Value.i64(machine.initMaxIterations()));
    root.dataset("oversampling_factor", H5Value.f64(machine.oversamplingFactor()));
    Optional<Matrix> init = machine.initialCentroids();
    if (init.isPresent()) {
      Matrix m = init.get();
      root.dataset("initial_centroids", H5Value.f64(new int[] {m.rows(), m.cols()}, m.data()));
    }
    return root;
  }

  /**
   * Loads a k-means machine from emkit's layout or bob's legacy one (a lone {@code means}).
   *
   * @param file an HDF5 k-means file
   * @return the fitted machine
   * @throws Hdf5FormatException if the file is not readable as a k-means machine
   * @throws IOException if it cannot be read
   */
  public static KMeansMachine loadKMeans(Path file) throws IOException {
    return load(file, Hdf5::readKMeans);
  }

  static KMeansMachine readKMeans(H5Reader r) throws Hdf5FormatException {
    checkVersion(r, "/");
    H5Reader.Raw raw = numeric(r, "/means");
    int[] s = squeeze(raw.dims);
    if (s.length != 2 || s[0] < 1 || s[1] < 1) {
      throw r.error("/means", "expected a K×D matrix, found shape " + raw.shapeString());
    }
    Matrix mu = Matrix.wrap(s[0], s[1], raw.asDoubles());
    requireFinite(r, "/means", mu.data(), false);
    String writer = r.attributeString("/", "writer_class");
    try {
      if (!KMEANS_CLASS.equals(writer)) {
        return KMeansMachine.fromCentroids(mu);
      }
      int k = intScalar(r, "/num_clusters", 1, MAX_DIMENSION);
      if (k != s[0]) {
        throw r.error("/num_clusters", "expected " + s[0] + " (rows of /means), found " + k);
      }
      KMeansMachine.Builder b = KMeansMachine.builder(k)
          .init(readEnum(r, "/init", KMeansMachine.Init.class))
          .maxIterations(intScalar(r, "/max_iterations", 1, Integer.MAX_VALUE))
          .convergenceThreshold(doubleScalar(r, "/convergence_threshold"))
          .seed(longScalar(r, "/seed"))
          .emptyClusterPolicy(readEnum(r, "/empty_cluster_policy",
              KMeansMachine.EmptyClusterPolicy.class))
          .initMaxIterations(intScalar(r, "/init_max_iterations", 1, Integer.MAX_VALUE))
          .oversamplingFactor(doubleScalar(r, "/oversampling_factor"));
      if (r.isDataset("/initial_centroids")) {
        b.initialCentroids(Matrix.wrap(k, s[1], matrix(r, "/initial_centroids", k, s[1])));
      }
      return b.buildFitted(mu);
    } catch (IllegalArgumentException e) {
      throw new Hdf5FormatException(r.file, "/", "invalid k-means parameters: "
          + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------------------------------
  // WCCN and Whitening

  /**
   * Saves a fitted WCCN in emkit's layout.
   *
   * @param file target; replaced atomically
   * @param wccn a fitted transform
   * @throws IOException if writing fails
   */
  public static void saveWccn(Path file, WCCN wccn) throws IOException {
    save(file, wccn, "wccn", Hdf5::wccn);
  }

  static H5Tree.Group wccn(WCCN wccn) {
    H5Tree.Group root = emkitRoot(WCCN_CLASS);
    putProjection(root, wccn.projection());
    root.dataset("inversion", enumValue(wccn.inversion()));
    root.dataset("numerics", enumValue(wccn.numerics()));
    return root;
  }

  /**
   * @param file an emkit WCCN file
   * @return the fitted transform
   * @throws Hdf5FormatException if the file is not readable as WCCN
   * @throws IOException if it cannot be read
   */
  public static WCCN loadWccn(Path file) throws IOException {
    return load(file, Hdf5::readWccn);
  }

  static WCCN readWccn(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, WCCN_CLASS);
    Matrix w = readSquare(r, "/weights");
    Inversion inversion = readEnum(r, "/inversion", Inversion.class);
    Numerics numerics = readEnum(r, "/numerics", Numerics.class);
    try {
      return WCCN.fromParameters(w, inversion, numerics);
    } catch (IllegalArgumentException e) {
      throw new Hdf5FormatException(r.file, "/", "invalid WCCN parameters: " + e.getMessage(), e);
    }
  }

  /**
   * Saves a fitted whitening transform in emkit's layout.
   *
   * @param file target; replaced atomically
   * @param whitening a fitted transform
   * @throws IOException if writing fails
   */
  public static void saveWhitening(Path file, Whitening whitening) throws IOException {
    save(file, whitening, "whitening", Hdf5::whitening);
  }

  static H5Tree.Group whitening(Whitening whitening) {
    H5Tree.Group root = emkitRoot(WHITENING_CLASS);
    putProjection(root, whitening.projection());
    root.dataset("inversion", enumValue(whitening.inversion()));
    return root;
  }

  /**
   * @param file an emkit whitening file
   * @return the fitted transform
   * @throws Hdf5FormatException if the file is not readable as whitening
   * @throws IOException if it cannot be read
   */
  public static Whitening loadWhitening(Path file) throws IOException {
    return load(file, Hdf5::readWhitening);
  }

  static Whitening readWhitening(H5Reader r) throws Hdf5FormatException {
    requireWriter(r, WHITENING_CLASS);
    Matrix w = readSquare(r, "/weights");
    double[] mean = vector(r, "/input_subtract", w.rows());
    Inversion inversion = readEnum(r, "/inversion", Inversion.class);
    try {
      return Whitening.fromParameters(mean, w, inversion);
    } catch (IllegalArgumentException e) {
      throw new Hdf5FormatException(r.file, "/", "invalid whitening parameters: "
          + e.getMessage(), e);
    }
  }

  static void putProjection(H5Tree.Group root, Projection p) {
    Matrix w = p.weights();
    root.dataset("weights", H5Value.f64(new int[] {w.rows(), w.cols()}, w.data()));
    root.dataset("input_subtract", H5Value.f64(new int[] {w.rows()}, p.inputSubtract()));
    root.dataset("input_divide", H5Value.f64(new int[] {w.rows()}, p.inputDivide()));
  }

  static Matrix readSquare(H5Reader r, String path) throws Hdf5FormatException {
    H5Reader.Raw raw = numeric(r, path);
    if (raw.dims.length != 2 || raw.dims[0] != raw.dims[1] || raw.dims[0] < 1) {
      throw r.error(path, "expected a square D×D matrix, found shape " + raw.shapeString());
    }
    double[] v = raw.asDoubles();
    requireFinite(r, path, v, false);
    return Matrix.wrap(raw.dims[0], raw.dims[1], v);
  }

  static void requireWriter(H5Reader r, String writer) throws Hdf5FormatException {
    checkVersion(r, "/");
    String found = r.attributeString("/", "writer_class");
    if (!writer.equals(found)) {
      throw r.error("/", "expected writer_class '" + writer + "', found "
          + (found == null ? "none" : "'" + found + "'"));
    }
  }

  static H5Tree.Group emkitRoot(String writerClass) {
    H5Tree.Group root = new H5Tree.Group();
    root.attribute("file_version", H5Value.string(FILE_VERSION));
    root.attribute("writer_class", H5Value.string(writerClass));
    return root;
  }

  // ------------------------------------------------------------------------------------------
  // factor analysis: ISV, JFA, i-vectors

  /**
   * Saves an ISV machine (U, D, hyperparameters) with its UBM in the group {@code ubm}.
   *
   * @param file target; replaced atomically
   * @param machine the machine
   * @throws IOException if writing fails (the target is then unchanged)
   */
  public static void saveIsv(Path file, ISVMachine machine) throws IOException {
    save(file, machine, "machine", FaFiles::isv);
  }

  /**
   * Loads an ISV machine from an emkit file (which stores its UBM).
   *
   * @param file an emkit ISV file
   * @return the machine
   * @throws Hdf5FormatException if the file is not a readable ISV machine or stores no UBM
   * @throws IOException if it cannot be read
   */
  public static ISVMachine loadIsv(Path file) throws IOException {
    return loadIsv(file, null);
  }

  /**
   * Loads an ISV machine from an emkit file or from bob's legacy {@code ISVBase} layout
   * ({@code U}, {@code d}; default hyperparameters). A UBM stored in the file takes precedence
   * over {@code ubm} (a WARNING is logged if they differ).
   *
   * @param file an ISV file
   * @param ubm the UBM for files that store none, or {@code null}
   * @return the machine
   * @throws Hdf5FormatException if the file is not a readable ISV machine, or stores no UBM and
   *     none is given
   * @throws IOException if it cannot be read
   */
  public static ISVMachine loadIsv(Path file, GMMMachine ubm) throws IOException {
    return load(file, r -> FaFiles.readIsv(r, ubm));
  }

  /**
   * Saves a JFA machine (U, V, D, numerics mode, hyperparameters) with its UBM.
   *
   * @param file target; replaced atomically
   * @param machine the machine
   * @throws IOException if writing fails
   */
  public static void saveJfa(Path file, JFAMachine machine) throws IOException {
    save(file, machine, "machine", FaFiles::jfa);
  }

  /**
   * @param file an emkit JFA file
   * @return the machine
   * @throws Hdf5FormatException if the file is not a readable JFA machine or stores no UBM
   * @throws IOException if it cannot be read
   */
  public static JFAMachine loadJfa(Path file) throws IOException {
    return loadJfa(file, null);
  }

  /**
   * Loads a JFA machine from an emkit file or bob's legacy {@code JFABase} layout ({@code U},
   * {@code V}, {@code d}; STANDARD numerics and default hyperparameters).
   *
   * @param file a JFA file
   * @param ubm the UBM for files that store none, or {@code null}
   * @return the machine
   * @throws Hdf5FormatException if the file is not a readable JFA machine, or stores no UBM and
   *     none is given
   * @throws IOException if it cannot be read
   */
  public static JFAMachine loadJfa(Path file, GMMMachine ubm) throws IOException {
    return load(file, r -> FaFiles.readJfa(r, ubm));
  }

  /**
   * Saves an i-vector extractor: T as (C, D, R) (bob v3's shape), σ as (C, D), its settings and
   * its UBM.
   *
   * @param file target; replaced atomically
   * @param machine the machine
   * @throws IOException if writing fails
   */
  public static void saveIVector(Path file, IVectorMachine machine) throws IOException {
    save(file, machine, "machine", FaFiles::ivector);
  }

  /**
   * @param file an emkit i-vector file
   * @return the machine
   * @throws Hdf5FormatException if the file is not a readable i-vector extractor or stores no
   *     UBM
   * @throws IOException if it cannot be read
   */
  public static IVectorMachine loadIVector(Path file) throws IOException {
    return loadIVector(file, null);
  }

  /**
   * Loads an i-vector extractor from an emkit file or bob's legacy C++ layout ({@code m_T}
   * (CD, R), {@code m_sigma} (CD,), {@code m_variance_threshold}).
   *
   * @param file an i-vector file
   * @param ubm the UBM for files that store none, or {@code null}
   * @return the machine
   * @throws Hdf5FormatException if the file is not a readable i-vector extractor, or stores no
   *     UBM and none is given
   * @throws IOException if it cannot be read
   */
  public static IVectorMachine loadIVector(Path file, GMMMachine ubm) throws IOException {
    return load(file, r -> FaFiles.readIVector(r, ubm));
  }

  /**
   * Saves an enrolled ISV client: its z (length CD) with the C and D of the machine.
   *
   * @param file target; replaced atomically
   * @param machine the machine that enrolled the client
   * @param z the client's E[z] from {@link ISVMachine#enroll}
   * @throws IOException if writing fails
   * @throws org.emkit.core.DimensionMismatchException if z does not have C·D entries
   */
  public static void saveIsvClient(Path file, ISVMachine machine, double[] z)
      throws IOException {
    Objects.requireNonNull(file, "file");
    save(file, FaFiles.isvClient(machine, z));
  }

  /**
   * Loads an enrolled ISV client (emkit layout, or bob's legacy {@code ISVMachine}: {@code z}).
   *
   * @param file a client file
   * @param machine the machine it will be scored with (shapes are checked against it)
   * @return z, length CD
   * @throws Hdf5FormatException if the file is not a readable ISV client of this machine
   * @throws IOException if it cannot be read
   */
  public static double[] loadIsvClient(Path file, ISVMachine machine) throws IOException {
    return load(file, r -> FaFiles.readIsvClient(r, machine));
  }

  /**
   * Saves a JFA enrolment (y, z).
   *
   * @param file target; replaced atomically
   * @param machine the machine that enrolled the client
   * @param enrollment its enrolment
   * @throws IOException if writing fails
   * @throws org.emkit.core.DimensionMismatchException if y or z do not fit the machine
   */
  public static void saveJfaEnrollment(Path file, JFAMachine machine,
      JFAMachine.Enrollment enrollment) throws IOException {
    Objects.requireNonNull(file, "file");
    save(file, FaFiles.jfaEnrollment(machine, enrollment));
  }

  /**
   * Loads a JFA enrolment (emkit layout, or bob's legacy {@code JFAMachine}: {@code y},
   * {@code z}).
   *
   * @param file an enrolment file
   * @param machine the machine it will be scored with (shapes are checked against it)
   * @return the enrolment
   * @throws Hdf5FormatException if the file is not a readable JFA enrolment of this machine
   * @throws IOException if it cannot be read
   */
  public static JFAMachine.Enrollment loadJfaEnrollment(Path file, JFAMachine machine)
      throws IOException {
    return load(file, r -> FaFiles.readJfaEnrollment(r, machine));
  }

  // ------------------------------------------------------------------------------------------
  // PLDA, two-covariance PLDA, EMPCA

  /**
   * Saves a fitted PLDA in bob's {@code PLDABase} layout (parameters and the cached terms,
   * written from the accessors, including γ_a and the constants of the sample counts currently
   * cached) plus an {@code emkit} group with the training hyperparameters.
   *
   * @param file target; replaced atomically
   * @param plda a fitted (or given) PLDA
   * @throws IOException if writing fails
   * @throws org.emkit.core.NotFittedException if the PLDA has no parameters
   */
  public static void savePlda(Path file, PLDA plda) throws IOException {
    save(file, plda, "plda", PldaFiles::plda);
  }

  /**
   * Loads a PLDA from an emkit file or any of bob's legacy {@code PLDABase} layouts (with or
   * without {@code dim_*}; {@code variance_threshold} or 1.2.0-alpha's
   * {@code variance_thresholds}; {@code a_indices} or {@code a_indices_gamma}). The cached
   * terms are recomputed from μ, F, G and σ (their shapes are checked); the sample counts the
   * file had cached are cached again.
   *
   * @param file a PLDA file
   * @return the machine
   * @throws Hdf5FormatException if the file is not a readable PLDA
   * @throws IOException if it cannot be read
   */
  public static PLDA loadPlda(Path file) throws IOException {
    return load(file, PldaFiles::readPlda);
  }

  /**
   * Saves a PLDA enrolment in bob's {@code PLDAMachine} names ({@code n_samples},
   * {@code nh_sum_xit_beta_xi}, {@code weighted_sum}, {@code loglikelihood}).
   *
   * @param file target; replaced atomically
   * @param plda the model that enrolled it
   * @param enrollment the enrolment
   * @throws IOException if writing fails
   * @throws org.emkit.core.DimensionMismatchException if the enrolment does not fit the model
   */
  public static void savePldaEnrollment(Path file, PLDA plda, PLDA.Enrollment enrollment)
      throws IOException {
    Objects.requireNonNull(file, "file");
    save(file, PldaFiles.pldaEnrollment(plda, enrollment));
  }

  /**
   * Loads a PLDA enrolment (emkit layout or bob's legacy {@code PLDAMachine}).
   *
   * @param file an enrolment file
   * @param plda the model it will be scored with (n_f is checked)
   * @return the enrolment
   * @throws Hdf5FormatException if the file is not a readable enrolment of this model
   * @throws IOException if it cannot be read
   */
  public static PLDA.Enrollment loadPldaEnrollment(Path file, PLDA plda) throws IOException {
    return load(file, r -> PldaFiles.readPldaEnrollment(r, plda));
  }

  /**
   * Saves a fitted two-covariance PLDA (μ, B, W, hyperparameters).
   *
   * @param file target; replaced atomically
   * @param plda a fitted machine
   * @throws IOException if writing fails
   * @throws org.emkit.core.NotFittedException if it is not fitted
   */
  public static void saveTwoCovariancePlda(Path file, TwoCovariancePLDA plda)
      throws IOException {
    save(file, plda, "plda", PldaFiles::twoCovariance);
  }

  /**
   * @param file an emkit two-covariance PLDA file
   * @return the machine
   * @throws Hdf5FormatException if the file is not a readable two-covariance PLDA
   * @throws IOException if it cannot be read
   */
  public static TwoCovariancePLDA loadTwoCovariancePlda(Path file) throws IOException {
    return load(file, PldaFiles::readTwoCovariance);
  }

  /**
   * Saves a two-covariance PLDA enrolment (n and the sample mean).
   *
   * @param file target; replaced atomically
   * @param plda the model that enrolled it
   * @param enrollment the enrolment
   * @throws IOException if writing fails
   */
  public static void saveTwoCovariancePldaEnrollment(Path file, TwoCovariancePLDA plda,
      TwoCovariancePLDA.Enrollment enrollment) throws IOException {
    Objects.requireNonNull(file, "file");
    save(file, PldaFiles.twoCovarianceEnrollment(plda, enrollment));
  }

  /**
   * @param file an emkit two-covariance PLDA enrolment file
   * @param plda the model it will be scored with
   * @return the enrolment
   * @throws Hdf5FormatException if the file is not a readable enrolment of this model
   * @throws IOException if it cannot be read
   */
  public static TwoCovariancePLDA.Enrollment loadTwoCovariancePldaEnrollment(Path file,
      TwoCovariancePLDA plda) throws IOException {
    return load(file, r -> PldaFiles.readTwoCovarianceEnrollment(r, plda));
  }

  /**
   * Saves a fitted EMPCA (μ, W, σ², hyperparameters).
   *
   * @param file target; replaced atomically
   * @param empca a fitted machine
   * @throws IOException if writing fails
   * @throws org.emkit.core.NotFittedException if it is not fitted
   */
  public static void saveEmpca(Path file, EMPCA empca) throws IOException {
    save(file, empca, "empca", PldaFiles::empca);
  }

  /**
   * @param file an emkit EMPCA file
   * @return the machine
   * @throws Hdf5FormatException if the file is not a readable EMPCA
   * @throws IOException if it cannot be read
   */
  public static EMPCA loadEmpca(Path file) throws IOException {
    return load(file, PldaFiles::readEmpca);
  }

  // ------------------------------------------------------------------------------------------
  // LDA, PCA, length normalisation, SGD classifiers

  /**
   * Saves a fitted LDA (projection in bob.learn.linear's names, eigenvalues, settings).
   *
   * @param file target; replaced atomically
   * @param lda a fitted LDA
   * @throws IOException if writing fails
   * @throws org.emkit.core.NotFittedException if it is not fitted
   */
  public static void saveLda(Path file, LDA lda) throws IOException {
    save(file, lda, "lda", LinearFiles::lda);
  }

  /**
   * @param file an emkit LDA file
   * @return the fitted LDA
   * @throws Hdf5FormatException if the file is not a readable LDA
   * @throws IOException if it cannot be read
   */
  public static LDA loadLda(Path file) throws IOException {
    return load(file, LinearFiles::readLda);
  }

  /**
   * Saves a fitted PCA (mean, components, explained and total variance, settings).
   *
   * @param file target; replaced atomically
   * @param pca a fitted PCA
   * @throws IOException if writing fails
   * @throws org.emkit.core.NotFittedException if it is not fitted
   */
  public static void savePca(Path file, PCA pca) throws IOException {
    save(file, pca, "pca", LinearFiles::pca);
  }

  /**
   * @param file an emkit PCA file
   * @return the fitted PCA
   * @throws Hdf5FormatException if the file is not a readable PCA
   * @throws IOException if it cannot be read
   */
  public static PCA loadPca(Path file) throws IOException {
    return load(file, LinearFiles::readPca);
  }

  /**
   * Saves a length normalisation (with its centring mean, if any).
   *
   * @param file target; replaced atomically
   * @param normalization the transform
   * @throws IOException if writing fails
   */
  public static void saveLengthNormalization(Path file, LengthNormalization normalization)
      throws IOException {
    save(file, normalization, "normalization", LinearFiles::lengthNormalization);
  }

  /**
   * @param file an emkit length-normalisation file
   * @return the transform
   * @throws Hdf5FormatException if the file is not a readable length normalisation
   * @throws IOException if it cannot be read
   */
  public static LengthNormalization loadLengthNormalization(Path file) throws IOException {
    return load(file, LinearFiles::readLengthNormalization);
  }

  /**
   * Saves a fitted SGD classifier (classes, weights, biases, hyperparameters).
   *
   * @param file target; replaced atomically
   * @param classifier a fitted classifier
   * @throws IOException if writing fails
   * @throws org.emkit.core.NotFittedException if it is not fitted
   */
  public static void saveSgdClassifier(Path file, SgdClassifier classifier) throws IOException {
    save(file, classifier, "classifier", LinearFiles::sgd);
  }

  /**
   * @param file an emkit SGD classifier file
   * @return the fitted classifier
   * @throws Hdf5FormatException if the file is not a readable classifier
   * @throws IOException if it cannot be read
   */
  public static SgdClassifier loadSgdClassifier(Path file) throws IOException {
    return load(file, LinearFiles::readSgd);
  }

  // ------------------------------------------------------------------------------------------
  // encoders

  /**
   * Saves a Fisher-vector encoder: its GMM (group {@code gmm}), its options and, for EMPIRICAL
   * normalisation once fitted, the learnt per-dimension mean and scale.
   *
   * @param file target; replaced atomically
   * @param encoder the encoder
   * @throws IOException if writing fails
   */
  public static void saveFisherEncoder(Path file, FisherVectorEncoder encoder)
      throws IOException {
    save(file, encoder, "encoder", EncoderFiles::fisher);
  }

  /**
   * @param file an emkit Fisher-vector encoder file
   * @return the encoder (fitted if the file stores the EMPIRICAL statistics)
   * @throws Hdf5FormatException if the file is not a readable encoder
   * @throws IOException if it cannot be read
   */
  public static FisherVectorEncoder loadFisherEncoder(Path file) throws IOException {
    return load(file, EncoderFiles::readFisher);
  }

  /**
   * Saves a VLAD encoder: its GMM (group {@code gmm}) or its k-means centres ({@code centres})
   * and its options.
   *
   * @param file target; replaced atomically
   * @param encoder the encoder
   * @throws IOException if writing fails
   */
  public static void saveVladEncoder(Path file, VLADEncoder encoder) throws IOException {
    save(file, encoder, "encoder", EncoderFiles::vlad);
  }

  /**
   * @param file an emkit VLAD encoder file
   * @return the encoder
   * @throws Hdf5FormatException if the file is not a readable encoder
   * @throws IOException if it cannot be read
   */
  public static VLADEncoder loadVladEncoder(Path file) throws IOException {
    return load(file, EncoderFiles::readVlad);
  }

  /**
   * Saves a bag-of-words encoder: its GMM or its k-means centres, and its options.
   *
   * @param file target; replaced atomically
   * @param encoder the encoder
   * @throws IOException if writing fails
   */
  public static void saveBagOfWordsEncoder(Path file, BagOfWordsEncoder encoder)
      throws IOException {
    save(file, encoder, "encoder", EncoderFiles::bagOfWords);
  }

  /**
   * @param file an emkit bag-of-words encoder file
   * @return the encoder
   * @throws Hdf5FormatException if the file is not a readable encoder
   * @throws IOException if it cannot be read
   */
  public static BagOfWordsEncoder loadBagOfWordsEncoder(Path file) throws IOException {
    return load(file, EncoderFiles::readBagOfWords);
  }

  // ------------------------------------------------------------------------------------------
  // compression (product quantisation)

  /**
   * Saves a fitted product quantiser: its length, G, b, codebooks and training settings.
   *
   * @param file target; replaced atomically
   * @param quantizer a fitted quantiser
   * @throws IOException if writing fails
   * @throws org.emkit.core.NotFittedException if it is not fitted
   */
  public static void saveProductQuantizer(Path file, ProductQuantizer quantizer)
      throws IOException {
    save(file, quantizer, "quantizer", CompressionFiles::pq);
  }

  /**
   * @param file an emkit product-quantiser file
   * @return the fitted quantiser
   * @throws Hdf5FormatException if the file is not a readable quantiser
   * @throws IOException if it cannot be read
   */
  public static ProductQuantizer loadProductQuantizer(Path file) throws IOException {
    return load(file, CompressionFiles::readPq);
  }

  /**
   * Saves a sparse Fisher codec: K, S, the renormalisation, the shared quantiser settings and
   * every block's codebooks.
   *
   * @param file target; replaced atomically
   * @param codec the codec
   * @throws IOException if writing fails
   */
  public static void saveSparseFisherCodec(Path file, SparseFisherCodec codec)
      throws IOException {
    save(file, codec, "codec", CompressionFiles::codec);
  }

  /**
   * @param file an emkit sparse Fisher codec file
   * @return the codec
   * @throws Hdf5FormatException if the file is not a readable codec
   * @throws IOException if it cannot be read
   */
  public static SparseFisherCodec loadSparseFisherCodec(Path file) throws IOException {
    return load(file, CompressionFiles::readCodec);
  }

  /**
   * Saves the codes of N vectors under a product quantiser, tied to it by its content checksum.
   *
   * @param file target; replaced atomically
   * @param quantizer the quantiser that produced the codes
   * @param codes one code of {@code quantizer.codeBytes()} bytes per vector; not modified
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if a code has the wrong length
   */
  public static void saveCodes(Path file, ProductQuantizer quantizer, List<byte[]> codes)
      throws IOException {
    Objects.requireNonNull(quantizer, "quantizer");
    saveCodes(file, PRODUCT_QUANTIZER_CLASS, CompressionFiles.pq(quantizer), quantizer.length(),
        codes, quantizer::decode);
  }

  /**
   * Saves the codes of N Fisher vectors under a sparse Fisher codec, tied to it by its content
   * checksum.
   *
   * @param file target; replaced atomically
   * @param codec the codec that produced the codes
   * @param codes one compressed vector per Fisher vector; not modified
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if a code's length disagrees with its flags
   */
  public static void saveCodes(Path file, SparseFisherCodec codec, List<byte[]> codes)
      throws IOException {
    Objects.requireNonNull(codec, "codec");
    saveCodes(file, SPARSE_FISHER_CODEC_CLASS, CompressionFiles.codec(codec), codec.length(),
        codes, codec::decode);
  }

  /** Checks that every code decodes, then saves them tied to the model's layout checksum. */
  private static void saveCodes(Path file, String modelClass, H5Tree.Group model, int length,
      List<byte[]> codes, java.util.function.Consumer<byte[]> decode) throws IOException {
    Objects.requireNonNull(codes, "codes");
    for (int i = 0; i < codes.size(); i++) {
      try {
        decode.accept(Objects.requireNonNull(codes.get(i), "codes[" + i + "]"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Hdf5.saveCodes: codes[" + i + "] is not a valid code:"
            + " " + e.getMessage(), e);
      }
    }
    save(file, CompressionFiles.codes(modelClass, ContentDigest.of(model), length, codes));
  }

  /**
   * Reads codes written for this product quantiser; each is checked to decode.
   *
   * @param file an emkit codes file
   * @param quantizer the quantiser the codes were written with (same content checksum)
   * @return the codes, one per vector
   * @throws Hdf5FormatException if the file is not a codes file, belongs to another model, or
   *     holds an invalid code
   * @throws IOException if it cannot be read
   */
  public static List<byte[]> loadCodes(Path file, ProductQuantizer quantizer) throws IOException {
    Objects.requireNonNull(quantizer, "quantizer");
    return loadCodes(file, PRODUCT_QUANTIZER_CLASS, CompressionFiles.pq(quantizer),
        quantizer::decode);
  }

  /**
   * Reads codes written for this sparse Fisher codec; each is checked to decode.
   *
   * @param file an emkit codes file
   * @param codec the codec the codes were written with (same content checksum)
   * @return the codes, one per vector
   * @throws Hdf5FormatException if the file is not a codes file, belongs to another model, or
   *     holds an invalid code
   * @throws IOException if it cannot be read
   */
  public static List<byte[]> loadCodes(Path file, SparseFisherCodec codec) throws IOException {
    Objects.requireNonNull(codec, "codec");
    return loadCodes(file, SPARSE_FISHER_CODEC_CLASS, CompressionFiles.codec(codec),
        codec::decode);
  }

  /** Reads codes tied to the model's layout checksum and checks that each decodes. */
  private static List<byte[]> loadCodes(Path file, String modelClass, H5Tree.Group model,
      java.util.function.Consumer<byte[]> decode) throws IOException {
    String sum = ContentDigest.of(model);
    return load(file, r -> {
      List<byte[]> codes = CompressionFiles.readCodes(r, modelClass, sum);
      checkDecodable(r, codes, decode);
      return codes;
    });
  }

  private static void checkDecodable(H5Reader r, List<byte[]> codes,
      java.util.function.Consumer<byte[]> decode) throws Hdf5FormatException {
    for (int i = 0; i < codes.size(); i++) {
      int k = i;
      build(r, "/codes", "code " + k + " does not decode", () -> {
        decode.accept(codes.get(k));
        return null;
      });
    }
  }

  // ------------------------------------------------------------------------------------------
  // named arrays

  /**
   * Reads one numeric dataset.
   *
   * @param file an HDF5 file
   * @param dataset absolute or relative path of the dataset, e.g. {@code "/features"}
   * @return its shape, values (widened to double) and stored type
   * @throws Hdf5FormatException if the dataset is missing, not numeric, or unreadable
   * @throws IOException if the file cannot be read
   */
  public static Hdf5Array readArray(Path file, String dataset) throws IOException {
    Objects.requireNonNull(file, "file");
    String path = absolute(dataset);
    try (H5Reader r = H5Reader.open(file)) {
      H5Reader.Raw raw = numeric(r, path);
      return new Hdf5Array(raw.dims, raw.asDoubles(), raw.dtype);
    }
  }

  /**
   * Reads every numeric dataset of a file (bob's reference files such as
   * {@code ivector_ref_step1.hdf5}); string datasets are skipped.
   *
   * @param file an HDF5 file
   * @return datasets by absolute path, in path order
   * @throws Hdf5FormatException if the file is unreadable
   * @throws IOException if it cannot be read
   */
  public static Map<String, Hdf5Array> readArrays(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (H5Reader r = H5Reader.open(file)) {
      Map<String, Hdf5Array> out = new LinkedHashMap<>();
      for (String p : r.datasetPaths("/")) {
        H5Reader.Raw raw = r.read(p);
        if (raw.numeric()) {
          out.put(p, new Hdf5Array(raw.dims, raw.asDoubles(), raw.dtype));
        }
      }
      return out;
    }
  }

  /**
   * Writes one array as the only dataset of a new file.
   *
   * @param file target; replaced atomically
   * @param dataset path of the dataset inside the file (groups are created)
   * @param array the array; written as its dtype if that is float64, float32, int64 or int32
   * @throws IOException if writing fails
   */
  public static void writeArray(Path file, String dataset, Hdf5Array array) throws IOException {
    Map<String, Hdf5Array> one = new LinkedHashMap<>();
    one.put(dataset, array);
    writeArrays(file, one);
  }

  /**
   * Writes several arrays into a new file.
   *
   * @param file target; replaced atomically
   * @param arrays arrays by dataset path (groups are created)
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if a dtype cannot be written or a value does not fit it
   */
  public static void writeArrays(Path file, Map<String, Hdf5Array> arrays) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(arrays, "arrays");
    H5Tree.Group root = new H5Tree.Group();
    for (Map.Entry<String, Hdf5Array> e : arrays.entrySet()) {
      String path = absolute(e.getKey()).substring(1);
      root.dataset(path, encode(e.getKey(), e.getValue()));
    }
    save(file, root);
  }

  static H5Value encode(String name, Hdf5Array a) {
    int[] shape = a.shape();
    double[] v = a.values();
    switch (a.dtype()) {
      case "float64":
        return H5Value.f64(shape, v);
      case "float32": {
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
          f[k] = (float) v[k];
        }
        return H5Value.f32(shape, f);
      }
      case "int64": {
        long[] l = new long[v.length];
        for (int k = 0; k < v.length; k++) {
          l[k] = exactLong(name, k, v[k], Long.MIN_VALUE, Long.MAX_VALUE);
        }
        return H5Value.i64(shape, l);
      }
      case "int32": {
        int[] l = new int[v.length];
        for (int k = 0; k < v.length; k++) {
          l[k] = (int) exactLong(name, k, v[k], Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return H5Value.i32(shape, l);
      }
      default:
        throw new IllegalArgumentException("Hdf5.writeArrays: dtype of '" + name + "' must be in"
            + " {float64, float32, int64, int32}, got " + a.dtype());
    }
  }

  static long exactLong(String name, int k, double v, long lo, long hi) {
    if (v != Math.rint(v) || v < lo || v > hi) {
      throw new IllegalArgumentException("Hdf5.writeArrays: '" + name + "' value [" + k + "] = "
          + v + " is not an integer in [" + lo + ", " + hi + "]");
    }
    return (long) v;
  }

  static String absolute(String dataset) {
    Objects.requireNonNull(dataset, "dataset");
    String p = dataset.startsWith("/") ? dataset : "/" + dataset;
    if (p.length() < 2 || p.endsWith("/") || p.contains("//")) {
      throw new IllegalArgumentException("Hdf5: dataset path must name a dataset, got '"
          + dataset + "'");
    }
    return p;
  }

  // ------------------------------------------------------------------------------------------
  // inspection

  /**
   * Recognises what a file holds, without building the model.
   *
   * @param file an HDF5 file
   * @return kind, layout, format version, summary and dataset list
   * @throws Hdf5FormatException if the file is unreadable or has an unknown version
   * @throws IOException if it cannot be read
   */
  public static Hdf5Info inspect(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Hdf5Info.Kind kind;
    String layout;
    String version;
    String summary = null;
    List<String> lines = new java.util.ArrayList<>();
    try (H5Reader r = H5Reader.open(file)) {
      version = r.attributeString("/", "file_version");
      String writer = r.attributeString("/", "writer_class");
      for (String p : r.datasetPaths("/")) {
        H5Reader.Raw raw = r.read(p);
        lines.add(p + " " + raw.shapeString() + " " + raw.dtype);
      }
      kind = writer == null ? null : EMKIT_KINDS.get(writer);
      layout = "emkit";
      if (kind != null) {
        if (kind == Hdf5Info.Kind.PLDA) {
          layout = "emkit (bob.learn.em PLDABase datasets + emkit group)";
        } else if (kind == Hdf5Info.Kind.PLDA_ENROLLMENT) {
          layout = "emkit (bob.learn.em PLDAMachine datasets)";
        }
        summary = shapeSummary(r, kind);
      } else if (r.isDataset("/m_n_gaussians")) {
        kind = Hdf5Info.Kind.GMM_MACHINE;
        layout = "bob.learn.em legacy (C++)";
      } else if (r.isDataset("/n_inputs") || r.isDataset("/log_liklihood")) {
        kind = Hdf5Info.Kind.GMM_STATS;
        layout = "bob.learn.em legacy (C++)";
      } else if (writer == null && (kind = legacyKind(r, lines.size())) != null) {
        layout = "bob.learn.em legacy (C++)";
        if (kind == Hdf5Info.Kind.PLDA) {
          layout = r.isDataset("/dim_d") ? "bob.learn.em legacy (C++, bob >= 1.2)"
              : "bob.learn.em legacy (C++, bob < 1.2)";
        }
        summary = shapeSummary(r, kind);
      } else if (r.isDataset("/n_gaussians") && r.isGroup("/gaussians")) {
        kind = Hdf5Info.Kind.GMM_MACHINE;
        layout = r.isGroup("/emkit") ? "bob.learn.em v1.0 + emkit extension" : "bob.learn.em v1.0";
      } else if (r.isDataset("/sumPx") && r.isDataset("/n_features")) {
        kind = Hdf5Info.Kind.GMM_STATS;
        layout = "bob.learn.em v1.0";
      } else {
        kind = Hdf5Info.Kind.ARRAYS;
        layout = "datasets";
      }
      if (version != null || kind != Hdf5Info.Kind.ARRAYS) {
        checkVersion(r, "/");
      }
    }
    if (summary == null) {
      summary = modelSummary(file, kind, lines.size());
    }
    return new Hdf5Info(kind, layout, version, summary, lines);
  }

  private static final Map<String, Hdf5Info.Kind> EMKIT_KINDS = Map.ofEntries(
      Map.entry(KMEANS_CLASS, Hdf5Info.Kind.KMEANS_MACHINE),
      Map.entry(WCCN_CLASS, Hdf5Info.Kind.WCCN),
      Map.entry(WHITENING_CLASS, Hdf5Info.Kind.WHITENING),
      Map.entry(ISV_CLASS, Hdf5Info.Kind.ISV_MACHINE),
      Map.entry(JFA_CLASS, Hdf5Info.Kind.JFA_MACHINE),
      Map.entry(IVECTOR_CLASS, Hdf5Info.Kind.IVECTOR_MACHINE),
      Map.entry(ISV_CLIENT_CLASS, Hdf5Info.Kind.ISV_CLIENT),
      Map.entry(JFA_ENROLLMENT_CLASS, Hdf5Info.Kind.JFA_ENROLLMENT),
      Map.entry(PLDA_CLASS, Hdf5Info.Kind.PLDA),
      Map.entry(PLDA_ENROLLMENT_CLASS, Hdf5Info.Kind.PLDA_ENROLLMENT),
      Map.entry(TWO_COVARIANCE_PLDA_CLASS, Hdf5Info.Kind.TWO_COVARIANCE_PLDA),
      Map.entry(TWO_COVARIANCE_ENROLLMENT_CLASS, Hdf5Info.Kind.TWO_COVARIANCE_PLDA_ENROLLMENT),
      Map.entry(EMPCA_CLASS, Hdf5Info.Kind.EMPCA),
      Map.entry(LDA_CLASS, Hdf5Info.Kind.LDA),
      Map.entry(PCA_CLASS, Hdf5Info.Kind.PCA),
      Map.entry(LENGTH_NORMALIZATION_CLASS, Hdf5Info.Kind.LENGTH_NORMALIZATION),
      Map.entry(SGD_CLASS, Hdf5Info.Kind.SGD_CLASSIFIER),
      Map.entry(FISHER_CLASS, Hdf5Info.Kind.FISHER_VECTOR_ENCODER),
      Map.entry(VLAD_CLASS, Hdf5Info.Kind.VLAD_ENCODER),
      Map.entry(BAG_OF_WORDS_CLASS, Hdf5Info.Kind.BAG_OF_WORDS_ENCODER),
      Map.entry(PRODUCT_QUANTIZER_CLASS, Hdf5Info.Kind.PRODUCT_QUANTIZER),
      Map.entry(SPARSE_FISHER_CODEC_CLASS, Hdf5Info.Kind.SPARSE_FISHER_CODEC),
      Map.entry(PQ_CODES_CLASS, Hdf5Info.Kind.PQ_CODES));

  /** bob's legacy C++ layouts other than GMMs, recognised by their dataset names. */
  private static Hdf5Info.Kind legacyKind(H5Reader r, int datasets) throws Hdf5FormatException {
    if (r.isDataset("/m_T") && r.isDataset("/m_sigma")) {
      return Hdf5Info.Kind.IVECTOR_MACHINE;
    }
    if (r.isDataset("/F") && r.isDataset("/G") && r.isDataset("/sigma")) {
      return Hdf5Info.Kind.PLDA;
    }
    if (r.isDataset("/n_samples") && r.isDataset("/weighted_sum")) {
      return Hdf5Info.Kind.PLDA_ENROLLMENT;
    }
    if (r.isDataset("/U") && r.isDataset("/d")) {
      return r.isDataset("/V") ? Hdf5Info.Kind.JFA_MACHINE : Hdf5Info.Kind.ISV_MACHINE;
    }
    if (r.isDataset("/y") && r.isDataset("/z") && datasets == 2) {
      return Hdf5Info.Kind.JFA_ENROLLMENT;
    }
    if (r.isDataset("/z") && datasets == 1) {
      return Hdf5Info.Kind.ISV_CLIENT;
    }
    return null;
  }

  /**
   * A summary from dataset shapes for files that cannot be loaded alone (enrolments, and
   * factor-analysis files without their UBM); {@code null} for the others.
   */
  private static String shapeSummary(H5Reader r, Hdf5Info.Kind kind)
      throws Hdf5FormatException {
    boolean ubm = r.isGroup("/ubm");
    switch (kind) {
      case ISV_MACHINE:
        return ubm ? null : "ISVBase: CD=" + dim(r, "/U", 0) + " rankU=" + dim(r, "/U", 1)
            + "; the UBM is not stored (load with Hdf5.loadIsv(file, ubm))";
      case JFA_MACHINE:
        return ubm ? null : "JFABase: CD=" + dim(r, "/U", 0) + " rankU=" + dim(r, "/U", 1)
            + " rankV=" + dim(r, "/V", 1)
            + "; the UBM is not stored (load with Hdf5.loadJfa(file, ubm))";
      case IVECTOR_MACHINE:
        return ubm ? null : "IVectorMachine: CD=" + dim(r, "/m_T", 0) + " rank="
            + dim(r, "/m_T", 1) + "; the UBM is not stored (load with Hdf5.loadIVector(file,"
            + " ubm))";
      case ISV_CLIENT:
        return "ISV client: z of length " + r.read("/z").count()
            + " (load with Hdf5.loadIsvClient(file, machine))";
      case JFA_ENROLLMENT:
        return "JFA enrolment: y of length " + r.read("/y").count() + ", z of length "
            + r.read("/z").count() + " (load with Hdf5.loadJfaEnrollment(file, machine))";
      case PLDA_ENROLLMENT:
        return PldaFiles.describeEnrollment(r, "PLDA enrolment:", "weighted_sum")
            + " (load with Hdf5.loadPldaEnrollment(file, plda))";
      case TWO_COVARIANCE_PLDA_ENROLLMENT:
        return PldaFiles.describeEnrollment(r, "two-covariance PLDA enrolment:", "mean")
            + " (load with Hdf5.loadTwoCovariancePldaEnrollment(file, plda))";
      case PQ_CODES:
        return "codes of " + (r.read("/offsets").count() - 1) + " vectors of length "
            + CompressionFiles.codesLength(r) + ", " + r.read("/codes").count() + " bytes, for a "
            + stringScalar(r, "/model_writer_class") + " (load with Hdf5.loadCodes(file, model))";
      default:
        return null;
    }
  }

  private static String dim(H5Reader r, String path, int axis) throws Hdf5FormatException {
    int[] dims = r.read(path).dims;
    return axis < dims.length ? String.valueOf(dims[axis]) : "?";
  }

  /** A summary of a model that loads on its own (it is loaded, so it is also validated). */
  private static String modelSummary(Path file, Hdf5Info.Kind kind, int datasets)
      throws IOException {
    switch (kind) {
      case GMM_MACHINE: {
        GMMMachine m = loadGmm(file);
        return "GMMMachine C=" + m.numComponents() + " D=" + m.numFeatures() + " trainer="
            + m.trainer() + (m.prior().isPresent() ? " (prior stored)" : "") + " updates="
            + m.updates() + " varianceFloor=" + m.varianceFloor();
      }
      case GMM_STATS: {
        GMMStats s = loadStats(file);
        return "GMMStats C=" + s.numComponents() + " D=" + s.numFeatures() + " T=" + s.t()
            + " logLikelihood=" + s.logLikelihood();
      }
      case KMEANS_MACHINE: {
        KMeansMachine k = loadKMeans(file);
        return "KMeansMachine K=" + k.numClusters() + " D=" + k.numFeatures();
      }
      case WCCN:
        return "WCCN D=" + loadWccn(file).projection().inputDimension();
      case WHITENING:
        return "Whitening D=" + loadWhitening(file).projection().inputDimension();
      case ISV_MACHINE:
        return FaFiles.describeIsv(loadIsv(file));
      case JFA_MACHINE:
        return FaFiles.describeJfa(loadJfa(file));
      case IVECTOR_MACHINE:
        return FaFiles.describeIVector(loadIVector(file));
      case PLDA:
        return PldaFiles.describePlda(loadPlda(file));
      case TWO_COVARIANCE_PLDA:
        return PldaFiles.describeTwoCovariance(loadTwoCovariancePlda(file));
      case EMPCA:
        return PldaFiles.describeEmpca(loadEmpca(file));
      case LDA:
        return LinearFiles.describeLda(loadLda(file));
      case PCA:
        return LinearFiles.describePca(loadPca(file));
      case LENGTH_NORMALIZATION:
        return LinearFiles.describeLengthNormalization(loadLengthNormalization(file));
      case SGD_CLASSIFIER:
        return LinearFiles.describeSgd(loadSgdClassifier(file));
      case FISHER_VECTOR_ENCODER:
        return EncoderFiles.describeFisher(loadFisherEncoder(file));
      case VLAD_ENCODER:
        return EncoderFiles.describeVlad(loadVladEncoder(file));
      case BAG_OF_WORDS_ENCODER:
        return EncoderFiles.describeBagOfWords(loadBagOfWordsEncoder(file));
      case PRODUCT_QUANTIZER:
        return CompressionFiles.describePq(loadProductQuantizer(file));
      case SPARSE_FISHER_CODEC:
        return CompressionFiles.describeCodec(loadSparseFisherCodec(file));
      default:
        return datasets + " dataset" + (datasets == 1 ? "" : "s");
    }
  }

  // ------------------------------------------------------------------------------------------
  // shared reading helpers

  /**
   * The body of the public {@code saveX} methods: checks the arguments, lays the model out and
   * saves it.
   */
  static <T> void save(Path file, T model, String name, Function<T, H5Tree.Group> layout)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(model, name);
    save(file, layout.apply(model));
  }

  static void save(Path file, H5Tree.Group root) throws IOException {
    root.attribute(ContentDigest.ATTRIBUTE, H5Value.string(ContentDigest.of(root)));
    byte[] bytes = H5Writer.encode(root);
    AtomicFiles.write(file, (OutputStream out) -> out.write(bytes));
  }

  static void verifyChecksum(H5Reader r) throws Hdf5FormatException {
    String stored = r.attributeString("/", ContentDigest.ATTRIBUTE);
    if (stored == null) {
      return;
    }
    Map<String, H5Reader.Raw> all = new LinkedHashMap<>();
    for (String p : r.datasetPaths("/")) {
      all.put(p, r.read(p));
    }
    String computed = ContentDigest.of(all);
    if (!computed.equals(stored)) {
      throw r.error("/", "content checksum mismatch: stored " + stored + ", computed " + computed
          + " (the file was modified or corrupted after it was written)");
    }
  }

  static void checkVersion(H5Reader r, String group) throws Hdf5FormatException {
    String v = r.attributeString(group, "file_version");
    if (v == null) {
      return;
    }
    String major = v.trim();
    int dot = major.indexOf('.');
    if (dot >= 0) {
      major = major.substring(0, dot);
    }
    if (!major.equals("1") || !v.trim().matches("1(\\.[0-9]+)?")) {
      throw r.error(group, "unknown file_version '" + v + "'; this emkit reads version 1.x");
    }
  }

  static H5Reader.Raw numeric(H5Reader r, String path) throws Hdf5FormatException {
    H5Reader.Raw raw = r.read(path);
    if (!raw.numeric()) {
      throw r.error(path, "expected a numeric dataset, found dtype " + raw.dtype);
    }
    return raw;
  }

  static int[] squeeze(int[] dims) {
    return Arrays.stream(dims).filter(x -> x != 1).toArray();
  }

  /** A scalar stored as (), (1,) or (1,1). */
  static H5Reader.Raw scalar(H5Reader r, String path) throws Hdf5FormatException {
    H5Reader.Raw raw = r.read(path);
    if (raw.count() != 1) {
      throw r.error(path, "expected a scalar, found shape " + raw.shapeString());
    }
    return raw;
  }

  static double doubleScalar(H5Reader r, String path) throws Hdf5FormatException {
    H5Reader.Raw raw = scalar(r, path);
    if (!raw.numeric()) {
      throw r.error(path, "expected a number, found dtype " + raw.dtype);
    }
    return raw.asDoubles()[0];
  }

  static long longScalar(H5Reader r, String path) throws Hdf5FormatException {
    H5Reader.Raw raw = scalar(r, path);
    if (raw.kind != 'i') {
      throw r.error(path, "expected an integer, found dtype " + raw.dtype);
    }
    return raw.longs[0];
  }

  static int intScalar(H5Reader r, String path, int min, int max)
      throws Hdf5FormatException {
    long v = longScalar(r, path);
    if (v < min || v > max) {
      throw r.error(path, "expected an integer in [" + min + ", " + max + "], found " + v);
    }
    return (int) v;
  }

  static boolean bool(H5Reader r, String path) throws Hdf5FormatException {
    H5Reader.Raw raw = scalar(r, path);
    if (raw.kind != 'b' && raw.kind != 'i') {
      throw r.error(path, "expected a boolean, found dtype " + raw.dtype);
    }
    long v = raw.longs[0];
    if (v != 0 && v != 1) {
      throw r.error(path, "expected a boolean (0 or 1), found " + v);
    }
    return v == 1;
  }

  /** A string scalar, as stored (NUL padding removed). */
  static String stringScalar(H5Reader r, String path) throws Hdf5FormatException {
    H5Reader.Raw raw = scalar(r, path);
    if (raw.kind != 's') {
      throw r.error(path, "expected a string, found dtype " + raw.dtype);
    }
    String s = raw.strings[0];
    int nul = s.indexOf('\0');
    return nul >= 0 ? s.substring(0, nul) : s;
  }

  static String enumString(H5Reader r, String path, String... allowed)
      throws Hdf5FormatException {
    H5Reader.Raw raw = scalar(r, path);
    if (raw.kind != 's') {
      throw r.error(path, "expected a string, found dtype " + raw.dtype);
    }
    String s = raw.strings[0];
    int nul = s.indexOf('\0');
    if (nul >= 0) {
      s = s.substring(0, nul);
    }
    s = s.trim().toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(s)) {
        return a;
      }
    }
    throw r.error(path, "expected one of " + Arrays.toString(allowed) + ", found '" + s + "'");
  }

  static double[] vector(H5Reader r, String path, int length) throws Hdf5FormatException {
    H5Reader.Raw raw = numeric(r, path);
    int[] s = squeeze(raw.dims);
    boolean ok = raw.count() == length && (s.length == 1 || (length == 1 && s.length == 0));
    if (!ok) {
      throw r.error(path, "expected shape (" + length + ",), found " + raw.shapeString());
    }
    return raw.asDoubles();
  }

  static double[] squeezedVector(H5Reader r, String path, int length)
      throws Hdf5FormatException {
    H5Reader.Raw raw = numeric(r, path);
    int[] s = squeeze(raw.dims);
    if (s.length > 1 || (length >= 0 && raw.count() != length) || raw.count() == 0) {
      throw r.error(path, "expected shape (" + (length >= 0 ? length : "D") + ",), found "
          + raw.shapeString());
    }
    return raw.asDoubles();
  }

  static double[] matrix(H5Reader r, String path, int rows, int cols)
      throws Hdf5FormatException {
    H5Reader.Raw raw = numeric(r, path);
    int[] s = dropLeadingOnes(raw.dims, 2);
    if (s.length != 2 || s[0] != rows || s[1] != cols) {
      throw r.error(path, "expected shape (" + rows + ", " + cols + "), found "
          + raw.shapeString());
    }
    return raw.asDoubles();
  }

  static int requireMatrix(H5Reader r, String path, H5Reader.Raw raw, int rows)
      throws Hdf5FormatException {
    if (raw.dims.length != 2 || raw.dims[0] != rows || raw.dims[1] < 1
        || raw.dims[1] > MAX_DIMENSION) {
      throw r.error(path, "expected shape (" + rows + ", D) with D >= 1, found "
          + raw.shapeString());
    }
    return raw.dims[1];
  }

  static void requireShape(H5Reader r, String path, H5Reader.Raw raw, int rows, int cols)
      throws Hdf5FormatException {
    if (raw.dims.length != 2 || raw.dims[0] != rows || raw.dims[1] != cols) {
      throw r.error(path, "expected shape (" + rows + ", " + cols + "), found "
          + raw.shapeString());
    }
  }

  static void requireFinite(H5Reader r, String path, double[] v, boolean nonNegative)
      throws Hdf5FormatException {
    for (int k = 0; k < v.length; k++) {
      if (!Double.isFinite(v[k]) || (nonNegative && v[k] < 0)) {
        throw r.error(path, "element [" + k + "] must be finite" + (nonNegative ? " and >= 0" : "")
            + ", found " + v[k]);
      }
    }
  }
  // ------------------------------------------------------------------------------------------
  // helpers shared by the layouts of the other machines

  /** Reads one object from an open file. */
  @FunctionalInterface
  interface Reader<T> {
    T read(H5Reader r) throws Hdf5FormatException;
  }

  /** Opens a file, verifies its checksum and reads one object. */
  static <T> T load(Path file, Reader<T> reader) throws IOException {
    Objects.requireNonNull(file, "file");
    try (H5Reader r = H5Reader.open(file)) {
      verifyChecksum(r);
      return reader.read(r);
    }
  }

  /**
   * Runs a setter or factory that validates a value read from {@code path}; its
   * {@link IllegalArgumentException} (or numerical failure) becomes an
   * {@link Hdf5FormatException} naming that path.
   */
  static void apply(H5Reader r, String path, Runnable setter) throws Hdf5FormatException {
    build(r, path, "invalid value", () -> {
      setter.run();
      return null;
    });
  }

  /** Builds a model; a rejection becomes an {@link Hdf5FormatException} at {@code path}. */
  static <T> T build(H5Reader r, String path, String what, java.util.function.Supplier<T> factory)
      throws Hdf5FormatException {
    try {
      return factory.get();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new Hdf5FormatException(r.file, path, what + ": " + e.getMessage(), e);
    }
  }

  /** @return whether the root has neither {@code file_version} nor {@code writer_class} */
  static boolean isLegacy(H5Reader r) throws Hdf5FormatException {
    return r.attributeString("/", "file_version") == null
        && r.attributeString("/", "writer_class") == null;
  }

  /** @return the dimensions without leading length-1 axes beyond {@code rank} */
  static int[] dropLeadingOnes(int[] dims, int rank) {
    int first = 0;
    while (dims.length - first > rank && dims[first] == 1) {
      first++;
    }
    return Arrays.copyOfRange(dims, first, dims.length);
  }

  /**
   * A finite matrix with a known number of rows and a free number of columns in
   * [{@code minCols}, {@code maxCols}] (a leading length-1 axis, bob's "(1,1)" legacy variant,
   * is accepted).
   */
  static Matrix matrixWithRows(H5Reader r, String path, int rows, String colsName, int minCols,
      int maxCols) throws Hdf5FormatException {
    H5Reader.Raw raw = numeric(r, path);
    int[] s = dropLeadingOnes(raw.dims, 2);
    if (s.length != 2 || s[0] != rows || s[1] < minCols || s[1] > maxCols) {
      throw r.error(path, "expected shape (" + rows + ", " + colsName + ") with " + colsName
          + " in [" + minCols + ", " + maxCols + "], found " + raw.shapeString());
    }
    double[] v = raw.asDoubles();
    requireFinite(r, path, v, false);
    return Matrix.wrap(rows, s[1], v);
  }

  /** A finite matrix of a known shape. */
  static Matrix finiteMatrix(H5Reader r, String path, int rows, int cols)
      throws Hdf5FormatException {
    double[] v = matrix(r, path, rows, cols);
    requireFinite(r, path, v, false);
    return Matrix.wrap(rows, cols, v);
  }

  /** A finite vector of a known length. */
  static double[] finiteVector(H5Reader r, String path, int length) throws Hdf5FormatException {
    double[] v = vector(r, path, length);
    requireFinite(r, path, v, false);
    return v;
  }

  /** A finite vector whose length is in [{@code min}, {@code max}]. */
  static double[] vectorIn(H5Reader r, String path, String lengthName, int min, int max)
      throws Hdf5FormatException {
    H5Reader.Raw raw = numeric(r, path);
    int[] s = dropLeadingOnes(raw.dims, 1);
    if (s.length != 1 || s[0] < min || s[0] > max) {
      throw r.error(path, "expected shape (" + lengthName + ",) with " + lengthName + " in ["
          + min + ", " + max + "], found " + raw.shapeString());
    }
    double[] v = raw.asDoubles();
    requireFinite(r, path, v, false);
    return v;
  }

  /** An integer vector whose length is in [{@code min}, {@code max}] ({@code max} < 0: any). */
  static long[] integerVector(H5Reader r, String path, String lengthName, int min, int max)
      throws Hdf5FormatException {
    H5Reader.Raw raw = r.read(path);
    if (raw.kind != 'i') {
      throw r.error(path, "expected an integer dataset, found dtype " + raw.dtype);
    }
    int[] s = dropLeadingOnes(raw.dims, 1);
    if (s.length != 1 || s[0] < min || (max >= 0 && s[0] > max)) {
      throw r.error(path, "expected shape (" + lengthName + ",) with " + lengthName + " in ["
          + min + ", " + (max >= 0 ? String.valueOf(max) : "inf") + "), found "
          + raw.shapeString());
    }
    return raw.longs.clone();
  }

  /** An enum stored as its lower-case name. */
  static <E extends Enum<E>> H5Value enumValue(E value) {
    return H5Value.string(value.name().toLowerCase(Locale.ROOT));
  }

  static <E extends Enum<E>> E readEnum(H5Reader r, String path, Class<E> type)
      throws Hdf5FormatException {
    E[] all = type.getEnumConstants();
    String[] names = new String[all.length];
    for (int k = 0; k < all.length; k++) {
      names[k] = all[k].name().toLowerCase(Locale.ROOT);
    }
    return Enum.valueOf(type, enumString(r, path, names).toUpperCase(Locale.ROOT));
  }

  /** Writes a posterior rule as its kind and threshold. */
  static void putRule(H5Tree.Group g, String kindName, String thresholdName, PosteriorRule rule) {
    g.dataset(kindName, enumValue(rule.kind()));
    g.dataset(thresholdName, H5Value.f64(rule.threshold()));
  }

  static PosteriorRule readRule(H5Reader r, String kindPath, String thresholdPath)
      throws Hdf5FormatException {
    PosteriorRule.Kind kind = readEnum(r, kindPath, PosteriorRule.Kind.class);
    double theta = doubleScalar(r, thresholdPath);
    switch (kind) {
      case EXACT:
        return PosteriorRule.EXACT;
      case HARD:
        return PosteriorRule.HARD;
      case THRESHOLD:
        return build(r, thresholdPath, "invalid value", () -> PosteriorRule.threshold(theta));
      default:
        return build(r, thresholdPath, "invalid value", () -> PosteriorRule.truncate(theta));
    }
  }

  /** Reads an emkit model's UBM from {@code /ubm}, or takes the given one if none is stored. */
  static GMMMachine ubm(H5Reader r, GMMMachine given, String loader) throws Hdf5FormatException {
    if (!r.isGroup("/ubm")) {
      if (given == null) {
        throw r.error("/ubm", "missing group: the file does not store its UBM (bob's legacy"
            + " layouts never do); pass the UBM to " + loader + "(file, ubm)");
      }
      return given;
    }
    GMMMachine stored = readGmm(r, "/ubm/", null, 0);
    if (given != null && !(Arrays.equals(given.weights(), stored.weights())
        && Arrays.equals(given.meanSupervector(), stored.meanSupervector())
        && Arrays.equals(given.varianceSupervector(), stored.varianceSupervector()))) {
      LOG.log(Level.WARNING, r.file + ": the UBM passed to " + loader + " differs from the UBM"
          + " stored at /ubm; using the stored one");
    }
    return stored;
  }

  static void requireNonNegative(H5Reader r, String path, double v) throws Hdf5FormatException {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw r.error(path, "expected a finite value >= 0, found " + v);
    }
  }
}
