package org.emkit.examples.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.emkit.core.Matrix;
import org.emkit.examples.ProgressListener;
import org.emkit.features.audio.AudioSignal;
import org.emkit.features.audio.FrontEnd;
import org.emkit.features.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureBankTest {

  /** 0.6 s of a tone at {@code hz} plus noise, then 0.2 s of near-silence. */
  private static AudioSignal signal(double hz, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[6400];
    for (int i = 0; i < x.length; i++) {
      double s = i < 4800 ? 8000 * Math.sin(2 * Math.PI * hz * i / 8000.0) : 0;
      x[i] = Math.rint(s + 30 * (2 * r.nextDouble() - 1));
    }
    return AudioSignal.of(x, 8000);
  }

  private static Corpus corpus(Path dir, int n) throws IOException {
    List<Segment> segs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path wav = dir.resolve("s" + i + ".wav");
      WavWriter.write(wav, signal(300 + 50 * i, i));
      segs.add(new Segment(i, "s" + i, "spk" + (i % 2), "en", "clean", "f", wav));
    }
    return Corpus.of(segs);
  }

  @Test
  void extractsEverySegmentIdenticallyForAnyThreadCount(@TempDir Path dir) throws IOException {
    Corpus c = corpus(dir, 5);
    FeatureBank one = FeatureBank.extract(c, FrontEnd.defaults(), 1, ProgressListener.NONE);
    FeatureBank three = FeatureBank.extract(c, FrontEnd.defaults(), 3, ProgressListener.NONE);
    assertEquals(5, one.size());
    assertEquals(38, one.dimension());
    for (int i = 0; i < 5; i++) {
      Matrix expected = FrontEnd.defaults().extract(c.get(i).path());
      assertArrayEquals(expected.data(), one.get(i).data(), "segment " + i);
      assertArrayEquals(one.get(i).data(), three.get(i).data(), "segment " + i);
    }
    assertEquals(one.get(0).rows() + one.get(3).rows(), one.frames(new int[] {0, 3}));
  }

  @Test
  void aMissingFileIsReportedWithItsSegment(@TempDir Path dir) throws IOException {
    Corpus good = corpus(dir, 2);
    Corpus c = Corpus.of(List.of(good.get(0), new Segment(1, "lost", "spk", "en", "clean", "f",
        dir.resolve("missing.wav"))));
    IOException e = assertThrows(IOException.class,
        () -> FeatureBank.extract(c, FrontEnd.defaults(), 2, ProgressListener.NONE));
    assertTrue(e.getMessage().contains("segment 'lost'"), e.getMessage());
    assertTrue(e.getMessage().contains("missing.wav"), e.getMessage());
  }

  @Test
  void ofRejectsEmptyOrMismatchedMatrices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureBank.of(FrontEnd.defaults(), List.of(Matrix.zeros(2, 3), Matrix.zeros(2, 4))));
    assertTrue(e.getMessage().contains("features[1]") && e.getMessage().contains("2x4"),
        e.getMessage());
  }
}
