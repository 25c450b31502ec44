package dev.cyclone.processor.writer;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.WildcardTypeName;
import dev.cyclone.processor.model.HandlerClass;
import dev.cyclone.processor.model.HandlerClass.Verb;
import java.util.concurrent.CompletionStage;
import javax.lang.model.element.Modifier;

/**
 * Adds to a {@code WebSocketHandler}'s dispatcher the methods of {@code WebSocketDispatcher}: {@code
 * open} (path arguments converted as a verb's), {@code acceptsText}, {@code acceptsBinary} and the
 * two {@code onMessage}, each calling the handler's own method directly.
 */
final class WebSocketDispatchWriter {
  private static final ClassName PATH_ARGUMENTS = ClassName.get("dev.cyclone.web", "PathArguments");

  private WebSocketDispatchWriter() {}

  static void addMethods(HandlerClass model, TypeSpec.Builder type) {
    ClassName handler = ClassName.get(model.type());
    TypeName stage = ParameterizedTypeName.get(ClassName.get(CompletionStage.class), WildcardTypeName.subtypeOf(Object.class));
    HandlerClass.WebSocket socket = model.webSocket();
    MethodSpec.Builder open = MethodSpec.methodBuilder("open")
        .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .addParameter(handler, "handler").addParameter(PATH_ARGUMENTS, "args")
        .returns(stage).addException(Exception.class);
    if (socket.open() == null) {
      open.addStatement("return null");
    } else {
      open.addCode(DispatcherWriter.call(model, socket.open()));
    }
    type.addMethod(open.build());
    type.addMethod(accepts("acceptsText", socket.onText() != null));
    type.addMethod(accepts("acceptsBinary", socket.onBinary() != null));
    type.addMethod(onMessage(model, handler, stage, TypeName.get(String.class), socket.onText()));
    type.addMethod(onMessage(model, handler, stage, TypeName.get(byte[].class), socket.onBinary()));
  }

  private static MethodSpec accepts(String name, boolean declared) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(boolean.class)
        .addStatement("return $L", declared).build();
  }

  private static MethodSpec onMessage(HandlerClass model, ClassName handler, TypeName stage, TypeName message, Verb verb) {
    MethodSpec.Builder out = MethodSpec.methodBuilder("onMessage")
        .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .addParameter(handler, "handler").addParameter(message, "message")
        .returns(stage).addException(Exception.class);
    if (verb == null) {
      return out.addStatement("throw new $T($S)", IllegalStateException.class,
          "[WebSocketMessageKind] " + model.type().getSimpleName() + " declares no onMessage(" + message
              + "); the socket closes with 1003 before calling this").build();
    }
    String name = verb.method().getSimpleName().toString();
    CodeBlock.Builder call = CodeBlock.builder();
    switch (verb.style()) {
      case PLAIN -> call.addStatement("handler.$L(message)", name).addStatement("return null");
      case ASYNCHRONOUS -> call
          .addStatement("$T<Void> done = handler.expectDone()", java.util.concurrent.CompletableFuture.class)
          .addStatement("handler.$L(message)", name)
          .addStatement("return done");
      case FUTURE -> call.addStatement("return handler.$L(message)", name);
      case VOID_COROUTINE -> call.addStatement("return (($L) handler).$L$$coroutine(message)", model.coroutinesName(), name);
    }
    return out.addCode(call.build()).build();
  }
}
