package dev.parley.sdp;

import dev.parley.sdp.Attribute.Direction;
import dev.parley.sdp.SessionDescription.Line;
import java.util.List;
import java.util.Optional;

/**
 * One m= section (RFC 8866 §5.14) with its lines and attributes in order.
 *
 * @param kind {@code audio}, {@code video}, {@code application}, ... as written
 * @param port 0 when the section is rejected or removed (RFC 8829 §5.2.2), or bundle-only
 * @param protocol e.g. {@code UDP/TLS/RTP/SAVPF}, {@code UDP/DTLS/SCTP}
 * @param formats payload types for RTP, {@code webrtc-datachannel} for SCTP, as written
 * @param lines the section's other lines ({@code c=}, {@code b=}, ...) in order
 */
public record MediaSection(
    String kind,
    int port,
    String protocol,
    List<String> formats,
    List<Line> lines,
    List<Attribute> attributes) {
  public MediaSection {
    formats = List.copyOf(formats);
    lines = List.copyOf(lines);
    attributes = List.copyOf(attributes);
  }

  /** Every attribute of a type, in order. */
  public <T extends Attribute> List<T> all(Class<T> type) {
    return attributes.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The first attribute of a type. */
  public <T extends Attribute> Optional<T> first(Class<T> type) {
    return attributes.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  public Optional<String> mid() {
    return first(Attribute.Mid.class).map(Attribute.Mid::value);
  }

  /** The direction attribute; sendrecv when there is none (RFC 8866 §6.7). */
  public Direction direction() {
    return first(Direction.class).orElse(Direction.SENDRECV);
  }

  /**
   * Rejected or removed: port 0 without {@code a=bundle-only}. A bundle-only section's port 0 only
   * says that it has no transport of its own but the BUNDLE group's (RFC 8843 §6): Firefox offers
   * every m= section after the first so under {@code bundlePolicy: 'max-bundle'}.
   */
  public boolean rejected() {
    return port == 0 && !has(Attribute.Flag.BUNDLE_ONLY);
  }

  public boolean has(Attribute.Flag flag) {
    return attributes.contains(flag);
  }

  /** The payload types of the m= line that are numbers, in order. */
  public List<Integer> payloadTypes() {
    return formats.stream().filter(f -> f.matches("\\d{1,3}")).map(Integer::valueOf).toList();
  }
}
