package dev.cyclone.example;

import dev.cyclone.annotations.Authenticated;
import dev.cyclone.web.HTTPError;
import java.util.Map;

/**
 * {@code /notes}: the logged-in user's notes (GET) and a new one (POST), both {@link
 * Authenticated}: without a login, GET is sent to {@code /login?next=/notes}, and POST is 403. The
 * POST's form carries the {@code _xsrf} token; the page is a jte template, whose {@code ${...}}
 * escapes whatever the notes say.
 */
public class NotesHandler extends LoggedInHandler {
  private Notes notes;

  @Override
  protected void initialize(Map<String, Object> args) {
    notes = (Notes) args.get("notes");
  }

  /** Called on the request's loop: the page. */
  @Authenticated
  public void get() {
    String user = currentUser(String.class);
    render("notes.jte", Map.of("user", user, "notes", notes.of(user)));
  }

  /** Called on the request's loop: adds a note, then shows the page again (POST, redirect, GET). */
  @Authenticated
  public void post() {
    String text = getBodyArgument("text", "").strip();
    if (text.isEmpty() || text.length() > 1000) {
      throw new HTTPError(400, "a note is 1 to 1000 characters");
    }
    notes.add(currentUser(String.class), text);
    redirect("/notes", 303);
  }
}
