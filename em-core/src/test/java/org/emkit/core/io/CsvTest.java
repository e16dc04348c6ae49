package org.emkit.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emkit.core.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

  @TempDir Path dir;

  @Test
  void readsWithAndWithoutHeaderAndRoundTrips() throws IOException {
    Path p = dir.resolve("a.csv");
    Files.writeString(p, "x,y\n1,2.5\n\n-3,4e2\n");
    Matrix m = Csv.readMatrix(p);
    assertEquals(Matrix.of(new double[][] {{1, 2.5}, {-3, 400}}), m);
    Path q = dir.resolve("b.csv");
    Csv.write(q, m, null);
    assertEquals(m, Csv.readMatrix(q));
    Csv.write(q, m, new String[] {"a", "b"});
    assertEquals(m, Csv.readMatrix(q));
  }

  @Test
  void raggedAndNonNumericLinesNameTheLine() throws IOException {
    Path p = dir.resolve("r.csv");
    Files.writeString(p, "1,2\n3\n");
    ArrayFormatException e = assertThrows(ArrayFormatException.class, () -> Csv.readMatrix(p));
    assertTrue(e.getMessage().contains("line 2 has 1 fields"), e.getMessage());
    Files.writeString(p, "1,2\n3,abc\n");
    e = assertThrows(ArrayFormatException.class, () -> Csv.readMatrix(p));
    assertTrue(e.getMessage().contains("line 2, field 2") && e.getMessage().contains("'abc'"), e.getMessage());
  }
}
