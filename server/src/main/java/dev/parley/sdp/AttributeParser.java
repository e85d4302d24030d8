package dev.parley.sdp;

import static dev.parley.sdp.Tokens.head;
import static dev.parley.sdp.Tokens.integer;
import static dev.parley.sdp.Tokens.number;
import static dev.parley.sdp.Tokens.split;
import static dev.parley.sdp.Tokens.token;

import dev.parley.sdp.Attribute.Candidate;
import dev.parley.sdp.Attribute.Direction;
import dev.parley.sdp.Attribute.Extmap;
import dev.parley.sdp.Attribute.Flag;
import dev.parley.sdp.Attribute.Rid;
import dev.parley.sdp.Attribute.Setup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the text after {@code a=} into an {@link Attribute}: the attributes of browsers' WebRTC SDP
 * typed and checked, any other kept as {@link Attribute.Other}.
 */
final class AttributeParser {
  private static final long MAX_SSRC = 0xFFFF_FFFFL;
  private static final Pattern RID_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private AttributeParser() {}

  static Attribute parse(String text) throws BadValue {
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? null : text.substring(colon + 1);
    if (name.isEmpty()) {
      throw new BadValue("an attribute has no name");
    }
    for (Flag flag : Flag.values()) {
      if (flag.sdpName.equals(name)) {
        if (value != null) {
          throw new BadValue("a=" + name + " takes no value");
        }
        return flag;
      }
    }
    for (Direction direction : Direction.values()) {
      if (direction.sdpName().equals(name)) {
        if (value != null) {
          throw new BadValue("a=" + name + " takes no value");
        }
        return direction;
      }
    }
    if (value == null) {
      return new Attribute.Other(name, null);
    }
    return switch (name) {
      case "group" -> group(value);
      case "msid-semantic" -> msidSemantic(value);
      case "ice-ufrag" -> new Attribute.IceUfrag(token(value, "ice-ufrag"));
      case "ice-pwd" -> new Attribute.IcePwd(token(value, "ice-pwd"));
      case "ice-options" -> new Attribute.IceOptions(nonEmpty(split(value), "ice-options"));
      case "fingerprint" -> fingerprint(value);
      case "setup" -> setup(value);
      case "mid" -> new Attribute.Mid(token(value, "mid"));
      case "msid" -> msid(value);
      case "rtpmap" -> rtpmap(value);
      case "fmtp" -> fmtp(value);
      case "rtcp-fb" -> rtcpFb(value);
      case "extmap" -> extmap(value);
      case "ssrc" -> ssrc(value);
      case "ssrc-group" -> ssrcGroup(value);
      case "rid" -> rid(value);
      case "simulcast" -> simulcast(value);
      case "candidate" -> candidate(value);
      case "sctp-port" ->
          new Attribute.SctpPort(integer(Tokens.strip(value), 0, 65535, "sctp-port"));
      case "max-message-size" ->
          new Attribute.MaxMessageSize(
              number(Tokens.strip(value), 0, Long.MAX_VALUE, "max-message-size"));
      default -> new Attribute.Other(name, value);
    };
  }

  private static List<String> nonEmpty(List<String> tokens, String what) throws BadValue {
    if (tokens.isEmpty()) {
      throw new BadValue(what + " is empty");
    }
    return tokens;
  }

  private static Attribute group(String value) throws BadValue {
    List<String> tokens = nonEmpty(split(value), "group");
    return new Attribute.Group(tokens.get(0), tokens.subList(1, tokens.size()));
  }

  private static Attribute msidSemantic(String value) throws BadValue {
    List<String> tokens = nonEmpty(split(value), "msid-semantic");
    return new Attribute.MsidSemantic(tokens.get(0), tokens.subList(1, tokens.size()));
  }

  private static Attribute fingerprint(String value) throws BadValue {
    List<String> tokens = split(value);
    if (tokens.size() != 2) {
      throw new BadValue("a fingerprint is \"<hash> <hex bytes>\": \"" + value + "\"");
    }
    return new Attribute.Fingerprint(tokens.get(0), tokens.get(1));
  }

  private static Attribute setup(String value) throws BadValue {
    String role = token(value, "setup");
    for (Setup.Role r : Setup.Role.values()) {
      if (r.name().toLowerCase(Locale.ROOT).equals(role)) {
        return new Setup(r);
      }
    }
    throw new BadValue("setup is active, passive, actpass or holdconn, not \"" + role + "\"");
  }

  private static Attribute msid(String value) throws BadValue {
    List<String> tokens = split(value);
    if (tokens.isEmpty() || tokens.size() > 2) {
      throw new BadValue("msid is \"<stream> [<track>]\": \"" + value + "\"");
    }
    return new Attribute.Msid(tokens.get(0), tokens.size() == 2 ? tokens.get(1) : null);
  }

  private static int payloadType(String text) throws BadValue {
    return integer(text, 0, 127, "payload type");
  }

  private static Attribute rtpmap(String value) throws BadValue {
    String[] pt = head(value, "rtpmap");
    String[] parts = token(pt[1], "rtpmap encoding").split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
      throw new BadValue("rtpmap is \"<pt> <name>/<clock>[/<channels>]\": \"" + value + "\"");
    }
    int channels = parts.length == 3 ? integer(parts[2], 1, 255, "channels") : 0;
    return new Attribute.Rtpmap(
        payloadType(pt[0]), parts[0], integer(parts[1], 1, 1_000_000_000, "clock rate"), channels);
  }

  private static Attribute fmtp(String value) throws BadValue {
    String[] pt = head(value, "fmtp");
    return new Attribute.Fmtp(payloadType(pt[0]), pt[1]);
  }

  private static Attribute rtcpFb(String value) throws BadValue {
    String[] pt = head(value, "rtcp-fb");
    if (pt[1].isEmpty()) {
      throw new BadValue("rtcp-fb has no feedback type: \"" + value + "\"");
    }
    String[] type = head(pt[1], "rtcp-fb type");
    return new Attribute.RtcpFb(
        pt[0].equals("*") ? Attribute.RtcpFb.ANY : payloadType(pt[0]),
        type[0],
        type[1].isEmpty() ? null : type[1]);
  }

  private static Attribute extmap(String value) throws BadValue {
    String[] id = head(value, "extmap");
    String[] idAndDirection = id[0].split("/", -1);
    if (idAndDirection.length > 2 || id[1].isEmpty()) {
      throw new BadValue(
          "extmap is \"<id>[/<direction>] <uri> [<attributes>]\": \"" + value + "\"");
    }
    Direction direction = null;
    if (idAndDirection.length == 2) {
      direction = direction(idAndDirection[1]);
    }
    String[] uri = head(id[1], "extmap uri");
    return new Extmap(
        integer(idAndDirection[0], 1, 255, "extmap id"),
        direction,
        uri[0],
        uri[1].isEmpty() ? null : uri[1]);
  }

  private static Direction direction(String text) throws BadValue {
    for (Direction d : Direction.values()) {
      if (d.sdpName().equals(text)) {
        return d;
      }
    }
    throw new BadValue("not a direction: \"" + text + "\"");
  }

  private static Attribute ssrc(String value) throws BadValue {
    String[] ssrc = head(value, "ssrc");
    if (ssrc[1].isEmpty()) {
      throw new BadValue("ssrc has no attribute: \"" + value + "\"");
    }
    int colon = ssrc[1].indexOf(':');
    String attribute = colon < 0 ? ssrc[1] : ssrc[1].substring(0, colon);
    if (attribute.isEmpty() || Tokens.split(attribute).size() != 1) {
      throw new BadValue("ssrc attribute is not one word: \"" + attribute + "\"");
    }
    return new Attribute.Ssrc(
        number(ssrc[0], 0, MAX_SSRC, "ssrc"),
        attribute,
        colon < 0 ? null : ssrc[1].substring(colon + 1));
  }

  private static Attribute ssrcGroup(String value) throws BadValue {
    List<String> tokens = split(value);
    if (tokens.size() < 2) {
      throw new BadValue("ssrc-group is \"<semantics> <ssrc>...\": \"" + value + "\"");
    }
    List<Long> ssrcs = new ArrayList<>();
    for (String s : tokens.subList(1, tokens.size())) {
      ssrcs.add(number(s, 0, MAX_SSRC, "ssrc"));
    }
    return new Attribute.SsrcGroup(tokens.get(0), ssrcs);
  }

  private static String ridId(String text) throws BadValue {
    if (!RID_ID.matcher(text).matches()) {
      throw new BadValue("a rid is 1 to 32 letters, digits, - or _: \"" + text + "\"");
    }
    return text;
  }

  private static Attribute rid(String value) throws BadValue {
    String[] id = head(value, "rid");
    String[] direction = head(id[1].isEmpty() ? "?" : id[1], "rid direction");
    Rid.RidDirection d =
        switch (direction[0]) {
          case "send" -> Rid.RidDirection.SEND;
          case "recv" -> Rid.RidDirection.RECV;
          default -> throw new BadValue("rid direction is send or recv: \"" + value + "\"");
        };
    return new Rid(ridId(id[0]), d, direction[1].isEmpty() ? null : direction[1]);
  }

  private static Attribute simulcast(String value) throws BadValue {
    List<String> tokens = split(value);
    if (tokens.isEmpty() || tokens.size() % 2 != 0) {
      throw new BadValue("simulcast is \"send|recv <streams> [...]\": \"" + value + "\"");
    }
    List<List<String>> send = null;
    List<List<String>> recv = null;
    for (int i = 0; i < tokens.size(); i += 2) {
      List<List<String>> streams = streams(tokens.get(i + 1));
      switch (tokens.get(i)) {
        case "send" -> {
          if (send != null) {
            throw new BadValue("simulcast gives send twice");
          }
          send = streams;
        }
        case "recv" -> {
          if (recv != null) {
            throw new BadValue("simulcast gives recv twice");
          }
          recv = streams;
        }
        default -> throw new BadValue("simulcast direction is send or recv: " + tokens.get(i));
      }
    }
    return new Attribute.Simulcast(
        send == null ? List.of() : send, recv == null ? List.of() : recv);
  }

  private static List<List<String>> streams(String list) throws BadValue {
    List<List<String>> streams = new ArrayList<>();
    for (String stream : list.split(";", -1)) {
      List<String> alternatives = new ArrayList<>();
      for (String alternative : stream.split(",", -1)) {
        ridId(alternative.startsWith("~") ? alternative.substring(1) : alternative);
        alternatives.add(alternative);
      }
      streams.add(alternatives);
    }
    return streams;
  }

  private static Attribute candidate(String value) throws BadValue {
    List<String> tokens = split(value);
    if (tokens.size() < 8 || !tokens.get(6).equals("typ")) {
      throw new BadValue(
          "a candidate is \"<foundation> <component> <transport> <priority> <address> <port> typ"
              + " <type> ...\": \""
              + value
              + "\"");
    }
    return new Candidate(
        tokens.get(0),
        integer(tokens.get(1), 1, 256, "component"),
        tokens.get(2),
        number(tokens.get(3), 0, MAX_SSRC, "priority"),
        tokens.get(4),
        integer(tokens.get(5), 0, 65535, "port"),
        tokens.get(7),
        String.join(" ", tokens.subList(8, tokens.size())));
  }
}
