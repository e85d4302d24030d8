package dev.parley.config;

import static dev.parley.config.Parser.KIB;
import static dev.parley.config.Parser.MIB;
import static dev.parley.config.Setting.MAX;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The settings of where the server listens, what it serves, and how long its connections live
 * (HttpConfig); {@link Setting#all()} lists every area's.
 */
public final class ServerSettings {
  public static final Setting<Path> CONFIG =
      new Setting<>(
          "config",
          null,
          "YAML file to read settings from; a named file that does not exist is an error",
          Parser.file());
  public static final Setting<List<String>> BIND =
      new Setting<>(
          "bind",
          "localhost",
          "host names or IP addresses to listen on; localhost means 127.0.0.1 and ::1, 0.0.0.0 and :: mean every interface",
          AddressParsers.hosts());
  public static final Setting<Integer> PORT =
      new Setting<>(
          "port",
          "8080",
          "TCP port for HTTP and WebSocket; 0 picks a free one",
          Parser.wholeNumber(0, 65535));
  public static final Setting<List<String>> ALLOWED_ORIGINS =
      new Setting<>(
          "allowed-origins",
          "",
          "origins besides the server's own that may open /ws; * allows any",
          AddressParsers.origins());
  public static final Setting<Integer> MAX_CONNECTIONS_PER_IP =
      new Setting<>(
          "max-connections-per-ip",
          "64",
          "connections one IP address may hold open at once",
          Parser.wholeNumber(1, MAX));
  // A frame carries one SDP, a few KiB; the floor leaves room for a join, the cap bounds what one
  // client can make the server buffer.
  public static final Setting<Integer> MAX_FRAME_BYTES =
      new Setting<>(
          "max-frame-bytes",
          "64KiB",
          "largest WebSocket message a client may send; a larger one closes the connection (1009)",
          Parser.size(KIB, 16 * MIB));
  // Long enough for a slow mobile link to send a few hundred bytes of headers; short enough that a
  // client dribbling a request byte by byte (slowloris) cannot hold sockets for long.
  public static final Setting<Duration> HANDSHAKE_TIMEOUT =
      new Setting<>(
          "handshake-timeout",
          "10s",
          "time a connection gets to send a complete HTTP request (such as the WebSocket upgrade) before it is closed",
          Parser.duration(Duration.ofMillis(1)));
  public static final Setting<Duration> PING_INTERVAL =
      new Setting<>(
          "ping-interval",
          "10s",
          "how often the server pings each WebSocket to keep it alive and detect dead ones",
          Parser.duration(Duration.ofMillis(1)));
  public static final Setting<Duration> IDLE_TIMEOUT =
      new Setting<>(
          "idle-timeout",
          "30s",
          "how long a WebSocket may stay silent, pongs included, before it is closed; longer than ping-interval",
          Parser.duration(Duration.ofMillis(1)));
  public static final Setting<Integer> OUTBOUND_BUFFER_BYTES =
      new Setting<>(
          "outbound-buffer-bytes",
          "1MiB",
          "bytes waiting to be sent to one client; a client that falls further behind is disconnected",
          Parser.size(KIB, 1024 * MIB));
  public static final Setting<Duration> DRAIN_TIMEOUT =
      new Setting<>(
          "drain-timeout",
          "10s",
          "on shutdown, how long clients get to move elsewhere after goaway before the rest are closed",
          Parser.duration(Duration.ZERO));
  public static final Setting<Path> WEB_ROOT =
      new Setting<>(
          "web-root",
          null,
          "directory to serve instead of the web app built into the jar",
          Parser.directory());

  private ServerSettings() {}
}
