package org.emkit.spark;

import java.util.EnumSet;
import java.util.UUID;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.emkit.mixture.GMMMachine;

/**
 * emkit's diagonal GMM as a Spark ML {@link Estimator}: {@code fit} trains on a DataFrame's
 * vector column with {@link SparkGMM} (k-means|| initialisation, distributed EM) and returns a
 * {@link GMMModel}, so emkit's GMM can stand in a Spark ML {@code Pipeline}.
 *
 * <p><b>Parameters</b> (Spark ML conventions: {@code setX}, {@code getX}, the {@code Param}
 * objects by their names): {@code featuresCol} ("features": {@code array<double>},
 * {@code array<float>} or ML vector), {@code predictionCol} ("prediction"),
 * {@code logLikelihoodCol} ("logLikelihood"), {@code k} (2, ≥ 1), {@code maxIter} (200, ≥ 1),
 * {@code tol} (1e-5: relative change of the average log-likelihood, emkit's {@code
 * convergenceThreshold}), {@code seed} (0, in [0, 2³²−1]), {@code varianceFloor} (2.22e-16,
 * ≥ 0) and {@code updates} ("mvw": any of the letters m, v, w, as the {@code emkit gmm train
 * --update} option; unlike emkit's builder default of means only, a Spark ML estimator trains the
 * full model by default).
 *
 * <p>Compared with Spark MLlib's {@code GaussianMixture}: diagonal covariances (MLlib has only
 * full ones, limited to √Int.MaxValue features), k-means|| initialisation instead of averages of
 * random samples, a variance floor, selective updates, and bitwise reproducible results for a
 * fixed partitioning.
 *
 * <p>Not {@code MLWritable}: save the fitted machine ({@link GMMModel#gmm()}) with io-hdf5.
 */
public final class GMMEstimator extends Estimator<GMMModel> {

  private static final long serialVersionUID = 1L;

  /** The unique id of this pipeline stage. */
  private final String uid;
  /** Input column of frames. */
  private final Param<String> featuresCol;
  /** Output column of the most likely component. */
  private final Param<String> predictionCol;
  /** Output column of the log-likelihood of each frame. */
  private final Param<String> logLikelihoodCol;
  /** Number of components. */
  private final IntParam k;
  /** Maximum EM iterations. */
  private final IntParam maxIter;
  /** Convergence threshold (relative change of the average log-likelihood). */
  private final DoubleParam tol;
  /** Seed of the initialisation. */
  private final LongParam seed;
  /** Variance floor. */
  private final DoubleParam varianceFloor;
  /** Parameters the M-step updates (letters of "mvw"). */
  private final Param<String> updates;

  /** An estimator with a random uid. */
  public GMMEstimator() {
    this("emkitGMM_" + UUID.randomUUID().toString().substring(0, 12));
  }

  /** @param uid the unique id of this pipeline stage */
  public GMMEstimator(String uid) {
    this.uid = uid;
    featuresCol = new Param<>(this, "featuresCol", "input column of frames");
    predictionCol = new Param<>(this, "predictionCol", "output column of the most likely"
        + " component");
    logLikelihoodCol = new Param<>(this, "logLikelihoodCol", "output column of ln p(x)");
    k = new IntParam(this, "k", "number of components (>= 1)", ParamValidators.gtEq(1));
    maxIter = new IntParam(this, "maxIter", "maximum EM iterations (>= 1)",
        ParamValidators.gtEq(1));
    tol = new DoubleParam(this, "tol", "relative change of the average log-likelihood at which"
        + " EM stops (>= 0)", ParamValidators.gtEq(0));
    seed = new LongParam(this, "seed", "seed of the k-means|| initialisation, in [0, 2^32-1]",
        ParamValidators.inRange(0, 4294967295.0));
    varianceFloor = new DoubleParam(this, "varianceFloor", "variance floor (>= 0)",
        ParamValidators.gtEq(0));
    updates = new Param<>(this, "updates", "parameters the M-step updates: letters of mvw",
        ParamValidators.inArray(new String[] {"m", "v", "w", "mv", "mw", "vw", "mvw"}));
    setDefault(featuresCol, "features");
    setDefault(predictionCol, "prediction");
    setDefault(logLikelihoodCol, "logLikelihood");
    setDefault(k, 2);
    setDefault(maxIter, 200);
    setDefault(tol, 1e-5);
    setDefault(seed, 0L);
    setDefault(varianceFloor, 2.220446049250313e-16);
    setDefault(updates, "mvw");
  }

  @Override
  public String uid() {
    return uid;
  }

  /** @return the param */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /** @return the param */
  public Param<String> predictionCol() {
    return predictionCol;
  }

  /** @return the param */
  public Param<String> logLikelihoodCol() {
    return logLikelihoodCol;
  }

  /** @return the param */
  public IntParam k() {
    return k;
  }

  /** @return the param */
  public IntParam maxIter() {
    return maxIter;
  }

  /** @return the param */
  public DoubleParam tol() {
    return tol;
  }

  /** @return the param */
  public LongParam seed() {
    return seed;
  }

  /** @return the param */
  public DoubleParam varianceFloor() {
    return varianceFloor;
  }

  /** @return the param */
  public Param<String> updates() {
    return updates;
  }

  /**
   * @param value column name
   * @return this
   */
  public GMMEstimator setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  /**
   * @param value column name
   * @return this
   */
  public GMMEstimator setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /**
   * @param value column name
   * @return this
   */
  public GMMEstimator setLogLikelihoodCol(String value) {
    set(logLikelihoodCol, value);
    return this;
  }

  /**
   * @param value number of components
   * @return this
   */
  public GMMEstimator setK(int value) {
    set(k, value);
    return this;
  }

  /**
   * @param value maximum EM iterations
   * @return this
   */
  public GMMEstimator setMaxIter(int value) {
    set(maxIter, value);
    return this;
  }

  /**
   * @param value convergence threshold
   * @return this
   */
  public GMMEstimator setTol(double value) {
    set(tol, value);
    return this;
  }

  /**
   * @param value seed
   * @return this
   */
  public GMMEstimator setSeed(long value) {
    set(seed, value);
    return this;
  }

  /**
   * @param value variance floor
   * @return this
   */
  public GMMEstimator setVarianceFloor(double value) {
    set(varianceFloor, value);
    return this;
  }

  /**
   * @param value letters of "mvw"
   * @return this
   */
  public GMMEstimator setUpdates(String value) {
    set(updates, value);
    return this;
  }

  /** @return the features column */
  public String getFeaturesCol() {
    return $(featuresCol);
  }

  /** @return the number of components */
  public int getK() {
    return (Integer) $(k);
  }

  /** @return the machine this estimator trains (unfitted, k-means initialisation) */
  public GMMMachine machine() {
    EnumSet<GMMMachine.Update> u = EnumSet.noneOf(GMMMachine.Update.class);
    String letters = $(updates);
    if (letters.contains("m")) {
      u.add(GMMMachine.Update.MEANS);
    }
    if (letters.contains("v")) {
      u.add(GMMMachine.Update.VARIANCES);
    }
    if (letters.contains("w")) {
      u.add(GMMMachine.Update.WEIGHTS);
    }
    return GMMMachine.builder((Integer) $(k)).maxIterations((Integer) $(maxIter))
        .convergenceThreshold((Double) $(tol)).seed((Long) $(seed))
        .varianceFloor((Double) $(varianceFloor)).updates(u).build();
  }

  @Override
  public GMMModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    GMMMachine fitted;
    try (FrameSet frames = FrameSet.of(dataset.toDF(), $(featuresCol))) {
      fitted = SparkGMM.fit(frames, machine());
    }
    GMMModel model = new GMMModel(uid, fitted);
    model.setParent(this);
    return copyValues(model, ParamMap.empty());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    RowValues.requireVectorColumn("GMMEstimator", schema, $(featuresCol));
    return GMMModel.outputSchema(schema, $(predictionCol), $(logLikelihoodCol));
  }

  @Override
  public GMMEstimator copy(ParamMap extra) {
    return (GMMEstimator) defaultCopy(extra);
  }
}
