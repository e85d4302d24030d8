package dev.parley.http;

import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadline a handler holds over its connection: once armed, the connection is closed unless the
 * handler disarms it in time. One per handler; event loop only.
 */
final class CloseDeadline {
  /** Armed; {@code null} otherwise. */
  private ScheduledFuture<?> scheduled;

  /** Closes the connection {@code nanos} from now, in place of any earlier deadline. */
  void arm(ChannelHandlerContext ctx, long nanos) {
    disarm();
    scheduled =
        ctx.executor()
            .schedule(
                () -> {
                  scheduled = null;
                  ctx.close();
                },
                nanos,
                TimeUnit.NANOSECONDS);
  }

  void disarm() {
    if (scheduled != null) {
      scheduled.cancel(false);
      scheduled = null;
    }
  }

  /** What is left of the deadline, or {@code null} when it is not armed (or has passed). */
  Duration remaining() {
    return scheduled == null
        ? null
        : Duration.ofNanos(Math.max(0, scheduled.getDelay(TimeUnit.NANOSECONDS)));
  }
}
