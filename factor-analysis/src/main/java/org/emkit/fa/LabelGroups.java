package org.emkit.fa;

import java.util.Arrays;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.Matrix;
import org.emkit.core.validation.Check;

/**
 * The rows of a sample matrix grouped by identity label, for the PLDA trainers.
 *
 * <p><b>Label policy.</b> Labels are arbitrary {@code int} values (negative values and gaps are
 * allowed, as for {@link org.emkit.linear.LDA}); an identity exists exactly when some row carries
 * its label, so no identity is ever empty. Identities are numbered in increasing label order, and
 * the rows of one identity keep their order in the matrix. Two label arrays that induce the same
 * partition with the same label order therefore give bitwise identical results.
 */
final class LabelGroups {

  /** Distinct labels, increasing; identity i has label {@code labels[i]}. */
  final int[] labels;
  /** Identity i owns {@code rows[offsets[i] .. offsets[i+1])}; length I + 1. */
  final int[] offsets;
  /** Row indices grouped by identity. */
  final int[] rows;

  private LabelGroups(int[] labels, int[] offsets, int[] rows) {
    this.labels = labels;
    this.offsets = offsets;
    this.rows = rows;
  }

  /**
   * Validates and groups.
   *
   * @param owner caller for messages
   * @param x samples (only its row count is used)
   * @param labels identity label of each row; not modified
   * @return the groups
   * @throws DimensionMismatchException if the lengths differ
   */
  static LabelGroups of(String owner, Matrix x, int[] labels) {
    Objects.requireNonNull(labels, "labels");
    int n = x.rows();
    if (labels.length != n) {
      throw new DimensionMismatchException(owner + ": labels has length " + labels.length
          + " but x has N = " + n + " rows");
    }
    int[] distinct = labels.clone();
    Arrays.sort(distinct);
    int count = 0;
    for (int k = 0; k < distinct.length; k++) {
      if (k == 0 || distinct[k] != distinct[k - 1]) {
        distinct[count++] = distinct[k];
      }
    }
    distinct = Arrays.copyOf(distinct, count);
    int[] sizes = new int[count];
    int[] identity = new int[n];
    for (int r = 0; r < n; r++) {
      identity[r] = Arrays.binarySearch(distinct, labels[r]);
      sizes[identity[r]]++;
    }
    int[] offsets = new int[count + 1];
    for (int i = 0; i < count; i++) {
      offsets[i + 1] = offsets[i] + sizes[i];
    }
    int[] next = Arrays.copyOf(offsets, count);
    int[] rows = new int[n];
    for (int r = 0; r < n; r++) {
      rows[next[identity[r]]++] = r;
    }
    return new LabelGroups(distinct, offsets, rows);
  }

  /**
   * Validates a training set: non-empty, finite, D columns, labels of the right length.
   *
   * @param owner caller for messages
   * @param x samples
   * @param numFeatures required D
   * @param labels labels
   * @return the groups
   */
  static LabelGroups validated(String owner, Matrix x, int numFeatures, int[] labels) {
    Objects.requireNonNull(x, "x");
    Check.nonEmpty(owner, "x", x);
    Check.columns(owner, "x", x, numFeatures, "the model has D");
    Check.finite(owner, "x", x);
    return of(owner, x, labels);
  }

  /** @return number of identities I */
  int size() {
    return labels.length;
  }

  /**
   * @param i identity
   * @return its number of samples
   */
  int count(int i) {
    return offsets[i + 1] - offsets[i];
  }

  /** @return the largest number of samples of one identity */
  int maxCount() {
    int m = 0;
    for (int i = 0; i < labels.length; i++) {
      m = Math.max(m, count(i));
    }
    return m;
  }

  /**
   * Requires at least one identity with two or more samples.
   *
   * @param owner caller for messages
   */
  void requireRepeatedIdentity(String owner) {
    if (maxCount() < 2) {
      throw new IllegalArgumentException(owner + ": labels must give at least one identity with"
          + " 2 or more samples (within-identity variability is not identifiable otherwise), got "
          + labels.length + " identities of 1 sample each");
    }
  }
}
