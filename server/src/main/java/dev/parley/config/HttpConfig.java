package dev.parley.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The listening side: addresses, WebSocket limits and connection hygiene.
 *
 * @param bind host names or IP literals to listen on; {@code localhost} means every loopback
 *     address the host has (127.0.0.1 and ::1)
 * @param port TCP port for HTTP and WebSocket; 0 picks a free one (tests)
 * @param allowedOrigins origins allowed to open {@code /ws} besides the server's own; {@code *}
 *     allows any
 * @param webRoot a directory served instead of the web app built into the jar, or {@code null}
 * @param handshakeTimeout how long a connection may take to send a complete HTTP request
 */
public record HttpConfig(
    List<String> bind,
    int port,
    List<String> allowedOrigins,
    int maxConnectionsPerIp,
    int maxFrameBytes,
    Duration pingInterval,
    Duration idleTimeout,
    int outboundBufferBytes,
    Duration drainTimeout,
    Path webRoot,
    Duration handshakeTimeout) {

  public HttpConfig {
    bind = List.copyOf(bind);
    allowedOrigins = List.copyOf(allowedOrigins);
  }
}
