/**
 * Extension point of the {@code emkit} command: {@link org.emkit.cli.spi.CommandProvider}s found
 * on the class path add subcommands.
 */
package org.emkit.cli.spi;
