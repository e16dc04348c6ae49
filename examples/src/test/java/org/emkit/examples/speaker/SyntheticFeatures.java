package org.emkit.examples.speaker;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.emkit.core.Matrix;
import org.emkit.features.audio.FrontEnd;

/**
 * Features for a synthetic corpus: frames of segment s of speaker k with channel h are
 * N(speakerMean_k + channelOffset_h + componentMean_c, I) for a random component c of a small
 * mixture, so that speakers are separable and channels are a nuisance.
 */
final class SyntheticFeatures {

  private SyntheticFeatures() {}

  static FeatureBank of(Corpus corpus, int dim, int frames, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> speakers = corpus.speakers();
    List<String> channels = corpus.channels();
    double[][] speakerMean = new double[speakers.size()][dim];
    double[][] channelOffset = new double[channels.size()][dim];
    double[][] componentMean = new double[4][dim];
    for (double[] v : speakerMean) {
      fill(v, rng, 1.0);
    }
    for (double[] v : channelOffset) {
      fill(v, rng, 0.7);
    }
    for (double[] v : componentMean) {
      fill(v, rng, 3.0);
    }
    List<Matrix> out = new ArrayList<>();
    for (Segment s : corpus.segments()) {
      double[] sp = speakerMean[speakers.indexOf(s.speaker())];
      double[] ch = channelOffset[channels.indexOf(s.channel())];
      double[] x = new double[frames * dim];
      for (int i = 0; i < frames; i++) {
        double[] comp = componentMean[rng.nextInt(componentMean.length)];
        for (int j = 0; j < dim; j++) {
          x[i * dim + j] = comp[j] + sp[j] + ch[j] + gaussian(rng);
        }
      }
      out.add(Matrix.wrap(frames, dim, x));
    }
    return FeatureBank.of(FrontEnd.defaults(), out);
  }

  private static void fill(double[] v, SplittableRandom rng, double scale) {
    for (int j = 0; j < v.length; j++) {
      v[j] = scale * gaussian(rng);
    }
  }

  /** Box–Muller. */
  static double gaussian(SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Twelve speakers in three families, 16 segments each (two per channel). */
  static Corpus corpus() {
    List<SyntheticCorpus.Source> s = new ArrayList<>();
    String[] langs = {"en", "fr", "it", "ru"};
    for (String family : List.of("ast", "fil", "tux")) {
      for (int k = 0; k < 4; k++) {
        s.add(new SyntheticCorpus.Source(family + "_" + (char) ('a' + k), langs[k], 16));
      }
    }
    return SyntheticCorpus.of(s);
  }
}
