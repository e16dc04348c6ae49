package org.emkit.cli;

import picocli.CommandLine.Option;

/** Options shared by every computing subcommand (a picocli mixin). */
final class CommonOptions {

  @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
      description = "Worker threads, >= 1. Results are bitwise identical for any count.")
  int threads;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
      description = "Seed of every random choice, in [0, 4294967295].")
  long seed;

  @Option(names = {"-q", "--quiet"}, description = "Print no progress.")
  boolean quiet;

  @Option(names = "--debug", description = "Print the Java stack trace of an error.")
  boolean debug;

  /** Checks the values picocli cannot check by type. */
  void validate() {
    if (threads < 1) {
      throw CliException.usage("--threads must be >= 1, got " + threads);
    }
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw CliException.usage("--seed must be in [0, 4294967295], got " + seed);
    }
  }
}
