package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.emkit.core.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontEndTest {

  private static AudioSignal speechLike() {
    // Silence, two "words" (tone + noise), silence.
    double[] word1 = TestSignals.tone(6000, 300, 8000, 4000, 0);
    double[] word2 = TestSignals.noise(4000, 4000, 2);
    for (int i = 0; i < word1.length; i++) {
      word1[i] += 0.3 * word2[i];
    }
    return AudioSignal.of(TestSignals.concat(new double[2000], word1, new double[800], word2,
        new double[2000]), 8000);
  }

  @Test
  void defaultsChainMfccVadAndCmvn() {
    FrontEnd fe = FrontEnd.defaults();
    assertEquals(38, fe.dimension());
    assertEquals(FeatureNormalization.MEAN_AND_VARIANCE, fe.normalization());
    assertTrue(fe.vad().isPresent());
    AudioSignal s = speechLike();
    Matrix out = fe.extract(s);
    Mfcc mfcc = Mfcc.defaults();
    boolean[] keep = EnergyVad.defaults().speechFrames(mfcc.frameLogEnergies(s));
    Matrix expected = Cmvn.meanAndVariance().transform(EnergyVad.select(mfcc.compute(s), keep));
    assertEquals(expected, out);
    assertTrue(out.rows() < mfcc.numFrames(s.length()), "silence removed");
  }

  @Test
  void otherNormalizationsAndNoVad() {
    AudioSignal s = speechLike();
    Mfcc mfcc = Mfcc.defaults();
    Matrix all = mfcc.compute(s);
    FrontEnd none = FrontEnd.builder().withoutVad().normalization(FeatureNormalization.NONE)
        .build();
    assertEquals(all, none.extract(s));
    assertTrue(none.vad().isEmpty());
    FrontEnd cmn = FrontEnd.builder().withoutVad().normalization(FeatureNormalization.MEAN)
        .build();
    assertEquals(Cmvn.meanOnly().transform(all), cmn.extract(s));
    FrontEnd warp = FrontEnd.builder().withoutVad().warping(FeatureWarping.withWindow(51))
        .build();
    assertEquals(FeatureNormalization.WARPING, warp.normalization());
    assertEquals(FeatureWarping.withWindow(51).transform(all), warp.extract(s));
    assertTrue(warp.toString().contains("windowFrames=51"), warp.toString());
  }

  @Test
  void readsWavFilesAndChecksTheirRate(@TempDir Path dir) throws Exception {
    AudioSignal s = speechLike();
    double[] ints = s.samples();
    for (int i = 0; i < ints.length; i++) {
      ints[i] = Math.rint(ints[i]);
    }
    AudioSignal rounded = AudioSignal.of(ints, 8000);
    Path f = dir.resolve("u.wav");
    WavWriter.write(f, rounded);
    FrontEnd fe = FrontEnd.builder().mfcc(MfccOptions.builder().deltaOrder(2).build()).build();
    assertEquals(fe.extract(rounded), fe.extract(f));
    assertEquals(57, fe.extract(f).cols());
    Path wide = dir.resolve("w.wav");
    WavWriter.write(wide, AudioSignal.of(ints, 16000));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> fe.extract(wide));
    assertTrue(e.getMessage().contains("sampleRate must be 8000")
        && e.getMessage().contains("got 16000"), e.getMessage());
  }

  @Test
  void tooShortSignalGivesNoFrames() {
    Matrix out = FrontEnd.defaults().extract(AudioSignal.of(new double[100], 8000));
    assertEquals(0, out.rows());
    assertEquals(38, out.cols());
  }
}
