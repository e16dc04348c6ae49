package org.emkit.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.emkit.mixture.GMMMachine;
import org.emkit.testing.ReferenceData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded truncations and byte corruptions of valid model files. Every load must end in one of:
 * the identical model (the damage hit bytes that do not matter), or an {@link
 * Hdf5FormatException}. A different model is only tolerated for bob's own files, which carry no
 * checksum of their data; anything else (another exception, an error, a hang) fails. The counts
 * are written to {@code target/fuzz-counts.txt}.
 */
@Tag("slow")
class Hdf5FuzzTest {

  private static final int TRUNCATIONS = 60;
  private static final int FLIPS = 240;
  private static final int BURSTS = 60;
  private static final long SEED = 20261124L;

  enum Outcome { IDENTICAL, TYPED_ERROR, DIFFERENT, OTHER }

  @TempDir Path dir;

  @FunctionalInterface
  interface Loader {
    Object load(Path f) throws Exception;
  }

  private Map<Outcome, Integer> fuzz(String label, byte[] valid, Loader loader, Object expected,
      List<String> report) throws Exception {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      counts.put(o, 0);
    }
    SplittableRandom rng = new SplittableRandom(SEED ^ label.hashCode());
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-load");
      t.setDaemon(true);
      return t;
    });
    List<String> others = new ArrayList<>();
    try {
      Path f = dir.resolve("fuzz.h5");
      for (int k = 0; k < TRUNCATIONS + FLIPS + BURSTS; k++) {
        byte[] b;
        String what;
        if (k < TRUNCATIONS) {
          int len = rng.nextInt(valid.length);
          b = Arrays.copyOf(valid, len);
          what = "truncate to " + len;
        } else if (k < TRUNCATIONS + FLIPS) {
          b = valid.clone();
          int at = rng.nextInt(b.length);
          int x = 1 + rng.nextInt(255);
          b[at] ^= (byte) x;
          what = "xor byte " + at + " with " + x;
        } else {
          b = valid.clone();
          int at = rng.nextInt(b.length);
          int len = Math.min(b.length - at, 1 + rng.nextInt(64));
          for (int q = 0; q < len; q++) {
            b[at + q] = (byte) rng.nextInt(256);
          }
          what = "random bytes " + at + ".." + (at + len);
        }
        Files.write(f, b);
        Outcome o;
        Future<Object> task = pool.submit(() -> loader.load(f));
        try {
          // a hang is a load that never ends; 60 s leaves room for a heavily loaded CI machine
          Object got = task.get(60, TimeUnit.SECONDS);
          o = expected.equals(got) ? Outcome.IDENTICAL : Outcome.DIFFERENT;
        } catch (java.util.concurrent.ExecutionException e) {
          o = e.getCause() instanceof Hdf5FormatException ? Outcome.TYPED_ERROR : Outcome.OTHER;
          if (o == Outcome.OTHER) {
            others.add(what + ": " + e.getCause());
          }
        } catch (TimeoutException e) {
          o = Outcome.OTHER;
          others.add(what + ": hang");
          task.cancel(true);
          pool.shutdownNow();
          pool = Executors.newSingleThreadExecutor();
        }
        counts.merge(o, 1, Integer::sum);
      }
    } finally {
      pool.shutdownNow();
    }
    report.add(String.format("%-38s %6d bytes  identical %4d  typed error %4d  different %4d"
        + "  other %d", label, valid.length, counts.get(Outcome.IDENTICAL),
        counts.get(Outcome.TYPED_ERROR), counts.get(Outcome.DIFFERENT), counts.get(Outcome.OTHER)));
    assertEquals(List.of(), others, label + ": loads that ended neither identical nor typed");
    return counts;
  }

  @Test
  void corruptedModelFilesGiveTheModelOrATypedError() throws Exception {
    List<String> report = new ArrayList<>();
    report.add("seed " + SEED + ": per file " + TRUNCATIONS + " truncations, " + FLIPS
        + " single-byte xors, " + BURSTS + " random bursts (1-64 bytes)");
    int total = 0;

    GMMMachine ubm = Fixtures.ubm(1, 8, 5);
    GMMMachine map = GMMMachine.map(ubm).relevanceFactor(6).build().fit(Fixtures.data(2, 80, 5));
    Path emkitGmm = dir.resolve("emkit_map.h5");
    Hdf5.saveGmm(emkitGmm, map);
    Map<Outcome, Integer> c = fuzz("emkit GMM (MAP + prior), checksummed",
        Files.readAllBytes(emkitGmm), Hdf5::loadGmm, map, report);
    assertEquals(0, c.get(Outcome.DIFFERENT), "checksummed files never load as another model");
    total += c.values().stream().mapToInt(Integer::intValue).sum();

    Path emkitStats = dir.resolve("emkit_stats.h5");
    Hdf5.saveStats(emkitStats, Fixtures.stats(ubm, 3));
    c = fuzz("emkit GMMStats, checksummed", Files.readAllBytes(emkitStats), Hdf5::loadStats,
        Hdf5.loadStats(emkitStats), report);
    assertEquals(0, c.get(Outcome.DIFFERENT));
    total += c.values().stream().mapToInt(Integer::intValue).sum();

    // a factor-analysis model (with its UBM group) and a PLDA (bob's PLDABase datasets + emkit
    // group), compared bit for bit through their snapshots
    org.emkit.fa.ISVMachine isv = Models.isv();
    Path isvFile = dir.resolve("emkit_isv.h5");
    Hdf5.saveIsv(isvFile, isv);
    c = fuzz("emkit ISV (+ UBM), checksummed", Files.readAllBytes(isvFile),
        p -> Models.snapshot(Hdf5.loadIsv(p)), Models.snapshot(isv), report);
    assertEquals(0, c.get(Outcome.DIFFERENT));
    total += sum(c);
    org.emkit.fa.PLDA plda = Models.plda();
    Path pldaFile = dir.resolve("emkit_plda.h5");
    Hdf5.savePlda(pldaFile, plda);
    c = fuzz("emkit PLDA, checksummed", Files.readAllBytes(pldaFile),
        p -> Models.snapshot(Hdf5.loadPlda(p)), Models.snapshot(plda), report);
    assertEquals(0, c.get(Outcome.DIFFERENT));
    total += sum(c);

    for (String name : List.of("gmm_ML.hdf5", "gmm_ML_legacy.hdf5")) {
      Path f = ReferenceData.bobFile("tests/data/" + name);
      total += sum(fuzz("bob " + name + " (no checksum)", Files.readAllBytes(f), Hdf5::loadGmm,
          Hdf5.loadGmm(f), report));
    }
    Path stats = ReferenceData.bobFile("tests/data/stats.hdf5");
    total += sum(fuzz("bob stats.hdf5 (no checksum)", Files.readAllBytes(stats), Hdf5::loadStats,
        Hdf5.loadStats(stats), report));
    Path faithful = ReferenceData.bobFile("tests/data/faithful.torch3.hdf5");
    total += sum(fuzz("bob faithful.torch3.hdf5 (chunked, gzip)", Files.readAllBytes(faithful),
        p -> Hdf5.readArray(p, "/arrayset"), Hdf5.readArray(faithful, "/arrayset"), report));

    report.add("total loads: " + total);
    Path out = Paths.get("target", "fuzz-counts.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, report, StandardCharsets.UTF_8);
    assertTrue(total == 8 * (TRUNCATIONS + FLIPS + BURSTS));
  }

  private static int sum(Map<Outcome, Integer> c) {
    return c.values().stream().mapToInt(Integer::intValue).sum();
  }
}
