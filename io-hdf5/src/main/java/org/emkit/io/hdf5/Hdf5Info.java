package org.emkit.io.hdf5;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What an HDF5 file holds, as {@link Hdf5#inspect(java.nio.file.Path)} recognises it: the kind
 * of object, the layout and format version it is stored in, a one-line summary of the model
 * and the list of datasets with their shapes and element types. Immutable.
 */
public final class Hdf5Info {

  /** Kinds of content emkit recognises. */
  public enum Kind {
    /** A {@link org.emkit.mixture.GMMMachine}. */
    GMM_MACHINE,
    /** A {@link org.emkit.mixture.GMMStats}. */
    GMM_STATS,
    /** A {@link org.emkit.cluster.KMeansMachine}. */
    KMEANS_MACHINE,
    /** A {@link org.emkit.linear.WCCN}. */
    WCCN,
    /** A {@link org.emkit.linear.Whitening}. */
    WHITENING,
    /** An {@link org.emkit.fa.ISVMachine} (emkit) or bob's legacy {@code ISVBase}. */
    ISV_MACHINE,
    /** A {@link org.emkit.fa.JFAMachine} (emkit) or bob's legacy {@code JFABase}. */
    JFA_MACHINE,
    /** An {@link org.emkit.fa.IVectorMachine} (emkit or bob's legacy layout). */
    IVECTOR_MACHINE,
    /** An enrolled ISV client (z). */
    ISV_CLIENT,
    /** A {@link org.emkit.fa.JFAMachine.Enrollment} (y, z). */
    JFA_ENROLLMENT,
    /** A {@link org.emkit.fa.PLDA} (emkit or bob's legacy {@code PLDABase}). */
    PLDA,
    /** A {@link org.emkit.fa.PLDA.Enrollment} (emkit or bob's legacy {@code PLDAMachine}). */
    PLDA_ENROLLMENT,
    /** A {@link org.emkit.fa.TwoCovariancePLDA}. */
    TWO_COVARIANCE_PLDA,
    /** A {@link org.emkit.fa.TwoCovariancePLDA.Enrollment}. */
    TWO_COVARIANCE_PLDA_ENROLLMENT,
    /** An {@link org.emkit.fa.EMPCA}. */
    EMPCA,
    /** An {@link org.emkit.linear.LDA}. */
    LDA,
    /** A {@link org.emkit.linear.PCA}. */
    PCA,
    /** A {@link org.emkit.linear.LengthNormalization}. */
    LENGTH_NORMALIZATION,
    /** An {@link org.emkit.linear.SgdClassifier}. */
    SGD_CLASSIFIER,
    /** A {@link org.emkit.fisher.FisherVectorEncoder}. */
    FISHER_VECTOR_ENCODER,
    /** A {@link org.emkit.fisher.VLADEncoder}. */
    VLAD_ENCODER,
    /** A {@link org.emkit.fisher.BagOfWordsEncoder}. */
    BAG_OF_WORDS_ENCODER,
    /** A {@link org.emkit.fisher.compress.ProductQuantizer}. */
    PRODUCT_QUANTIZER,
    /** A {@link org.emkit.fisher.compress.SparseFisherCodec}. */
    SPARSE_FISHER_CODEC,
    /** Codes of a set of vectors under a product quantiser or a sparse Fisher codec. */
    PQ_CODES,
    /** Plain named datasets (no model layout recognised). */
    ARRAYS
  }

  private final Kind kind;
  private final String layout;
  private final String formatVersion;
  private final String summary;
  private final List<String> datasets;

  Hdf5Info(Kind kind, String layout, String formatVersion, String summary, List<String> datasets) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.formatVersion = formatVersion;
    this.summary = Objects.requireNonNull(summary, "summary");
    this.datasets = Collections.unmodifiableList(new ArrayList<>(datasets));
  }

  /** @return the kind of content */
  public Kind kind() {
    return kind;
  }

  /**
   * @return the layout, e.g. {@code "bob.learn.em v1.0"}, {@code "bob.learn.em legacy (C++)"},
   *     {@code "emkit"}, {@code "datasets"}
   */
  public String layout() {
    return layout;
  }

  /** @return the {@code file_version} attribute, or {@code "none"} for files without one */
  public String formatVersion() {
    return formatVersion == null ? "none" : formatVersion;
  }

  /** @return a one-line description of the model (sizes and main settings) */
  public String summary() {
    return summary;
  }

  /** @return one line per dataset: {@code path shape dtype} (unmodifiable) */
  public List<String> datasets() {
    return datasets;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    b.append("type: ").append(kind).append('\n');
    b.append("layout: ").append(layout).append('\n');
    b.append("format version: ").append(formatVersion()).append('\n');
    b.append("summary: ").append(summary).append('\n');
    b.append("datasets:\n");
    for (String d : datasets) {
      b.append("  ").append(d).append('\n');
    }
    return b.toString();
  }
}
