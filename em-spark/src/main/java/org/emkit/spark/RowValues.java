package org.emkit.spark;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads vectors and descriptor sets out of Spark rows: {@code array<double>}, {@code
 * array<float>} or Spark ML {@code Vector} columns for one vector per row, and {@code
 * array<array<double>>} (or float) columns for one set of vectors per row. Values are checked to
 * be finite here, where the row's key is known, so that errors name it.
 */
final class RowValues {

  private RowValues() {}

  /** Checks that {@code column} of {@code schema} holds one vector per row. */
  static void requireVectorColumn(String owner, StructType schema, String column) {
    DataType t = field(owner, schema, column).dataType();
    if (!isVectorType(t)) {
      throw new IllegalArgumentException(owner + ": column '" + column + "' must be"
          + " array<double>, array<float> or a Spark ML vector, got " + t.simpleString());
    }
  }

  /** Checks that {@code column} of {@code schema} holds one set of vectors per row. */
  static void requireSetColumn(String owner, StructType schema, String column) {
    DataType t = field(owner, schema, column).dataType();
    if (!(t instanceof ArrayType) || !isVectorType(((ArrayType) t).elementType())) {
      throw new IllegalArgumentException(owner + ": column '" + column + "' must be"
          + " array<array<double>> (one descriptor per inner array), got " + t.simpleString());
    }
  }

  static StructField field(String owner, StructType schema, String column) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(column)) {
        return f;
      }
    }
    throw new IllegalArgumentException(owner + ": column '" + column + "' does not exist; the"
        + " columns are " + String.join(", ", schema.fieldNames()));
  }

  private static boolean isVectorType(DataType t) {
    if (t instanceof ArrayType) {
      DataType e = ((ArrayType) t).elementType();
      return e.equals(DataTypes.DoubleType) || e.equals(DataTypes.FloatType);
    }
    return t.equals(SQLDataTypes.VectorType());
  }

  /** @return the length of a vector value (array or ML vector) */
  static int length(Object value) {
    if (value instanceof Vector) {
      return ((Vector) value).size();
    }
    return ((scala.collection.Seq<?>) value).length();
  }

  /**
   * Identifies a row for error messages, built into text only when an error is raised: by its
   * key ({@code keyCol=key}) or, without a key column, by partition and position.
   */
  static final class RowRef {
    private final String keyCol;
    private final Object key;
    private final int partition;
    private final long position;

    private RowRef(String keyCol, Object key, int partition, long position) {
      this.keyCol = keyCol;
      this.key = key;
      this.partition = partition;
      this.position = position;
    }

    static RowRef keyed(String keyCol, Object key) {
      return new RowRef(keyCol, key, -1, -1);
    }

    static RowRef positional(int partition, long position) {
      return new RowRef(null, null, partition, position);
    }

    String key() {
      return keyCol != null ? String.valueOf(key) : "partition " + partition + ", row " + position;
    }

    String where() {
      return keyCol != null ? keyCol + "=" + key : "partition " + partition + ", row " + position;
    }
  }

  /**
   * Copies a vector value into {@code out} at {@code offset}, checking its length and that every
   * element is finite.
   *
   * @param column column name for messages
   * @param element index of the vector inside a set column, or -1
   * @param row the row, for messages
   */
  static void copy(String owner, Object value, String column, int element, RowRef row, int d,
      double[] out, int offset) {
    if (value == null) {
      throw new NonFiniteRowException(owner + ": row " + row.where() + ": column '"
          + name(column, element) + "' is null", row.key());
    }
    if (value instanceof Vector) {
      Vector v = (Vector) value;
      checkLength(owner, v.size(), column, element, row, d);
      for (int j = 0; j < d; j++) {
        out[offset + j] = v.apply(j);
      }
    } else {
      scala.collection.Seq<?> s = (scala.collection.Seq<?>) value;
      checkLength(owner, s.length(), column, element, row, d);
      for (int j = 0; j < d; j++) {
        Object e = s.apply(j);
        if (e == null) {
          throw new NonFiniteRowException(owner + ": row " + row.where() + ": column '"
              + name(column, element) + "' element " + j + " is null", row.key());
        }
        out[offset + j] = ((Number) e).doubleValue();
      }
    }
    for (int j = 0; j < d; j++) {
      double x = out[offset + j];
      if (!Double.isFinite(x)) {
        throw new NonFiniteRowException(owner + ": row " + row.where() + ": column '"
            + name(column, element) + "' element " + j + " is " + x + "; inputs must be finite",
            row.key());
      }
    }
  }

  private static String name(String column, int element) {
    return element < 0 ? column : column + "[" + element + "]";
  }

  private static void checkLength(String owner, int length, String column, int element,
      RowRef row, int d) {
    if (length != d) {
      throw new org.emkit.core.DimensionMismatchException(owner + ": row " + row.where()
          + ": column '" + name(column, element) + "' has length " + length + " but D = " + d);
    }
  }

  /** Describes a keyed row for messages. */
  static String where(String keyColumn, Object key) {
    return keyColumn + "=" + key;
  }
}
