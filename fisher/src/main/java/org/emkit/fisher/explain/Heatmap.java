package org.emkit.fisher.explain;

import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.core.validation.Check;

/**
 * Pixel relevance maps: the relevance of each local descriptor spread uniformly over the pixels
 * of its receptive field (the patch it was computed from), summed per pixel. With patches of all
 * scales, a pixel collects relevance from every patch that covers it. The sum of the map equals
 * the sum of the descriptor relevances whose patches lie inside the image.
 */
public final class Heatmap {

  private Heatmap() {}

  /**
   * @param relevance R_l per descriptor
   * @param patches one rectangle per descriptor: {@code {x, y, width, height}} in pixels
   *     (x = column of the left edge, y = row of the top edge), clipped to the image
   * @param width image width in pixels
   * @param height image height in pixels
   * @return height×width map, row-major
   */
  public static double[] render(double[] relevance, int[][] patches, int width, int height) {
    Objects.requireNonNull(relevance, "relevance");
    Objects.requireNonNull(patches, "patches");
    Check.atLeast("Heatmap.render", "width", width, 1);
    Check.atLeast("Heatmap.render", "height", height, 1);
    if (patches.length != relevance.length) {
      throw new DimensionMismatchException("Heatmap.render: patches has " + patches.length
          + " rectangles but relevance has " + relevance.length + " entries");
    }
    double[] map = new double[width * height];
    for (int l = 0; l < patches.length; l++) {
      int[] p = patches[l];
      if (p.length != 4 || p[2] < 1 || p[3] < 1) {
        throw new IllegalArgumentException("Heatmap.render: patches[" + l + "] must be {x, y, width"
            + " >= 1, height >= 1}, got " + java.util.Arrays.toString(p));
      }
      int x0 = Math.max(0, p[0]);
      int y0 = Math.max(0, p[1]);
      int x1 = Math.min(width, p[0] + p[2]);
      int y1 = Math.min(height, p[1] + p[3]);
      if (x1 <= x0 || y1 <= y0) {
        continue;
      }
      double share = relevance[l] / ((double) p[2] * p[3]);
      for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
          map[y * width + x] += share;
        }
      }
    }
    return map;
  }
}
