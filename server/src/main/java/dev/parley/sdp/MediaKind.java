package dev.parley.sdp;

import java.util.Locale;
import java.util.Optional;

/** The kinds of m= section the SFU forwards. */
public enum MediaKind {
  AUDIO,
  VIDEO;

  /** As the m= line writes it. */
  public String sdpName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<MediaKind> of(String sdpName) {
    for (MediaKind kind : values()) {
      if (kind.sdpName().equals(sdpName)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
