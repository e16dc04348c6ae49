package org.emkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.emkit.cluster.KMeansMachine;
import org.emkit.mixture.GMMMachine;
import org.junit.jupiter.api.Test;

/**
 * Enforces CONVENTIONS C13 over every module of the repository: no printing, no hidden
 * randomness and no float literals in double declarations in library main sources; every test
 * file asserts something; documented builder defaults equal the code's defaults.
 */
class CodeStandardsTest {

  /** Modules whose main code talks to a terminal by design. */
  private static final Set<String> CONSOLE_MODULES = Set.of("cli", "examples", "bench");

  static Path repoRoot() {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("em-core/pom.xml"))) {
      p = p.getParent();
    }
    assertTrue(p != null, "repository root not found from " + Paths.get("").toAbsolutePath());
    return p;
  }

  static List<Path> javaFiles(String kind) throws IOException {
    Path root = repoRoot();
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> f.toString().contains("/src/" + kind + "/java/"))
          .filter(f -> !f.toString().contains("/target/"))
          .collect(Collectors.toList());
    }
  }

  static String module(Path file) {
    return repoRoot().relativize(file).getName(0).toString();
  }

  @Test
  void libraryMainSourcesDoNotPrintOrUseHiddenRandomness() throws IOException {
    Pattern print = Pattern.compile("System\\.(out|err)\\b|printStackTrace\\(");
    Pattern random = Pattern.compile("Math\\.random\\(|new Random\\(\\)|new SplittableRandom\\(\\)");
    Pattern floatLiteral = Pattern.compile("double\\s+\\w+\\s*=\\s*-?[0-9.]+(e-?[0-9]+)?[fF]\\b");
    List<String> violations = new ArrayList<>();
    for (Path f : javaFiles("main")) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      boolean console = CONSOLE_MODULES.contains(module(f));
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        String code = line.replaceAll("//.*$", "");
        if (code.trim().startsWith("*")) {
          continue; // Javadoc
        }
        if (!console && print.matcher(code).find()) {
          violations.add(f + ":" + (i + 1) + " prints: " + line.trim());
        }
        if (random.matcher(code).find()) {
          violations.add(f + ":" + (i + 1) + " unseeded randomness: " + line.trim());
        }
        if (floatLiteral.matcher(code).find()) {
          violations.add(f + ":" + (i + 1) + " float literal in a double: " + line.trim());
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void everyTestFileAsserts() throws IOException {
    List<String> silent = new ArrayList<>();
    for (Path f : javaFiles("test")) {
      String s = Files.readString(f, StandardCharsets.UTF_8);
      boolean isTest = s.contains("@Test") || s.contains("@Property");
      if (isTest && !(s.contains("assert") || s.contains("fail("))) {
        silent.add(f.toString());
      }
    }
    assertEquals(List.of(), silent);
  }

  /**
   * Reads {@code (default X)} from the Javadoc of each builder setter and compares it with the
   * value of the accessor of the same name on a machine built with defaults.
   */
  static void checkDocumentedDefaults(Path source, Object machine) throws Exception {
    String text = Files.readString(source, StandardCharsets.UTF_8);
    Pattern p = Pattern.compile("/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*public Builder (\\w+)\\(", Pattern.DOTALL);
    Matcher m = p.matcher(text);
    int checked = 0;
    while (m.find()) {
      Matcher d = Pattern.compile("\\(default ([A-Za-z0-9_.+-]+)").matcher(m.group(1));
      if (!d.find()) {
        continue;
      }
      String documented = d.group(1).equals("EPS") ? "2.220446049250313e-16" : d.group(1);
      Object actual;
      if (m.group(2).equals("relevanceFactor")) {
        actual = ((GMMMachine) machine).adaptation().value();
      } else {
        Method accessor = machine.getClass().getMethod(m.group(2));
        actual = accessor.invoke(machine);
      }
      String actualText = actual instanceof Double ? Double.toString((Double) actual) : String.valueOf(actual);
      boolean same = actual instanceof Number
          ? Double.parseDouble(documented) == ((Number) actual).doubleValue()
          : documented.equals(actualText);
      assertTrue(same, source.getFileName() + " documents " + m.group(2) + " default " + documented
          + " but the code has " + actualText);
      checked++;
    }
    assertTrue(checked >= 4, "too few documented defaults found in " + source + ": " + checked);
  }

  @Test
  void documentedDefaultsMatchTheCode() throws Exception {
    Path src = repoRoot().resolve("em-core/src/main/java/org/emkit");
    checkDocumentedDefaults(src.resolve("cluster/KMeansMachine.java"), KMeansMachine.builder(2).build());
    checkDocumentedDefaults(src.resolve("mixture/GMMMachine.java"), GMMMachine.builder(2).build());
  }
}
