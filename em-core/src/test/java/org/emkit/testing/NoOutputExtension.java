package org.emkit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test that writes to {@code System.out} or {@code System.err} (CONVENTIONS C9: no
 * printing in tests). Registered for every Jupiter test by extension auto-detection
 * ({@code META-INF/services}); library logging is silenced by the test logging configuration.
 */
public final class NoOutputExtension implements BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(NoOutputExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ExtensionContext.Store store = context.getStore(NS);
    store.put("out", System.out);
    store.put("err", System.err);
    store.put("outBuf", out);
    store.put("errBuf", err);
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NS);
    System.setOut((PrintStream) store.get("out"));
    System.setErr((PrintStream) store.get("err"));
    String out = store.get("outBuf").toString();
    String err = store.get("errBuf").toString();
    if (!out.isEmpty() || !err.isEmpty()) {
      fail("test printed output (tests must not print): stdout=[" + abbreviate(out) + "] stderr=["
          + abbreviate(err) + "]");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
