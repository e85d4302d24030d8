package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bandwidth cap's arithmetic on a clock the test moves. */
final class TokenBucketTest {
  private final AtomicLong nanos = new AtomicLong();

  @Test
  void aFullBucketPassesOneSecondOfTrafficThenRefillsAtTheRate() {
    TokenBucket bucket = new TokenBucket(8_000_000, nanos::get); // 1,000,000 bytes a second

    assertThat(bucket.take(1_000_000)).isTrue();
    assertThat(bucket.take(1)).isFalse();

    nanos.addAndGet(100_000_000); // 0.1 s: 100,000 bytes back
    assertThat(bucket.take(100_000)).isTrue();
    assertThat(bucket.take(1)).isFalse();
  }

  @Test
  void theBucketNeverHoldsMoreThanItsCapacity() {
    TokenBucket bucket = new TokenBucket(8_000_000, nanos::get);
    nanos.addAndGet(60_000_000_000L); // a quiet minute saves nothing beyond one second

    assertThat(bucket.take(1_000_000)).isTrue();
    assertThat(bucket.take(1)).isFalse();
  }

  @Test
  void aSlowCapStillLetsTheLargestDatagramThrough() {
    TokenBucket bucket = new TokenBucket(8_000, nanos::get); // 1,000 bytes a second

    assertThat(bucket.take(65_535)).isTrue();
    assertThat(bucket.take(1_000)).isFalse();
    nanos.addAndGet(1_000_000_000);
    assertThat(bucket.take(1_000)).isTrue();
  }

  @Test
  void zeroMeansNoCap() {
    TokenBucket bucket = new TokenBucket(0, nanos::get);

    for (int i = 0; i < 1000; i++) {
      assertThat(bucket.take(65_535)).isTrue();
    }
  }
}
