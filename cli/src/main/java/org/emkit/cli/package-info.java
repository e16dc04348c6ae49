/**
 * The {@code emkit} command line (picocli): {@code kmeans}, {@code gmm train}, {@code gmm map},
 * {@code stats}, {@code score} and {@code info}. Each subcommand is one class registered in
 * {@link org.emkit.cli.EmkitCommand}; inputs are read by {@code Inputs} ({@code .npy},
 * {@code .csv}, {@code file.h5:/dataset}), models are HDF5 files (io-hdf5), progress goes to
 * stderr through {@code Progress}, and {@link org.emkit.cli.Main} maps failures to exit codes
 * (0 ok, 2 usage, 3 bad input file, 1 other). The contract is DESIGN.md "The command line".
 */
package org.emkit.cli;
