package org.emkit.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.fa.ISVMachine;
import org.emkit.fa.JFAMachine;
import org.emkit.fa.PLDA;
import org.emkit.fa.TwoCovariancePLDA;
import org.emkit.fisher.BagOfWordsEncoder;
import org.emkit.fisher.BagOfWordsOptions;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.VLADEncoder;
import org.emkit.fisher.VLADOptions;
import org.emkit.linear.LDA;
import org.emkit.linear.LengthNormalization;
import org.emkit.linear.PCA;
import org.emkit.linear.SgdClassifier;
import org.emkit.mixture.GMMMachine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every layout added for the factor-analysis, PLDA, linear and encoder models: a missing
 * dataset, a misshapen dataset, an unknown {@code file_version} and a wrong {@code writer_class}
 * (files damaged by h5py) give an {@link Hdf5FormatException} naming the file and the object.
 */
class Hdf5NewLayoutErrorsTest {

  @TempDir Path dir;

  @FunctionalInterface
  interface Saver {
    void save(Path f) throws Exception;
  }

  @FunctionalInterface
  interface Loader {
    Object load(Path f) throws Exception;
  }

  /** One layout: how to write a valid file, how to load it, which datasets to damage. */
  private static final class Case {
    final String name;
    final Saver saver;
    final Loader loader;
    final String missing;
    final String misshapen;
    final String writer;

    Case(String name, Saver saver, Loader loader, String missing, String misshapen,
        String writer) {
      this.name = name;
      this.saver = saver;
      this.loader = loader;
      this.missing = missing;
      this.misshapen = misshapen;
      this.writer = writer;
    }
  }

  private static final String DAMAGE = String.join("\n",
      "import sys, shutil, h5py, numpy as np",
      "a = sys.argv[1:]",
      "for i in range(0, len(a), 3):",
      "    src, miss, shape = a[i:i + 3]",
      "    base = src[:-3]",
      "    for tag in ('missing', 'shape', 'version', 'writer'):",
      "        shutil.copy(src, base + '_' + tag + '.h5')",
      "    with h5py.File(base + '_missing.h5', 'r+') as h:",
      "        del h[miss]; del h.attrs['emkit_checksum']",
      "    with h5py.File(base + '_shape.h5', 'r+') as h:",
      "        d = h[shape][...]; del h[shape]",
      "        h[shape] = np.concatenate([np.ravel(d), [1.0]]); del h.attrs['emkit_checksum']",
      "    with h5py.File(base + '_version.h5', 'r+') as h:",
      "        h.attrs['file_version'] = '2.0'",
      "    with h5py.File(base + '_writer.h5', 'r+') as h:",
      "        h.attrs['writer_class'] = 'org.emkit.Other'");

  private List<Case> cases() {
    ISVMachine isv = Models.isv();
    JFAMachine jfa = Models.jfa();
    PLDA plda = Models.plda();
    TwoCovariancePLDA two = Models.twoCovariance();
    GMMMachine g = Fixtures.ubm(5, 4, 3);
    Matrix xs = Fixtures.data(3, 40, 3);
    int[] y = new int[40];
    for (int i = 0; i < 40; i++) {
      y[i] = i % 3;
    }
    double[] z = isv.enroll(Models.sessions(isv.ubm()).subList(0, 2));
    JFAMachine.Enrollment je = jfa.enroll(Models.sessions(jfa.ubm()).subList(0, 2));
    PLDA.Enrollment pe = plda.enroll(Models.vectors(4, 1, 2, 4));
    TwoCovariancePLDA.Enrollment te = two.enroll(Models.vectors(5, 1, 2, 3));
    KMeansMachine km = KMeansMachine.fromCentroids(g.means());
    List<Case> c = new ArrayList<>();
    c.add(new Case("isv", f -> Hdf5.saveIsv(f, isv), Hdf5::loadIsv, "/d", "/U", Hdf5.ISV_CLASS));
    c.add(new Case("jfa", f -> Hdf5.saveJfa(f, jfa), Hdf5::loadJfa, "/V", "/d", Hdf5.JFA_CLASS));
    c.add(new Case("ivector", f -> Hdf5.saveIVector(f, Models.ivector()), Hdf5::loadIVector,
        "/ubm/weights", "/T", Hdf5.IVECTOR_CLASS));
    c.add(new Case("isvclient", f -> Hdf5.saveIsvClient(f, isv, z),
        f -> Hdf5.loadIsvClient(f, isv), "/z", "/z", Hdf5.ISV_CLIENT_CLASS));
    c.add(new Case("jfaenrol", f -> Hdf5.saveJfaEnrollment(f, jfa, je),
        f -> Hdf5.loadJfaEnrollment(f, jfa), "/n_features", "/y", Hdf5.JFA_ENROLLMENT_CLASS));
    c.add(new Case("plda", f -> Hdf5.savePlda(f, plda), Hdf5::loadPlda, "/emkit/seed",
        "/sigma", Hdf5.PLDA_CLASS));
    c.add(new Case("pldaenrol", f -> Hdf5.savePldaEnrollment(f, plda, pe),
        f -> Hdf5.loadPldaEnrollment(f, plda), "/loglikelihood", "/weighted_sum",
        Hdf5.PLDA_ENROLLMENT_CLASS));
    c.add(new Case("two", f -> Hdf5.saveTwoCovariancePlda(f, two), Hdf5::loadTwoCovariancePlda,
        "/within", "/between", Hdf5.TWO_COVARIANCE_PLDA_CLASS));
    c.add(new Case("twoenrol", f -> Hdf5.saveTwoCovariancePldaEnrollment(f, two, te),
        f -> Hdf5.loadTwoCovariancePldaEnrollment(f, two), "/n_samples", "/mean",
        Hdf5.TWO_COVARIANCE_ENROLLMENT_CLASS));
    c.add(new Case("empca", f -> Hdf5.saveEmpca(f, Models.empca()), Hdf5::loadEmpca,
        "/sigma2", "/w", Hdf5.EMPCA_CLASS));
    c.add(new Case("lda", f -> Hdf5.saveLda(f, LDA.create().fit(xs, y)), Hdf5::loadLda,
        "/input_subtract", "/eigenvalues", Hdf5.LDA_CLASS));
    c.add(new Case("pca", f -> Hdf5.savePca(f, PCA.builder(2).build().fit(xs)), Hdf5::loadPca,
        "/total_variance", "/components", Hdf5.PCA_CLASS));
    c.add(new Case("ln", f -> Hdf5.saveLengthNormalization(f,
        LengthNormalization.centeredOn(xs)), Hdf5::loadLengthNormalization, "/centred", "/mean",
        Hdf5.LENGTH_NORMALIZATION_CLASS));
    c.add(new Case("sgd", f -> Hdf5.saveSgdClassifier(f, SgdClassifier.linearSvm().epochs(2)
        .build().fit(xs, y)), Hdf5::loadSgdClassifier, "/lambda", "/biases", Hdf5.SGD_CLASS));
    c.add(new Case("fisher", f -> Hdf5.saveFisherEncoder(f, FisherVectorEncoder.improved(g)),
        Hdf5::loadFisherEncoder, "/gmm/gaussians/variances", "/gmm/weights",
        Hdf5.FISHER_CLASS));
    c.add(new Case("vlad", f -> Hdf5.saveVladEncoder(f, VLADEncoder.of(g,
        VLADOptions.vlfeatDefault())), Hdf5::loadVladEncoder, "/intra", "/gmm/gaussians/means",
        Hdf5.VLAD_CLASS));
    c.add(new Case("bow", f -> Hdf5.saveBagOfWordsEncoder(f, BagOfWordsEncoder.of(km,
        BagOfWordsOptions.hardFrequencies())), Hdf5::loadBagOfWordsEncoder, "/weighting",
        "/centres", Hdf5.BAG_OF_WORDS_CLASS));
    return c;
  }

  private static Hdf5FormatException expect(Path f, String path, String fragment, Loader l) {
    Hdf5FormatException e = assertThrows(Hdf5FormatException.class, () -> l.load(f),
        f.toString());
    assertEquals(f, e.file());
    assertEquals(path, e.objectPath(), e.getMessage());
    assertTrue(e.getMessage().startsWith(f + ": " + path + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    return e;
  }

  @Test
  @Tag("slow")
  void damagedFilesOfEveryNewLayoutGiveTypedErrorsNamingFileAndPath() throws Exception {
    List<Case> cases = cases();
    List<String> args = new ArrayList<>();
    Map<String, Case> byName = new LinkedHashMap<>();
    for (Case c : cases) {
      Path f = dir.resolve(c.name + ".h5");
      c.saver.save(f);
      c.loader.load(f); // the undamaged file loads
      args.add(f.toString());
      args.add(c.missing);
      args.add(c.misshapen);
      byName.put(c.name, c);
    }
    H5py.run(DAMAGE, args.toArray(new String[0]));
    for (Case c : byName.values()) {
      expect(dir.resolve(c.name + "_missing.h5"), c.missing, "missing dataset", c.loader);
      expect(dir.resolve(c.name + "_shape.h5"), c.misshapen, "expected shape", c.loader);
      expect(dir.resolve(c.name + "_version.h5"), "/", "unknown file_version '2.0'", c.loader);
      expect(dir.resolve(c.name + "_writer.h5"), "/", "expected writer_class '" + c.writer
          + "', found 'org.emkit.Other'", c.loader);
    }
    assertEquals(17, byName.size());
  }

  @Test
  @Tag("slow")
  void invalidValuesNameTheirDataset() throws Exception {
    Path f = dir.resolve("isv.h5");
    Hdf5.saveIsv(f, Models.isv());
    H5py.run("import sys, h5py, numpy as np\n"
        + "with h5py.File(sys.argv[1], 'r+') as h:\n"
        + "    h['relevance_factor'][()] = -2.0\n"
        + "    h['U'][0, 0] = np.nan\n"
        + "    del h.attrs['emkit_checksum']\n", f.toString());
    expect(f, "/U", "element [0] must be finite", Hdf5::loadIsv);
    H5py.run("import sys, h5py, numpy as np\n"
        + "with h5py.File(sys.argv[1], 'r+') as h:\n"
        + "    h['U'][0, 0] = 0.5\n", f.toString());
    expect(f, "/relevance_factor", "relevanceFactor", Hdf5::loadIsv);
    Path p = dir.resolve("plda.h5");
    Hdf5.savePlda(p, Models.plda());
    H5py.run("import sys, h5py, numpy as np\n"
        + "with h5py.File(sys.argv[1], 'r+') as h:\n"
        + "    h['dim_f'][()] = 3\n"
        + "    h['emkit/sigma_init'][()] = 'wild'\n"
        + "    del h.attrs['emkit_checksum']\n", p.toString());
    expect(p, "/dim_f", "expected 2 (the columns of /F), found 3", Hdf5::loadPlda);
    H5py.run("import sys, h5py, numpy as np\n"
        + "with h5py.File(sys.argv[1], 'r+') as h:\n"
        + "    h['dim_f'][()] = 2\n", p.toString());
    expect(p, "/emkit/sigma_init", "expected one of [random, variance_g, constant,"
        + " variance_data], found 'wild'", Hdf5::loadPlda);
    Path e = dir.resolve("empca.h5");
    Hdf5.saveEmpca(e, Models.empca());
    H5py.run("import sys, h5py\n"
        + "with h5py.File(sys.argv[1], 'r+') as h:\n"
        + "    h['sigma2'][()] = -1.0\n"
        + "    del h.attrs['emkit_checksum']\n", e.toString());
    expect(e, "/sigma2", "sigma2", Hdf5::loadEmpca);
  }
}
