package dev.cyclone.processor.testing;

import static com.google.testing.compile.Compiler.javac;

import com.google.common.collect.ImmutableList;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cyclone.annotations.Coroutine;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.processor.CycloneProcessor;
import java.io.File;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.tools.JavaFileObject;

/**
 * Compiles fixture sources at test time, the two ways the behaviour tests compare:
 *
 * <ul>
 *   <li>{@link #compileWithProcessor}: with {@link CycloneProcessor}, as a user's build would, so
 *       {@code p.Foo_Coroutines} is generated and compiled;
 *   <li>{@link #compileBlocking}: without any processor, together with a test-only source of {@code
 *       dev.cyclone.concurrent.Coroutines} whose {@code await} blocks. Loaded with {@link #load}, that
 *       class shadows the runtime's, and the plain {@code Foo} method runs the body as ordinary
 *       blocking Java: the oracle.
 * </ul>
 *
 * Both add the fixture support sources ({@code fixtures.support.Fx}: trace and futures). Class path:
 * the test's own (annotations, runtime, Netty). Sources are resources of the test class path,
 * named by path, e.g. {@code "fixtures/statements/Loops.java"}.
 */
public final class CoroutineTestCompiler {
  /** Sources added to every fixture compilation. */
  public static final List<String> SUPPORT_SOURCES = List.of("fixtures/support/Fx.java");

  /** The blocking {@code await}, compiled into the oracle side only. */
  public static final String BLOCKING_COROUTINES = "blocking/dev/cyclone/concurrent/Coroutines.java";

  private static final List<File> CLASS_PATH = classPath();

  private CoroutineTestCompiler() {}

  /** A source file of the test class path, e.g. {@code "fixtures/statements/Loops.java"}. */
  public static JavaFileObject source(String resourcePath) {
    if (CoroutineTestCompiler.class.getClassLoader().getResource(resourcePath) == null) {
      throw new IllegalArgumentException("no fixture source on the test class path: " + resourcePath);
    }
    return JavaFileObjects.forResource(resourcePath);
  }

  /** Compiles {@code sources} (plus the support sources) with the Cyclone processor. */
  public static Compilation compileWithProcessor(JavaFileObject... sources) {
    return javac()
        .withProcessors(new CycloneProcessor())
        .withClasspath(CLASS_PATH)
        .withOptions("-Xlint:-processing", "-parameters")
        .compile(withSupport(sources, false));
  }

  /** Compiles {@code sources} with the Cyclone processor only: no support sources added. */
  public static Compilation compileBare(JavaFileObject... sources) {
    return javac()
        .withProcessors(new CycloneProcessor())
        .withClasspath(CLASS_PATH)
        .compile(sources);
  }

  /**
   * Compiles {@code sources} (plus the support sources and the blocking {@code Coroutines}) without
   * any annotation processing.
   */
  public static Compilation compileBlocking(JavaFileObject... sources) {
    return javac()
        .withClasspath(CLASS_PATH)
        .withOptions("-proc:none", "-parameters")
        .compile(withSupport(sources, true));
  }

  /**
   * A class loader for the class files {@code compilation} produced, child-first (its classes win
   * over the test class path's), delegating everything else to the test's class loader.
   */
  public static ClassLoader load(Compilation compilation) {
    if (compilation.status() != Compilation.Status.SUCCESS) {
      throw new AssertionError("compilation failed:\n" + describeDiagnostics(compilation));
    }
    return new CompiledClassLoader(compilation, CoroutineTestCompiler.class.getClassLoader());
  }

  /** Every diagnostic of {@code compilation}, one per line, for failure messages. */
  public static String describeDiagnostics(Compilation compilation) {
    StringBuilder out = new StringBuilder();
    compilation
        .diagnostics()
        .forEach(
            d ->
                out.append(d.getKind())
                    .append(' ')
                    .append(d.getSource() == null ? "?" : d.getSource().getName())
                    .append(':')
                    .append(d.getLineNumber())
                    .append(": ")
                    .append(d.getMessage(null))
                    .append('\n'));
    return out.toString();
  }

  private static List<JavaFileObject> withSupport(JavaFileObject[] sources, boolean blocking) {
    List<JavaFileObject> all = new ArrayList<>(List.of(sources));
    for (String support : SUPPORT_SOURCES) {
      all.add(source(support));
    }
    if (blocking) {
      all.add(source(BLOCKING_COROUTINES));
    }
    return ImmutableList.copyOf(all);
  }

  /** The test class path, plus the jars of the APIs fixtures use, wherever surefire put them. */
  private static List<File> classPath() {
    Set<File> files = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        files.add(new File(entry));
      }
    }
    for (Class<?> anchor :
        List.of(
            Coroutine.class,
            IOLoop.class,
            io.netty.util.concurrent.Future.class,
            io.netty.channel.EventLoop.class,
            org.slf4j.Logger.class)) {
      try {
        files.add(new File(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (URISyntaxException | NullPointerException e) {
        throw new IllegalStateException("cannot locate the class path entry of " + anchor, e);
      }
    }
    return List.copyOf(files);
  }
}
