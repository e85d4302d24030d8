package dev.parley.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code a=} line, typed where Parley reads it and kept verbatim ({@link Other}) where it does
 * not, so a description read and written back loses nothing. The records hold values already
 * checked by {@link AttributeParser}; {@link SdpWriter} writes each back to the same text.
 */
public sealed interface Attribute {

  /** A property attribute without a value that Parley reads (RFC 8866 §5.13). */
  enum Flag implements Attribute {
    ICE_LITE("ice-lite"),
    RTCP_MUX("rtcp-mux"),
    RTCP_RSIZE("rtcp-rsize"),
    EXTMAP_ALLOW_MIXED("extmap-allow-mixed"),
    BUNDLE_ONLY("bundle-only"),
    END_OF_CANDIDATES("end-of-candidates");

    final String sdpName;

    Flag(String sdpName) {
      this.sdpName = sdpName;
    }
  }

  /** a=sendrecv, sendonly, recvonly, inactive (RFC 8866 §6.7). */
  enum Direction implements Attribute {
    SENDRECV,
    SENDONLY,
    RECVONLY,
    INACTIVE;

    String sdpName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The direction an answerer takes to this offered one (RFC 8829 §5.3.1). */
    public Direction reversed() {
      return switch (this) {
        case SENDONLY -> RECVONLY;
        case RECVONLY -> SENDONLY;
        case SENDRECV, INACTIVE -> this;
      };
    }
  }

  /** a=group:BUNDLE 0 1 2 (RFC 5888, RFC 8843). */
  record Group(String semantics, List<String> ids) implements Attribute {
    public Group {
      ids = List.copyOf(ids);
    }
  }

  /** a=msid-semantic: WMS * (the browsers' pre-RFC 8830 line). */
  record MsidSemantic(String semantics, List<String> ids) implements Attribute {
    public MsidSemantic {
      ids = List.copyOf(ids);
    }
  }

  /** a=ice-ufrag (RFC 8839 §5.4). */
  record IceUfrag(String value) implements Attribute {}

  /** a=ice-pwd (RFC 8839 §5.4). */
  record IcePwd(String value) implements Attribute {}

  /** a=ice-options:trickle ... (RFC 8839 §5.6). */
  record IceOptions(List<String> options) implements Attribute {
    public IceOptions {
      options = List.copyOf(options);
    }
  }

  /** a=fingerprint:sha-256 AB:CD:... (RFC 8122 §5); the hash name as written. */
  record Fingerprint(String hash, String value) implements Attribute {
    /**
     * From {@code "sha-256 AB:CD:..."}, as {@code dtls.CertificateFingerprint.sdp()} writes it.
     *
     * @throws IllegalArgumentException when it is not two words
     */
    public static Fingerprint of(String sdp) {
      List<String> words = Tokens.split(sdp);
      if (words.size() != 2) {
        throw new IllegalArgumentException("a fingerprint is \"<hash> <hex bytes>\": " + sdp);
      }
      return new Fingerprint(words.get(0), words.get(1));
    }

    /** {@code "sha-256 AB:CD:..."}, for {@code dtls.CertificateFingerprint.parse}. */
    public String sdp() {
      return hash + " " + value;
    }
  }

  /** a=setup (RFC 4145 §4, RFC 8842). */
  record Setup(Role role) implements Attribute {
    /** Who opens the DTLS association. */
    public enum Role {
      ACTIVE,
      PASSIVE,
      ACTPASS,
      HOLDCONN
    }
  }

  /** a=mid (RFC 5888 §4). */
  record Mid(String value) implements Attribute {}

  /** a=msid:stream track (RFC 8830 §2); {@code track} null when only the stream is given. */
  record Msid(String stream, String track) implements Attribute {}

  /** a=rtpmap:111 opus/48000/2 (RFC 8866 §6.6); {@code channels} 0 when not written. */
  record Rtpmap(int payloadType, String encoding, int clockRate, int channels)
      implements Attribute {}

  /** a=fmtp:111 minptime=10;useinbandfec=1 (RFC 8866 §6.15), parameters as written. */
  record Fmtp(int payloadType, String parameters) implements Attribute {}

  /**
   * a=rtcp-fb:96 nack pli (RFC 4585 §4.2); {@code payloadType} -1 for {@code *}, {@code parameter}
   * null when absent.
   */
  record RtcpFb(int payloadType, String type, String parameter) implements Attribute {
    public static final int ANY = -1;
  }

  /**
   * a=extmap:3/recvonly urn:... (RFC 8285 §8); {@code direction} and {@code attributes} null when
   * absent.
   */
  record Extmap(int id, Direction direction, String uri, String attributes) implements Attribute {}

  /** a=ssrc:1234 cname:abc (RFC 5576 §4.1); {@code value} null for an attribute without one. */
  record Ssrc(long ssrc, String attribute, String value) implements Attribute {}

  /** a=ssrc-group:FID 1234 5678 (RFC 5576 §4.2). */
  record SsrcGroup(String semantics, List<Long> ssrcs) implements Attribute {
    public SsrcGroup {
      ssrcs = List.copyOf(ssrcs);
    }
  }

  /** a=rid:q send (RFC 8851 §4); {@code restrictions} null when absent. */
  record Rid(String id, RidDirection direction, String restrictions) implements Attribute {
    /** Whether the rid is sent or received by the side that writes it. */
    public enum RidDirection {
      SEND,
      RECV
    }
  }

  /**
   * a=simulcast:send q;h;f recv x (RFC 8853 §5.1): each direction's streams in order, each a list
   * of alternative rids (a paused one keeps its {@code ~}); an empty list for a direction not
   * given.
   */
  record Simulcast(List<List<String>> send, List<List<String>> recv) implements Attribute {
    public Simulcast {
      send = send.stream().map(List::copyOf).toList();
      recv = recv.stream().map(List::copyOf).toList();
    }
  }

  /**
   * a=candidate (RFC 8839 §5.1); {@code extensions} is what follows the type ({@code raddr ...
   * generation 0}), empty when nothing does.
   */
  record Candidate(
      String foundation,
      int component,
      String transport,
      long priority,
      String address,
      int port,
      String type,
      String extensions)
      implements Attribute {
    /** A host candidate of component 1 over UDP, the only kind the SFU offers. */
    public static Candidate udpHost(String foundation, long priority, String address, int port) {
      return new Candidate(foundation, 1, "udp", priority, address, port, "host", "");
    }
  }

  /** a=sctp-port (RFC 8841 §5). */
  record SctpPort(int port) implements Attribute {}

  /** a=max-message-size (RFC 8841 §6). */
  record MaxMessageSize(long bytes) implements Attribute {}

  /** Any other attribute, as written; {@code value} null for a property attribute. */
  record Other(String name, String value) implements Attribute {
    public Other {
      Objects.requireNonNull(name);
    }
  }
}
