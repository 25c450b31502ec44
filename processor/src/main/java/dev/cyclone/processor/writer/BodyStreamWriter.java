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
 * Adds to a {@code @StreamRequestBody} handler's dispatcher the two methods of {@code
 * HandlerDispatcher} that stream its body: {@code streamsBody} (true) and {@code dataReceived},
 * which calls the handler's own method directly, copying the piece to a {@code byte[]} when that
 * is what it takes.
 */
final class BodyStreamWriter {
  private static final ClassName BYTE_BUF = ClassName.get("io.netty.buffer", "ByteBuf");
  private static final ClassName BYTE_BUF_UTIL = ClassName.get("io.netty.buffer", "ByteBufUtil");

  private BodyStreamWriter() {}

  static void addMethods(HandlerClass model, TypeSpec.Builder type) {
    ClassName handler = ClassName.get(model.type());
    TypeName stage = ParameterizedTypeName.get(ClassName.get(CompletionStage.class), WildcardTypeName.subtypeOf(Object.class));
    HandlerClass.BodyStream stream = model.bodyStream();
    Verb data = stream.dataReceived();
    String name = data.method().getSimpleName().toString();
    CodeBlock argument = stream.bytes() ? CodeBlock.of("$T.getBytes(chunk)", BYTE_BUF_UTIL) : CodeBlock.of("chunk");
    CodeBlock.Builder body = CodeBlock.builder();
    switch (data.style()) {
      case FUTURE -> body.addStatement("return handler.$L($L)", name, argument);
      case VOID_COROUTINE -> body.addStatement("return (($L) handler).$L$$coroutine($L)",
          model.coroutinesName(), name, argument);
      default -> {
        body.addStatement("handler.$L($L)", name, argument);
        body.addStatement("return null");
      }
    }
    type.addMethod(MethodSpec.methodBuilder("streamsBody")
        .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .addParameter(ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)), "handlerClass")
        .returns(boolean.class)
        .addStatement("return true").build());
    type.addMethod(MethodSpec.methodBuilder("dataReceived")
        .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .addParameter(handler, "handler").addParameter(BYTE_BUF, "chunk")
        .returns(stage).addException(Exception.class)
        .addCode(body.build()).build());
  }
}
