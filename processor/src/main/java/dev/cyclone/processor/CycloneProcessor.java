package dev.cyclone.processor;

import com.google.auto.service.AutoService;
import com.squareup.javapoet.JavaFile;
import com.sun.source.util.Trees;
import dev.cyclone.processor.model.CoroutineClass;
import dev.cyclone.processor.model.CoroutineMethod;
import dev.cyclone.processor.model.HandlerClass;
import dev.cyclone.processor.model.InheritedNames;
import dev.cyclone.processor.model.StateMachine;
import dev.cyclone.processor.transform.HandlerAnalysis;
import dev.cyclone.processor.validation.AuthenticatedValidator;
import dev.cyclone.processor.validation.HandlerValidator;
import dev.cyclone.processor.validation.PathTypes;
import dev.cyclone.processor.writer.CoroutineClassWriter;
import dev.cyclone.processor.writer.DispatcherWriter;
import dev.cyclone.processor.transform.Lowering;
import dev.cyclone.processor.transform.UnsupportedConstruct;
import dev.cyclone.processor.validation.PlacementValidator;
import dev.cyclone.processor.validation.BodyValidator;
import dev.cyclone.processor.validation.CoroutineValidator;
import dev.cyclone.processor.validation.Report;
import dev.cyclone.processor.validation.StreamRequestBodyValidator;
import dev.cyclone.processor.validation.WebSocketValidator;
import dev.cyclone.processor.javac.JavacAccess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Cyclone's annotation processor. For each class with {@code @Coroutine} methods it validates the
 * declarations and bodies, lowers each body into a state machine, and writes {@code
 * Foo_Coroutines}. It only orchestrates: validation, lowering and writing live in their own
 * packages. It never lets an exception escape to javac.
 */
@AutoService(Processor.class)
public final class CycloneProcessor extends AbstractProcessor {
  static final String COROUTINE = "dev.cyclone.annotations.Coroutine";
  static final String ASYNCHRONOUS = "dev.cyclone.annotations.Asynchronous";

  private Optional<Trees> trees = Optional.empty();
  private boolean reportedNoTrees;
  /** For each class whose Foo_Coroutines was written in this round: the coroutines it overrides. */
  private final Map<TypeElement, Set<ExecutableElement>> generatedCoroutines = new java.util.HashMap<>();
  /**
   * Classes whose coroutine bodies did not resolve yet (they name a class this or another processor
   * generates, such as another class's {@code Foo_Coroutines}): tried again in the next round, when
   * the generated classes exist. Their dispatchers wait for them too.
   */
  private final Set<String> deferred = new java.util.LinkedHashSet<>();
  /** The classes of {@link #deferred} being tried again in this round. */
  private final Set<String> retried = new java.util.LinkedHashSet<>();

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    trees = JavacAccess.trees(env);
  }

  /**
   * Every type: besides classes with {@code @Coroutine} and {@code @Asynchronous} methods, plain
   * request handlers get a generated dispatcher too. Nothing is claimed.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * None: the processor reads no {@code -A} option. Declared, not inherited, so that adding one
   * means adding it here (javac warns about an option that no processor declares).
   */
  @Override
  public Set<String> getSupportedOptions() {
    return Set.of();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      processRound(round);
    } catch (Throwable t) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "[CoroutineProcessorCrash] Cyclone's processor failed; please report this with the code"
              + " that caused it:\n" + trace);
    }
    return false;
  }

  private void processRound(RoundEnvironment round) {
    TypeElement coroutineAnnotation = processingEnv.getElementUtils().getTypeElement(COROUTINE);
    if (coroutineAnnotation == null) {
      return;
    }
    Set<? extends Element> annotated = round.getElementsAnnotatedWith(coroutineAnnotation);
    if (trees.isEmpty()) {
      if (!annotated.isEmpty() && !reportedNoTrees) {
        reportedNoTrees = true;
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            "[CoroutineCompiler] compiling @Coroutine methods needs javac's tree API (com.sun.source),"
                + " which this compiler does not provide; build with javac (Maven, Gradle and"
                + " IntelliJ's default builds use it)", annotated.iterator().next());
      }
      return;
    }
    Trees javac = trees.get();
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(annotated)) {
      byClass.computeIfAbsent((TypeElement) method.getEnclosingElement(), k -> new ArrayList<>()).add(method);
    }
    retried.clear();
    if (!round.processingOver()) {
      // Files were generated last round (there is a new one): classes deferred then may resolve now.
      retried.addAll(deferred);
      deferred.clear();
      for (String name : retried) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
        for (ExecutableElement m : type == null ? List.<ExecutableElement>of() : ElementFilter.methodsIn(type.getEnclosedElements())) {
          if (m.getAnnotationMirrors().stream().anyMatch(a -> a.getAnnotationType().toString().equals(COROUTINE))) {
            byClass.computeIfAbsent(type, k -> new ArrayList<>()).add(m);
          }
        }
      }
    }
    Set<ExecutableElement> valid = new HashSet<>();
    for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byClass.entrySet()) {
      if (validateClass(javac, entry.getKey(), entry.getValue())) {
        valid.addAll(entry.getValue());
      }
    }
    // Each concrete class gets Foo_Coroutines with its own coroutines and those it inherits from
    // superclasses compiled in this round (an abstract class's are compiled into its subclasses').
    Set<TypeElement> targets = new java.util.LinkedHashSet<>(byClass.keySet());
    targets.addAll(allTypes(ElementFilter.typesIn(round.getRootElements())));
    for (TypeElement type : targets) {
      if (type.getKind() != ElementKind.CLASS || isGenerated(type)
          || type.getModifiers().contains(Modifier.ABSTRACT)) {
        continue;
      }
      List<ExecutableElement> methods = coroutinesOf(type, valid);
      if (!methods.isEmpty() && (!byClass.containsKey(type) || valid.containsAll(byClass.get(type)))) {
        generateClass(javac, type, methods);
      }
    }
    compileHandlers(round);
    generatedCoroutines.clear();
    PlacementValidator outside = new PlacementValidator(javac);
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      outside.validate(type).print(processingEnv.getMessager(), javac);
    }
  }

  /**
   * The coroutines {@code Foo_Coroutines} overrides: Foo's own, then those Foo inherits (and does
   * not override) from superclasses whose bodies were valid in this round.
   */
  private List<ExecutableElement> coroutinesOf(TypeElement type, Set<ExecutableElement> valid) {
    List<ExecutableElement> out = new ArrayList<>();
    List<? extends Element> members = processingEnv.getElementUtils().getAllMembers(type);
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (valid.contains(m)) {
        out.add(m);
      }
    }
    for (ExecutableElement m : ElementFilter.methodsIn(members)) {
      if (valid.contains(m) && !m.getEnclosingElement().equals(type) && !m.getModifiers().contains(Modifier.STATIC)) {
        out.add(m);
      }
    }
    return out;
  }

  /** Validates a class's own coroutines and prints every problem; true when there is none. */
  private boolean validateClass(Trees javac, TypeElement type, List<ExecutableElement> methods) {
    Report report = new Report();
    CoroutineValidator declarations = new CoroutineValidator(processingEnv.getTypeUtils());
    BodyValidator bodies = new BodyValidator(javac);
    HandlerValidator handlers = new HandlerValidator(processingEnv.getTypeUtils(), processingEnv.getElementUtils());
    boolean inHandler = handlers.isHandler(type.asType());
    for (ExecutableElement method : methods) {
      report.addAll(declarations.validate(method, inHandler));
    }
    if (report.isClean()) {
      for (ExecutableElement method : methods) {
        report.addAll(bodies.validate(method));
      }
    }
    if (!report.isClean()) {
      report.print(processingEnv.getMessager(), javac);
      return false;
    }
    for (ExecutableElement method : methods) {
      if (bodies.hasJavacErrors(method)) {
        // A name that does not resolve may be a class generated in this round: try again in the
        // next. If it never resolves, javac reports it on the user's line.
        deferred.add(type.getQualifiedName().toString());
        return false;
      }
    }
    return true;
  }

  /** Lowers {@code methods} and writes {@code type}'s {@code Foo_Coroutines}. */
  private void generateClass(Trees javac, TypeElement type, List<ExecutableElement> methods) {
    Report report = new Report();
    String packageName = processingEnv.getElementUtils().getPackageOf(type).getQualifiedName().toString();
    String generatedName = CoroutineClass.generatedNameOf(type, packageName);
    Set<ExecutableElement> statics = new HashSet<>();
    for (ExecutableElement m : methods) {
      if (m.getModifiers().contains(Modifier.STATIC) && m.getEnclosingElement().equals(type)) {
        statics.add(m);
      }
    }
    List<CoroutineMethod> compiled = new ArrayList<>();
    Set<String> classNames = new HashSet<>();
    for (ExecutableElement method : methods) {
      String className = uniqueName(method, classNames);
      try {
        StateMachine machine = Lowering.lower(processingEnv, javac, type, generatedName, method, statics,
            className, resultType(method));
        compiled.add(new CoroutineMethod(method, machine));
      } catch (UnsupportedConstruct e) {
        report.error(method, e.tree(), e.getMessage());
      }
    }
    if (!report.isClean()) {
      report.print(processingEnv.getMessager(), javac);
      return;
    }
    InheritedNames inherited = InheritedNames.of(processingEnv.getElementUtils());
    write(CoroutineClassWriter.write(new CoroutineClass(type, packageName, generatedName, compiled, inherited)), type);
    generatedCoroutines.put(type, new HashSet<>(methods));
  }

  /**
   * Validates {@code @Asynchronous} and {@code @Authenticated} methods, and writes a dispatcher for each concrete request
   * handler written by the user in this round (not for the classes Cyclone generates).
   */
  private void compileHandlers(RoundEnvironment round) {
    HandlerValidator validator = new HandlerValidator(processingEnv.getTypeUtils(), processingEnv.getElementUtils());
    TypeElement asynchronous = processingEnv.getElementUtils().getTypeElement(ASYNCHRONOUS);
    Report report = new Report();
    if (asynchronous != null) {
      for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(asynchronous))) {
        report.addAll(validator.validateAsynchronous(method));
      }
    }
    TypeElement authenticated = processingEnv.getElementUtils().getTypeElement(AuthenticatedValidator.AUTHENTICATED);
    if (authenticated != null) {
      AuthenticatedValidator placement =
          new AuthenticatedValidator(processingEnv.getTypeUtils(), processingEnv.getElementUtils(), validator);
      for (Element element : round.getElementsAnnotatedWith(authenticated)) {
        report.addAll(placement.validate(element));
      }
    }
    TypeElement streamRequestBody = processingEnv.getElementUtils().getTypeElement(StreamRequestBodyValidator.ANNOTATION);
    if (streamRequestBody != null) {
      StreamRequestBodyValidator streaming =
          new StreamRequestBodyValidator(processingEnv.getTypeUtils(), processingEnv.getElementUtils());
      for (Element marked : round.getElementsAnnotatedWith(streamRequestBody)) {
        report.addAll(streaming.validate(marked));
      }
    }
    HandlerAnalysis analysis = new HandlerAnalysis(processingEnv.getElementUtils());
    PathTypes pathTypes = new PathTypes();
    for (TypeElement type : handlerCandidates(round)) {
      if (!validator.isHandler(type.asType()) || isGenerated(type)) {
        continue;
      }
      Optional<HandlerClass> model = analysis.analyze(type, generatedCoroutines.getOrDefault(type, Set.of()));
      if (model.isEmpty()) {
        continue;
      }
      Report verbs = new Report();
      for (HandlerClass.Verb verb : model.get().verbs()) {
        long overloads = ElementFilter.methodsIn(type.getEnclosedElements()).stream()
            .filter(m -> m.getSimpleName().equals(verb.method().getSimpleName()) && !m.getModifiers().contains(Modifier.STATIC))
            .count();
        if (overloads > 1) {
          verbs.error(verb.method(), "[HandlerVerbOverload] " + type.getSimpleName() + " declares "
              + overloads + " methods named " + verb.method().getSimpleName() + "; a verb has one"
              + " method, whose parameters are the route's path arguments. Give the others other names");
        }
        if (verb.method().getEnclosingElement().equals(type)) {
          verbs.addAll(validator.validateVerb(verb.method(), pathTypes));
        }
      }
      if (model.get().webSocket() != null) {
        verbs.addAll(new WebSocketValidator(processingEnv.getTypeUtils(), processingEnv.getElementUtils(), validator)
            .validate(type, pathTypes));
      }
      report.addAll(verbs);
      if (verbs.isClean()) {
        write(DispatcherWriter.write(model.get()), type);
      }
    }
    report.print(processingEnv.getMessager(), trees.get());
  }

  /**
   * The classes that may get a dispatcher in this round: those written in it, and those deferred
   * earlier and tried again now; not those deferred now (their {@code _Coroutines} is not written
   * yet, and a dispatcher written now would create the plain class).
   */
  private List<TypeElement> handlerCandidates(RoundEnvironment round) {
    List<TypeElement> out = new ArrayList<>();
    for (TypeElement type : allTypes(ElementFilter.typesIn(round.getRootElements()))) {
      if (!deferred.contains(type.getQualifiedName().toString())) {
        out.add(type);
      }
    }
    for (String name : retried) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null && !deferred.contains(name)) {
        out.add(type);
      }
    }
    return out;
  }

  private static List<TypeElement> allTypes(Iterable<TypeElement> roots) {
    List<TypeElement> out = new ArrayList<>();
    for (TypeElement t : roots) {
      out.add(t);
      out.addAll(allTypes(ElementFilter.typesIn(t.getEnclosedElements())));
    }
    return out;
  }

  private static boolean isGenerated(TypeElement type) {
    return type.getAnnotationMirrors().stream().anyMatch(a ->
        a.getAnnotationType().toString().equals("javax.annotation.processing.Generated")
            && a.getElementValues().values().stream().anyMatch(v -> v.toString().contains(CycloneProcessor.class.getName())));
  }

  private void write(JavaFile file, TypeElement origin) {
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "[CoroutineWrite] could not write " + file.typeSpec.name + ": " + e.getMessage(), origin);
    }
  }

  private static String uniqueName(ExecutableElement method, Set<String> taken) {
    String name = method.getSimpleName().toString();
    String base = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "$Coroutine";
    String unique = base;
    for (int n = 2; !taken.add(unique); n++) {
      unique = base + n;
    }
    return unique;
  }

  private TypeMirror resultType(ExecutableElement method) {
    TypeMirror returnType = method.getReturnType();
    if (returnType.getKind() == javax.lang.model.type.TypeKind.VOID) {
      // a void coroutine of a request handler: its name$coroutine returns CompletableFuture<Void>
      return processingEnv.getElementUtils().getTypeElement("java.lang.Void").asType();
    }
    if (returnType instanceof DeclaredType declared && declared.getTypeArguments().size() == 1) {
      TypeMirror argument = declared.getTypeArguments().get(0);
      if (argument.getKind() == javax.lang.model.type.TypeKind.WILDCARD) {
        TypeMirror bound = ((javax.lang.model.type.WildcardType) argument).getExtendsBound();
        return bound != null ? bound : object();
      }
      return argument;
    }
    return object();
  }

  private TypeMirror object() {
    return processingEnv.getElementUtils().getTypeElement("java.lang.Object").asType();
  }
}
