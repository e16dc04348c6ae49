package org.emkit.core.random;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.SymbolLookup;

/**
 * The C library's {@code log}, called through the JDK 17 foreign linker, so that
 * {@link NumpyRandom} computes exactly what numpy computes on the same platform (numpy's
 * Gaussian draws call libm's {@code log}, which glibc rounds to nearest except in rare cases).
 *
 * <p>Loaded reflectively by {@link NumpyRandom}; it needs the JVM options
 * {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED} (set by the
 * build and the {@code emkit} launcher). Without them {@link #create()} fails and
 * {@link ExactLog} is used.
 */
final class NativeLibmLog implements DoubleUnaryOperator {

  /** Where Debian/Ubuntu, Fedora and Alpine keep libm. */
  private static final String[] CANDIDATES = {
    "/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6",
    "/lib/aarch64-linux-gnu/libm.so.6", "/usr/lib/aarch64-linux-gnu/libm.so.6",
    "/lib64/libm.so.6", "/usr/lib64/libm.so.6", "/lib/libm.so.6", "/usr/lib/libm.so.6"
  };

  private final MethodHandle log;

  private NativeLibmLog(MethodHandle log) {
    this.log = log;
  }

  /**
   * @return the native log
   * @throws Exception if libm or the foreign linker is unavailable
   */
  static DoubleUnaryOperator create() throws Exception {
    Path lib = null;
    for (String c : CANDIDATES) {
      Path p = Paths.get(c);
      if (Files.isRegularFile(p)) {
        lib = p;
        break;
      }
    }
    if (lib == null) {
      throw new IllegalStateException("libm.so.6 not found");
    }
    System.load(lib.toString());
    MemoryAddress addr = SymbolLookup.loaderLookup().lookup("log")
        .orElseThrow(() -> new IllegalStateException("symbol log not found"));
    MethodHandle mh = CLinker.getInstance().downcallHandle(addr,
        MethodType.methodType(double.class, double.class),
        FunctionDescriptor.of(CLinker.C_DOUBLE, CLinker.C_DOUBLE));
    NativeLibmLog f = new NativeLibmLog(mh);
    if (f.applyAsDouble(1.0) != 0.0 || Math.abs(f.applyAsDouble(2.0) - Math.log(2.0)) > 1e-15) {
      throw new IllegalStateException("native log returned wrong values");
    }
    return f;
  }

  @Override
  public double applyAsDouble(double x) {
    try {
      return (double) log.invokeExact(x);
    } catch (Throwable t) {
      throw new IllegalStateException("native log failed", t);
    }
  }
}
