package org.emkit.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void failedWriteLeavesThePreviousFileIntactAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("model.bin");
    AtomicFiles.write(target, (OutputStream out) -> out.write(new byte[] {1, 2, 3}));
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, (OutputStream out) -> {
      out.write(new byte[] {9, 9, 9, 9, 9, 9});
      throw new IOException("disk full (simulated)");
    }));
    assertEquals("disk full (simulated)", e.getMessage());
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count(), "temporary file must be removed");
    }
  }

  @Test
  void successfulWriteReplacesTheTarget() throws IOException {
    Path target = dir.resolve("sub/model.bin");
    AtomicFiles.write(target, (OutputStream out) -> out.write(1));
    AtomicFiles.write(target, (OutputStream out) -> out.write(2));
    assertArrayEquals(new byte[] {2}, Files.readAllBytes(target));
  }
}
