package dev.parley.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.parley.protocol.ClientMessage.Broadcast;
import dev.parley.protocol.ClientMessage.Join;
import dev.parley.protocol.ClientMessage.Leave;
import dev.parley.protocol.ClientMessage.Legacy;
import dev.parley.protocol.ClientMessage.LegacyKind;
import dev.parley.protocol.ClientMessage.Ping;
import dev.parley.protocol.ClientMessage.Publish;
import dev.parley.protocol.ClientMessage.Render;
import dev.parley.protocol.ClientMessage.Signal;
import dev.parley.protocol.ClientMessage.SubscribeAnswer;
import java.io.IOException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Decodes one text frame into a {@link ClientMessage}, or refuses it with the error code the
 * protocol names. A streaming parser is used so that {@code signal.data} is kept as the exact bytes
 * the client sent (relayed verbatim) without building a tree. Thread-safe.
 */
public final class ClientCodec {
  static final int MAX_PEER_ID_LENGTH = 64;

  /** A track id is a participant id and a mid; more is not one the server gave. */
  static final int MAX_TRACK_ID_LENGTH = 128;

  /** Larger than any screen (8K is 7680 wide), small enough to stay an int. */
  static final int MAX_RENDER_PIXELS = 16384;

  private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9._~-]{1,64}");

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          // A frame is at most a few tens of KiB; deep nesting is never legitimate signaling.
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
          .build();

  private ClientCodec() {}

  /** The fields of one frame as found, before the message type decides which matter. */
  private static final class Fields {
    String type;
    String room;
    String name;
    String token;
    String resume;
    String to;
    RawJson data;
    long seq = -1;
    long ack = -1;
    long resend = -1;
    boolean hasSdp;

    /** {@code sdp} as a string: the SFU messages' form (legacy mode's is an object). */
    String sdpText;

    String trackId;
    long width = -1;
    long height = -1;
    boolean hasCandidate;

    /** The first field of the wrong JSON type; reported only once the frame proved well-formed. */
    String wrongType;
  }

  public static ClientMessage decode(byte[] frame) throws ProtocolException {
    Fields fields = parse(frame);
    if (fields.wrongType != null) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, fields.wrongType);
    }
    if (fields.type == null) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "missing field 'type'");
    }
    return switch (fields.type) {
      case "join" -> join(fields);
      case "signal" -> signal(fields);
      case "leave" -> Leave.INSTANCE;
      case "ping" -> Ping.INSTANCE;
      case "publish" -> new Publish(sdp(fields));
      case "subscribe-answer" -> new SubscribeAnswer(sdp(fields));
      case "render" -> render(fields);
      case "broadcast" -> new Broadcast(data(fields));
      case "offer" -> legacyDescription(LegacyKind.OFFER, fields, frame);
      case "answer" -> legacyDescription(LegacyKind.ANSWER, fields, frame);
      case "ice-candidate" -> legacyCandidate(fields, frame);
      default ->
          throw new ProtocolException(
              ErrorCode.UNKNOWN_TYPE, "unknown message type '" + printable(fields.type) + "'");
    };
  }

  private static Fields parse(byte[] frame) throws ProtocolException {
    Fields fields = new Fields();
    try (JsonParser parser = JSON.createParser(frame)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        skipRest(parser);
        throw new ProtocolException(ErrorCode.BAD_MESSAGE, "a message must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "type" -> fields.type = string(parser, value, field, fields);
          case "room" -> fields.room = string(parser, value, field, fields);
          case "name" -> fields.name = string(parser, value, field, fields);
          case "token" -> fields.token = string(parser, value, field, fields);
          case "resume" -> fields.resume = string(parser, value, field, fields);
          case "to" -> fields.to = string(parser, value, field, fields);
          case "data" -> fields.data = object(parser, value, frame, field, fields);
          case "seq" -> fields.seq = number(parser, value, field, fields);
          case "ack" -> fields.ack = number(parser, value, field, fields);
          case "resend" -> fields.resend = number(parser, value, field, fields);
          case "sdp" -> {
            if (value == JsonToken.VALUE_STRING) {
              fields.sdpText = parser.getText();
            } else {
              fields.hasSdp = object(parser, value, frame, field, fields) != null;
            }
          }
          case "trackId" -> fields.trackId = string(parser, value, field, fields);
          case "width" -> fields.width = number(parser, value, field, fields);
          case "height" -> fields.height = number(parser, value, field, fields);
          case "candidate" ->
              fields.hasCandidate = object(parser, value, frame, field, fields) != null;
          default -> parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new ProtocolException(
            ErrorCode.BAD_JSON, "not valid JSON: content after the message object");
      }
    } catch (JsonProcessingException e) {
      throw new ProtocolException(ErrorCode.BAD_JSON, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      // Parsing a byte array does no I/O; anything else is malformed input.
      throw new ProtocolException(ErrorCode.BAD_JSON, "not valid JSON: " + e.getMessage());
    }
    return fields;
  }

  /** Makes sure a non-object frame is at least well-formed JSON, so the right code is sent. */
  private static void skipRest(JsonParser parser) throws IOException {
    parser.skipChildren();
    while (parser.nextToken() != null) {
      parser.skipChildren();
    }
  }

  private static String string(JsonParser parser, JsonToken value, String field, Fields fields)
      throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (value != JsonToken.VALUE_NULL) {
      noteWrongType(fields, "field '" + field + "' must be a string");
      parser.skipChildren();
    }
    return null;
  }

  /** A whole number from 0 to {@link Sequence#MAX}, or -1 when absent or null. */
  private static long number(JsonParser parser, JsonToken value, String field, Fields fields)
      throws IOException {
    if (value == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
        && parser.getLongValue() >= 0
        && parser.getLongValue() <= Sequence.MAX) {
      return parser.getLongValue();
    }
    if (value != JsonToken.VALUE_NULL) {
      noteWrongType(fields, "field '" + field + "' must be a whole number from 0 to 2^53-1");
      parser.skipChildren();
    }
    return -1;
  }

  private static RawJson object(
      JsonParser parser, JsonToken value, byte[] frame, String field, Fields fields)
      throws IOException {
    if (value != JsonToken.START_OBJECT) {
      if (value != JsonToken.VALUE_NULL) {
        noteWrongType(fields, "field '" + field + "' must be a JSON object");
      }
      parser.skipChildren();
      return null;
    }
    int start = (int) parser.currentTokenLocation().getByteOffset();
    parser.skipChildren();
    int end = (int) parser.currentLocation().getByteOffset();
    return new RawJson(Arrays.copyOfRange(frame, start, end));
  }

  private static void noteWrongType(Fields fields, String problem) {
    if (fields.wrongType == null) {
      fields.wrongType = problem;
    }
  }

  private static Join join(Fields fields) throws ProtocolException {
    if (fields.room == null) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "missing field 'room'");
    }
    if (!ROOM.matcher(fields.room).matches()) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "field 'room' must be 1 to 64 characters of A-Z a-z 0-9 . _ ~ -");
    }
    return new Join(
        fields.room,
        DisplayName.check(fields.name),
        emptyToNull(fields.token),
        emptyToNull(fields.resume));
  }

  private static Signal signal(Fields fields) throws ProtocolException {
    if (fields.to == null || fields.to.isEmpty()) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "missing field 'to'");
    }
    if (fields.to.length() > MAX_PEER_ID_LENGTH) {
      throw new ProtocolException(
          ErrorCode.UNKNOWN_PEER, "no peer '" + printable(fields.to) + "' in this room");
    }
    return new Signal(fields.to, data(fields), new Sequence(fields.seq, fields.ack, fields.resend));
  }

  private static String sdp(Fields fields) throws ProtocolException {
    if (fields.sdpText == null || fields.sdpText.isEmpty()) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "missing field 'sdp' (a string)");
    }
    return fields.sdpText;
  }

  private static RawJson data(Fields fields) throws ProtocolException {
    if (fields.data == null) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "missing field 'data' (a JSON object)");
    }
    return fields.data;
  }

  private static Render render(Fields fields) throws ProtocolException {
    if (fields.trackId == null || fields.trackId.isEmpty()) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "missing field 'trackId'");
    }
    if (fields.trackId.length() > MAX_TRACK_ID_LENGTH) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "field 'trackId' is longer than " + MAX_TRACK_ID_LENGTH);
    }
    if (fields.width < 0 || fields.height < 0) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "render needs 'width' and 'height' (whole numbers)");
    }
    if (fields.width > MAX_RENDER_PIXELS || fields.height > MAX_RENDER_PIXELS) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "'width' and 'height' are at most " + MAX_RENDER_PIXELS);
    }
    return new Render(fields.trackId, (int) fields.width, (int) fields.height);
  }

  private static Legacy legacyDescription(LegacyKind kind, Fields fields, byte[] frame)
      throws ProtocolException {
    if (!fields.hasSdp) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "missing field 'sdp' (a JSON object)");
    }
    return new Legacy(kind, new RawJson(frame));
  }

  private static Legacy legacyCandidate(Fields fields, byte[] frame) throws ProtocolException {
    if (!fields.hasCandidate) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "missing field 'candidate' (a JSON object)");
    }
    return new Legacy(LegacyKind.ICE_CANDIDATE, new RawJson(frame));
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** Echoes client text in an error without letting it grow the reply or smuggle control codes. */
  static String printable(String text) {
    String clipped = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    StringBuilder out = new StringBuilder(clipped.length());
    clipped.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
