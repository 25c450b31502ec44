package dev.cyclone.web;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Stands in for the dispatcher the processor generates for {@link HandlerDispatchersTest.GenHandler}:
 * no reflection, verbs known up front.
 */
public final class HandlerDispatchersTest_GenHandler_Dispatcher
    implements HandlerDispatcher<HandlerDispatchersTest.GenHandler> {
  @Override
  public HandlerDispatchersTest.GenHandler create() {
    return new HandlerDispatchersTest.GenHandler();
  }

  @Override
  public Set<String> methods() {
    return Set.of("GET");
  }

  @Override
  public CompletionStage<?> invoke(
      HandlerDispatchersTest.GenHandler handler, String method, PathArguments args) {
    handler.write("generated " + args.positional().get(0));
    return null;
  }
}
