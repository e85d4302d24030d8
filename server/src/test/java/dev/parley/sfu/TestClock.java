package dev.parley.sfu;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A clock the test moves: the unit never reads real time. */
final class TestClock implements LongSupplier {
  private long nanos = TimeUnit.SECONDS.toNanos(1000);

  @Override
  public long getAsLong() {
    return nanos;
  }

  void advanceMillis(long millis) {
    nanos += TimeUnit.MILLISECONDS.toNanos(millis);
  }
}
