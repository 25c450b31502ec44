package dev.cyclone.processor.testing;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Loads the class files of one in-memory {@link Compilation}, child-first: a class the compilation
 * produced is always defined here, even when the parent (the test's class path) has a class of the
 * same name. That is how the blocking {@code dev.cyclone.concurrent.Coroutines} shadows the
 * runtime's. Everything else comes from the parent.
 */
final class CompiledClassLoader extends ClassLoader {
  private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";

  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> classes;

  CompiledClassLoader(Compilation compilation, ClassLoader parent) {
    super("fixture", parent);
    this.classes = classFiles(compilation);
  }

  /** The binary names of the classes this loader defines. */
  java.util.Set<String> classNames() {
    return classes.keySet();
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] bytes = classes.get(name);
        c = bytes != null ? defineClass(name, bytes, 0, bytes.length) : getParent().loadClass(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  private static Map<String, byte[]> classFiles(Compilation compilation) {
    Map<String, byte[]> out = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      int at = path.indexOf(CLASS_OUTPUT);
      String relative = at >= 0 ? path.substring(at + CLASS_OUTPUT.length()) : path;
      String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
      try (InputStream in = file.openInputStream()) {
        out.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
