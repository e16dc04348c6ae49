package org.emkit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.emkit.core.Matrix;
import org.emkit.core.io.Npy;
import org.emkit.core.io.NpyArray;

/**
 * Loads the bob.learn.em reference data from {@code ../shared/reference/bob} in place. The
 * location comes from the system property {@code emkit.shared.dir} (set by the build) or is
 * found by walking up from the working directory. A missing directory or file <b>fails</b> the
 * test; parity tests are never skipped.
 *
 * <p>HDF5 inputs are read with jhdf in test scope only (the io-hdf5 module holds the real
 * reader); length-1 axes are squeezed as bob's tests do.
 */
public final class ReferenceData {

  private ReferenceData() {}

  /** @return the {@code shared} directory */
  public static Path sharedDir() {
    String prop = System.getProperty("emkit.shared.dir");
    if (prop != null && Files.isDirectory(Paths.get(prop, "reference", "bob"))) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    Path p = Paths.get("").toAbsolutePath();
    for (int up = 0; up < 5 && p != null; up++, p = p.getParent()) {
      Path cand = p.resolve("../shared").normalize();
      if (Files.isDirectory(cand.resolve("reference/bob"))) {
        return cand;
      }
      cand = p.resolve("shared");
      if (Files.isDirectory(cand.resolve("reference/bob"))) {
        return cand;
      }
    }
    fail("reference data not found: set -Demkit.shared.dir or place shared/ beside the project"
        + " (looked for ../shared/reference/bob from " + Paths.get("").toAbsolutePath() + ")");
    return null;
  }

  /** @return {@code shared/reference/bob} */
  public static Path bobDir() {
    return sharedDir().resolve("reference/bob");
  }

  /**
   * @param relative path under {@code shared/reference/bob}
   * @return the existing file
   */
  public static Path bobFile(String relative) {
    Path f = bobDir().resolve(relative);
    if (!Files.isRegularFile(f)) {
      fail("reference file missing: " + f);
    }
    return f;
  }

  /**
   * @param relative path of a golden or input {@code .npy} under {@code reference/bob/generated}
   * @return the array
   */
  public static NpyArray npy(String relative) {
    try {
      return Npy.read(bobFile("generated/" + relative));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + relative + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param relative path under {@code reference/bob/generated}
   * @return the values of a golden {@code .npy}
   */
  public static double[] npyValues(String relative) {
    return npy(relative).values();
  }

  /**
   * @param relative path under {@code reference/bob/generated}
   * @return a 2-D golden as a matrix
   */
  public static Matrix npyMatrix(String relative) {
    return npy(relative).toMatrix();
  }

  /** A dataset read from a reference HDF5 file: squeezed shape and values. */
  public static final class H5Array {
    /** Squeezed shape. */
    public final int[] shape;
    /** Values in C order. */
    public final double[] values;

    H5Array(int[] shape, double[] values) {
      this.shape = shape;
      this.values = values;
    }

    /** @return as a matrix (1-D → one row) */
    public Matrix matrix() {
      if (shape.length == 1) {
        return Matrix.wrap(1, shape[0], values);
      }
      if (shape.length == 0) {
        return Matrix.wrap(1, 1, values);
      }
      return Matrix.wrap(shape[0], values.length / shape[0], values);
    }

    /** @return the single value of a scalar */
    public double scalar() {
      return values[0];
    }
  }

  /**
   * Reads a dataset of a reference HDF5 file (squeezed).
   *
   * @param file name under {@code reference/bob/tests/data}
   * @param dataset path of the dataset, or {@code null} for the file's only top-level dataset
   * @return the array
   */
  public static H5Array hdf5(String file, String dataset) {
    Path f = bobFile("tests/data/" + file);
    try (HdfFile h = new HdfFile(f)) {
      Dataset ds;
      if (dataset == null) {
        List<Dataset> found = new ArrayList<>();
        for (Node n : h.getChildren().values()) {
          if (n instanceof Dataset) {
            found.add((Dataset) n);
          }
        }
        if (found.size() != 1) {
          fail(f + ": expected exactly one top-level dataset, found " + found.size());
        }
        ds = found.get(0);
      } else {
        ds = h.getDatasetByPath(dataset);
      }
      Object data = ds.getData();
      int[] dims = ds.getDimensions();
      List<Integer> squeezed = new ArrayList<>();
      for (int v : dims) {
        if (v != 1) {
          squeezed.add(v);
        }
      }
      List<Double> out = new ArrayList<>();
      flatten(data, out);
      double[] values = out.stream().mapToDouble(Double::doubleValue).toArray();
      return new H5Array(squeezed.stream().mapToInt(Integer::intValue).toArray(), values);
    } catch (RuntimeException e) {
      throw new AssertionError("cannot read " + f + ":" + dataset + ": " + e, e);
    }
  }

  /**
   * @param file name under {@code reference/bob/tests/data}
   * @return the only dataset as a matrix
   */
  public static Matrix hdf5Matrix(String file) {
    return hdf5(file, null).matrix();
  }

  /**
   * @param file name under {@code reference/bob/tests/data}
   * @return the only dataset's values
   */
  public static double[] hdf5Values(String file) {
    return hdf5(file, null).values;
  }

  private static void flatten(Object data, List<Double> out) {
    if (data == null) {
      return;
    }
    if (data.getClass().isArray()) {
      int n = Array.getLength(data);
      for (int i = 0; i < n; i++) {
        flatten(Array.get(data, i), out);
      }
    } else if (data instanceof Number) {
      out.add(((Number) data).doubleValue());
    } else if (data instanceof Boolean) {
      out.add((Boolean) data ? 1.0 : 0.0);
    } else {
      throw new IllegalArgumentException("non-numeric dataset element " + data.getClass());
    }
  }
}
