package dev.parley.sfu;

import dev.parley.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import java.util.EnumMap;
import java.util.Map;

/**
 * The forwarding unit's meters, every name in this one place, created up front so the packet path
 * only increments. Thread-safe; one instance serves every room's unit.
 */
public final class SfuMetrics {
  static final String FORWARDED = "parley.sfu.packets.forwarded";
  static final String DROPPED = "parley.sfu.packets.dropped";
  static final String NACKS_RECEIVED = "parley.sfu.nacks.received";
  static final String NACKED_PACKETS = "parley.sfu.nacked.packets";
  static final String NACKS_SENT = "parley.sfu.nacks.sent";
  static final String KEY_FRAME_REQUESTS = "parley.sfu.key.frame.requests";
  static final String LAYER_SWITCHES = "parley.sfu.layer.switches";
  static final String SUBSCRIBER_BANDWIDTH = "parley.sfu.subscriber.bandwidth";

  private final Map<Drop, Counter> dropped = new EnumMap<>(Drop.class);
  private final Counter forwarded;
  private final Counter nacksReceived;
  private final Counter nackAnswered;
  private final Counter nackMissed;
  private final Counter nacksSent;
  private final Counter keyFrameRequests;
  private final Counter layerSwitches;
  private final DistributionSummary subscriberBandwidth;

  public SfuMetrics(Metrics metrics) {
    for (Drop drop : Drop.values()) {
      dropped.put(
          drop,
          metrics.counter(
              DROPPED, "RTP and RTCP the forwarding unit dropped", "reason", drop.tag()));
    }
    forwarded = metrics.counter(FORWARDED, "RTP packets sent to subscribers, retransmissions too");
    nacksReceived = metrics.counter(NACKS_RECEIVED, "Generic NACKs received from subscribers");
    nackAnswered =
        metrics.counter(
            NACKED_PACKETS,
            "Packets subscribers NACKed, by whether the cache still held them",
            "outcome",
            "answered");
    nackMissed =
        metrics.counter(
            NACKED_PACKETS,
            "Packets subscribers NACKed, by whether the cache still held them",
            "outcome",
            "missed");
    nacksSent = metrics.counter(NACKS_SENT, "Generic NACKs sent to publishers for gaps");
    keyFrameRequests = metrics.counter(KEY_FRAME_REQUESTS, "PLIs sent to publishers");
    layerSwitches = metrics.counter(LAYER_SWITCHES, "Simulcast layer switches of subscriptions");
    subscriberBandwidth =
        metrics.summary(
            SUBSCRIBER_BANDWIDTH,
            "Subscribers' estimated bandwidth, at each estimate",
            "bits.per.second");
  }

  void dropped(Drop drop) {
    dropped.get(drop).increment();
  }

  long droppedCount(Drop drop) {
    return (long) dropped.get(drop).count();
  }

  void forwarded() {
    forwarded.increment();
  }

  long forwardedCount() {
    return (long) forwarded.count();
  }

  void nackReceived() {
    nacksReceived.increment();
  }

  void nackAnswered(boolean answered) {
    (answered ? nackAnswered : nackMissed).increment();
  }

  long nackAnsweredCount() {
    return (long) nackAnswered.count();
  }

  long nackMissedCount() {
    return (long) nackMissed.count();
  }

  void nackSent() {
    nacksSent.increment();
  }

  long nacksSentCount() {
    return (long) nacksSent.count();
  }

  void keyFrameRequested() {
    keyFrameRequests.increment();
  }

  long keyFrameRequestCount() {
    return (long) keyFrameRequests.count();
  }

  void layerSwitched() {
    layerSwitches.increment();
  }

  long layerSwitchCount() {
    return (long) layerSwitches.count();
  }

  void subscriberBandwidth(long bitsPerSecond) {
    subscriberBandwidth.record(bitsPerSecond);
  }
}
