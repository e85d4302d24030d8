package dev.parley.sdp;

import dev.parley.sdp.Attribute.Fmtp;
import dev.parley.sdp.Attribute.RtcpFb;
import dev.parley.sdp.Attribute.Rtpmap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The codecs the SFU forwards, with the payload types of its subscribe offers. Those are the SFU's
 * own, the same on every subscribe connection: publishers choose theirs (Chrome's VP8 is 96,
 * Firefox's 120, and Chrome's 97 is Firefox's H.264), and one BUNDLE may not give a payload type
 * two meanings, so the forwarding unit rewrites each packet's payload type to these.
 */
public enum Codec {
  OPUS(MediaKind.AUDIO, "opus", 48000, 2, 111, -1, "minptime=10;useinbandfec=1"),
  VP8(MediaKind.VIDEO, "VP8", 90000, 0, 96, 97, ""),
  /** Constrained baseline, packetization mode 1: what both Chrome and Firefox (OpenH264) decode. */
  H264(
      MediaKind.VIDEO,
      "H264",
      90000,
      0,
      102,
      103,
      "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");

  /** The feedback the SFU answers or sends (RFC 4585, RFC 5104, REMB, transport-cc). */
  static final List<String> FEEDBACK =
      List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");

  private final MediaKind kind;
  private final String encoding;
  private final int clockRate;
  private final int channels;
  private final int payloadType;
  private final int rtxPayloadType;
  private final String fmtp;

  Codec(
      MediaKind kind,
      String encoding,
      int clockRate,
      int channels,
      int payloadType,
      int rtxPayloadType,
      String fmtp) {
    this.kind = kind;
    this.encoding = encoding;
    this.clockRate = clockRate;
    this.channels = channels;
    this.payloadType = payloadType;
    this.rtxPayloadType = rtxPayloadType;
    this.fmtp = fmtp;
  }

  public MediaKind kind() {
    return kind;
  }

  public int clockRate() {
    return clockRate;
  }

  /** The payload type in the SFU's subscribe offers. */
  public int payloadType() {
    return payloadType;
  }

  /** The RTX payload type in the SFU's subscribe offers, -1 for a codec sent without RTX. */
  public int rtxPayloadType() {
    return rtxPayloadType;
  }

  /** Whether an offered rtpmap, with its fmtp parameters ("" when none), is this codec. */
  boolean matches(Rtpmap rtpmap, String parameters) {
    if (!rtpmap.encoding().toLowerCase(Locale.ROOT).equals(encoding.toLowerCase(Locale.ROOT))
        || rtpmap.clockRate() != clockRate
        || (channels != 0 && rtpmap.channels() != channels)) {
      return false;
    }
    return this != H264
        || (FormatParameters.get(parameters, "packetization-mode").equals("1")
            && FormatParameters.get(parameters, "profile-level-id").equalsIgnoreCase("42e01f"));
  }

  /** The rtpmap, fmtp and rtcp-fb lines of this codec (and its RTX) in a subscribe offer. */
  List<Attribute> subscribeAttributes() {
    List<Attribute> lines = new ArrayList<>();
    lines.add(new Rtpmap(payloadType, encoding, clockRate, channels));
    if (!fmtp.isEmpty()) {
      lines.add(new Fmtp(payloadType, fmtp));
    }
    for (String feedback : kind == MediaKind.AUDIO ? List.of("transport-cc") : FEEDBACK) {
      String[] words = feedback.split(" ", 2);
      lines.add(new RtcpFb(payloadType, words[0], words.length == 2 ? words[1] : null));
    }
    if (rtxPayloadType >= 0) {
      lines.add(new Rtpmap(rtxPayloadType, "rtx", clockRate, 0));
      lines.add(new Fmtp(rtxPayloadType, "apt=" + payloadType));
    }
    return lines;
  }
}
