package dev.parley.webhook;

import dev.parley.config.WebhookConfig;
import dev.parley.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhook events to the receiver, one POST each, in the order they happened, from a
 * bounded queue on a thread of its own: {@link #send} never blocks, so a slow or dead receiver
 * never delays a signal. A failed attempt (connection refused, timeout, 408, 429, 5xx) is retried
 * with doubling delays; an event the receiver refuses for good (another 4xx, a redirect) or that
 * runs out of attempts is dropped and logged. Logs name the receiver without its query or user
 * info, never the secret or a signature. Thread-safe.
 */
final class WebhookSender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

  private final WebhookConfig config;
  private final WebhookBody bodies;
  private final HttpClient http;

  /**
   * Where logs say the events go: the URL without user info and query, which may hold credentials.
   */
  private final String receiver;

  private final BlockingQueue<WebhookEvent> queue;
  private final Thread worker;
  private final Counter sent;
  private final Counter failed;
  private final Counter dropped;
  private volatile boolean closing;

  WebhookSender(WebhookConfig config, Metrics metrics) {
    this.config = config;
    this.bodies = new WebhookBody(config.secretBytes());
    this.receiver = logSafe(config.url());
    this.queue = new ArrayBlockingQueue<>(config.queueSize());
    // The JDK's client: one POST at a time needs no more than it offers, and no dependency.
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.sent =
        metrics.counter("parley.webhook.sent", "Webhook events the receiver accepted (2xx)");
    this.failed =
        metrics.counter(
            "parley.webhook.failed",
            "Webhook delivery attempts that failed (no answer in time, refused, or not 2xx)");
    this.dropped =
        metrics.counter(
            "parley.webhook.dropped",
            "Webhook events never delivered: queue full, refused by the receiver, or out of attempts");
    metrics.gauge("parley.webhook.queued", "Webhook events waiting to be delivered", queue::size);
    this.worker = Thread.ofPlatform().name("parley-webhook").daemon().start(this::deliverAll);
  }

  /** Queues an event; when the queue is full it is dropped and counted, never waited for. */
  void send(WebhookEvent event) {
    if (closing || !queue.offer(event)) {
      dropped.increment();
      log.warn(
          "webhook event {} dropped: {} events are already waiting for {}",
          event.id(),
          queue.size(),
          receiver);
    }
  }

  private void deliverAll() {
    try {
      while (!closing || !queue.isEmpty()) {
        WebhookEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
        if (event != null) {
          deliver(event);
        }
      }
    } catch (InterruptedException e) {
      // Closed and out of time: what is left is counted below.
    }
    int left = queue.size();
    if (left > 0) {
      dropped.increment(left);
      log.warn("stopped with {} webhook events undelivered to {}", left, receiver);
    }
  }

  private void deliver(WebhookEvent event) throws InterruptedException {
    byte[] body = WebhookBody.encode(event);
    String signature = bodies.signature(body);
    Duration delay = config.retryDelay();
    for (int attempt = 1; ; attempt++) {
      Failure failure = post(body, signature);
      if (failure == null) {
        sent.increment();
        return;
      }
      failed.increment();
      if (!failure.retriable() || attempt > config.retries()) {
        dropped.increment();
        log.warn(
            "webhook event {} ({}) not delivered to {} after {} attempts: {}",
            event.id(),
            WebhookEvent.type(event),
            receiver,
            attempt,
            failure.problem());
        return;
      }
      log.info(
          "webhook event {} to {}: {}; retrying in {} ms",
          event.id(),
          receiver,
          failure.problem(),
          delay.toMillis());
      Thread.sleep(delay);
      delay = delay.multipliedBy(2);
    }
  }

  /** Why an attempt failed, and whether another one may get past it. */
  private record Failure(String problem, boolean retriable) {}

  /** One attempt: {@code null} when the receiver accepted the event. */
  private Failure post(byte[] body, String signature) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(config.url())
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "Parley")
            .header(WebhookBody.SIGNATURE_HEADER, signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    int status;
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      status = response.statusCode();
      // The answer's body means nothing here; closing it unread also ends one that never stops.
      response.body().close();
    } catch (HttpTimeoutException e) {
      return new Failure("no answer within " + config.timeout().toMillis() + " ms", true);
    } catch (IOException e) {
      return new Failure(
          "cannot reach it ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")",
          true);
    }
    if (status >= 200 && status < 300) {
      return null;
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new Failure("answered " + status, true);
    }
    if (status >= 300 && status < 400) {
      return new Failure(
          "answered "
              + status
              + " (redirects are not followed: set webhook-url to the address that answers)",
          false);
    }
    return new Failure("answered " + status + " (a refusal, not retried)", false);
  }

  /**
   * Stops taking events, and delivers what is queued for up to {@code grace}; what is left then is
   * counted as dropped.
   */
  void close(Duration grace) {
    closing = true;
    try {
      worker.join(grace);
      if (worker.isAlive()) {
        worker.interrupt();
        worker.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(config.timeout());
  }

  static String logSafe(URI url) {
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    return url.getScheme()
        + "://"
        + url.getHost()
        + port
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }
}
