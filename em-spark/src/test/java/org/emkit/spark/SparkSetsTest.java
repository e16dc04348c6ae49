package org.emkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.fisher.Assignment;
import org.emkit.fisher.FisherOptions;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.VLADEncoder;
import org.emkit.fisher.VLADOptions;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;
import org.emkit.mixture.PosteriorRule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs Spark jobs on the shared local[2] test session: seconds, not milliseconds. */
@Tag("slow")
class SparkSetsTest {

  /** 12 sets of 1..40 frames, keys "s0".."s11", interleaved across the input rows. */
  static final Matrix X = SparkTests.blobs(300, 3, 2, 23);
  static final int[] LENGTHS = {10, 40, 1, 25, 30, 17, 33, 2, 40, 39, 28, 35};

  static GMMMachine ubm() {
    return GMMMachine.builder(2).maxIterations(5)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.VARIANCES, GMMMachine.Update.WEIGHTS)
        .seed(3).build().fit(X);
  }

  /** Frames of set s are the rows [offset_s, offset_s + length_s) of X. */
  static int[] offsets() {
    int[] off = new int[LENGTHS.length + 1];
    for (int s = 0; s < LENGTHS.length; s++) {
      off[s + 1] = off[s] + LENGTHS[s];
    }
    return off;
  }

  /** Long layout: rows in round-robin order over the sets (each set's frames stay in order). */
  static Dataset<Row> longRows() {
    int[] off = offsets();
    List<Row> rows = new ArrayList<>();
    int[] next = new int[LENGTHS.length];
    boolean more = true;
    while (more) {
      more = false;
      for (int s = 0; s < LENGTHS.length; s++) {
        if (next[s] < LENGTHS[s]) {
          rows.add(RowFactory.create("s" + s, SparkTests.toList(X.row(off[s] + next[s]))));
          next[s]++;
          more = true;
        }
      }
    }
    return SparkTests.frames(rows, SparkTests.FRAMES, 100, 0, 100, X.rows() - 200);
  }

  static Map<String, Row> byKey(Dataset<Row> df) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : df.collectAsList()) {
      m.put(r.getString(0), r);
    }
    return m;
  }

  static double[] doubles(Row r, int i) {
    List<Object> l = r.getList(i);
    double[] v = new double[l.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = (Double) l.get(k);
    }
    return v;
  }

  @Test
  void perKeyStatisticsAreBitwiseTheSingleJvmSetStatistics() {
    GMMMachine ubm = ubm();
    List<GMMStats> expected = ubm.transformSets(X, LENGTHS);
    Map<String, Row> got = byKey(SparkSets.statistics(
        KeyedSets.fromFrames(longRows(), "key", "features"), ubm));
    assertEquals(LENGTHS.length, got.size());
    for (int s = 0; s < LENGTHS.length; s++) {
      Row r = got.get("s" + s);
      GMMStats e = expected.get(s);
      assertEquals(e.t(), r.getLong(1));
      assertEquals(e.logLikelihood(), r.getDouble(2));
      assertArrayEquals(e.n(), doubles(r, 3));
      assertArrayEquals(e.sumPx().toArray(), doubles(r, 4));
      assertArrayEquals(e.sumPxx().toArray(), doubles(r, 5));
    }
  }

  @Test
  void setLayoutGivesTheSameStatisticsAsTheLongLayout() {
    GMMMachine ubm = ubm();
    int[] off = offsets();
    StructType schema = new StructType().add("key", DataTypes.StringType, false)
        .add("descriptors", DataTypes.createArrayType(
            DataTypes.createArrayType(DataTypes.DoubleType, false), false), false);
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < LENGTHS.length; s++) {
      List<scala.collection.Seq<Double>> set = new ArrayList<>();
      for (int i = off[s]; i < off[s + 1]; i++) {
        set.add(SparkTests.toList(X.row(i)));
      }
      rows.add(RowFactory.create("s" + s,
          scala.collection.JavaConverters.asScalaBuffer(set).toList()));
    }
    Dataset<Row> sets = SparkTests.frames(rows, schema, 5, 0, 7);
    Map<String, Row> a = byKey(SparkSets.statistics(
        KeyedSets.fromSets(sets, "key", "descriptors"), ubm));
    Map<String, Row> b = byKey(SparkSets.statistics(
        KeyedSets.fromFrames(longRows(), "key", "features"), ubm));
    for (String k : b.keySet()) {
      assertArrayEquals(doubles(b.get(k), 4), doubles(a.get(k), 4));
      assertEquals(b.get(k).getDouble(2), a.get(k).getDouble(2));
    }
  }

  @Test
  void mapAdaptationPerKeyIsBitwiseTheSingleJvmFit() {
    GMMMachine map = GMMMachine.map(ubm()).relevanceFactor(4).maxIterations(2).build();
    int[] off = offsets();
    Map<String, Row> got = byKey(SparkSets.adapt(
        KeyedSets.fromFrames(longRows(), "key", "features"), map));
    for (int s = 0; s < LENGTHS.length; s++) {
      GMMMachine e = map.fit(X.rows(off[s], off[s + 1]));
      Row r = got.get("s" + s);
      assertEquals(LENGTHS[s], r.getLong(1));
      assertEquals(e.report().iterations(), r.getInt(2));
      assertArrayEquals(e.weights(), doubles(r, 3));
      assertArrayEquals(e.meanSupervector(), doubles(r, 4));
      assertArrayEquals(e.varianceSupervector(), doubles(r, 5));
    }
  }

  @Test
  void fisherAndVladEncodingsPerKeyAreBitwiseTheSingleJvmEncodings() {
    GMMMachine gmm = ubm();
    FisherVectorEncoder fv = FisherVectorEncoder.of(gmm, FisherOptions.builder()
        .posteriorRule(PosteriorRule.threshold(1e-4)).build());
    KMeansMachine km = KMeansMachine.fromCentroids(gmm.means());
    VLADOptions vo = VLADOptions.builder().assignment(Assignment.softmax(0.7)).build();
    VLADOptions po = VLADOptions.builder()
        .assignment(Assignment.posteriors(PosteriorRule.EXACT)).build();
    KeyedSets sets = KeyedSets.fromFrames(longRows(), "key", "features");
    Map<String, Row> f = byKey(SparkSets.encodeFisher(sets, fv));
    Map<String, Row> v = byKey(SparkSets.encodeVlad(sets, km, vo));
    Map<String, Row> p = byKey(SparkSets.encodeVlad(sets, gmm, po));
    Matrix fe = fv.encodeSets(X, LENGTHS, 1);
    Matrix ve = VLADEncoder.of(km, vo).encodeSets(X, LENGTHS, 1);
    Matrix pe = VLADEncoder.of(gmm, po).encodeSets(X, LENGTHS, 1);
    for (int s = 0; s < LENGTHS.length; s++) {
      assertArrayEquals(fe.row(s), doubles(f.get("s" + s), 1));
      assertArrayEquals(ve.row(s), doubles(v.get("s" + s), 1));
      assertArrayEquals(pe.row(s), doubles(p.get("s" + s), 1));
    }
  }

  @Test
  void anInfiniteFrameFailsTheJobWithItsKeyNamed() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      double[] v = X.row(i);
      if (i == 21) {
        v[0] = Double.POSITIVE_INFINITY;
      }
      rows.add(RowFactory.create("img-" + (i / 10), SparkTests.toList(v)));
    }
    Dataset<Row> out = SparkSets.statistics(KeyedSets.fromFrames(
        SparkTests.frames(rows, SparkTests.FRAMES, 15, 15), "key", "features"), ubm());
    Exception e = assertThrows(Exception.class, out::collectAsList);
    assertInstanceOf(NonFiniteRowException.class, e.getCause(), e.toString());
    assertEquals("img-2", ((NonFiniteRowException) e.getCause()).key());
    assertTrue(e.getMessage().contains("key=img-2"), e.getMessage());
  }

  @Test
  void keysMustBeAtomicAndColumnsMustExist() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KeyedSets.fromFrames(longRows(), "key", "nope"));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> KeyedSets.fromFrames(longRows(), "features", "features"));
    assertTrue(e.getMessage().contains("atomic type"), e.getMessage());
  }
}
