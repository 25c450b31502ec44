package dev.cyclone.example;

import dev.cyclone.ioloop.IOLoop;

/** The example server (placeholder until the web layer lands). */
public final class ExampleServer {
  public static void main(String[] args) {
    System.out.println("Cyclone example on " + IOLoop.current());
  }
}
