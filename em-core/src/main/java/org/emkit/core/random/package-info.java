/** Random number generators; {@link org.emkit.core.random.NumpyRandom} reproduces numpy's legacy RandomState. */
package org.emkit.core.random;
