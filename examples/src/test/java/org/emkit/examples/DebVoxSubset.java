package org.emkit.examples;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The three-voice DebVox subset of the data tests, prepared on first use with
 * {@code scripts/prepare-debvox.sh --ci} into {@link DebVoxData#defaultSubsetDir()}. It needs the
 * Debian packages sox, libsox-fmt-all, codec2 and asterisk-core-sounds-{en,fr,it}-wav; if they are
 * missing the preparation fails and so do the tests (they never skip).
 */
final class DebVoxSubset {

  private static Path dir;

  private DebVoxSubset() {}

  /** @return the prepared subset directory */
  static synchronized Path directory() throws IOException {
    if (dir == null) {
      Path d = DebVoxData.defaultSubsetDir();
      DebVoxData.ensurePrepared(d, true, null, ProgressListener.NONE);
      dir = d;
    }
    return dir;
  }
}
