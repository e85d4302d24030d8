package dev.parley.config;

import static dev.parley.config.Setting.MIN_SECRET_LENGTH;

import java.time.Duration;

/** The settings of webhooks (WebhookConfig); {@link Setting#all()} lists every area's. */
public final class WebhookSettings {
  public static final Setting<java.net.URI> WEBHOOK_URL =
      new Setting<>(
          "webhook-url",
          null,
          "http:// or https:// URL that Parley POSTs room and peer events to, one JSON event per request"
              + " (docs/webhooks.md); unset, none are sent",
          AddressParsers.httpUrl());
  public static final Setting<String> WEBHOOK_SECRET =
      new Setting<>(
          "webhook-secret",
          null,
          "signs each webhook body (X-Parley-Signature: sha256=<HMAC-SHA256>), at least "
              + MIN_SECRET_LENGTH
              + " characters; required with webhook-url",
          Parser.secret(MIN_SECRET_LENGTH));
  public static final Setting<Duration> WEBHOOK_TIMEOUT =
      new Setting<>(
          "webhook-timeout",
          "5s",
          "how long the webhook receiver gets to connect and answer one request before the attempt counts as failed",
          Parser.duration(Duration.ofMillis(1)));
  public static final Setting<Integer> WEBHOOK_RETRIES =
      new Setting<>(
          "webhook-retries",
          "5",
          "how many more times a webhook event is sent after a failed attempt (no answer, 408, 429 or 5xx) before it is"
              + " dropped",
          Parser.wholeNumber(0, 100));
  public static final Setting<Duration> WEBHOOK_RETRY_DELAY =
      new Setting<>(
          "webhook-retry-delay",
          "1s",
          "wait before the first retry of a webhook event; each further retry waits twice as long as the one before",
          Parser.duration(Duration.ofMillis(1)));
  // Events come at joins and leaves only; this many covers minutes of a busy node's churn while a
  // receiver restarts, at a few hundred bytes each.
  public static final Setting<Integer> WEBHOOK_QUEUE =
      new Setting<>(
          "webhook-queue",
          "10000",
          "webhook events waiting for delivery at most; while that many wait, further ones are dropped and counted",
          Parser.wholeNumber(1, 1_000_000));

  private WebhookSettings() {}
}
