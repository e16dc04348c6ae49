package org.emkit.spark;

import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.emkit.fisher.DescriptorEncoder;
import org.emkit.fisher.FisherVectorEncoder;

/**
 * A Fisher-vector encoder as a Spark ML {@link Transformer}: each row holds one image's local
 * descriptors in {@code inputCol} ({@code array<array<double>>}, one inner array of length D per
 * descriptor, in order) and receives its Fisher vector in {@code outputCol} (a Spark ML dense
 * vector of the encoder's {@link FisherVectorEncoder#length() length}), computed by {@link
 * FisherVectorEncoder#encode} (bitwise the single-JVM encoding). An empty set gives the
 * encoder's encoding of zero descriptors. Feed the output to any Spark ML classifier.
 *
 * <p>Parameters: {@code inputCol} ("descriptors"), {@code outputCol} ("fisherVector").
 */
public final class FisherVectorTransformer extends Transformer {

  private static final long serialVersionUID = 1L;

  /** The unique id of this pipeline stage. */
  private final String uid;
  /** The serialisable description of the machine or encoder. */
  private final EncoderSpec spec;
  /** D, the length of a descriptor. */
  private final int numFeatures;
  /** Input column of descriptor sets. */
  private final Param<String> inputCol;
  /** Output column of Fisher vectors. */
  private final Param<String> outputCol;

  /** @param encoder the encoder (fitted, if EMPIRICAL) */
  public FisherVectorTransformer(FisherVectorEncoder encoder) {
    this("emkitFV_" + UUID.randomUUID().toString().substring(0, 12), encoder);
  }

  /**
   * @param uid the unique id of this pipeline stage
   * @param encoder the encoder (fitted, if EMPIRICAL)
   */
  public FisherVectorTransformer(String uid, FisherVectorEncoder encoder) {
    this.uid = uid;
    this.spec = EncoderSpec.of(java.util.Objects.requireNonNull(encoder, "encoder"));
    this.numFeatures = encoder.numFeatures();
    inputCol = new Param<>(this, "inputCol", "input column: array<array<double>> descriptors");
    outputCol = new Param<>(this, "outputCol", "output column: the Fisher vector");
    setDefault(inputCol, "descriptors");
    setDefault(outputCol, "fisherVector");
  }

  @Override
  public String uid() {
    return uid;
  }

  /** @return the encoder */
  public FisherVectorEncoder encoder() {
    return (FisherVectorEncoder) spec.encoder();
  }

  /** @return the param */
  public Param<String> inputCol() {
    return inputCol;
  }

  /** @return the param */
  public Param<String> outputCol() {
    return outputCol;
  }

  /**
   * @param value column name
   * @return this
   */
  public FisherVectorTransformer setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  /**
   * @param value column name
   * @return this
   */
  public FisherVectorTransformer setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    RowValues.requireSetColumn("FisherVectorTransformer", schema, $(inputCol));
    return schema.add($(outputCol), SQLDataTypes.VectorType(), false);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    Dataset<Row> df = dataset.toDF();
    int fi = df.schema().fieldIndex($(inputCol));
    int d = numFeatures;
    String col = $(inputCol);
    Broadcast<EncoderSpec> b = JavaSparkContext.fromSparkContext(
        df.sparkSession().sparkContext()).broadcast(spec);
    JavaRDD<Row> rows = df.javaRDD().mapPartitionsWithIndex(
        (Integer p, java.util.Iterator<Row> it) -> {
          DescriptorEncoder e = b.value().encoder();
          java.util.List<Row> result = new java.util.ArrayList<>();
          long position = 0;
          while (it.hasNext()) {
            Row r = it.next();
            String where = "partition " + p + ", row " + position;
            Object v = r.get(fi);
            if (v == null) {
              throw new NonFiniteRowException("FisherVectorTransformer: row " + where
                  + ": column '" + col + "' is null", where);
            }
            scala.collection.Seq<?> seq = (scala.collection.Seq<?>) v;
            double[] x = new double[seq.length() * d];
            for (int i = 0; i < seq.length(); i++) {
              RowValues.copy("FisherVectorTransformer", seq.apply(i), col, i,
                  RowValues.RowRef.positional(p, position), d, x, i * d);
            }
            Object[] vals = new Object[r.length() + 1];
            for (int q = 0; q < r.length(); q++) {
              vals[q] = r.get(q);
            }
            vals[r.length()] = Vectors.dense(e.encode(
                org.emkit.core.Matrix.wrap(seq.length(), d, x)));
            result.add(RowFactory.create(vals));
            position++;
          }
          return result.iterator();
        }, true);
    return df.sparkSession().createDataFrame(rows, out);
  }

  @Override
  public FisherVectorTransformer copy(ParamMap extra) {
    FisherVectorTransformer t = new FisherVectorTransformer(uid, encoder());
    return copyValues(t, extra);
  }
}
