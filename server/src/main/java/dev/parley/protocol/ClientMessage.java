package dev.parley.protocol;

/**
 * A message from a client, decoded and validated once by {@link ClientCodec}. Records are only
 * built with valid contents, so handlers never re-check them.
 */
public sealed interface ClientMessage {

  /**
   * Enter a room.
   *
   * @param name display name, {@code null} when not given
   * @param token access token, {@code null} when not given
   * @param resume resume token from an earlier {@code welcome}, {@code null} for a fresh join
   */
  record Join(String room, String name, String token, String resume) implements ClientMessage {}

  /**
   * Relay {@code data}, a JSON object kept as its exact bytes, to one peer of the room, with the
   * sender's delivery numbers ({@link Sequence#NONE} from clients that send none).
   */
  record Signal(String to, RawJson data, Sequence sequence) implements ClientMessage {}

  /** The offer of the client's publish connection in an SFU room (the first and every later). */
  record Publish(String sdp) implements ClientMessage {}

  /** The client's answer to the server's latest {@code subscribe-offer}. */
  record SubscribeAnswer(String sdp) implements ClientMessage {}

  /**
   * The size, in device pixels, the client renders a forwarded video track at; 0 x 0 when it is not
   * shown.
   */
  record Render(String trackId, int width, int height) implements ClientMessage {}

  /** Relay {@code data} to every other peer of the room, as a {@code signal} from the sender. */
  record Broadcast(RawJson data) implements ClientMessage {}

  record Leave() implements ClientMessage {
    public static final Leave INSTANCE = new Leave();
  }

  record Ping() implements ClientMessage {
    public static final Ping INSTANCE = new Ping();
  }

  /**
   * A message of the seed tutorial's protocol ({@code offer}, {@code answer}, {@code
   * ice-candidate}), kept whole because legacy mode forwards it unchanged.
   */
  record Legacy(LegacyKind kind, RawJson frame) implements ClientMessage {}

  enum LegacyKind {
    OFFER("offer"),
    ANSWER("answer"),
    ICE_CANDIDATE("ice-candidate");

    private final String wire;

    LegacyKind(String wire) {
      this.wire = wire;
    }

    /** Its {@code type} on the wire. */
    public String wire() {
      return wire;
    }

    public boolean isDescription() {
      return this != ICE_CANDIDATE;
    }
  }
}
