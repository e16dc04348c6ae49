package org.emkit.core.internal;

/**
 * Whether emkit's kernels use the incubating Vector API ({@code jdk.incubator.vector}).
 *
 * <p>The vector kernels compute exactly the same floating-point operations in the same order
 * as their scalar twins (4 logical lanes, no fused multiply-add, fixed reduction order), so
 * results are bitwise identical either way; only speed differs. The Vector API is used when the
 * module is in the boot layer (JVM option {@code --add-modules jdk.incubator.vector}, set by the
 * build and the {@code emkit} launcher) and the system property {@code emkit.vector} is not
 * {@code false}.
 *
 * <p>Not API: internal to emkit.
 */
public final class VectorSupport {

  /** Whether the vector kernels are in use. */
  public static final boolean ENABLED = detect();

  private VectorSupport() {}

  private static boolean detect() {
    if ("false".equalsIgnoreCase(System.getProperty("emkit.vector"))) {
      return false;
    }
    try {
      return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
