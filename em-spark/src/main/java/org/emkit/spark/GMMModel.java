package org.emkit.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.emkit.core.Matrix;
import org.emkit.mixture.GMMMachine;

/**
 * A fitted emkit GMM as a Spark ML {@link Model} (the result of {@link GMMEstimator#fit}):
 * {@code transform} appends, to every row, the most likely component ({@code predictionCol},
 * int; {@link GMMMachine#predict}) and the frame's log-likelihood ({@code logLikelihoodCol},
 * double; {@link GMMMachine#logLikelihood}), computed on blocks of 1024 rows per partition.
 */
public final class GMMModel extends Model<GMMModel> {

  private static final long serialVersionUID = 1L;

  /** The unique id of this pipeline stage. */
  private final String uid;
  /** The serialisable description of the machine or encoder. */
  private final GmmSpec spec;
  /** Input column of frames. */
  private final Param<String> featuresCol;
  /** Output column of the most likely component. */
  private final Param<String> predictionCol;
  /** Output column of the log-likelihood of each frame. */
  private final Param<String> logLikelihoodCol;

  GMMModel(String uid, GMMMachine gmm) {
    this.uid = uid;
    this.spec = GmmSpec.of(gmm);
    featuresCol = new Param<>(this, "featuresCol", "input column of frames");
    predictionCol = new Param<>(this, "predictionCol", "output column of the most likely"
        + " component");
    logLikelihoodCol = new Param<>(this, "logLikelihoodCol", "output column of ln p(x)");
    setDefault(featuresCol, "features");
    setDefault(predictionCol, "prediction");
    setDefault(logLikelihoodCol, "logLikelihood");
  }

  /**
   * A model around an already fitted machine (for example one loaded from HDF5).
   *
   * @param gmm a fitted GMM
   * @return the model
   */
  public static GMMModel of(GMMMachine gmm) {
    if (!gmm.isFitted()) {
      throw org.emkit.core.NotFittedException.of("GMMModel.of");
    }
    return new GMMModel("emkitGMMModel_" + java.util.UUID.randomUUID().toString()
        .substring(0, 12), gmm);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** @return the fitted machine */
  public GMMMachine gmm() {
    return spec.machine();
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

  /**
   * @param value column name
   * @return this
   */
  public GMMModel setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  /**
   * @param value column name
   * @return this
   */
  public GMMModel setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /**
   * @param value column name
   * @return this
   */
  public GMMModel setLogLikelihoodCol(String value) {
    set(logLikelihoodCol, value);
    return this;
  }

  static StructType outputSchema(StructType in, String prediction, String logLikelihood) {
    return in.add(prediction, DataTypes.IntegerType, false)
        .add(logLikelihood, DataTypes.DoubleType, false);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    RowValues.requireVectorColumn("GMMModel", schema, $(featuresCol));
    return outputSchema(schema, $(predictionCol), $(logLikelihoodCol));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    Dataset<Row> df = dataset.toDF();
    int fi = df.schema().fieldIndex($(featuresCol));
    int d = spec.numFeatures();
    String col = $(featuresCol);
    Broadcast<GmmSpec> b = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext())
        .broadcast(spec);
    JavaRDD<Row> rows = df.javaRDD().mapPartitionsWithIndex((Integer p, java.util.Iterator<Row> it) -> {
      GMMMachine m = b.value().machine();
      List<Row> result = new ArrayList<>();
      List<Row> block = new ArrayList<>(FrameBlock.ROWS);
      double[] buf = new double[FrameBlock.ROWS * d];
      long position = 0;
      while (it.hasNext()) {
        Row r = it.next();
        RowValues.copy("GMMModel.transform", r.get(fi), col, -1,
            RowValues.RowRef.positional(p, position), d, buf, block.size() * d);
        block.add(r);
        position++;
        if (block.size() == FrameBlock.ROWS || !it.hasNext()) {
          Matrix x = Matrix.wrap(block.size(), d, java.util.Arrays.copyOf(buf, block.size() * d));
          int[] labels = m.predict(x);
          double[] ll = m.logLikelihood(x);
          for (int i = 0; i < block.size(); i++) {
            Row src = block.get(i);
            Object[] v = new Object[src.length() + 2];
            for (int q = 0; q < src.length(); q++) {
              v[q] = src.get(q);
            }
            v[src.length()] = labels[i];
            v[src.length() + 1] = ll[i];
            result.add(RowFactory.create(v));
          }
          block.clear();
        }
      }
      return result.iterator();
    }, true);
    return df.sparkSession().createDataFrame(rows, out);
  }

  @Override
  public GMMModel copy(ParamMap extra) {
    GMMModel m = new GMMModel(uid, spec.machine());
    return copyValues(m, extra).setParent(parent());
  }
}
