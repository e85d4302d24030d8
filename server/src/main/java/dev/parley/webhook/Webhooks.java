package dev.parley.webhook;

import dev.parley.config.WebhookConfig;
import dev.parley.metrics.Metrics;
import dev.parley.webhook.WebhookEvent.Peer;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Where the rest of Parley reports what happens in rooms; sent on as webhooks when {@code
 * webhook-url} is set, ignored otherwise. Every method returns at once. Thread-safe.
 */
public final class Webhooks implements AutoCloseable {
  private final String node;
  private final Clock clock;

  /** {@code null} when webhooks are off. */
  private final WebhookSender sender;

  private Webhooks(String node, Clock clock, WebhookSender sender) {
    this.node = node;
    this.clock = clock;
    this.sender = sender;
  }

  /**
   * @param node how events name this node (its cluster id)
   */
  public static Webhooks start(WebhookConfig config, String node, Clock clock, Metrics metrics) {
    return new Webhooks(node, clock, config.enabled() ? new WebhookSender(config, metrics) : null);
  }

  public boolean enabled() {
    return sender != null;
  }

  public void roomStarted(String room) {
    if (sender != null) {
      sender.send(new WebhookEvent.RoomStarted(newId(), clock.instant(), node, room));
    }
  }

  public void roomFinished(String room) {
    if (sender != null) {
      sender.send(new WebhookEvent.RoomFinished(newId(), clock.instant(), node, room));
    }
  }

  /**
   * @param name and {@code identity} may be {@code null}
   */
  public void peerJoined(String room, String peerId, String name, String identity) {
    if (sender != null) {
      sender.send(
          new WebhookEvent.PeerJoined(
              newId(), clock.instant(), node, room, new Peer(peerId, name, identity)));
    }
  }

  /**
   * @param reason the wire word of the leave: {@code left}, {@code timeout} or {@code kicked}
   */
  public void peerLeft(String room, String peerId, String name, String identity, String reason) {
    if (sender != null) {
      sender.send(
          new WebhookEvent.PeerLeft(
              newId(), clock.instant(), node, room, new Peer(peerId, name, identity), reason));
    }
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  /** Delivers what is queued for up to {@code grace}, then stops. */
  public void close(Duration grace) {
    if (sender != null) {
      sender.close(grace);
    }
  }

  @Override
  public void close() {
    if (sender != null) {
      sender.close();
    }
  }
}
