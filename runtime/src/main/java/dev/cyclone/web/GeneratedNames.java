package dev.cyclone.web;

/**
 * The names of the classes the Cyclone processor generates for a user's class: {@code p.Outer$Inner}
 * → {@code p.Outer_Inner_Coroutines}, {@code p.Outer_Inner_Dispatcher}. In the user's package,
 * nesting flattened with underscores.
 */
final class GeneratedNames {
  /** The subclass that holds the compiled {@code @Coroutine} methods. */
  static final String COROUTINES = "_Coroutines";
  /** The generated {@link HandlerDispatcher}. */
  static final String DISPATCHER = "_Dispatcher";

  private GeneratedNames() {}

  static String of(Class<?> type, String suffix) {
    String pkg = type.getPackageName();
    String binary = type.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1);
    return (pkg.isEmpty() ? "" : pkg + ".") + binary.replace('$', '_') + suffix;
  }

  /** The generated class for {@code type}, or null when there is none. */
  static Class<?> find(Class<?> type, String suffix) {
    try {
      return Class.forName(of(type, suffix), false, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
