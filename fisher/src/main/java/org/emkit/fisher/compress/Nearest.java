package org.emkit.fisher.compress;

/**
 * Selection of the {@code r} smallest distances without sorting all of them: a bounded binary
 * max-heap over primitive arrays, O(n log r). Ties go to the lower index, so the result is a
 * deterministic function of the distances.
 */
final class Nearest {

  private Nearest() {}

  /**
   * @param d distances; not modified
   * @param r number wanted, ≥ 1
   * @return the indices of the {@code min(r, d.length)} smallest distances, nearest first (ties:
   *     lower index first)
   */
  static int[] smallest(double[] d, int r) {
    int m = Math.min(r, d.length);
    int[] heap = new int[m];
    int size = 0;
    for (int i = 0; i < d.length; i++) {
      if (size < m) {
        heap[size] = i;
        siftUp(heap, size, d);
        size++;
      } else if (m > 0 && before(i, heap[0], d)) {
        heap[0] = i;
        siftDown(heap, size, d);
      }
    }
    // pop the worst first into the back of the result
    int[] out = new int[m];
    for (int k = m - 1; k >= 0; k--) {
      out[k] = heap[0];
      size--;
      heap[0] = heap[size];
      siftDown(heap, size, d);
    }
    return out;
  }

  /** Whether index a ranks strictly before index b (smaller distance, then lower index). */
  private static boolean before(int a, int b, double[] d) {
    return d[a] < d[b] || (d[a] == d[b] && a < b);
  }

  private static void siftUp(int[] heap, int k, double[] d) {
    int x = heap[k];
    while (k > 0) {
      int parent = (k - 1) >>> 1;
      if (!before(heap[parent], x, d)) {
        break;
      }
      heap[k] = heap[parent];
      k = parent;
    }
    heap[k] = x;
  }

  private static void siftDown(int[] heap, int size, double[] d) {
    if (size == 0) {
      return;
    }
    int k = 0;
    int x = heap[0];
    while (true) {
      int child = 2 * k + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(heap[child], heap[child + 1], d)) {
        child++;
      }
      if (!before(x, heap[child], d)) {
        break;
      }
      heap[k] = heap[child];
      k = child;
    }
    heap[k] = x;
  }
}
