package dev.parley.sfu;

import java.util.concurrent.TimeUnit;

/**
 * Which simulcast layer one subscription should get, with hysteresis so that it does not flap: down
 * at once when the budget no longer covers the layer (or the cap falls below it), up one layer only
 * once the budget has covered the next layer with {@link #UP_MARGIN} to spare for {@link
 * #UP_HOLD_NANOS} on end. Layers that the publisher is not sending are skipped.
 */
final class LayerChoice {
  static final double UP_MARGIN = 1.2;
  static final long UP_HOLD_NANOS = TimeUnit.SECONDS.toNanos(2);

  private static final long NOT_HOLDING = Long.MIN_VALUE;

  private long upSince = NOT_HOLDING;

  /**
   * @param chosen the layer chosen last time
   * @param bitrates each layer's bitrate, bits per second, or -1 for one not being sent
   * @param cap the highest layer the subscriber wants (its render size, its own limit)
   * @param budget bits per second available for this subscription, or -1 if unknown (no limit)
   * @return the layer to switch to, possibly {@code chosen}
   */
  int next(int chosen, long[] bitrates, int cap, long budget, long nowNanos) {
    int fitting = -1;
    int lowest = -1;
    for (int layer = 0; layer < bitrates.length && layer <= cap; layer++) {
      if (bitrates[layer] < 0) {
        continue;
      }
      if (lowest < 0) {
        lowest = layer;
      }
      if (budget < 0 || bitrates[layer] <= budget) {
        fitting = layer;
      }
    }
    if (lowest < 0) {
      upSince = NOT_HOLDING;
      return chosen;
    }
    int desired = Math.max(fitting, lowest);
    boolean chosenUsable = chosen >= 0 && chosen < bitrates.length && bitrates[chosen] >= 0;
    if (!chosenUsable || desired < chosen) {
      upSince = NOT_HOLDING;
      return desired;
    }
    int up = nextSent(bitrates, chosen, Math.min(cap, bitrates.length - 1));
    if (up < 0 || desired < up || (budget >= 0 && bitrates[up] * UP_MARGIN > budget)) {
      upSince = NOT_HOLDING;
      return chosen;
    }
    if (upSince == NOT_HOLDING) {
      upSince = nowNanos;
    }
    if (nowNanos - upSince < UP_HOLD_NANOS) {
      return chosen;
    }
    upSince = NOT_HOLDING;
    return up;
  }

  private static int nextSent(long[] bitrates, int from, int cap) {
    for (int layer = from + 1; layer <= cap; layer++) {
      if (bitrates[layer] >= 0) {
        return layer;
      }
    }
    return -1;
  }
}
