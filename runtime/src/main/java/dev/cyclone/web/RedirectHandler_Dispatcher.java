package dev.cyclone.web;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The dispatcher of {@link RedirectHandler}, by hand (see {@link StaticFileHandler_Dispatcher}). */
final class RedirectHandler_Dispatcher implements HandlerDispatcher<RedirectHandler> {
  public RedirectHandler_Dispatcher() {}

  @Override
  public RedirectHandler create() {
    return new RedirectHandler();
  }

  @Override
  public Set<String> methods() {
    return Set.of("GET");
  }

  @Override
  public CompletionStage<?> invoke(RedirectHandler handler, String method, PathArguments args) {
    if (!method.equals("GET")) {
      throw new IllegalStateException("[UnknownVerb] RedirectHandler has no method for " + method);
    }
    handler.get(args.inOrder().toArray(new String[0]));
    return null;
  }
}
