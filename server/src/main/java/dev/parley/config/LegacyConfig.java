package dev.parley.config;

import java.time.Duration;

/**
 * Legacy mode: the seed tutorial's broadcast protocol ({@code offer}, {@code answer}, {@code
 * ice-candidate} without rooms).
 *
 * @param candidateDelay how long ICE candidates to a legacy client wait after it was handed a
 *     session description, so that its {@code setRemoteDescription} has finished
 */
public record LegacyConfig(boolean enabled, Duration candidateDelay) {}
