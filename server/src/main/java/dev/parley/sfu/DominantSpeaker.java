package dev.parley.sfu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The room's dominant speaker, from the audio levels its publishers' packets carry (RFC 6464): each
 * speaker's loudness is smoothed packet by packet, and the loudest becomes dominant only after
 * being loudest for {@link #HOLD_NANOS} on end, so a cough does not take the stage. A speaker whose
 * packets stopped (muted, or discontinuous transmission in silence) counts as silent. Used on the
 * unit's thread.
 */
final class DominantSpeaker {
  static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
  static final long SILENT_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** RFC 6464 levels are -dBov; this quiet or quieter is no speech. */
  static final int SILENCE_DBOV = 80;

  /** Per packet (20 ms of Opus): about a third of a second to follow a change. */
  private static final double SMOOTHING = 0.06;

  /** Smoothed loudness this low is silence, not a speaker. */
  private static final double SPEAKING = 1.0;

  /** One publisher's smoothed loudness: dBov below silence, 0 for silence. */
  static final class Level {
    final String participantId;
    double loudness;
    boolean heardAny;
    long lastNanos;

    Level(String participantId) {
      this.participantId = participantId;
    }
  }

  private final List<Level> levels = new ArrayList<>();
  private final SpeakerListener listener;
  private Level dominant;
  private Level candidate;
  private long candidateSince;

  DominantSpeaker(SpeakerListener listener) {
    this.listener = listener;
  }

  Level add(String participantId) {
    Level level = new Level(participantId);
    levels.add(level);
    return level;
  }

  void remove(Level level) {
    levels.remove(level);
    if (candidate == level) {
      candidate = null;
    }
    if (dominant == level) {
      dominant = null;
    }
  }

  /** One packet's audio level, 0 (loudest) to 127 (silence) -dBov. */
  static void heard(Level level, int dBov, long nowNanos) {
    int loudness = Math.max(0, SILENCE_DBOV - dBov);
    if (!level.heardAny || nowNanos - level.lastNanos > SILENT_AFTER_NANOS) {
      level.loudness = 0;
    }
    level.loudness += (loudness - level.loudness) * SMOOTHING;
    level.heardAny = true;
    level.lastNanos = nowNanos;
  }

  /** Who is loudest now, and whether that has lasted long enough to change the dominant one. */
  void evaluate(long nowNanos) {
    Level loudest = null;
    for (int i = 0; i < levels.size(); i++) {
      Level level = levels.get(i);
      boolean heard = level.heardAny && nowNanos - level.lastNanos <= SILENT_AFTER_NANOS;
      if (heard
          && level.loudness >= SPEAKING
          && (loudest == null || level.loudness > loudest.loudness)) {
        loudest = level;
      }
    }
    if (loudest == null || loudest == dominant) {
      candidate = null;
      return;
    }
    if (loudest != candidate) {
      candidate = loudest;
      candidateSince = nowNanos;
      return;
    }
    if (nowNanos - candidateSince >= HOLD_NANOS) {
      dominant = loudest;
      candidate = null;
      listener.dominantSpeakerChanged(loudest.participantId);
    }
  }

  String dominant() {
    return dominant == null ? null : dominant.participantId;
  }
}
