package org.emkit.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.emkit.mixture.GMMMachine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM that is saving a model over an existing file and shows that the file is never
 * half-written: after each kill it loads completely, as the original or as one of the complete
 * saves, and the interrupted save left only its temporary file behind.
 */
@Tag("slow")
class AtomicSaveKillTest {

  @TempDir Path dir;

  @Test
  void killedWriterLeavesThePreviousFileIntact() throws Exception {
    Path target = dir.resolve("model.h5");
    GMMMachine original = Fixtures.ubm(7, 4, 3);
    Hdf5.saveGmm(target, original);
    List<GMMMachine> complete = List.of(original, SaveLoopMain.machine(100),
        SaveLoopMain.machine(101));
    int killedMidSave = 0;
    for (int attempt = 0; attempt < 5; attempt++) {
      Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xmx512m", "--add-modules", "jdk.incubator.vector,jdk.incubator.foreign",
          "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
          SaveLoopMain.class.getName(), target.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        int wanted = 1 + attempt % 3;
        while ((line = r.readLine()) != null && !line.equals("saving " + wanted)) {
          assertTrue(line.equals("ready") || line.startsWith("saving "), line);
        }
        assertTrue(line != null, "child exited early");
        // kill as soon as the save's temporary file exists, i.e. while it is being written
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!hasTemporaryFile(target) && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        p.destroyForcibly();
      }
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      GMMMachine loaded = Hdf5.loadGmm(target);
      // the child uses the same JVM flags, so NumpyRandom draws the same machines bit for bit
      assertTrue(complete.contains(loaded), "the target holds a complete model after the kill");
      List<Path> leftovers;
      try (Stream<Path> s = Files.list(dir)) {
        leftovers = s.filter(f -> !f.equals(target)).collect(Collectors.toList());
      }
      if (!leftovers.isEmpty()) {
        killedMidSave++;
        for (Path f : leftovers) {
          assertTrue(f.getFileName().toString().startsWith(".model.h5."), f.toString());
          Files.delete(f);
        }
      }
    }
    assertTrue(killedMidSave >= 1, "at least one kill interrupted a save in progress");
  }

  private static boolean hasTemporaryFile(Path target) throws java.io.IOException {
    try (Stream<Path> s = Files.list(target.getParent())) {
      return s.anyMatch(f -> f.getFileName().toString().startsWith(".model.h5."));
    }
  }
}
