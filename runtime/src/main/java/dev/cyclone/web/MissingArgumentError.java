package dev.cyclone.web;

/**
 * Thrown by {@link RequestHandler#getArgument(String)} and its kin when a required argument is
 * absent: the client gets a 400, the log says {@code Missing argument NAME}.
 */
public class MissingArgumentError extends HTTPError {
  private static final long serialVersionUID = 1L;

  private final String argName;

  /** The argument {@code argName} was required and not given. */
  public MissingArgumentError(String argName) {
    super(400, "Missing argument %s", argName);
    this.argName = argName;
  }

  /** The name of the missing argument. */
  public String argName() {
    return argName;
  }
}
