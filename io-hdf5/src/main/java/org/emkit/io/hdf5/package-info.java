/**
 * HDF5 model files: {@link org.emkit.io.hdf5.Hdf5} loads and saves every emkit machine
 * (mixtures, k-means, factor analysis, PLDA, linear transforms, set encoders) and
 * {@link org.emkit.mixture.GMMStats} in bob.learn.em's layouts (read by bob and h5py) or
 * emkit's versioned layouts, reads bob's legacy C++ layouts (GMM, statistics, ISV/JFA,
 * i-vectors, PLDA), and reads/writes named arrays.
 * Reading goes through jhdf behind a wall that turns every failure into an
 * {@link org.emkit.io.hdf5.Hdf5FormatException}; writing uses emkit's own small HDF5 writer
 * (variable-length UTF-8 strings, h5py booleans) and atomic replacement. Nothing outside this
 * package imports jhdf. Layout tables: {@code docs/file-formats.md}.
 */
package org.emkit.io.hdf5;
