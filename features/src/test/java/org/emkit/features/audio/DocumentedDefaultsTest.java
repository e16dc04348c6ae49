package org.emkit.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CONVENTIONS C9: the {@code (default X)} stated in the Javadoc of each builder setter equals the
 * value of the accessor of the same name on an object built with defaults.
 */
class DocumentedDefaultsTest {

  private static final Path SOURCES = Path.of("src/main/java/org/emkit/features/audio");

  private static int check(String file, Object built) throws Exception {
    String text = Files.readString(SOURCES.resolve(file), StandardCharsets.UTF_8);
    Pattern setter = Pattern.compile(
        "/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*public Builder (\\w+)\\(", Pattern.DOTALL);
    Matcher m = setter.matcher(text);
    int checked = 0;
    while (m.find()) {
      Matcher d = Pattern.compile("\\(default ([A-Za-z0-9_.+-]+)").matcher(m.group(1));
      if (!d.find()) {
        continue;
      }
      String documented = d.group(1).replaceAll("[.,]$", "");
      Method accessor = built.getClass().getMethod(m.group(2));
      Object actual = accessor.invoke(built);
      if (actual instanceof Number) {
        assertEquals(Double.parseDouble(documented), ((Number) actual).doubleValue(),
            file + " documents " + m.group(2) + " default " + documented);
      } else {
        assertEquals(documented, String.valueOf(actual),
            file + " documents " + m.group(2) + " default " + documented);
      }
      checked++;
    }
    return checked;
  }

  @Test
  void documentedDefaultsMatchTheCode() throws Exception {
    assertEquals(13, check("MfccOptions.java", MfccOptions.defaults()));
    assertEquals(2, check("EnergyVad.java", EnergyVad.defaults()));
    assertTrue(check("FrontEnd.java", FrontEnd.defaults()) >= 1);
  }
}
