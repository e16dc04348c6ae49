/**
 * Apache Spark adapters for emkit: the corpus is split over Spark partitions, em-core's E-steps
 * run on each partition, the partial statistics are merged with their own {@code merge} in a
 * fixed order, and the driver runs em-core's M-steps. No algorithm is re-implemented here.
 *
 * <p><b>Data.</b> {@link org.emkit.spark.FrameSet}: frames for training (a DataFrame column of
 * {@code array<double>}, {@code array<float>} or ML vectors, packed once into 1024-row blocks and
 * cached; or generated per partition). {@link org.emkit.spark.KeyedSets}: sets of vectors by key
 * (utterances, images), one row per vector or one row per set.
 *
 * <p><b>Trainers and transforms.</b>
 *
 * <ul>
 *   <li>{@link org.emkit.spark.SparkKMeans}: Lloyd's k-means with a distributed k-means||
 *       initialisation;
 *   <li>{@link org.emkit.spark.SparkGMM}: GMM maximum-likelihood training (UBM) and MAP
 *       adaptation on a large set; the distributed E-step {@code transform};
 *   <li>{@link org.emkit.spark.SparkSets}: per-key GMM statistics, MAP adaptation of one model
 *       per key, Fisher vectors and VLAD per key;
 *   <li>{@link org.emkit.spark.SparkIVector}: total-variability (T matrix) training and i-vector
 *       extraction from per-key statistics;
 *   <li>Spark ML stages: {@link org.emkit.spark.GMMEstimator} / {@link
 *       org.emkit.spark.GMMModel} and {@link org.emkit.spark.FisherVectorTransformer};
 *   <li>{@link org.emkit.spark.EmbeddedSpark}: the embedded {@code local[*]} default;
 *       {@link org.emkit.spark.SparkMain}: the {@code spark-submit} entry point.
 * </ul>
 *
 * <p><b>What is guaranteed.</b> (1) For a fixed partitioning of the input (and the fan-in of the
 * reduction tree, default 16), results are bitwise identical from run to run: a partition's
 * statistics are accumulated in row order over em-core's 1024-row chunks, and partitions are
 * merged in partition-index order, never in task-completion order (Spark's own
 * {@code treeAggregate} is not used for this reason). (2) With one partition, trained models and
 * statistics are bitwise those of the single-JVM method on the collected rows. (3) For any
 * partitioning, they agree with the single-JVM result to within rounding; the tests check a
 * relative 1e-12 on every parameter after several EM or Lloyd iterations from the same start.
 * (4) Per-key results ({@link org.emkit.spark.SparkSets}) are bitwise the single-JVM results for
 * the same rows in the same order, whatever the partitioning. The k-means|| candidates depend on
 * the partitioning (each partition samples with its own seeded generator).
 *
 * <p><b>Errors.</b> A NaN, infinite or null input value fails the job with a {@link
 * org.emkit.spark.NonFiniteRowException} naming the row's key (thrown on the driver by the
 * trainers; the cause of Spark's job failure for the lazy per-key DataFrames), never a NaN
 * model. Partitions without rows are allowed.
 *
 * <p><b>Runtime.</b> Spark 3.5 (Scala 2.12), a {@code provided} dependency: a cluster brings its
 * own. On Java 17 the JVM needs Spark's {@code --add-opens} flags (em-spark/pom.xml, property
 * {@code emkit.spark.opens}; {@code spark-submit} adds them itself).
 */
package org.emkit.spark;
