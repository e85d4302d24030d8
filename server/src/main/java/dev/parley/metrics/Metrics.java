package dev.parley.metrics;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.ServerMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parley's meters, scraped at {@code /metrics}. Counters are created up front so the hot path only
 * increments. Thread-safe.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<MessageType, Counter> inbound = new EnumMap<>(MessageType.class);
  private final Map<MessageType, Counter> outbound = new EnumMap<>(MessageType.class);
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
    for (MessageType type : MessageType.values()) {
      if (type.fromClients()) {
        inbound.put(type, counter("parley.messages.in", "type", type.wire()));
      }
      if (type.fromServer()) {
        outbound.put(type, counter("parley.messages.out", "type", type.wire()));
      }
    }
    for (ErrorCode code : ErrorCode.values()) {
      errors.put(code, counter("parley.errors", "code", code.wire()));
    }
    resumed = counter("parley.resumes", "outcome", "resumed");
    resumeRefused = counter("parley.resumes", "outcome", "refused");
    slowClientsDropped =
        Counter.builder("parley.slow.clients.dropped")
            .description("Connections closed because they could not keep up with their messages")
            .register(registry);
    connectionsRefused =
        Counter.builder("parley.connections.refused")
            .description("WebSocket upgrades refused (origin, per-IP limit, draining)")
            .register(registry);
  }

  private Counter counter(String name, String tag, String value) {
    return Counter.builder(name).tag(tag, value).register(registry);
  }

  /** A counter for another part of the server; {@code tags} alternate keys and values. */
  public Counter counter(String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  /** A distribution for another part of the server, such as an estimate per subscriber. */
  public DistributionSummary summary(String name, String description, String baseUnit) {
    return DistributionSummary.builder(name)
        .description(description)
        .baseUnit(baseUnit)
        .register(registry);
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  public void received(ClientMessage message) {
    inbound.get(MessageType.of(message)).increment();
  }

  public void sent(ServerMessage message) {
    outbound.get(MessageType.of(message)).increment();
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
