package org.emkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.emkit.core.Matrix;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.mixture.GMMMachine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs Spark jobs on the shared local[2] test session: seconds, not milliseconds. */
@Tag("slow")
class SparkMlTest {

  static final Matrix X = SparkTests.blobs(1200, 3, 3, 31);

  @Test
  void estimatorInAPipelineTrainsTheDistributedGmmAndTheModelScoresEveryRow() {
    Dataset<Row> df = SparkTests.frames(X, 500, 0, 700);
    GMMEstimator est = new GMMEstimator().setK(3).setMaxIter(4).setSeed(2).setTol(0);
    PipelineModel pm = new Pipeline().setStages(new PipelineStage[] {est}).fit(df);
    GMMModel model = (GMMModel) pm.stages()[0];
    GMMMachine expected;
    try (FrameSet f = FrameSet.of(df, "features")) {
      expected = SparkGMM.fit(f, est.machine());
    }
    assertEquals(expected, model.gmm());
    assertEquals(4, model.gmm().report().iterations());
    List<Row> out = pm.transform(df).collectAsList();
    assertEquals(X.rows(), out.size());
    int[] labels = expected.predict(X);
    double[] ll = expected.logLikelihood(X);
    for (Row r : out) {
      int i = Integer.parseInt(r.getString(0).substring(1));
      assertEquals(labels[i], r.getInt(2));
      assertEquals(ll[i], r.getDouble(3));
    }
  }

  @Test
  void estimatorParametersFollowSparkMlConventions() {
    GMMEstimator est = new GMMEstimator("gmm-1").setK(4).setUpdates("mw");
    assertEquals("gmm-1", est.uid());
    assertEquals(4, est.getK());
    assertEquals(java.util.EnumSet.of(GMMMachine.Update.MEANS, GMMMachine.Update.WEIGHTS),
        est.machine().updates());
    GMMEstimator copy = est.copy(new org.apache.spark.ml.param.ParamMap());
    assertEquals(4, copy.getK());
    assertTrue(est.explainParams().contains("varianceFloor"), est.explainParams());
    assertThrows(IllegalArgumentException.class, () -> est.setK(0));
    assertThrows(IllegalArgumentException.class, () -> est.setUpdates("x"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> est.setFeaturesCol("missing").transformSchema(SparkTests.FRAMES));
    assertTrue(e.getMessage().contains("'missing'"), e.getMessage());
  }

  @Test
  void fisherVectorTransformerEncodesEachRowsDescriptorSet() {
    GMMMachine gmm = GMMMachine.builder(3).maxIterations(3).seed(1)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .build().fit(X);
    FisherVectorEncoder enc = FisherVectorEncoder.improved(gmm);
    StructType schema = new StructType().add("image", DataTypes.LongType, false)
        .add("descriptors", DataTypes.createArrayType(
            DataTypes.createArrayType(DataTypes.DoubleType, false), false), false);
    int[] lengths = {50, 0, 7, 120};
    List<Row> rows = new ArrayList<>();
    int off = 0;
    for (int s = 0; s < lengths.length; s++) {
      List<scala.collection.Seq<Double>> set = new ArrayList<>();
      for (int i = off; i < off + lengths[s]; i++) {
        set.add(SparkTests.toList(X.row(i)));
      }
      off += lengths[s];
      rows.add(RowFactory.create((long) s,
          scala.collection.JavaConverters.asScalaBuffer(set).toList()));
    }
    Matrix expected = enc.encodeSets(X.rows(0, off), lengths, 1);
    FisherVectorTransformer t = new FisherVectorTransformer(enc).setOutputCol("fv");
    List<Row> out = t.transform(SparkTests.frames(rows, schema, 2, 2)).collectAsList();
    assertEquals(4, out.size());
    for (Row r : out) {
      int s = (int) r.getLong(0);
      assertArrayEquals(expected.row(s), ((Vector) r.getAs("fv")).toArray());
    }
    assertEquals(enc.length(), ((Vector) out.get(0).getAs("fv")).size());
  }
}
