/**
 * Chromium can leave a receiver's track `muted` after a rollback (the polite side of an offer
 * collision) although RTP keeps arriving and being decoded: the track never unmutes, and a
 * <video> or <audio> showing it stays frozen or silent while the connection looks healthy
 * (webrtc-pc issue 3081: rollback does not restore the transceiver's [[Receptive]] state). Seen
 * with Chromium 156 when two peers start a screen share at the same moment. The peer link
 * samples its receivers after each rollback and rebuilds the connection if one is stuck.
 */

/** One receiving track at one moment. */
export interface ReceiverSample {
  readonly trackId: string;
  readonly muted: boolean;
  /** inbound-rtp packetsReceived of the track's stream (0 if none yet). */
  readonly packetsReceived: number;
}

/** Tracks that were muted in both samples while their packet count grew in between. */
export function stuckReceivers(before: readonly ReceiverSample[], after: readonly ReceiverSample[]): string[] {
  const earlier = new Map(before.map((sample) => [sample.trackId, sample]));
  return after
    .filter((now) => {
      const then = earlier.get(now.trackId);
      return then !== undefined && then.muted && now.muted && now.packetsReceived > then.packetsReceived;
    })
    .map((sample) => sample.trackId);
}

/** Samples every receiver of a connection that is negotiated to receive. */
export async function sampleReceivers(pc: RTCPeerConnection): Promise<ReceiverSample[]> {
  const receiving = pc
    .getTransceivers()
    .filter((t) => t.currentDirection === 'sendrecv' || t.currentDirection === 'recvonly');
  return Promise.all(
    receiving.map(async (transceiver) => {
      let packetsReceived = 0;
      (await transceiver.receiver.getStats()).forEach((stat: { type?: string; packetsReceived?: number }) => {
        if (stat.type === 'inbound-rtp') packetsReceived += stat.packetsReceived ?? 0;
      });
      return { trackId: transceiver.receiver.track.id, muted: transceiver.receiver.track.muted, packetsReceived };
    }),
  );
}
