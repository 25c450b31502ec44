package dev.cyclone.web;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The dispatcher of {@link StaticFileHandler}, written by hand as the processor writes one for a
 * user's handler (the runtime is not compiled with the processor): no reflection, and no "dispatched
 * by reflection" notice on the first static file.
 */
final class StaticFileHandler_Dispatcher implements HandlerDispatcher<StaticFileHandler> {
  public StaticFileHandler_Dispatcher() {}

  @Override
  public StaticFileHandler create() {
    return new StaticFileHandler();
  }

  @Override
  public Set<String> methods() {
    return Set.of("GET");
  }

  @Override
  public CompletionStage<?> invoke(StaticFileHandler handler, String method, PathArguments args) throws Exception {
    if (!method.equals("GET")) {
      throw new IllegalStateException("[UnknownVerb] StaticFileHandler has no method for " + method);
    }
    return handler.get(args.forParameters("path")[0]);
  }
}
