/**
 * Array files: {@code .npy} and CSV reading/writing, streaming of large {@code .npy} arrays,
 * {@link org.emkit.core.io.NumericArray}, the in-memory n-dimensional array shared by the
 * {@code .npy} and HDF5 readers, and atomic file replacement used by every writer of emkit.
 */
package org.emkit.core.io;
