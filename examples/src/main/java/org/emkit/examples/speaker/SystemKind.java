package org.emkit.examples.speaker;

import java.util.Locale;

/**
 * The verification systems of the speaker experiment, and the registry that builds them from an
 * {@link ExperimentConfig}.
 *
 * <p><b>Adding a system:</b> write a {@link VerificationSystem} (or, for a new i-vector back-end,
 * a {@link VectorBackend} used through {@link IVectorSystem}, as {@link PldaBackend} is), add a
 * constant here and its case in {@link #create}. Every table, the DET plot, score normalisation
 * and the determinism test then include it. The i-vector extractor is trained once per fold and
 * shared by every i-vector system.
 */
public enum SystemKind {
  /** GMM-UBM: MAP-adapted means, linear scoring (Glembek's first-order approximation). */
  GMM_UBM("gmm-ubm", "GMM-UBM"),
  /** GMM-UBM: MAP-adapted means, average frame log-likelihood ratio against the UBM. */
  GMM_UBM_LLR("gmm-ubm-llr", "GMM-UBM (frame LLR)"),
  /** Inter-session variability modelling (U), linear scoring with the probe's channel offset. */
  ISV("isv", "ISV"),
  /** Joint factor analysis (U, V, D), linear scoring with the probe's channel offset. */
  JFA("jfa", "JFA"),
  /** i-vectors, length normalisation, cosine scoring. */
  IVECTOR_COSINE("ivector-cosine", "i-vector cosine"),
  /** i-vectors, length normalisation, LDA, WCCN, cosine scoring (Dehak et al.). */
  IVECTOR_LDA_WCCN("ivector-lda-wccn", "i-vector LDA/WCCN cosine"),
  /** i-vectors, whitening, length normalisation, two-covariance PLDA log-likelihood ratio. */
  IVECTOR_PLDA("ivector-plda", "i-vector PLDA");

  /** Ridge added to the within-speaker covariance of PLDA (whitened, length-normalised units). */
  static final double PLDA_REGULARIZATION = 1e-6;

  private final String id;
  private final String displayName;

  SystemKind(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  /** @return the option name ({@code gmm-ubm}, {@code isv}, ...) */
  public String id() {
    return id;
  }

  /** @return the name in tables and plots */
  public String displayName() {
    return displayName;
  }

  /**
   * Builds the system with the hyperparameters of a configuration.
   *
   * @param config the configuration
   * @return the system
   */
  public VerificationSystem create(ExperimentConfig config) {
    switch (this) {
      case GMM_UBM:
        return new GmmUbmSystem(this, config.relevanceFactor(), GmmUbmSystem.Scoring.LINEAR);
      case GMM_UBM_LLR:
        return new GmmUbmSystem(this, config.relevanceFactor(), GmmUbmSystem.Scoring.FRAME_LLR);
      case ISV:
        return new IsvSystem(this, config);
      case JFA:
        return new JfaSystem(this, config);
      case IVECTOR_COSINE:
        return new IVectorSystem(this, config, new CosineBackend(0, false));
      case IVECTOR_LDA_WCCN:
        return new IVectorSystem(this, config,
            new CosineBackend(config.ldaDimension(), config.wccn()));
      case IVECTOR_PLDA:
        return new IVectorSystem(this, config,
            new PldaBackend(config.pldaIterations(), PLDA_REGULARIZATION, config.threads()));
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * @param text an id ({@code gmm-ubm}, {@code gmm-ubm-llr}, {@code isv}, {@code jfa},
   *     {@code ivector-cosine}, {@code ivector-lda-wccn}, {@code ivector-plda}) or the constant
   *     name, case-insensitive
   * @return the system kind
   * @throws IllegalArgumentException for any other text
   */
  public static SystemKind parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (SystemKind k : values()) {
      if (k.id.equals(t) || k.name().toLowerCase(Locale.ROOT).equals(t)) {
        return k;
      }
    }
    StringBuilder ids = new StringBuilder();
    for (SystemKind k : values()) {
      ids.append(ids.length() == 0 ? "" : ", ").append(k.id);
    }
    throw new IllegalArgumentException("SystemKind: system must be one of {" + ids + "}, got '"
        + text + "'");
  }
}
