package dev.cyclone.processor.javac;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import com.sun.source.util.Trees;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** Reaching javac's Trees through the wrappers IDEs and build tools put around the environment. */
class JavacAccessTest {
  /** Runs {@code probe} with the real environment of a javac run. */
  private static void withEnvironment(java.util.function.Consumer<ProcessingEnvironment> probe) {
    javac()
        .withProcessors(new AbstractProcessor() {
          @Override
          public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
          }

          @Override
          public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
          }

          @Override
          public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!round.processingOver()) {
              probe.accept(processingEnv);
            }
            return false;
          }
        })
        .compile(JavaFileObjects.forSourceString("p.A", "package p; class A {}"));
  }

  /** A wrapper the way IntelliJ makes one: a dynamic proxy whose handler holds the delegate. */
  private static ProcessingEnvironment proxy(Object delegateHolder, InvocationHandler handler) {
    return (ProcessingEnvironment) Proxy.newProxyInstance(
        JavacAccessTest.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class}, handler);
  }

  static final class Holder implements InvocationHandler {
    final ProcessingEnvironment delegate;

    Holder(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
      return method.invoke(delegate, args);
    }
  }

  @Test
  void javacItself() {
    AtomicReference<Optional<Trees>> found = new AtomicReference<>();
    withEnvironment(env -> found.set(JavacAccess.trees(env)));
    assertTrue(found.get().isPresent());
  }

  @Test
  void aProxyWrapperIsUnwrapped() {
    AtomicReference<Optional<Trees>> found = new AtomicReference<>();
    AtomicReference<Trees> direct = new AtomicReference<>();
    withEnvironment(env -> {
      direct.set(Trees.instance(env));
      found.set(JavacAccess.trees(proxy(null, new Holder(env))));
    });
    assertSame(direct.get(), found.get().orElseThrow());
  }

  @Test
  void anEnvironmentWithoutJavacBehindItHasNoTrees() {
    AtomicReference<Optional<Trees>> found = new AtomicReference<>();
    withEnvironment(env -> found.set(JavacAccess.trees(proxy(null, (p, m, a) -> {
      throw new UnsupportedOperationException("not javac");
    }))));
    assertFalse(found.get().isPresent());
  }
}
