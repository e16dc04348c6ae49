package org.emkit.features.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CONVENTIONS C9: the {@code (default X)} stated in the Javadoc of each builder setter equals the
 * value of the accessor of the same name on the default options.
 */
class DocumentedDefaultsTest {

  static int check(Path source, Object built) throws Exception {
    String text = Files.readString(source, StandardCharsets.UTF_8);
    Pattern setter = Pattern.compile(
        "/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*public Builder (\\w+)\\(", Pattern.DOTALL);
    Matcher m = setter.matcher(text);
    int checked = 0;
    while (m.find()) {
      Matcher d = Pattern.compile("\\(default ([A-Za-z0-9_.+-]+)").matcher(m.group(1));
      if (!d.find()) {
        continue;
      }
      String documented = d.group(1);
      Method accessor = built.getClass().getMethod(m.group(2));
      Object actual = accessor.invoke(built);
      if (actual instanceof Number) {
        assertEquals(Double.parseDouble(documented), ((Number) actual).doubleValue(),
            source + " documents " + m.group(2) + " default " + documented);
      } else {
        assertEquals(documented, String.valueOf(actual),
            source + " documents " + m.group(2) + " default " + documented);
      }
      checked++;
    }
    return checked;
  }

  @Test
  void denseSiftDefaultsMatchTheDocumentation() throws Exception {
    assertEquals(6, check(Path.of("src/main/java/org/emkit/features/image/DenseSiftOptions.java"),
        DenseSiftOptions.defaults()));
    assertEquals(List.of(8, 12, 16), DenseSiftOptions.defaults().patchSizes());
    assertEquals(new RawPatchOptions(7, 1, 0), RawPatchOptions.defaults());
  }
}
