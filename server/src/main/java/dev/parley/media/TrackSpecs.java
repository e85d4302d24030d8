package dev.parley.media;

import dev.parley.sdp.HeaderExtension;
import dev.parley.sdp.PublishedTrack;
import dev.parley.sfu.Codec;
import dev.parley.sfu.Encoding;
import dev.parley.sfu.HeaderExtensions;
import dev.parley.sfu.TrackSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where the SDP's view of a track and of header extensions meets the forwarding unit's. */
final class TrackSpecs {
  /**
   * The sizes the layers are taken to have, lowest first: the SDK's camera (1280 x 720) scaled down
   * by 4, 2 and 1 as the contract has it. Neither the SDP nor RTP says, and the unit needs a size
   * per layer to pick one by the subscriber's render size.
   */
  private static final int[][] LAYER_SIZES = {{320, 180}, {640, 360}, {1280, 720}};

  private TrackSpecs() {}

  /** The room-wide id of a publisher's track: its participant id and the m= section's mid. */
  static String trackId(String publisherId, String mid) {
    return publisherId + "-" + mid;
  }

  /**
   * The unit's spec of a track the publish answer accepted.
   *
   * @throws IllegalArgumentException when the SDP names its encodings in a way the unit cannot take
   */
  static TrackSpec of(String publisherId, PublishedTrack track) {
    List<Encoding> encodings = new ArrayList<>();
    if (!track.rids().isEmpty()) {
      // With rids the SSRCs are not tied to layers: the rid header extension is.
      int first = LAYER_SIZES.length - track.rids().size();
      for (int i = 0; i < track.rids().size(); i++) {
        int[] size = LAYER_SIZES[Math.max(0, first + i)];
        encodings.add(new Encoding(track.rids().get(i), 0, 0, 0, size[0], size[1]));
      }
    } else if (!track.ssrcs().isEmpty()) {
      long ssrc = track.ssrcs().getFirst();
      encodings.add(
          Encoding.ofSsrc((int) ssrc, (int) (long) track.rtxSsrcs().getOrDefault(ssrc, 0L)));
    } else {
      throw new IllegalArgumentException(
          "m= section " + track.mid() + " names neither an a=ssrc nor a=rid");
    }
    return new TrackSpec(
        trackId(publisherId, track.mid()),
        codec(track.codec()),
        track.payloadType(),
        track.rtxPayloadType(),
        track.mid(),
        encodings);
  }

  static Codec codec(dev.parley.sdp.Codec codec) {
    return switch (codec) {
      case OPUS -> Codec.OPUS;
      case VP8 -> Codec.VP8;
      case H264 -> Codec.H264;
    };
  }

  static dev.parley.sdp.Codec codec(Codec codec) {
    return switch (codec) {
      case OPUS -> dev.parley.sdp.Codec.OPUS;
      case VP8 -> dev.parley.sdp.Codec.VP8;
      case H264 -> dev.parley.sdp.Codec.H264;
    };
  }

  /** A publisher's ids: one BUNDLE gives each extension one id, so any track's will do. */
  static HeaderExtensions publishing(Collection<PublishedTrack> tracks) {
    int[] ids = new int[HeaderExtension.values().length];
    for (PublishedTrack track : tracks) {
      for (Map.Entry<HeaderExtension, Integer> entry : track.extensionIds().entrySet()) {
        if (ids[entry.getKey().ordinal()] == 0) {
          ids[entry.getKey().ordinal()] = entry.getValue();
        }
      }
    }
    return extensions(ids);
  }

  /**
   * A subscriber's ids: the SFU's own, for each extension the browser kept on any section (one it
   * did not keep on a section is ignored there, RFC 8285 section 5).
   */
  static HeaderExtensions subscribing(Collection<Set<HeaderExtension>> kept) {
    int[] ids = new int[HeaderExtension.values().length];
    for (Set<HeaderExtension> section : kept) {
      for (HeaderExtension extension : section) {
        ids[extension.ordinal()] = extension.subscribeId();
      }
    }
    return extensions(ids);
  }

  private static HeaderExtensions extensions(int[] ids) {
    return new HeaderExtensions(
        ids[HeaderExtension.ABS_SEND_TIME.ordinal()],
        ids[HeaderExtension.TRANSPORT_CC.ordinal()],
        ids[HeaderExtension.AUDIO_LEVEL.ordinal()],
        ids[HeaderExtension.MID.ordinal()],
        ids[HeaderExtension.RTP_STREAM_ID.ordinal()],
        ids[HeaderExtension.REPAIRED_RTP_STREAM_ID.ordinal()]);
  }
}
