package org.emkit.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.emkit.mixture.GMMMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every way a file can be wrong gives a typed error naming the file and the object. */
class Hdf5FormatErrorsTest {

  @TempDir Path dir;

  private Hdf5FormatException expect(Path file, String objectPath, String fragment, Executable e) {
    Hdf5FormatException x = assertThrows(Hdf5FormatException.class, e);
    assertEquals(file, x.file());
    assertEquals(objectPath, x.objectPath());
    assertTrue(x.getMessage().startsWith(file + ": " + objectPath + ": "), x.getMessage());
    assertTrue(x.getMessage().contains(fragment), x.getMessage());
    return x;
  }

  /** Writes a bob-layout GMM with h5py, with {@code edit} applied to the h5py file object. */
  private Path bobGmm(String name, String edit) {
    Path f = dir.resolve(name);
    H5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "with h5py.File(sys.argv[1], 'w') as h:",
        "    h.attrs['file_version'] = '1.0'",
        "    h.attrs['writer_class'] = \"<class 'bob.learn.em.GMMMachine'>\"",
        "    h['n_gaussians'] = 2",
        "    h['trainer'] = 'ml'",
        "    h['convergence_threshold'] = 1e-5",
        "    h['max_fitting_steps'] = 200",
        "    h['weights'] = np.array([0.25, 0.75])",
        "    h['update_means'] = True",
        "    h['update_variances'] = False",
        "    h['update_weights'] = False",
        "    g = h.create_group('gaussians')",
        "    g['means'] = np.array([[1.0, 2.0], [3.0, 4.0]])",
        "    g['variances'] = np.array([[0.5, 0.25], [1.5, 2.0]])",
        "    g['variance_thresholds'] = 1e-3",
        "    " + edit), f.toString());
    return f;
  }

  @Test
  void validBaselineLoads() throws Exception {
    assertEquals(2, Hdf5.loadGmm(bobGmm("ok.h5", "pass")).numComponents());
  }

  @Test
  void missingDatasetIsNamed() {
    Path f = bobGmm("missing.h5", "del h['gaussians/variances']");
    expect(f, "/gaussians/variances", "missing dataset", () -> Hdf5.loadGmm(f));
  }

  @Test
  void wrongShapeIsNamedWithExpectedAndFound() {
    Path f = bobGmm("shape.h5", "del h['weights']; h['weights'] = np.array([0.2, 0.3, 0.5])");
    expect(f, "/weights", "expected shape (2,), found (3,)", () -> Hdf5.loadGmm(f));
    Path g = bobGmm("shape2.h5", "del g['means']; g['means'] = np.ones((3, 2))");
    expect(g, "/gaussians/means", "expected shape (2, D) with D >= 1, found (3, 2)",
        () -> Hdf5.loadGmm(g));
  }

  @Test
  void wrongDtypeIsNamed() {
    Path f = bobGmm("dtype.h5", "del h['n_gaussians']; h['n_gaussians'] = 'two'");
    expect(f, "/n_gaussians", "expected an integer, found dtype string", () -> Hdf5.loadGmm(f));
    Path g = bobGmm("dtype2.h5", "del g['means']; g['means'] = np.array([['a', 'b'], ['c', 'd']], dtype=object).astype(h5py.string_dtype())");
    expect(g, "/gaussians/means", "expected a numeric dataset, found dtype string",
        () -> Hdf5.loadGmm(g));
    Path t = bobGmm("trainer.h5", "del h['trainer']; h['trainer'] = 'mle'");
    expect(t, "/trainer", "expected one of [ml, map], found 'mle'", () -> Hdf5.loadGmm(t));
  }

  @Test
  void unknownFileVersionIsRejected() {
    Path f = bobGmm("version.h5", "h.attrs['file_version'] = '2.0'");
    expect(f, "/", "unknown file_version '2.0'", () -> Hdf5.loadGmm(f));
    Path g = bobGmm("version2.h5", "h.attrs['file_version'] = 'one'");
    expect(g, "/", "unknown file_version 'one'", () -> Hdf5.loadStats(g));
  }

  @Test
  void invalidValuesAreRejectedWithTheParameter() {
    Path f = bobGmm("nan.h5", "g['means'][0, 1] = np.nan");
    Hdf5FormatException e = expect(f, "/", "invalid GMM parameters", () -> Hdf5.loadGmm(f));
    assertTrue(e.getMessage().contains("means"), e.getMessage());
    Path n = bobGmm("neg.h5", "h['weights'][0] = -1.0");
    expect(n, "/", "weights", () -> Hdf5.loadGmm(n));
  }

  @Test
  void truncatedFileIsATypedError() throws Exception {
    Path good = dir.resolve("good.h5");
    Hdf5.saveGmm(good, Fixtures.ubm(1, 3, 2));
    byte[] b = Files.readAllBytes(good);
    for (int len : new int[] {0, 7, 40, b.length / 2, b.length - 1}) {
      Path f = dir.resolve("trunc" + len + ".h5");
      Files.write(f, Arrays.copyOf(b, len));
      Hdf5FormatException x = assertThrows(Hdf5FormatException.class, () -> Hdf5.loadGmm(f));
      assertEquals(f, x.file());
      assertTrue(x.getMessage().startsWith(f.toString()), x.getMessage());
    }
  }

  @Test
  void notAnHdf5FileAndDirectoryAndMissingFile() throws Exception {
    Path text = dir.resolve("text.h5");
    Files.writeString(text, "model,probe,score\n");
    expect(text, "/", "not a readable HDF5 file", () -> Hdf5.loadGmm(text));
    expect(dir, "/", "not a regular file", () -> Hdf5.loadStats(dir));
    assertThrows(NoSuchFileException.class, () -> Hdf5.loadGmm(dir.resolve("absent.h5")));
  }

  @Test
  void checksumMismatchIsDetected() throws Exception {
    Path f = dir.resolve("m.h5");
    GMMMachine m = Fixtures.ubm(2, 2, 2);
    Hdf5.saveGmm(f, m);
    byte[] b = Files.readAllBytes(f);
    // flip the last mantissa byte of the first stored mean (raw data is not covered by HDF5)
    byte[] needle = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putDouble(m.mean(0, 0)).array();
    int at = indexOf(b, needle);
    assertTrue(at > 0);
    b[at] ^= 1;
    Files.write(f, b);
    expect(f, "/", "content checksum mismatch", () -> Hdf5.loadGmm(f));
  }

  @Test
  void statsLayoutErrors() {
    Path f = dir.resolve("stats.h5");
    H5py.run("import sys, h5py, numpy as np\n"
        + "with h5py.File(sys.argv[1], 'w') as h:\n"
        + "    h['n_gaussians'] = 2; h['n_features'] = 2; h['log_likelihood'] = -1.0; h['T'] = -3\n"
        + "    h['n'] = np.array([1.0, 2.0]); h['sumPx'] = np.ones((2, 2)); h['sumPxx'] = np.ones((2, 2))\n",
        f.toString());
    expect(f, "/T", "expected a frame count in [0, inf), found -3", () -> Hdf5.loadStats(f));
    expect(f, "/means", "missing dataset", () -> Hdf5.loadKMeans(f));
    expect(f, "/nope", "missing dataset", () -> Hdf5.readArray(f, "/nope"));
    expect(f, "/", "expected writer_class 'org.emkit.linear.WCCN', found none",
        () -> Hdf5.loadWccn(f));
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
