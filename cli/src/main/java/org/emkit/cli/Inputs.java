package org.emkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emkit.core.Matrix;
import org.emkit.core.io.Csv;
import org.emkit.core.io.Npy;
import org.emkit.cluster.KMeansMachine;
import org.emkit.io.hdf5.Hdf5;
import org.emkit.io.hdf5.Hdf5Array;
import org.emkit.io.hdf5.Hdf5FormatException;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.GMMStats;

/**
 * Reads the command's inputs and turns every failure into a {@link CliException} with exit code
 * 3 that names the file. Arrays: {@code .npy} (float32/float64, C order), {@code .csv} (an
 * optional header line, then one row per line), or an HDF5 dataset {@code file.h5:/dataset}
 * ({@code file.h5} alone when the file holds exactly one dataset, like bob's array files).
 */
final class Inputs {

  /** {@code path.h5:/dataset} (also .hdf5, .hdf, .he5). */
  private static final Pattern HDF5_DATASET =
      Pattern.compile("(?i)^(.+\\.(?:h5|hdf5|hdf|he5)):(/?[^:]+)$");

  private Inputs() {}

  /**
   * @param spec a data specification from the command line
   * @param option the option it came from, for messages
   * @return the N×D data (N ≥ 1)
   */
  static Matrix matrix(String spec, String option) {
    Matrix m;
    String lower = spec.toLowerCase(Locale.ROOT);
    Matcher h = HDF5_DATASET.matcher(spec);
    try {
      if (h.matches()) {
        m = Hdf5.readArray(Paths.get(h.group(1)), h.group(2)).toMatrix();
      } else if (lower.endsWith(".npy")) {
        m = Npy.readMatrix(Paths.get(spec));
      } else if (lower.endsWith(".csv")) {
        m = Csv.readMatrix(Paths.get(spec));
      } else if (lower.matches(".+\\.(h5|hdf5|hdf|he5)")) {
        m = onlyDataset(Paths.get(spec));
      } else {
        throw CliException.usage(option + " " + spec + ": unknown array format; use a .npy or"
            + " .csv file or an HDF5 dataset file.h5:/dataset");
      }
    } catch (NoSuchFileException e) {
      throw CliException.badInput(option + " " + spec + ": no such file", e);
    } catch (IOException e) {
      throw CliException.badInput(option + " " + spec + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(option + " " + spec + ": " + e.getMessage(), e);
    }
    if (m.rows() == 0 || m.cols() == 0) {
      throw CliException.badInput(option + " " + spec + ": no data (shape " + m.rows() + "x"
          + m.cols() + ")", null);
    }
    return m;
  }

  private static Matrix onlyDataset(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    Map<String, Hdf5Array> all = Hdf5.readArrays(file);
    if (all.size() != 1) {
      List<String> names = new ArrayList<>(all.keySet());
      throw new Hdf5FormatException(file, "/", "holds " + all.size() + " numeric datasets "
          + names + "; name one as " + file + ":/dataset");
    }
    return all.values().iterator().next().toMatrix();
  }

  /**
   * @param spec path of a GMM file
   * @param option the option it came from
   * @param ubm prior for MAP files without one, or {@code null}
   * @return the machine
   */
  static GMMMachine gmm(String spec, String option, GMMMachine ubm) {
    try {
      return Hdf5.loadGmm(Paths.get(spec), ubm);
    } catch (NoSuchFileException e) {
      throw CliException.badInput(option + " " + spec + ": no such file", e);
    } catch (IOException e) {
      throw CliException.badInput(option + " " + spec + ": not a GMM file: " + e.getMessage(), e);
    }
  }

  /**
   * @param spec path of a k-means file
   * @param option the option it came from
   * @return the machine
   */
  static KMeansMachine kmeans(String spec, String option) {
    try {
      return Hdf5.loadKMeans(Paths.get(spec));
    } catch (NoSuchFileException e) {
      throw CliException.badInput(option + " " + spec + ": no such file", e);
    } catch (IOException e) {
      throw CliException.badInput(option + " " + spec + ": not a k-means file: " + e.getMessage(), e);
    }
  }

  /**
   * Parses {@code --sets}: comma-separated non-negative set lengths summing to the number of rows.
   *
   * @param list the option value, or {@code null} for one set of all rows
   * @param rows number of rows of the data
   * @return the set lengths
   */
  static int[] setLengths(String list, int rows) {
    if (list == null) {
      return new int[] {rows};
    }
    List<String> items = split(list, "--sets");
    int[] out = new int[items.size()];
    long sum = 0;
    for (int k = 0; k < out.length; k++) {
      try {
        out[k] = Integer.parseInt(items.get(k));
      } catch (NumberFormatException e) {
        throw CliException.usage("--sets item " + (k + 1) + " must be a non-negative integer, got '"
            + items.get(k) + "'");
      }
      if (out[k] < 0) {
        throw CliException.usage("--sets item " + (k + 1) + " must be >= 0, got " + out[k]);
      }
      sum += out[k];
    }
    if (sum != rows) {
      throw CliException.badInput("--sets lengths sum to " + sum + " but --data has " + rows
          + " rows", null);
    }
    return out;
  }

  /**
   * @param spec path of a GMMStats file
   * @param option the option it came from
   * @return the statistics
   */
  static GMMStats stats(String spec, String option) {
    try {
      return Hdf5.loadStats(Paths.get(spec));
    } catch (NoSuchFileException e) {
      throw CliException.badInput(option + " " + spec + ": no such file", e);
    } catch (IOException e) {
      throw CliException.badInput(option + " " + spec + ": not a GMMStats file: "
          + e.getMessage(), e);
    }
  }

  /**
   * @param list comma-separated values
   * @param option the option, for messages
   * @return the non-empty items
   */
  static List<String> split(String list, String option) {
    List<String> out = new ArrayList<>();
    for (String s : list.split(",", -1)) {
      if (s.trim().isEmpty()) {
        throw CliException.usage(option + " has an empty item in '" + list + "'");
      }
      out.add(s.trim());
    }
    return out;
  }
}
