package dev.parley.sfu;

/** Told when a room's dominant speaker changes; called on the unit's thread, must not block. */
@FunctionalInterface
public interface SpeakerListener {
  void dominantSpeakerChanged(String participantId);
}
