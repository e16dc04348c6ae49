package org.emkit.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * The ordered reduction of per-partition results: the deterministic replacement of Spark's
 * {@code treeAggregate} (whose driver-side combination follows task completion order, and whose
 * inner levels follow shuffle fetch order, so its floating-point result varies from run to run).
 *
 * <p>Partition {@code i} contributes exactly one value. While more than {@code fanIn} values
 * remain, values are grouped by {@code index / fanIn} through a shuffle, sorted by index inside
 * each group and merged left to right; the last at most {@code fanIn} values are collected and
 * merged left to right on the driver. The sequence of floating-point operations therefore
 * depends only on the number of partitions and the fan-in: results are bitwise identical from
 * run to run for a fixed partitioning, and with at most {@code fanIn} partitions they are the
 * plain left-to-right merge {@code ((p0 + p1) + p2) + ...}.
 */
final class OrderedReduce {

  private OrderedReduce() {}

  /** Serializable merge of two values; may modify and return {@code into}. */
  interface Merge<T> extends Function2<T, T, T> {}

  static <T extends Serializable> T reduce(JavaRDD<T> perPartition, int fanIn, Merge<T> merge) {
    JavaPairRDD<Integer, T> level = perPartition.mapPartitionsWithIndex(
        (Integer idx, Iterator<T> it) -> {
          List<Tuple2<Integer, T>> one = new ArrayList<>(1);
          one.add(new Tuple2<>(idx, single(it, idx)));
          return one.iterator();
        }, true).mapToPair(t -> t);
    int n = perPartition.getNumPartitions();
    if (n == 0) {
      throw new IllegalArgumentException("OrderedReduce: the data set has no partitions (no"
          + " rows); at least one row is needed");
    }
    while (n > fanIn) {
      final int f = fanIn;
      int groups = (n + fanIn - 1) / fanIn;
      level = level.mapToPair(t -> new Tuple2<>(t._1 / f, t))
          .groupByKey(groups)
          .mapToPair(g -> {
            List<Tuple2<Integer, T>> parts = new ArrayList<>();
            g._2.forEach(parts::add);
            return new Tuple2<>(g._1, mergeInOrder(parts, merge));
          });
      n = groups;
    }
    List<Tuple2<Integer, T>> last = new ArrayList<>(level.collect());
    try {
      return mergeInOrder(last, merge);
    } catch (Exception e) {
      throw OrderedReduce.<RuntimeException>sneaky(e);
    }
  }

  private static <T> T single(Iterator<T> it, int idx) {
    if (!it.hasNext()) {
      throw new IllegalStateException("OrderedReduce: partition " + idx + " produced no value");
    }
    T v = it.next();
    if (it.hasNext()) {
      throw new IllegalStateException("OrderedReduce: partition " + idx
          + " produced more than one value");
    }
    return v;
  }

  private static <T> T mergeInOrder(List<Tuple2<Integer, T>> parts, Merge<T> merge)
      throws Exception {
    parts.sort(Comparator.comparing(Tuple2::_1));
    T acc = parts.get(0)._2;
    for (int i = 1; i < parts.size(); i++) {
      acc = merge.call(acc, parts.get(i)._2);
    }
    return acc;
  }

  /**
   * Runs a Spark action; if the job failed because emkit code threw on an executor (a
   * non-finite row, a shape mismatch, a numerical failure), throws that exception (with the Spark
   * failure suppressed inside it) so the caller sees emkit's typed error and message. Other
   * failures propagate unchanged (Spark's {@code SparkException} is checked in Java's eyes but
   * not declared by Scala methods; it is rethrown as is).
   */
  static <T> T run(Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) {
      throw OrderedReduce.<RuntimeException>sneaky(unwrap(e));
    }
  }

  static Throwable unwrap(Throwable e) {
    Throwable c = e;
    while (c != null) {
      if (c instanceof NonFiniteRowException
          || c instanceof org.emkit.core.DimensionMismatchException
          || c instanceof org.emkit.core.NumericalFailureException) {
        if (c != e) {
          c.addSuppressed(e);
        }
        return c;
      }
      c = c.getCause();
    }
    return e;
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
