package org.emkit.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.emkit.core.io.NpyArray;
import org.emkit.testing.ReferenceData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * numpy's legacy RandomState reproduced bit for bit: every RNG-made input of
 * {@code shared/reference/bob/generated/inputs} (SPEC §11.4) is regenerated exactly (assertArrayEquals on
 * doubles is bitwise).
 */
@Tag("parity")
class NumpyRandomParityTest {

  private static double[] expected(String name) {
    return ReferenceData.npyValues("inputs/" + name);
  }

  @Test
  void testJvmUsesTheCLibraryLogAsNumpyDoes() {
    assertEquals(true, NumpyRandom.usesNativeLog(),
        "bitwise numpy parity needs --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED");
  }

  @Test
  void kmeansFitDataSeed0() {
    NumpyRandom r = new NumpyRandom(0);
    double[] a = r.normal(1, 1, 2000 * 3);
    double[] b = r.normal(-1, 1, 2000 * 3);
    double[] all = new double[12000];
    System.arraycopy(a, 0, all, 0, 6000);
    System.arraycopy(b, 0, all, 6000, 6000);
    assertArrayEquals(expected("kmeans_fit_data_seed0_4000x3.npy"), all);
  }

  @Test
  void randSeed3() {
    assertArrayEquals(expected("gmm_single_vs_multiple_seed3_rand_100x50.npy"),
        new NumpyRandom(3).rand(5000));
  }

  @Test
  void normalSeed0ProbeAndUvdAndIvectorInit() {
    assertArrayEquals(expected("fa_score_probe_seed0_normal_50x3.npy"), new NumpyRandom(0).randn(150));
    NumpyRandom r = new NumpyRandom(0);
    assertArrayEquals(expected("create_UVD_U_seed0_6x2.npy"), r.randn(12));
    assertArrayEquals(expected("jfa_create_UVD_V_seed0_6x2_after_U.npy"), r.randn(12));
    assertArrayEquals(expected("ivector_T_init_seed0_2x3x2.npy"), new NumpyRandom(0).normal(0, 1, 12));
  }

  @Test
  void isvJfaFitDataSeed10AndReseed() {
    NumpyRandom r = new NumpyRandom(10);
    double[] data = new double[60];
    System.arraycopy(r.normal(0, 0.5, 30), 0, data, 0, 30);
    System.arraycopy(r.normal(-0.2, 0.2, 30), 0, data, 30, 30);
    assertArrayEquals(expected("isv_jfa_fit_data_seed10_20x3.npy"), data);
    double[] means = new double[6];
    System.arraycopy(r.normal(0, 0.5, 3), 0, means, 0, 3);
    System.arraycopy(r.normal(1, 0.5, 3), 0, means, 3, 3);
    assertArrayEquals(expected("isv_jfa_fit_ubm_means_seed10_2x3.npy"), means);
    r.seed(10);
    assertArrayEquals(expected("isv_create_UVD_U_seed10_6x2.npy"), r.randn(12));
  }

  @Test
  void randintSeed0MatchesBobRandomInit() {
    // SPEC §11.2: RandomState(0).randint(0, 4000, size=2) gives 2732 then 2607
    assertArrayEquals(new long[] {2732, 2607}, new NumpyRandom(0).randint(0, 4000, 2));
  }

  @Test
  void allInputsAreFloat64Arrays() {
    NpyArray a = ReferenceData.npy("inputs/ivector_T_init_seed0_2x3x2.npy");
    assertArrayEquals(new int[] {2, 3, 2}, a.shape());
    assertEquals("<f8", a.dtype());
  }

  @Test
  void seedOutOfRangeIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(-1));
    assertEquals("NumpyRandom.seed: seed must be in [0, 4294967295], got -1", e.getMessage());
  }
}
