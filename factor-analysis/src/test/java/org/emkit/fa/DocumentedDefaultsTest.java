package org.emkit.fa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code (default X)} written in the Javadoc of each builder setter equals the value of the
 * accessor of the same name on a machine built with defaults (docs must not disagree with the
 * code, CONVENTIONS "things to avoid" 12).
 */
class DocumentedDefaultsTest {

  private static final Pattern SETTER = Pattern.compile(
      "/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*public Builder (\\w+)\\(", Pattern.DOTALL);
  private static final Pattern DEFAULT = Pattern.compile("\\(default ([A-Za-z0-9_.+-]+)");

  private static void check(String file, Object machine, int expectedCount) throws Exception {
    Path src = Paths.get("src/main/java/org/emkit/fa", file);
    String text = Files.readString(src, StandardCharsets.UTF_8);
    Matcher m = SETTER.matcher(text);
    int checked = 0;
    while (m.find()) {
      Matcher d = DEFAULT.matcher(m.group(1));
      if (!d.find()) {
        continue;
      }
      String documented = d.group(1);
      Method accessor = machine.getClass().getMethod(m.group(2));
      Object actual = accessor.invoke(machine);
      boolean same = actual instanceof Number
          ? Double.parseDouble(documented) == ((Number) actual).doubleValue()
          : documented.equals(String.valueOf(actual));
      assertTrue(same, file + " documents " + m.group(2) + " default " + documented
          + " but the code has " + actual);
      checked++;
    }
    assertTrue(checked == expectedCount, file + ": " + checked + " documented defaults checked, "
        + expectedCount + " expected");
  }

  @Test
  void builderDefaultsAreDocumentedCorrectly() throws Exception {
    check("ISVMachine.java", ISVMachine.builder(FaTestData.ubm(), 2).build(), 5);
    check("JFAMachine.java", JFAMachine.builder(FaTestData.ubm(), 2, 2).build(), 6);
    check("IVectorMachine.java", IVectorMachine.builder(FaTestData.ubm(), 2).build(), 6);
    check("PLDA.java", PLDA.builder(3, 1, 1).build(), 11);
    check("TwoCovariancePLDA.java", TwoCovariancePLDA.builder(3).build(), 3);
    check("EMPCA.java", EMPCA.builder(3, 1).build(), 5);
  }
}
