package org.emkit.examples.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CONVENTIONS C9: the {@code (default X)} stated in the Javadoc of each builder setter of
 * {@link ImageExperimentOptions} equals the value of the accessor of the same name on
 * {@link ImageExperimentOptions#defaults()} (list and path defaults are checked in
 * {@link ImageExperimentOptionsTest}).
 */
class DocumentedDefaultsTest {

  @Test
  void documentedDefaultsMatchTheCode() throws Exception {
    Path source = Path.of("src/main/java/org/emkit/examples/images/ImageExperimentOptions.java");
    String text = Files.readString(source, StandardCharsets.UTF_8);
    Pattern setter = Pattern.compile(
        "/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*public Builder (\\w+)\\(", Pattern.DOTALL);
    Matcher m = setter.matcher(text);
    ImageExperimentOptions defaults = ImageExperimentOptions.defaults();
    int checked = 0;
    while (m.find()) {
      Matcher d = Pattern.compile("\\(default ([A-Za-z0-9_.+-]+)").matcher(m.group(1));
      if (!d.find()) {
        continue;
      }
      String documented = d.group(1);
      Method accessor = ImageExperimentOptions.class.getMethod(m.group(2));
      Object actual = accessor.invoke(defaults);
      if (actual instanceof Number) {
        assertEquals(Double.parseDouble(documented), ((Number) actual).doubleValue(),
            m.group(2) + " documented default " + documented);
      } else {
        assertEquals(documented, String.valueOf(actual),
            m.group(2) + " documented default " + documented);
      }
      checked++;
    }
    assertEquals(21, checked);
  }
}
