package dev.parley.config;

import static dev.parley.config.Parser.KIB;
import static dev.parley.config.Parser.MIB;
import static dev.parley.config.Setting.MAX;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The settings of rooms, message rates, resume and the legacy protocol (SignalConfig); {@link
 * Setting#all()} lists every area's.
 */
public final class SignalSettings {
  public static final Setting<Integer> MAX_ROOMS =
      new Setting<>(
          "max-rooms", "10000", "rooms that may exist at once", Parser.wholeNumber(1, MAX));
  public static final Setting<Integer> MAX_PEERS_PER_ROOM =
      new Setting<>(
          "max-peers-per-room",
          "16",
          "peers in one room; the next to join is refused with room-full",
          Parser.wholeNumber(2, MAX));
  public static final Setting<SignalConfig.RoomMedia> ROOM_MEDIA =
      new Setting<>(
          "room-media",
          "auto",
          "how rooms carry media: mesh (peer to peer), sfu (through the server), or auto (mesh until a join would"
              + " make a room hold more than room-media-threshold peers, then sfu until it empties)",
          Parser.oneOf(
              List.of("mesh", "sfu", "auto"),
              word -> SignalConfig.RoomMedia.valueOf(word.toUpperCase(Locale.ROOT))));
  // Past four, each browser of a mesh uploads and encodes four copies of its camera: about where
  // laptops and uplinks give out.
  public static final Setting<Integer> ROOM_MEDIA_THRESHOLD =
      new Setting<>(
          "room-media-threshold",
          "4",
          "with room-media auto, the most peers a room holds before it turns sfu",
          Parser.wholeNumber(1, MAX));
  public static final Setting<Integer> MESSAGES_PER_SECOND =
      new Setting<>(
          "messages-per-second",
          "100",
          "messages per second one connection may send in the long run; more are refused with rate-limited",
          Parser.wholeNumber(1, MAX));
  public static final Setting<Integer> MESSAGE_BURST =
      new Setting<>(
          "message-burst",
          "200",
          "messages one connection may send at once before the per-second rate applies",
          Parser.wholeNumber(1, MAX));
  public static final Setting<Duration> RESUME_WINDOW =
      new Setting<>(
          "resume-window",
          "20s",
          "how long a peer whose connection dropped keeps its place, unseen, waiting to resume; 0 means it leaves at once",
          Parser.duration(Duration.ZERO));
  public static final Setting<Integer> RESUME_BUFFER_MESSAGES =
      new Setting<>(
          "resume-buffer-messages",
          "256",
          "signals kept for a dropped peer until it resumes; one more ends its session",
          Parser.wholeNumber(1, MAX));
  public static final Setting<Integer> RESUME_BUFFER_BYTES =
      new Setting<>(
          "resume-buffer-bytes",
          "1MiB",
          "bytes of signals kept for a dropped peer until it resumes; more ends its session",
          Parser.size(KIB, 1024 * MIB));
  public static final Setting<Duration> RESUME_TOKEN_TTL =
      new Setting<>(
          "resume-token-ttl",
          "24h",
          "how long a resume token stays valid after the server issued it",
          Parser.duration(Duration.ofSeconds(1)));
  public static final Setting<Boolean> LEGACY =
      new Setting<>(
          "legacy",
          "true",
          "accept the seed tutorial's protocol (offer, answer, ice-candidate broadcast without rooms)",
          Parser.bool());
  public static final Setting<Duration> LEGACY_CANDIDATE_DELAY =
      new Setting<>(
          "legacy-candidate-delay",
          "300ms",
          "how long ICE candidates for a legacy client wait after it was sent a session description",
          Parser.duration(Duration.ZERO));

  private SignalSettings() {}
}
