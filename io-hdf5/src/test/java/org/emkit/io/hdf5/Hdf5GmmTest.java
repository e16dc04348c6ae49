package org.emkit.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import org.emkit.core.Matrix;
import org.emkit.core.Numerics;
import org.emkit.mixture.GMMMachine;
import org.emkit.mixture.PosteriorRule;
import org.emkit.mixture.VarianceFloor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5GmmTest {

  @TempDir Path dir;

  private GMMMachine roundTrip(GMMMachine m) throws Exception {
    Path f = dir.resolve("m.h5");
    Hdf5.saveGmm(f, m);
    return Hdf5.loadGmm(f);
  }

  @Test
  void mlMachineRoundTripsBitwise() throws Exception {
    GMMMachine m = Fixtures.ubm(1, 4, 3).toBuilder().maxIterations(17).convergenceThreshold(3e-4)
        .updates(EnumSet.allOf(GMMMachine.Update.class)).seed(99).build();
    GMMMachine back = roundTrip(m);
    assertEquals(m, back);
    assertArrayEquals(m.weights(), back.weights());
    assertEquals(m.means(), back.means());
    assertEquals(m.variances(), back.variances());
    assertEquals(17, back.maxIterations());
    assertEquals(3e-4, back.convergenceThreshold());
    assertEquals(99, back.seed());
    assertEquals(m.init(), back.init());
  }

  @Test
  void mapMachineReloadsAsMapWithItsPriorAndAdaptation() throws Exception {
    GMMMachine ubm = Fixtures.ubm(2, 3, 2);
    GMMMachine client = GMMMachine.map(ubm).relevanceFactor(7.5).meanVarUpdateThreshold(1e-3)
        .updates(GMMMachine.Update.MEANS, GMMMachine.Update.WEIGHTS).maxIterations(3).build()
        .fit(Fixtures.data(5, 40, 2));
    GMMMachine back = roundTrip(client);
    assertEquals(GMMMachine.Trainer.MAP, back.trainer());
    assertEquals(client, back);
    assertEquals(ubm, back.prior().orElseThrow());
    assertEquals(GMMMachine.Adaptation.Kind.RELEVANCE_FACTOR, back.adaptation().kind());
    assertEquals(7.5, back.adaptation().value());
    assertEquals(1e-3, back.meanVarUpdateThreshold());
    // the reloaded machine adapts exactly as the original
    Matrix x = Fixtures.data(6, 30, 2);
    assertEquals(client.fit(x), back.fit(x));
  }

  @Test
  void fixedAlphaNumericsPosteriorRuleAndFloorsRoundTrip() throws Exception {
    GMMMachine ubm = Fixtures.ubm(3, 2, 3).toBuilder()
        .varianceFloor(VarianceFloor.perFeature(new double[] {1e-3, 2e-3, 3e-3})).build();
    GMMMachine a = GMMMachine.map(ubm).alpha(0.25).numerics(Numerics.BOB_COMPATIBLE)
        .posteriorRule(PosteriorRule.threshold(1e-4))
        .varianceFloor(VarianceFloor.perComponent(Matrix.wrap(2, 3,
            new double[] {1e-4, 2e-4, 3e-4, 4e-4, 5e-4, 6e-4}))).build();
    GMMMachine back = roundTrip(a);
    assertEquals(a, back);
    assertEquals(GMMMachine.Adaptation.Kind.FIXED_ALPHA, back.adaptation().kind());
    assertEquals(Numerics.BOB_COMPATIBLE, back.numerics());
    assertEquals(PosteriorRule.threshold(1e-4), back.posteriorRule());
    assertEquals(VarianceFloor.Shape.PER_COMPONENT, back.varianceFloor().shape());
    assertEquals(VarianceFloor.Shape.PER_FEATURE, back.prior().orElseThrow().varianceFloor().shape());
    GMMMachine hard = roundTrip(ubm.toBuilder().posteriorRule(PosteriorRule.HARD)
        .init(GMMMachine.Init.RANDOM).build());
    assertSame(PosteriorRule.HARD.kind(), hard.posteriorRule().kind());
    assertEquals(GMMMachine.Init.RANDOM, hard.init());
  }

  @Test
  void differentMachinesGiveDifferentFiles() throws Exception {
    GMMMachine a = Fixtures.ubm(4, 2, 2);
    GMMMachine b = a.toBuilder().maxIterations(a.maxIterations() + 1).build();
    assertNotEquals(roundTrip(a), roundTrip(b));
  }

  @Test
  void mapFileWithoutPriorLoadsAsMlUnlessUbmGiven() throws Exception {
    // bob's MAP files hold no prior: written here by h5py in bob's exact layout
    Path f = dir.resolve("bob_map.hdf5");
    H5py.run(String.join("\n",
        "import sys, h5py, numpy as np",
        "with h5py.File(sys.argv[1], 'w') as h:",
        "    h.attrs['file_version'] = '1.0'",
        "    h.attrs['writer_class'] = \"<class 'bob.learn.em.GMMMachine'>\"",
        "    h['n_gaussians'] = 2",
        "    h['trainer'] = 'map'",
        "    h['convergence_threshold'] = 1e-5",
        "    h['max_fitting_steps'] = 200",
        "    h['weights'] = np.array([0.25, 0.75])",
        "    h['update_means'] = True",
        "    h['update_variances'] = False",
        "    h['update_weights'] = False",
        "    g = h.create_group('gaussians')",
        "    g['means'] = np.array([[1.0, 2.0], [3.0, 4.0]])",
        "    g['variances'] = np.array([[0.5, 0.25], [1.5, 2.0]])",
        "    g['variance_thresholds'] = np.array([1e-3, 2e-3])"), f.toString());
    GMMMachine ml = Hdf5.loadGmm(f);
    assertEquals(GMMMachine.Trainer.ML, ml.trainer());
    assertFalse(ml.prior().isPresent());
    GMMMachine ubm = Fixtures.ubm(8, 2, 2);
    GMMMachine map = Hdf5.loadGmm(f, ubm);
    assertEquals(GMMMachine.Trainer.MAP, map.trainer());
    assertEquals(ubm, map.prior().orElseThrow());
    assertEquals(Matrix.of(new double[][] {{1, 2}, {3, 4}}), map.means());
    assertEquals(VarianceFloor.perFeature(new double[] {1e-3, 2e-3}), map.varianceFloor());
    assertTrue(map.updates().equals(EnumSet.of(GMMMachine.Update.MEANS)));
  }
}
