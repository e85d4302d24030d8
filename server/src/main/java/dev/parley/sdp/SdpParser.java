package dev.parley.sdp;

import dev.parley.sdp.SessionDescription.Line;
import dev.parley.sdp.SessionDescription.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an SDP session description (RFC 8866) as browsers write it for WebRTC. Lines end in CRLF or
 * LF. Bounded, since the text comes from a browser through signaling: at most {@link #MAX_CHARS}
 * characters, {@link #MAX_LINES} lines and {@link #MAX_SECTIONS} media sections. Anything else
 * wrong raises {@link SdpParseException} with the line, never another exception.
 */
public final class SdpParser {
  /** Far above a browser's offer of 64 tracks (about 2,000 characters a section). */
  public static final int MAX_CHARS = 256 * 1024;

  public static final int MAX_LINES = 8192;

  /** Twice the most tracks an SFU connection is let carry. */
  public static final int MAX_SECTIONS = 128;

  private SdpParser() {}

  public static SessionDescription parse(String text) throws SdpParseException {
    if (text.length() > MAX_CHARS) {
      throw new SdpParseException(
          0, "the description has " + text.length() + " characters, more than " + MAX_CHARS);
    }
    List<String> lines = lines(text);
    return new Reader(lines).read();
  }

  private static List<String> lines(String text) throws SdpParseException {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      int next = end < 0 ? text.length() : end + 1;
      if (end < 0) {
        end = text.length();
      } else if (end > start && text.charAt(end - 1) == '\r') {
        end--;
      }
      if (lines.size() == MAX_LINES) {
        throw new SdpParseException(0, "the description has more than " + MAX_LINES + " lines");
      }
      lines.add(text.substring(start, end));
      start = next;
    }
    return lines;
  }

  /** One pass over the lines, in the order RFC 8866 §5 gives them. */
  private static final class Reader {
    private final List<String> lines;
    private int index;

    Reader(List<String> lines) {
      this.lines = lines;
    }

    SessionDescription read() throws SdpParseException {
      String version = expect('v');
      if (!version.equals("0")) {
        throw new SdpParseException(1, "the version is 0, not \"" + version + "\"");
      }
      Origin origin = origin(expect('o'));
      String sessionName = expect('s');
      List<Line> others = new ArrayList<>();
      List<Attribute> attributes = new ArrayList<>();
      String timing = null;
      while (index < lines.size() && type(index) != 'm') {
        char type = type(index);
        String value = value(index);
        switch (type) {
          case 'a' -> attributes.add(attribute(value));
          case 't' -> {
            if (timing != null) {
              throw error("a second t= line: Parley takes one");
            }
            timing = timing(value);
          }
          case 'v', 'o', 's' -> throw error(type + "= is out of place");
          default -> others.add(new Line(type, value));
        }
        index++;
      }
      if (timing == null) {
        throw new SdpParseException(index, "the description has no t= line");
      }
      List<MediaSection> media = new ArrayList<>();
      while (index < lines.size()) {
        if (media.size() == MAX_SECTIONS) {
          throw error("more than " + MAX_SECTIONS + " media sections");
        }
        media.add(section());
      }
      return new SessionDescription(origin, sessionName, others, timing, attributes, media);
    }

    private MediaSection section() throws SdpParseException {
      List<String> m = Tokens.split(value(index));
      if (m.size() < 4) {
        throw error("m= is \"<media> <port> <proto> <fmt> ...\"");
      }
      int port;
      try {
        port = Tokens.integer(m.get(1), 0, 65535, "port");
      } catch (BadValue e) {
        throw error(e.getMessage());
      }
      index++;
      List<Line> others = new ArrayList<>();
      List<Attribute> attributes = new ArrayList<>();
      while (index < lines.size() && type(index) != 'm') {
        char type = type(index);
        switch (type) {
          case 'a' -> attributes.add(attribute(value(index)));
          case 'v', 'o', 's', 't' -> throw error(type + "= is out of place in a media section");
          default -> others.add(new Line(type, value(index)));
        }
        index++;
      }
      return new MediaSection(m.get(0), port, m.get(2), m.subList(3, m.size()), others, attributes);
    }

    private String expect(char type) throws SdpParseException {
      if (index == lines.size()) {
        throw new SdpParseException(index, "the description ends before its " + type + "= line");
      }
      if (type(index) != type) {
        throw error("expected " + type + "=, found " + type(index) + "=");
      }
      return value(index++);
    }

    /** The line's type letter, once the line is checked to be {@code <letter>=<text>}. */
    private char type(int i) throws SdpParseException {
      String line = lines.get(i);
      if (line.length() < 2
          || line.charAt(1) != '='
          || line.charAt(0) < 'a'
          || line.charAt(0) > 'z') {
        throw new SdpParseException(i + 1, "a line is <letter>=<text>, not \"" + clip(line) + "\"");
      }
      for (int c = 2; c < line.length(); c++) {
        char ch = line.charAt(c);
        if (ch < 0x20 && ch != '\t' || ch == 0x7f) {
          throw new SdpParseException(i + 1, "a control character (" + (int) ch + ") in the line");
        }
      }
      return line.charAt(0);
    }

    private String value(int i) {
      return lines.get(i).substring(2);
    }

    private Attribute attribute(String value) throws SdpParseException {
      try {
        return AttributeParser.parse(value);
      } catch (BadValue e) {
        throw error(e.getMessage());
      }
    }

    private Origin origin(String value) throws SdpParseException {
      List<String> o = Tokens.split(value);
      if (o.size() != 6) {
        throw new SdpParseException(
            2, "o= is \"<username> <sess-id> <sess-version> <nettype> <addrtype> <address>\"");
      }
      try {
        if (o.get(1).length() > 32 || !o.get(1).chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw new BadValue("sess-id is 1 to 32 digits: \"" + o.get(1) + "\"");
        }
        long version = Tokens.number(o.get(2), 0, Long.MAX_VALUE, "sess-version");
        return new Origin(o.get(0), o.get(1), version, o.get(3), o.get(4), o.get(5));
      } catch (BadValue e) {
        throw new SdpParseException(2, e.getMessage());
      }
    }

    private String timing(String value) throws SdpParseException {
      List<String> t = Tokens.split(value);
      try {
        if (t.size() != 2) {
          throw new BadValue("t= is \"<start> <stop>\"");
        }
        Tokens.number(t.get(0), 0, Long.MAX_VALUE, "start time");
        Tokens.number(t.get(1), 0, Long.MAX_VALUE, "stop time");
      } catch (BadValue e) {
        throw error(e.getMessage());
      }
      return value;
    }

    private SdpParseException error(String problem) {
      return new SdpParseException(index + 1, problem);
    }

    private static String clip(String line) {
      return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }
  }
}
