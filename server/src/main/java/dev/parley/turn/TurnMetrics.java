package dev.parley.turn;

import dev.parley.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** The TURN server's meters, created up front so the relay path only increments. Thread-safe. */
final class TurnMetrics {
  private final Counter packetsToPeers;
  private final Counter bytesToPeers;
  private final Counter packetsToClients;
  private final Counter bytesToClients;
  private final Counter authenticationFailures;
  private final Map<TurnError, Counter> refusals = new EnumMap<>(TurnError.class);
  private final Counter peersRefused;
  private final Counter throttledToPeers;
  private final Counter throttledToClients;
  private final Counter tcpWithoutAllocationClosed;
  private final Counter webPortConnections;

  TurnMetrics(Metrics metrics) {
    String packets = "Datagrams relayed between TURN clients and their peers";
    String bytes = "Application bytes relayed between TURN clients and their peers";
    packetsToPeers =
        metrics.counter("parley.turn.relayed.packets", packets, "direction", "to-peer");
    packetsToClients =
        metrics.counter("parley.turn.relayed.packets", packets, "direction", "to-client");
    bytesToPeers = metrics.counter("parley.turn.relayed.bytes", bytes, "direction", "to-peer");
    bytesToClients = metrics.counter("parley.turn.relayed.bytes", bytes, "direction", "to-client");
    authenticationFailures =
        metrics.counter(
            "parley.turn.auth.failures",
            "TURN requests with a wrong, expired or malformed credential");
    for (TurnError error : TurnError.values()) {
      refusals.put(
          error,
          metrics.counter(
              "parley.turn.refusals", "TURN requests answered with an error", "code", error.tag()));
    }
    peersRefused =
        metrics.counter(
            "parley.turn.peers.refused",
            "Packets or requests for a peer address the relay policy forbids");
    String throttled = "Datagrams dropped because their allocation was over turn-max-bitrate";
    throttledToPeers =
        metrics.counter("parley.turn.throttled.packets", throttled, "direction", "to-peer");
    throttledToClients =
        metrics.counter("parley.turn.throttled.packets", throttled, "direction", "to-client");
    tcpWithoutAllocationClosed =
        metrics.counter(
            "parley.turn.tcp.unallocated.closed",
            "TURN TCP connections closed for holding no allocation after turn-tcp-allocate-timeout");
    webPortConnections =
        metrics.counter(
            "parley.turn.web.port.connections",
            "Connections to the HTTP(S) port that spoke TURN (turn-on-web-port)");
  }

  void gauges(
      Metrics metrics,
      Supplier<Number> allocations,
      Supplier<Number> permissions,
      Supplier<Number> channels) {
    metrics.gauge("parley.turn.allocations", "TURN allocations held", allocations);
    metrics.gauge("parley.turn.permissions", "TURN permissions installed", permissions);
    metrics.gauge("parley.turn.channels", "TURN channels bound", channels);
  }

  void toPeer(int bytes) {
    packetsToPeers.increment();
    bytesToPeers.increment(bytes);
  }

  void toClient(int bytes) {
    packetsToClients.increment();
    bytesToClients.increment(bytes);
  }

  void authenticationFailed() {
    authenticationFailures.increment();
  }

  void refused(TurnError error) {
    refusals.get(error).increment();
  }

  void throttledToPeer() {
    throttledToPeers.increment();
  }

  void throttledToClient() {
    throttledToClients.increment();
  }

  void tcpWithoutAllocationClosed() {
    tcpWithoutAllocationClosed.increment();
  }

  void webPortConnection() {
    webPortConnections.increment();
  }

  void peerRefused() {
    peersRefused.increment();
  }
}
