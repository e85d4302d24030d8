package dev.parley.testing;

import dev.parley.config.AuthConfig;
import dev.parley.config.HttpConfig;
import dev.parley.config.ParleyConfig;
import dev.parley.config.SignalConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** Small edits of a configuration for tests that cross one limit. */
public final class Configs {
  private Configs() {}

  public static UnaryOperator<ParleyConfig> rate(int perSecond, int burst) {
    return c -> {
      SignalConfig s = c.signal();
      return c.withSignal(new SignalConfig(s.maxRooms(), s.maxPeersPerRoom(), perSecond, burst, s.resumeWindow(),
          s.resumeBufferMessages(), s.resumeBufferBytes(), s.resumeTokenTtl()));
    };
  }

  public static UnaryOperator<ParleyConfig> maxRooms(int maxRooms) {
    return c -> {
      SignalConfig s = c.signal();
      return c.withSignal(new SignalConfig(maxRooms, s.maxPeersPerRoom(), s.messagesPerSecond(), s.messageBurst(),
          s.resumeWindow(), s.resumeBufferMessages(), s.resumeBufferBytes(), s.resumeTokenTtl()));
    };
  }

  public static UnaryOperator<ParleyConfig> http(UnaryOperator<HttpConfig> edit) {
    return c -> c.withHttp(edit.apply(c.http()));
  }

  public static HttpConfig maxFrameBytes(HttpConfig h, int bytes) {
    return new HttpConfig(h.bind(), h.port(), h.allowedOrigins(), h.maxConnectionsPerIp(), bytes, h.pingInterval(),
        h.idleTimeout(), h.outboundBufferBytes(), h.drainTimeout(), h.webRoot(), h.handshakeTimeout());
  }

  public static HttpConfig maxConnectionsPerIp(HttpConfig h, int max) {
    return new HttpConfig(h.bind(), h.port(), h.allowedOrigins(), max, h.maxFrameBytes(), h.pingInterval(),
        h.idleTimeout(), h.outboundBufferBytes(), h.drainTimeout(), h.webRoot(), h.handshakeTimeout());
  }

  public static HttpConfig allowedOrigins(HttpConfig h, List<String> origins) {
    return new HttpConfig(h.bind(), h.port(), origins, h.maxConnectionsPerIp(), h.maxFrameBytes(), h.pingInterval(),
        h.idleTimeout(), h.outboundBufferBytes(), h.drainTimeout(), h.webRoot(), h.handshakeTimeout());
  }

  public static HttpConfig keepAlive(HttpConfig h, Duration ping, Duration idle) {
    return new HttpConfig(h.bind(), h.port(), h.allowedOrigins(), h.maxConnectionsPerIp(), h.maxFrameBytes(), ping,
        idle, h.outboundBufferBytes(), h.drainTimeout(), h.webRoot(), h.handshakeTimeout());
  }

  public static HttpConfig handshakeTimeout(HttpConfig h, Duration timeout) {
    return new HttpConfig(h.bind(), h.port(), h.allowedOrigins(), h.maxConnectionsPerIp(), h.maxFrameBytes(),
        h.pingInterval(), h.idleTimeout(), h.outboundBufferBytes(), h.drainTimeout(), h.webRoot(), timeout);
  }

  public static UnaryOperator<ParleyConfig> auth(AuthConfig.Mode mode, String adminKey, int joinsPerMinutePerIp) {
    return c -> c.withAuth(new AuthConfig(mode, adminKey, joinsPerMinutePerIp));
  }

  public static HttpConfig outboundBufferBytes(HttpConfig h, int bytes) {
    return new HttpConfig(h.bind(), h.port(), h.allowedOrigins(), h.maxConnectionsPerIp(), h.maxFrameBytes(),
        h.pingInterval(), h.idleTimeout(), bytes, h.drainTimeout(), h.webRoot(), h.handshakeTimeout());
  }
}
