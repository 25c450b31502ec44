package dev.cyclone.processor.javac;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Reaches javac's tree API ({@code com.sun.source}) from a processing environment.
 *
 * <p>IntelliJ (2020.3+) and Gradle's incremental processing wrap javac's environment, and {@link
 * Trees#instance} refuses a wrapper, so this unwraps it by reflection the way the Checker
 * Framework and Lombok do: it looks for a field that holds the delegate environment. Eclipse's
 * compiler has no tree API at all; then {@link #trees} is empty and the processor reports one error.
 */
public final class JavacAccess {
  private JavacAccess() {}

  /** javac's {@link Trees} for {@code env}, or empty when the compiler is not javac. */
  public static Optional<Trees> trees(ProcessingEnvironment env) {
    ProcessingEnvironment current = env;
    for (int depth = 0; depth < 5 && current != null; depth++) {
      try {
        return Optional.of(Trees.instance(current));
      } catch (IllegalArgumentException | NoClassDefFoundError notJavac) {
        current = delegateOf(current);
      }
    }
    return Optional.empty();
  }

  private static ProcessingEnvironment delegateOf(ProcessingEnvironment wrapper) {
    for (Class<?> c = wrapper.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(f.getType())) {
          try {
            f.setAccessible(true);
            Object value = f.get(wrapper);
            if (value != null && value != wrapper) {
              return (ProcessingEnvironment) value;
            }
          } catch (ReflectiveOperationException | RuntimeException inaccessible) {
            // try the next field
          }
        }
      }
    }
    // IntelliJ keeps the delegate in a java.lang.reflect.Proxy's handler.
    if (java.lang.reflect.Proxy.isProxyClass(wrapper.getClass())) {
      Object handler = java.lang.reflect.Proxy.getInvocationHandler(wrapper);
      for (Field f : handler.getClass().getDeclaredFields()) {
        try {
          f.setAccessible(true);
          if (f.get(handler) instanceof ProcessingEnvironment delegate) {
            return delegate;
          }
        } catch (ReflectiveOperationException | RuntimeException inaccessible) {
          // try the next field
        }
      }
    }
    return null;
  }
}
