package dev.cyclone.web;

import gg.jte.CodeResolver;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateException;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An application's jte templates (Tornado's template loader), HTML-escaped by default: behind
 * {@link RequestHandler#render} and {@link RequestHandler#renderString}. Thread-safe: the loops of
 * one application share it.
 *
 * <p>Where a template comes from:
 *
 * <ul>
 *   <li>in {@link AppSettings#debug() debug} mode with a {@link AppSettings#templatePath()
 *       templatePath}, from that directory, compiled when first rendered and again whenever its
 *       file (or one it includes) changes;
 *   <li>otherwise from the classes {@code jte-maven-plugin} compiled with the application (its
 *       {@code generate} goal: see the example's {@code pom.xml}), checked by javac at build time;
 *   <li>failing that, from the templatePath, compiled once.
 * </ul>
 */
public final class Templates {
  private final Path templatePath;
  private final boolean reload;
  private volatile TemplateEngine precompiled;
  private volatile TemplateEngine fromDirectory;

  Templates(AppSettings settings) {
    this.templatePath = settings.templatePath();
    this.reload = settings.debug() && templatePath != null;
  }

  /**
   * Renders template {@code name} (a path under the template root, such as {@code
   * "items.jte"}) with {@code params}, each passed to the {@code @param} of its name. Called on a
   * request's loop. A template that cannot be found or compiled, or that throws, fails with a
   * {@link TemplateException} naming the template and its line.
   */
  public String render(String name, Map<String, ?> params) {
    StringOutput out = new StringOutput();
    @SuppressWarnings("unchecked") // jte reads the map; it never writes to it
    Map<String, Object> map = (Map<String, Object>) params;
    engineFor(name).render(name, map, out);
    return out.toString();
  }

  /** Renders template {@code name} whose one {@code @param} is {@code param}; as above. */
  public String render(String name, Object param) {
    StringOutput out = new StringOutput();
    engineFor(name).render(name, param, out);
    return out.toString();
  }

  private TemplateEngine engineFor(String name) {
    if (reload) {
      return directoryEngine();
    }
    TemplateEngine compiled = precompiledEngine();
    if (templatePath == null || compiled.hasTemplate(name)) {
      return compiled;
    }
    return directoryEngine();
  }

  private TemplateEngine precompiledEngine() {
    TemplateEngine engine = precompiled;
    if (engine == null) {
      synchronized (this) {
        if (precompiled == null) {
          precompiled = TemplateEngine.createPrecompiled(ContentType.Html);
        }
        engine = precompiled;
      }
    }
    return engine;
  }

  private TemplateEngine directoryEngine() {
    TemplateEngine engine = fromDirectory;
    if (engine == null) {
      synchronized (this) {
        if (fromDirectory == null) {
          CodeResolver sources = new DirectoryCodeResolver(templatePath);
          try {
            // the compiled templates go to a directory of their own, out of the project, and
            // are deleted when the JVM ends
            Path classes = Files.createTempDirectory("cyclone-jte-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(classes), "cyclone-jte-cleanup"));
            fromDirectory = TemplateEngine.create(sources, classes, ContentType.Html);
          } catch (IOException e) {
            throw new UncheckedIOException("[TemplateClasses] cannot create a directory for compiled templates", e);
          }
        }
        engine = fromDirectory;
      }
    }
    return engine;
  }

  /** Deletes {@code root} and everything under it, as far as it can (at exit: nothing to report to). */
  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // the JVM is ending; a file that cannot go stays in the temporary directory
    }
  }
}
