/**
 * Image classification with Fisher vectors on Fashion-MNIST: the experiment of Sánchez,
 * Perronnin, Mensink and Verbeek (IJCV 2013) end to end, with its design choices switched on and
 * off and measured.
 *
 * <p>{@link org.emkit.examples.images.ImageExample} is the command line ({@code emkit example
 * images}); {@link org.emkit.examples.images.ImageExperiment#run(ImageExperimentOptions,
 * java.io.PrintWriter)} the library entry, returning
 * {@link org.emkit.examples.images.ImageResults} (Tablesaw tables, Markdown, CSV and an XChart
 * plot). The data come from Debian's {@code dataset-fashion-mnist}
 * ({@link org.emkit.examples.images.FashionMnist}); descriptors from
 * {@code org.emkit.features.image}; vocabularies, encoders and the linear SVM from em-core and
 * the fisher module.
 */
package org.emkit.examples.images;
