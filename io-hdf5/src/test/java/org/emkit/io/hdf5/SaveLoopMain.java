package org.emkit.io.hdf5;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.emkit.mixture.GMMMachine;

/**
 * Child process of {@link AtomicSaveKillTest}: saves two large GMMs alternately to one file,
 * forever, announcing each save on stdout, until the parent kills it. Not a test.
 */
public final class SaveLoopMain {

  /** Components of the machines saved (large enough that a save takes milliseconds). */
  static final int COMPONENTS = 1024;
  /** Features of the machines saved. */
  static final int FEATURES = 256;

  private SaveLoopMain() {}

  /**
   * @param seed 100 or 101
   * @return the machine the child saves for that seed
   */
  static GMMMachine machine(long seed) {
    return Fixtures.ubm(seed, COMPONENTS, FEATURES);
  }

  /**
   * @param args the target file
   * @throws IOException if a save fails
   */
  public static void main(String[] args) throws IOException {
    Path target = Paths.get(args[0]);
    GMMMachine[] machines = {machine(100), machine(101)};
    PrintStream out = System.out;
    out.println("ready");
    out.flush();
    for (int k = 0; ; k++) {
      out.println("saving " + k);
      out.flush();
      Hdf5.saveGmm(target, machines[k % 2]);
    }
  }
}
