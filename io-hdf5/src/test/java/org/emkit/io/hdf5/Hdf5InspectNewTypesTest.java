package org.emkit.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Hdf5#inspect} (and so {@code emkit info}) describes every new type: kind, layout,
 * format version, a summary with the sizes and the datasets with their shapes; h5py reads the
 * files with the documented names and shapes.
 */
class Hdf5InspectNewTypesTest {

  @TempDir Path dir;

  private Hdf5Info check(Path f, Hdf5Info.Kind kind, String summaryFragment,
      String... datasetLines) throws Exception {
    Hdf5Info info = Hdf5.inspect(f);
    assertEquals(kind, info.kind(), f.toString());
    assertEquals("1.0", info.formatVersion(), f.toString());
    assertTrue(info.layout().startsWith("emkit"), info.layout());
    assertTrue(info.summary().contains(summaryFragment), info.summary());
    for (String line : datasetLines) {
      assertTrue(info.datasets().contains(line), line + " not in " + info.datasets());
    }
    String text = info.toString();
    assertTrue(text.contains("type: " + kind) && text.contains("format version: 1.0"), text);
    return info;
  }

  @Test
  void factorAnalysisAndPldaFiles() throws Exception {
    ISVMachine isv = Models.isv();
    JFAMachine jfa = Models.jfa();
    PLDA plda = Models.plda();
    TwoCovariancePLDA two = Models.twoCovariance();
    Path f = dir.resolve("m.h5");
    Hdf5.saveIsv(f, isv);
    check(f, Hdf5Info.Kind.ISV_MACHINE, "ISVMachine C=3 D=2 rankU=2 relevanceFactor=5.0"
        + " iterations=2 enrollIterations=3 seed=7 (UBM stored)", "/U (6, 2) float64",
        "/d (6,) float64", "/ubm/gaussians/means (3, 2) float64");
    Hdf5.saveJfa(f, jfa);
    check(f, Hdf5Info.Kind.JFA_MACHINE, "rankU=2 rankV=1 numerics=BOB_COMPATIBLE",
        "/V (6, 1) float64", "/numerics () string");
    Hdf5.saveIVector(f, Models.ivector());
    check(f, Hdf5Info.Kind.IVECTOR_MACHINE, "IVectorMachine C=3 D=2 rank=2 iterations=2",
        "/T (3, 2, 2) float64", "/sigma (3, 2) float64", "/update_sigma () bool");
    Hdf5.saveIsvClient(f, isv, new double[6]);
    check(f, Hdf5Info.Kind.ISV_CLIENT, "z of length 6", "/z (6,) float64");
    Hdf5.saveJfaEnrollment(f, jfa, JFAMachine.Enrollment.of(new double[1], new double[6]));
    check(f, Hdf5Info.Kind.JFA_ENROLLMENT, "y of length 1, z of length 6", "/y (1,) float64");
    Hdf5.savePlda(f, plda);
    Hdf5Info pi = check(f, Hdf5Info.Kind.PLDA, "PLDA D=4 rankF=2 rankG=1 varianceFloor=1.0E-4",
        "/dim_d () uint64", "/a_indices_gamma (2,) uint32", "/gamma_3 (2, 2) float64",
        "/beta (4, 4) float64", "/emkit/f_init () string");
    assertTrue(pi.summary().contains("cachedSampleCounts=[1, 3]"), pi.summary());
    assertTrue(pi.layout().contains("PLDABase"), pi.layout());
    Hdf5.savePldaEnrollment(f, plda, plda.enroll(Models.vectors(1, 1, 2, 4)));
    check(f, Hdf5Info.Kind.PLDA_ENROLLMENT, "n_samples=2 weighted_sum length 2",
        "/n_samples () uint64");
    Hdf5.saveTwoCovariancePlda(f, two);
    check(f, Hdf5Info.Kind.TWO_COVARIANCE_PLDA, "TwoCovariancePLDA D=3 iterations=3",
        "/between (3, 3) float64");
    Hdf5.saveTwoCovariancePldaEnrollment(f, two, two.enroll(Models.vectors(2, 1, 4, 3)));
    check(f, Hdf5Info.Kind.TWO_COVARIANCE_PLDA_ENROLLMENT, "n_samples=4", "/mean (3,) float64");
    Hdf5.saveEmpca(f, Models.empca());
    check(f, Hdf5Info.Kind.EMPCA, "EMPCA f=4 q=2", "/w (4, 2) float64", "/sigma2 () float64");
  }

  @Test
  void linearTransformsAndEncoders() throws Exception {
    Matrix x = Fixtures.data(1, 40, 3);
    int[] y = new int[40];
    for (int i = 0; i < 40; i++) {
      y[i] = i % 3;
    }
    Path f = dir.resolve("t.h5");
    Hdf5.saveLda(f, LDA.create().fit(x, y));
    check(f, Hdf5Info.Kind.LDA, "LDA D=3 K=2", "/weights (3, 2) float64",
        "/eigenvalues (2,) float64");
    Hdf5.savePca(f, PCA.builder(2).build().fit(x));
    check(f, Hdf5Info.Kind.PCA, "PCA D=3 K=2 scaling=NONE", "/components (2, 3) float64");
    Hdf5.saveLengthNormalization(f, LengthNormalization.centeredOn(x));
    check(f, Hdf5Info.Kind.LENGTH_NORMALIZATION, "centred, D=3", "/mean (3,) float64");
    Hdf5.saveSgdClassifier(f, SgdClassifier.linearSvm().epochs(2).build().fit(x, y));
    check(f, Hdf5Info.Kind.SGD_CLASSIFIER, "SgdClassifier classes=[0, 1, 2] D=3",
        "/weights (3, 3) float64", "/classes (3,) int64");
    GMMMachine g = Fixtures.ubm(2, 4, 3);
    Hdf5.saveFisherEncoder(f, FisherVectorEncoder.improved(g));
    check(f, Hdf5Info.Kind.FISHER_VECTOR_ENCODER, "FisherVectorEncoder K=4 D=3 length=24",
        "/gmm/weights (4,) float64", "/block_means () bool");
    Hdf5.saveVladEncoder(f, VLADEncoder.of(g, VLADOptions.vlfeatDefault()));
    check(f, Hdf5Info.Kind.VLAD_ENCODER, "VLADEncoder K=4 D=3 length=12 centres from a GMM",
        "/gmm/gaussians/means (4, 3) float64");
    Hdf5.saveBagOfWordsEncoder(f, BagOfWordsEncoder.of(KMeansMachine.fromCentroids(g.means()),
        BagOfWordsOptions.hardFrequencies()));
    check(f, Hdf5Info.Kind.BAG_OF_WORDS_ENCODER, "BagOfWordsEncoder K=4 D=3 words from k-means",
        "/centres (4, 3) float64");
  }

  @Test
  void h5pyReadsIsvAndEncoderFilesAndBobsGmmReaderReadsTheirUbm() throws Exception {
    ISVMachine isv = Models.isv();
    Path f = dir.resolve("isv.h5");
    Hdf5.saveIsv(f, isv);
    H5py.Dump d = H5py.dump(f);
    assertEquals("str|" + Hdf5.ISV_CLASS, d.attributes.get("/ writer_class"));
    assertEquals("str|1.0", d.attributes.get("/ file_version"));
    assertArrayEquals(new int[] {6, 2}, d.datasets.get("/U").shape);
    assertArrayEquals(isv.u().data(), d.datasets.get("/U").doubles());
    assertArrayEquals(isv.d(), d.datasets.get("/d").doubles());
    assertEquals("int64", d.datasets.get("/enroll_iterations").dtype);
    assertEquals("str|<class 'bob.learn.em.GMMMachine'>", d.attributes.get("/ubm writer_class"));
    assertArrayEquals(isv.ubm().means().data(), d.datasets.get("/ubm/gaussians/means").doubles());
    // bob.learn.em's GMMMachine.from_hdf5 accepts a group: its reads work on /ubm
    H5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "h = h5py.File(sys.argv[1], 'r')['ubm']",
        "major, minor = h.attrs['file_version'].split('.')",
        "assert int(major) >= 1",
        "assert h['n_gaussians'][()] == 3 and h['gaussians']['means'][...].shape == (3, 2)",
        "assert h['trainer'][()] in (b'ml', 'ml')"), f.toString());

    GMMMachine g = Fixtures.ubm(3, 2, 2);
    Path e = dir.resolve("fv.h5");
    Hdf5.saveFisherEncoder(e, FisherVectorEncoder.improved(g));
    H5py.Dump fd = H5py.dump(e);
    assertEquals("bool", fd.datasets.get("/block_weights").dtype);
    assertEquals(List.of("0.0"), fd.datasets.get("/block_weights").values);
    assertEquals(List.of("analytic"), fd.datasets.get("/fisher_normalization").values);
    assertEquals(List.of("exact"), fd.datasets.get("/posterior_rule").values);
    assertArrayEquals(new double[] {0.5}, fd.datasets.get("/power").doubles());
    assertArrayEquals(g.weights(), fd.datasets.get("/gmm/weights").doubles());
  }
}
