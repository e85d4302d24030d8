package dev.parley.sfu;

/**
 * The RTP header extension ids one peer connection negotiated (RFC 8285; 0 for one it did not):
 * those of a publisher's transport for the packets it sends, those of a subscriber's for the
 * packets it receives. Ids are 1-14, the one-byte form browsers use.
 */
public record HeaderExtensions(
    int absSendTime, int transportCc, int audioLevel, int mid, int rid, int repairedRid) {
  private static final int MAX_ID = 14;

  public static final HeaderExtensions NONE = new HeaderExtensions(0, 0, 0, 0, 0, 0);

  public HeaderExtensions {
    for (int id : new int[] {absSendTime, transportCc, audioLevel, mid, rid, repairedRid}) {
      if (id < 0 || id > MAX_ID) {
        throw new IllegalArgumentException("a header extension id is 1-14 (0 for none), not " + id);
      }
    }
  }

  /**
   * The table for {@link dev.parley.rtp.RtpPacket#remapExtensions} from these ids to a receiver's:
   * mid, rid and repaired-rid are dropped (a subscriber tells streams apart by the SSRCs its SDP
   * names, and a publisher's mid means nothing on its transport), and so is anything the receiver
   * did not negotiate.
   */
  byte[] remapTo(HeaderExtensions receiver) {
    byte[] ids = new byte[MAX_ID + 1];
    ids[absSendTime] = (byte) receiver.absSendTime;
    ids[transportCc] = (byte) receiver.transportCc;
    ids[audioLevel] = (byte) receiver.audioLevel;
    ids[0] = 0; // where the extensions this side lacks were written; no element has id 0
    return ids;
  }
}
