package dev.parley.sdp;

import java.util.List;
import java.util.Optional;

/**
 * An SDP session description (RFC 8866): the session-level lines, then its media sections in order.
 * Immutable; {@link SdpParser} makes one from text and {@link SdpWriter} writes one back, so that
 * {@code parse(write(x)).equals(x)}.
 *
 * @param lines the session's other lines ({@code i=}, {@code c=}, {@code b=}, ...) in order,
 *     written between {@code s=} and {@code t=}
 * @param timing the {@code t=} value, {@code "0 0"} in every browser's SDP
 */
public record SessionDescription(
    Origin origin,
    String sessionName,
    List<Line> lines,
    String timing,
    List<Attribute> attributes,
    List<MediaSection> media) {
  public SessionDescription {
    lines = List.copyOf(lines);
    attributes = List.copyOf(attributes);
    media = List.copyOf(media);
  }

  /** The o= line (RFC 8866 §5.2); the session id is kept as its digits. */
  public record Origin(
      String username,
      String sessionId,
      long version,
      String netType,
      String addressType,
      String address) {}

  /** A line other than v=, o=, s=, t=, m= and a=: its type letter and value. */
  public record Line(char type, String value) {}

  /** The first session-level attribute of a type. */
  public <T extends Attribute> Optional<T> attribute(Class<T> type) {
    return attributes.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** The mids of the BUNDLE group, empty without one. */
  public List<String> bundle() {
    return attributes.stream()
        .filter(a -> a instanceof Attribute.Group g && g.semantics().equals("BUNDLE"))
        .map(a -> ((Attribute.Group) a).ids())
        .findFirst()
        .orElse(List.of());
  }

  /** The media section with this mid. */
  public Optional<MediaSection> section(String mid) {
    return media.stream().filter(m -> m.mid().filter(mid::equals).isPresent()).findFirst();
  }
}
