package dev.cyclone.example;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notes of each user of the notes pages, in memory. Handlers on every loop share it, so each
 * user's list is guarded by its own lock (held for a copy or an append, never across a wait).
 */
public final class Notes {
  /** One note. */
  public record Note(String text, Instant written) {}

  private final Map<String, List<Note>> byUser = new ConcurrentHashMap<>();

  /** {@code user}'s notes, oldest first (a copy). */
  public List<Note> of(String user) {
    List<Note> notes = byUser.get(user);
    if (notes == null) {
      return List.of();
    }
    synchronized (notes) {
      return List.copyOf(notes);
    }
  }

  /** Adds a note to {@code user}'s. */
  public void add(String user, String text) {
    List<Note> notes = byUser.computeIfAbsent(user, u -> new ArrayList<>());
    synchronized (notes) {
      notes.add(new Note(text, Instant.now()));
    }
  }
}
