package org.emkit.fa;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.emkit.core.DimensionMismatchException;
import org.emkit.mixture.GMMStats;

/**
 * The sessions of one identity (class) with their summed statistics, as the factor-analysis
 * E-steps read them:
 *
 * <pre>
 *   N_i = Σ_h n_{ih}      length C   (bob's n_acc[i])
 *   F_i = Σ_h F_{ih}      length CD  (bob's f_acc[i])
 * </pre>
 *
 * summed in session order starting from zero. Sessions keep the order of the training list.
 */
final class Identity {

  final GMMStats[] sessions;
  final double[] nSum;
  final double[] fSum;

  Identity(Ubm ubm, List<GMMStats> sessions) {
    this.sessions = sessions.toArray(new GMMStats[0]);
    this.nSum = new double[ubm.numComponents];
    this.fSum = new double[ubm.supervectorLength];
    int d = ubm.numFeatures;
    for (GMMStats s : this.sessions) {
      for (int c = 0; c < ubm.numComponents; c++) {
        nSum[c] += s.n(c);
        for (int j = 0; j < d; j++) {
          fSum[c * d + j] += s.sumPx(c, j);
        }
      }
    }
  }

  /** @return number of sessions H */
  int size() {
    return sessions.length;
  }

  /**
   * Groups training sessions by identity label after validating everything: shapes against the
   * UBM, labels in {@code 0..I−1} with every identity present.
   *
   * @param owner caller for messages
   * @param ubm the UBM
   * @param stats one GMMStats per session
   * @param labels identity of each session, {@code 0..I−1}
   * @return the identities, index = label
   */
  static Identity[] group(String owner, Ubm ubm, List<GMMStats> stats, int[] labels) {
    Objects.requireNonNull(labels, "labels");
    ubm.checkStats(owner, "stats", stats, true);
    if (labels.length != stats.size()) {
      throw new DimensionMismatchException(owner + ": labels has length " + labels.length
          + " but stats has " + stats.size() + " sessions");
    }
    int max = -1;
    for (int h = 0; h < labels.length; h++) {
      if (labels[h] < 0) {
        throw new IllegalArgumentException(owner + ": labels[" + h + "] must be in [0, inf), got "
            + labels[h]);
      }
      max = Math.max(max, labels[h]);
    }
    int numIdentities = max + 1;
    List<List<GMMStats>> byId = new ArrayList<>(numIdentities);
    for (int i = 0; i < numIdentities; i++) {
      byId.add(new ArrayList<>());
    }
    for (int h = 0; h < labels.length; h++) {
      byId.get(labels[h]).add(stats.get(h));
    }
    Identity[] out = new Identity[numIdentities];
    for (int i = 0; i < numIdentities; i++) {
      if (byId.get(i).isEmpty()) {
        throw new IllegalArgumentException(owner + ": labels must use every identity 0..I-1 with"
            + " I = max label + 1 = " + numIdentities + "; identity " + i + " has no sessions");
      }
      out[i] = new Identity(ubm, byId.get(i));
    }
    return out;
  }

  /**
   * @param identities groups
   * @return the largest number of sessions of one identity
   */
  static int maxSessions(Identity[] identities) {
    int m = 1;
    for (Identity id : identities) {
      m = Math.max(m, id.size());
    }
    return m;
  }
}
