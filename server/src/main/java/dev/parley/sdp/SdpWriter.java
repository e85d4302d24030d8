package dev.parley.sdp;

import dev.parley.sdp.Attribute.Candidate;
import dev.parley.sdp.Attribute.Direction;
import dev.parley.sdp.Attribute.Extmap;
import dev.parley.sdp.Attribute.Flag;
import dev.parley.sdp.SessionDescription.Line;
import dev.parley.sdp.SessionDescription.Origin;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes a {@link SessionDescription} as SDP text, CRLF after every line (RFC 8866 §5). */
public final class SdpWriter {
  private SdpWriter() {}

  public static String write(SessionDescription sdp) {
    StringBuilder out = new StringBuilder(1024 + 2048 * sdp.media().size());
    line(out, 'v', "0");
    Origin o = sdp.origin();
    line(
        out,
        'o',
        String.join(
            " ",
            o.username(),
            o.sessionId(),
            Long.toString(o.version()),
            o.netType(),
            o.addressType(),
            o.address()));
    line(out, 's', sdp.sessionName());
    lines(out, sdp.lines());
    line(out, 't', sdp.timing());
    attributes(out, sdp.attributes());
    for (MediaSection m : sdp.media()) {
      line(
          out,
          'm',
          m.kind() + " " + m.port() + " " + m.protocol() + " " + String.join(" ", m.formats()));
      lines(out, m.lines());
      attributes(out, m.attributes());
    }
    return out.toString();
  }

  private static void lines(StringBuilder out, List<Line> lines) {
    for (Line l : lines) {
      line(out, l.type(), l.value());
    }
  }

  private static void attributes(StringBuilder out, List<Attribute> attributes) {
    for (Attribute a : attributes) {
      line(out, 'a', attribute(a));
    }
  }

  private static void line(StringBuilder out, char type, String value) {
    out.append(type).append('=').append(value).append("\r\n");
  }

  /** The text after {@code a=}. */
  static String attribute(Attribute attribute) {
    return switch (attribute) {
      case Flag flag -> flag.sdpName;
      case Direction direction -> direction.sdpName();
      case Attribute.Group g -> "group:" + words(g.semantics(), g.ids());
      case Attribute.MsidSemantic m -> "msid-semantic: " + words(m.semantics(), m.ids());
      case Attribute.IceUfrag u -> "ice-ufrag:" + u.value();
      case Attribute.IcePwd p -> "ice-pwd:" + p.value();
      case Attribute.IceOptions i -> "ice-options:" + String.join(" ", i.options());
      case Attribute.Fingerprint f -> "fingerprint:" + f.hash() + " " + f.value();
      case Attribute.Setup s -> "setup:" + s.role().name().toLowerCase(Locale.ROOT);
      case Attribute.Mid mid -> "mid:" + mid.value();
      case Attribute.Msid m -> "msid:" + m.stream() + (m.track() == null ? "" : " " + m.track());
      case Attribute.Rtpmap r ->
          "rtpmap:"
              + r.payloadType()
              + " "
              + r.encoding()
              + "/"
              + r.clockRate()
              + (r.channels() == 0 ? "" : "/" + r.channels());
      case Attribute.Fmtp f ->
          "fmtp:" + f.payloadType() + (f.parameters().isEmpty() ? "" : " " + f.parameters());
      case Attribute.RtcpFb fb ->
          "rtcp-fb:"
              + (fb.payloadType() == Attribute.RtcpFb.ANY ? "*" : fb.payloadType())
              + " "
              + fb.type()
              + (fb.parameter() == null ? "" : " " + fb.parameter());
      case Extmap e ->
          "extmap:"
              + e.id()
              + (e.direction() == null ? "" : "/" + e.direction().sdpName())
              + " "
              + e.uri()
              + (e.attributes() == null ? "" : " " + e.attributes());
      case Attribute.Ssrc s ->
          "ssrc:" + s.ssrc() + " " + s.attribute() + (s.value() == null ? "" : ":" + s.value());
      case Attribute.SsrcGroup g ->
          "ssrc-group:"
              + g.semantics()
              + g.ssrcs().stream().map(s -> " " + s).collect(Collectors.joining());
      case Attribute.Rid r ->
          "rid:"
              + r.id()
              + " "
              + r.direction().name().toLowerCase(Locale.ROOT)
              + (r.restrictions() == null ? "" : " " + r.restrictions());
      case Attribute.Simulcast s -> "simulcast:" + simulcast(s);
      case Candidate c ->
          "candidate:"
              + String.join(
                  " ",
                  c.foundation(),
                  Integer.toString(c.component()),
                  c.transport(),
                  Long.toString(c.priority()),
                  c.address(),
                  Integer.toString(c.port()),
                  "typ",
                  c.type())
              + (c.extensions().isEmpty() ? "" : " " + c.extensions());
      case Attribute.SctpPort p -> "sctp-port:" + p.port();
      case Attribute.MaxMessageSize m -> "max-message-size:" + m.bytes();
      case Attribute.Other other ->
          other.value() == null ? other.name() : other.name() + ":" + other.value();
    };
  }

  private static String words(String first, List<String> rest) {
    return rest.isEmpty() ? first : first + " " + String.join(" ", rest);
  }

  private static String simulcast(Attribute.Simulcast s) {
    StringBuilder out = new StringBuilder();
    if (!s.send().isEmpty()) {
      out.append("send ").append(streams(s.send()));
    }
    if (!s.recv().isEmpty()) {
      out.append(out.isEmpty() ? "" : " ").append("recv ").append(streams(s.recv()));
    }
    return out.toString();
  }

  private static String streams(List<List<String>> streams) {
    return streams.stream().map(a -> String.join(",", a)).collect(Collectors.joining(";"));
  }
}
