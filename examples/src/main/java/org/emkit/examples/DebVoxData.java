package org.emkit.examples;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Where the DebVox corpus lives and how it is prepared: {@code scripts/prepare-debvox.sh} of the
 * emkit repository, run once; later runs find the finished corpus and do not call it again.
 *
 * <p><b>Locations.</b> The data root is {@code $EMKIT_DATA}, or {@code ~/.cache/emkit} if unset;
 * the full corpus goes to {@code <root>/debvox}, the three-voice subset to
 * {@code <root>/debvox-ci} (the script's defaults). A corpus is <em>prepared</em> when its
 * {@code segments.tsv} exists and its {@code STAMP} says {@code state=complete}.
 *
 * <p><b>Finding the script.</b> In this order: an explicit repository directory; the
 * {@code EMKIT_HOME} environment variable; the working directory and its parents; the location of
 * the emkit classes or jar and its parents (the launcher's {@code cli/target/emkit.jar} lies two
 * levels below the repository root). The first directory holding
 * {@code scripts/prepare-debvox.sh} wins.
 */
public final class DebVoxData {

  /** The preparation script, relative to the repository root. */
  public static final String SCRIPT = "scripts/prepare-debvox.sh";

  /** Lines of the script's output kept for an error message. */
  private static final int TAIL_LINES = 20;

  private DebVoxData() {}

  /** @return {@code $EMKIT_DATA}, or {@code ~/.cache/emkit} */
  public static Path defaultRoot() {
    String env = System.getenv("EMKIT_DATA");
    if (env != null && !env.isBlank()) {
      return Paths.get(env);
    }
    return Paths.get(System.getProperty("user.home"), ".cache", "emkit");
  }

  /** @return the default directory of the full corpus */
  public static Path defaultFullDir() {
    return defaultRoot().resolve("debvox");
  }

  /** @return the default directory of the three-voice subset */
  public static Path defaultSubsetDir() {
    return defaultRoot().resolve("debvox-ci");
  }

  /**
   * @param dir a corpus directory
   * @return its manifest {@code dir/segments.tsv}
   */
  public static Path manifest(Path dir) {
    return dir.resolve("segments.tsv");
  }

  /**
   * @param dir a corpus directory
   * @return whether it holds a finished corpus (manifest present, STAMP complete)
   */
  public static boolean isPrepared(Path dir) {
    Path stamp = dir.resolve("STAMP");
    if (!Files.isRegularFile(manifest(dir)) || !Files.isRegularFile(stamp)) {
      return false;
    }
    try {
      return Files.readAllLines(stamp, StandardCharsets.UTF_8).contains("state=complete");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Finds the preparation script (see the class documentation for the search order).
   *
   * @param repository an explicit repository root, or {@code null}
   * @return the script
   * @throws FileNotFoundException if no candidate directory holds it
   */
  public static Path findScript(Path repository) throws FileNotFoundException {
    List<Path> starts = new ArrayList<>();
    if (repository != null) {
      Path p = repository.toAbsolutePath().resolve(SCRIPT);
      if (Files.isRegularFile(p)) {
        return p;
      }
      throw new FileNotFoundException("DebVoxData.findScript: " + p + " does not exist; give the"
          + " root of the emkit repository");
    }
    String home = System.getenv("EMKIT_HOME");
    if (home != null && !home.isBlank()) {
      starts.add(Paths.get(home));
    }
    starts.add(Paths.get("").toAbsolutePath());
    Path code = codeLocation();
    if (code != null) {
      starts.add(code);
    }
    for (Path start : starts) {
      for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
        Path candidate = p.resolve(SCRIPT);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    throw new FileNotFoundException("DebVoxData.findScript: " + SCRIPT + " not found from "
        + starts + "; run from the emkit repository or set EMKIT_HOME to its root");
  }

  private static Path codeLocation() {
    try {
      CodeSource cs = DebVoxData.class.getProtectionDomain().getCodeSource();
      return cs == null ? null : Paths.get(cs.getLocation().toURI());
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Runs the preparation script unless the corpus is already prepared.
   *
   * @param dir the corpus directory (the script's {@code --out})
   * @param subset prepare the three-voice subset ({@code --ci}) instead of the full corpus
   * @param repository the repository root, or {@code null} to search for it
   * @param progress receives the script's progress lines as messages
   * @return whether the script was run
   * @throws IOException if the script cannot be found or fails (the message holds the end of its
   *     output, which names the missing Debian packages)
   */
  public static boolean ensurePrepared(Path dir, boolean subset, Path repository,
      ProgressListener progress) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(progress, "progress");
    if (isPrepared(dir)) {
      return false;
    }
    Path script = findScript(repository);
    List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
    if (subset) {
      cmd.add("--ci");
    }
    cmd.add("--out");
    cmd.add(dir.toAbsolutePath().toString());
    progress.message("preparing DebVox" + (subset ? " (three-voice subset)" : "") + " in " + dir
        + " with " + script);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Process process = pb.start();
    process.getOutputStream().close();
    Deque<String> tail = new ArrayDeque<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        progress.message(line);
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
          tail.removeFirst();
        }
      }
    }
    int code;
    try {
      code = process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("DebVoxData.ensurePrepared: interrupted while " + script + " ran", e);
    }
    if (code != 0 || !isPrepared(dir)) {
      throw new IOException("DebVoxData.ensurePrepared: " + String.join(" ", cmd)
          + " exited with status " + code + (code == 0 ? " but left no complete corpus" : "")
          + "; its last output:\n" + String.join("\n", tail));
    }
    return true;
  }
}
