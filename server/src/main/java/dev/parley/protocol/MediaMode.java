package dev.parley.protocol;

import java.util.Locale;

/**
 * How a room carries media: peer to peer ({@code mesh}) or through the server's forwarding unit
 * ({@code sfu}); the wire word of {@code welcome.media} and the {@code media} message.
 */
public enum MediaMode {
  MESH,
  SFU;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
