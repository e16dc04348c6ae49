package org.emkit.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.emkit.cli.spi.CommandProvider;
import org.emkit.io.hdf5.Hdf5FormatException;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of the {@code emkit} command line. Exit codes: 0 success, 2 usage error (unknown
 * option, missing or invalid value), 3 bad input file (missing, unreadable, wrong layout or
 * shape, data the model cannot use), 1 any other failure (for example an output that cannot be
 * written). Errors are one line on stderr; {@code --debug} adds the Java stack trace. Library
 * warnings (such as non-convergence) are printed as {@code warning: ...} lines.
 */
public final class Main {

  private Main() {}

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(args, out, err, System.console() != null);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command in this JVM (used by {@link #main} and by tests).
   *
   * @param args command-line arguments
   * @param out standard output (results such as {@code info})
   * @param err standard error (progress, warnings, errors)
   * @param terminal whether {@code err} is a terminal (progress bar instead of lines)
   * @return the exit code
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
    return run(args, new CliContext(out, err, terminal, System::nanoTime));
  }

  static int run(String[] args, CliContext ctx) {
    CommandLine cl = commandLine(ctx);
    Logger root = Logger.getLogger("");
    Handler[] saved = root.getHandlers();
    Level savedLevel = root.getLevel();
    Handler warnings = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
          ctx.endBar();
          ctx.err.println("warning: " + r.getMessage());
          ctx.err.flush();
        }
      }

      @Override
      public void flush() {
        ctx.err.flush();
      }

      @Override
      public void close() {
        // the writer belongs to the caller
      }
    };
    for (Handler h : saved) {
      root.removeHandler(h);
    }
    root.addHandler(warnings);
    root.setLevel(Level.WARNING);
    try {
      return cl.execute(args);
    } finally {
      root.removeHandler(warnings);
      for (Handler h : saved) {
        root.addHandler(h);
      }
      root.setLevel(savedLevel);
      ctx.out.flush();
      ctx.err.flush();
    }
  }

  static CommandLine commandLine(CliContext ctx) {
    IFactory factory = new IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        try {
          return cls.getDeclaredConstructor(CliContext.class).newInstance(ctx);
        } catch (NoSuchMethodException e) {
          return CommandLine.defaultFactory().create(cls);
        }
      }
    };
    CommandLine cl = new CommandLine(new EmkitCommand(), factory);
    for (CommandProvider provider : ServiceLoader.load(CommandProvider.class)) {
      for (Object command : provider.commands()) {
        cl.addSubcommand(command);
      }
    }
    cl.setOut(ctx.out);
    cl.setErr(ctx.err);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      ctx.err.println("emkit: " + ex.getMessage());
      ctx.err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
      ctx.err.flush();
      return CliException.USAGE;
    });
    cl.setExecutionExceptionHandler((ex, c, parse) -> {
      int code;
      String message;
      if (ex instanceof CliException) {
        code = ((CliException) ex).exitCode();
        message = ex.getMessage();
      } else if (ex instanceof Hdf5FormatException) {
        code = CliException.BAD_INPUT;
        message = ex.getMessage();
      } else if (ex instanceof IllegalArgumentException || ex instanceof ArithmeticException) {
        code = CliException.BAD_INPUT;
        message = ex.getMessage();
      } else {
        code = CliException.FAILURE;
        message = "internal error: " + ex + " (rerun with --debug for the stack trace)";
      }
      ctx.endBar();
      ctx.err.println("emkit " + c.getCommandName() + ": " + message);
      if (debug(parse)) {
        ex.printStackTrace(ctx.err);
      } else if (code == CliException.USAGE) {
        ctx.err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
      }
      ctx.err.flush();
      return code;
    });
    return cl;
  }

  private static boolean debug(ParseResult parse) {
    for (ParseResult p = parse; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
