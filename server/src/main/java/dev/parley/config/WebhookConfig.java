package dev.parley.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Where room and peer events go (docs/webhooks.md).
 *
 * @param url the receiver; {@code null} sends no webhooks
 * @param secret signs every body; set whenever {@code url} is
 * @param retries further attempts after a failed one
 * @param retryDelay the wait before the first retry; each next one waits twice as long
 * @param queueSize events waiting at most; further ones are dropped
 */
public record WebhookConfig(
    URI url, String secret, Duration timeout, int retries, Duration retryDelay, int queueSize) {
  public boolean enabled() {
    return url != null;
  }

  public byte[] secretBytes() {
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "WebhookConfig[url="
        + (url == null ? "none" : "(set)")
        + ", timeout="
        + timeout
        + ", retries="
        + retries
        + ", retryDelay="
        + retryDelay
        + ", queueSize="
        + queueSize
        + "]";
  }
}
