/**
 * Array files: {@code .npy} and CSV reading/writing, streaming of large {@code .npy} arrays, and
 * atomic file replacement used by every writer of emkit.
 */
package org.emkit.core.io;
