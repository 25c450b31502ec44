package dev.cyclone.httpserver;

/**
 * A file uploaded in a {@code multipart/form-data} body.
 *
 * @param filename the name the client gave, as sent (never trust it as a path)
 * @param contentType the part's Content-Type, {@code application/unknown} when absent
 * @param body the file's bytes
 */
public record HTTPFile(String filename, String contentType, byte[] body) {}
