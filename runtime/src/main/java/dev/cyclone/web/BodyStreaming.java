package dev.cyclone.web;

import dev.cyclone.annotations.StreamRequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.CompletionStage;

/**
 * How a {@link StreamRequestBody} handler class takes its body: its one {@code dataReceived}
 * method, found once per class. What the {@link HandlerDispatcher} defaults use when a dispatcher
 * does not stream itself (a handler compiled without the processor, or a dispatcher written by
 * hand); the processor checks the same rules at compile time and writes a direct call.
 */
final class BodyStreaming {
  private static final BodyStreaming NONE = new BodyStreaming(null, false);
  private static final ClassValue<BodyStreaming> BY_CLASS = new ClassValue<>() {
    @Override
    protected BodyStreaming computeValue(Class<?> type) {
      return find(type);
    }
  };

  private final MethodHandle method;
  private final boolean bytes;

  private BodyStreaming(MethodHandle method, boolean bytes) {
    this.method = method;
    this.bytes = bytes;
  }

  /** The streaming of {@code type}'s bodies; fails if it is marked but has no usable method. */
  static BodyStreaming of(Class<?> type) {
    return BY_CLASS.get(type);
  }

  /** Whether the class is marked {@link StreamRequestBody} (inherited from a superclass too). */
  boolean streams() {
    return method != null;
  }

  /** Calls {@code handler.dataReceived} with {@code chunk}; returns its stage, or null. */
  CompletionStage<?> deliver(RequestHandler handler, ByteBuf chunk) throws Throwable {
    Object argument = bytes ? ByteBufUtil.getBytes(chunk) : chunk;
    Object result = method.invoke(handler, argument);
    return result instanceof CompletionStage<?> stage ? stage : null;
  }

  private static BodyStreaming find(Class<?> type) {
    Class<?> marked = null;
    for (Class<?> c = type; c != null && c != RequestHandler.class; c = c.getSuperclass()) {
      if (c.isAnnotationPresent(StreamRequestBody.class)) {
        marked = c;
        break;
      }
    }
    if (marked == null) {
      return NONE;
    }
    Method found = null;
    for (Class<?> c = type; c != null && c != RequestHandler.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals("dataReceived") && !m.isBridge() && !m.isSynthetic()) {
          if (found == null) {
            found = m;
          }
        }
      }
      if (found != null) {
        break;
      }
    }
    String rule = "[StreamRequestBodyMethod] @StreamRequestBody " + type.getName()
        + " needs one method dataReceived(ByteBuf) or dataReceived(byte[]) returning void or a"
        + " CompletionStage";
    if (found == null || found.getParameterCount() != 1 || Modifier.isStatic(found.getModifiers())) {
      throw new IllegalArgumentException(rule + "; found " + (found == null ? "none" : found.toString()));
    }
    Class<?> parameter = found.getParameterTypes()[0];
    Class<?> result = found.getReturnType();
    if ((parameter != ByteBuf.class && parameter != byte[].class)
        || !(result == void.class || CompletionStage.class.isAssignableFrom(result))) {
      throw new IllegalArgumentException(rule + "; found " + found);
    }
    try {
      found.setAccessible(true);
      MethodHandle handle = MethodHandles.lookup().unreflect(found)
          .asType(MethodType.methodType(Object.class, RequestHandler.class, Object.class));
      return new BodyStreaming(handle, parameter == byte[].class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(rule + "; cannot call " + found + ": " + e, e);
    }
  }
}
