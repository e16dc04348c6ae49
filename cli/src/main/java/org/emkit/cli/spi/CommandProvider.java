package org.emkit.cli.spi;

import java.util.List;

/**
 * Contributes subcommands to the {@code emkit} command from modules that depend on the command
 * line (the examples module adds {@code demo} and {@code example}), so dependencies keep pointing
 * one way. Providers are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.emkit.cli.spi.CommandProvider}).
 */
public interface CommandProvider {

  /**
   * @return picocli command objects (classes annotated with {@code @Command}, each with a
   *     {@code name}); they print through {@code spec.commandLine().getOut()/getErr()} and return
   *     the exit codes of {@code emkit} (0 ok, 2 usage, 3 bad input, 1 other failure)
   */
  List<Object> commands();
}
