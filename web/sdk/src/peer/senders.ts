import type { LocalTracks } from '../media/local-media.js';

/**
 * Puts the local tracks on one peer connection's senders:
 * - microphone and camera: added once, then switched with `replaceTrack` (no renegotiation;
 *   a camera turned off sends nothing on the same sender);
 * - screen: a video track of its own (in its own stream, so the receiver can tell it from the
 *   camera). Starting or stopping it flips its transceiver between sending and receive-only,
 *   which renegotiates; the transceiver is reused for the next share.
 *
 * `apply` calls must not overlap (the peer link chains them).
 */
export class Senders {
  private microphone: RTCRtpSender | null = null;
  private camera: RTCRtpSender | null = null;
  private screen: RTCRtpTransceiver | null = null;
  private receiving = false;

  constructor(private readonly pc: RTCPeerConnection) {}

  async apply(local: LocalTracks): Promise<void> {
    this.microphone = await this.user(this.microphone, local.microphone, local.userStream);
    this.camera = await this.user(this.camera, local.camera, local.userStream);
    this.receiveWithoutSending();
    await this.applyScreen(local.screen, local.screenStream);
  }

  /**
   * A peer with no microphone or camera still offers to receive audio and video, so its offers
   * have the same sections as everyone else's. Otherwise its first offer holds only the data
   * channels, and when that offer is rolled back (glare with the other side's) Chromium has
   * been seen to leave the chat channel unusable. A track added later takes the transceiver
   * over (addTrack reuses a transceiver that never sent).
   */
  private receiveWithoutSending(): void {
    if (this.receiving || this.pc.signalingState === 'closed') return;
    this.receiving = true;
    if (!this.microphone) this.pc.addTransceiver('audio', { direction: 'recvonly' });
    if (!this.camera) this.pc.addTransceiver('video', { direction: 'recvonly' });
  }

  private async user(
    sender: RTCRtpSender | null,
    track: MediaStreamTrack | null,
    stream: MediaStream | null,
  ): Promise<RTCRtpSender | null> {
    if (sender) {
      if (sender.track !== track) await sender.replaceTrack(track);
      return sender;
    }
    if (track && stream && this.pc.signalingState !== 'closed') {
      return this.pc.addTrack(track, stream);
    }
    return null;
  }

  private async applyScreen(track: MediaStreamTrack | null, stream: MediaStream | null): Promise<void> {
    const transceiver = this.screen;
    if (track && stream) {
      if (!transceiver) {
        if (this.pc.signalingState === 'closed') return;
        const sender = this.pc.addTrack(track, stream);
        this.screen = this.pc.getTransceivers().find((t) => t.sender === sender) ?? null;
        return;
      }
      if (transceiver.sender.track !== track) await transceiver.sender.replaceTrack(track);
      if (transceiver.direction !== 'sendrecv') transceiver.direction = 'sendrecv';
    } else if (transceiver && transceiver.sender.track) {
      await transceiver.sender.replaceTrack(null);
      transceiver.direction = 'recvonly';
    }
  }
}
