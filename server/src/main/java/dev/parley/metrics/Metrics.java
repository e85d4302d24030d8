package dev.parley.metrics;

import dev.parley.signal.protocol.ClientMessage;
import dev.parley.signal.protocol.ErrorCode;
import dev.parley.signal.protocol.ServerMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parley's meters, scraped at {@code /metrics}. Counters are created up front so the hot path
 * only increments. Thread-safe.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<Class<?>, Counter> inbound = new HashMap<>();
  private final Map<Class<?>, Counter> outbound = new HashMap<>();
  private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
  private final Counter resumed;
  private final Counter resumeRefused;
  private final Counter slowClientsDropped;
  private final Counter connectionsRefused;

  public Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    for (Class<?> type : ClientMessage.class.getPermittedSubclasses()) {
      inbound.put(type, counter("parley.messages.in", "type", wireName(type)));
    }
    for (Class<?> type : ServerMessage.class.getPermittedSubclasses()) {
      if (!type.isInterface() && !type.isEnum() && type != ServerMessage.PeerInfo.class
          && type != ServerMessage.IceServer.class) {
        outbound.put(type, counter("parley.messages.out", "type", wireName(type)));
      }
    }
    for (ErrorCode code : ErrorCode.values()) {
      errors.put(code, counter("parley.errors", "code", code.wire()));
    }
    resumed = counter("parley.resumes", "outcome", "resumed");
    resumeRefused = counter("parley.resumes", "outcome", "refused");
    slowClientsDropped = Counter.builder("parley.slow.clients.dropped")
        .description("Connections closed because they could not keep up with their messages").register(registry);
    connectionsRefused = Counter.builder("parley.connections.refused")
        .description("WebSocket upgrades refused (origin, per-IP limit, draining)").register(registry);
  }

  private Counter counter(String name, String tag, String value) {
    return Counter.builder(name).tag(tag, value).register(registry);
  }

  /** The {@code type} a message class has on the wire, e.g. {@code PeerJoined} → {@code peer-joined}. */
  static String wireName(Class<?> type) {
    if (type == ServerMessage.Relayed.class) {
      return "signal";
    }
    if (type == ServerMessage.GoAway.class) {
      return "goaway";
    }
    if (type == ServerMessage.LegacyFrame.class || type == ClientMessage.Legacy.class) {
      return "legacy";
    }
    return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  /** A counter for another part of the server; {@code tags} alternate keys and values. */
  public Counter counter(String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  public void received(ClientMessage message) {
    inbound.get(message.getClass()).increment();
  }

  public void sent(ServerMessage message) {
    outbound.get(message.getClass()).increment();
    if (message instanceof ServerMessage.Error error) {
      errors.get(error.code()).increment();
    }
  }

  public void resumed(boolean accepted) {
    (accepted ? resumed : resumeRefused).increment();
  }

  public void slowClientDropped() {
    slowClientsDropped.increment();
  }

  public void connectionRefused() {
    connectionsRefused.increment();
  }

  public String scrape() {
    return registry.scrape();
  }
}
