import { defaults } from '../defaults.js';
import type { LocalTracks } from '../media/local-media.js';

export interface PublisherHooks {
  /** A fresh offer of the publish connection, for a `publish` message. */
  sendOffer(sdp: string): void;
  onError(operation: string, error: unknown): void;
}

/**
 * The publish connection of an SFU room: sendonly, offered by us and answered by the server.
 * The microphone and the camera each get a transceiver when first there, switched afterwards
 * with `replaceTrack` (a camera turned off sends nothing on the same transceiver, so the
 * server's track list does not change); the camera in three simulcast encodings (rids q, h,
 * f); a screen share is a third transceiver that turns inactive when the share stops and is
 * reused by the next. Adding one renegotiates: one offer at a time, the next after the answer.
 *
 * Contract: single-threaded; `apply` calls are chained in call order.
 */
export class Publisher {
  private microphone: RTCRtpTransceiver | null = null;
  private camera: RTCRtpTransceiver | null = null;
  private screen: RTCRtpTransceiver | null = null;
  private sync: Promise<void> = Promise.resolve();
  private awaitingAnswer = false;
  private offerAgain = false;
  private closed = false;

  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly hooks: PublisherHooks,
  ) {
    pc.onnegotiationneeded = () => void this.offer();
  }

  /** Puts the local tracks on the transceivers (in order with earlier calls). */
  apply(local: LocalTracks): Promise<void> {
    this.sync = this.sync
      .then(() => this.applyNow(local))
      .catch((error: unknown) => {
        if (!this.closed) this.hooks.onError('replaceTrack', error);
      });
    return this.sync;
  }

  /** The server's answer to our latest offer; one that answers nothing pending is dropped. */
  async receiveAnswer(sdp: string): Promise<void> {
    if (this.closed || this.pc.signalingState !== 'have-local-offer') return;
    try {
      await this.pc.setRemoteDescription({ type: 'answer', sdp });
    } catch (error) {
      this.hooks.onError('setRemoteDescription', error);
      await this.rollback();
      return;
    }
    this.awaitingAnswer = false;
    if (this.offerAgain) {
      this.offerAgain = false;
      void this.offer();
    }
  }

  /** The server refused our offer (`bad-sdp`, `media-limit`): back to the last agreed state. */
  async refused(): Promise<void> {
    await this.rollback();
  }

  /** The session resumed: an offer that may have been lost on the way is sent again. */
  resendOffer(): void {
    const offer = this.pc.localDescription;
    if (!this.closed && this.pc.signalingState === 'have-local-offer' && offer?.sdp) this.hooks.sendOffer(offer.sdp);
  }

  close(): void {
    this.closed = true;
    this.pc.onnegotiationneeded = null;
    this.pc.close();
  }

  private async applyNow(local: LocalTracks): Promise<void> {
    if (this.closed) return;
    const user = local.userStream ? [local.userStream] : [];
    this.microphone = await this.put(this.microphone, local.microphone, () => ({
      direction: 'sendonly',
      streams: user,
    }));
    const camera = (): RTCRtpTransceiverInit => ({
      direction: 'sendonly',
      streams: user,
      sendEncodings: defaults.sfu.simulcast.map((layer) => ({ ...layer })),
    });
    // The camera's transceiver comes before a screen's, even without a camera yet: receivers
    // tell the two apart by that order (sfu/forwarded.ts).
    if (!this.camera && !local.camera && local.screen && !this.screen) {
      this.camera = this.pc.addTransceiver('video', camera());
    }
    this.camera = await this.put(this.camera, local.camera, camera);
    await this.applyScreen(local.screen, local.screenStream);
  }

  private async put(
    transceiver: RTCRtpTransceiver | null,
    track: MediaStreamTrack | null,
    init: () => RTCRtpTransceiverInit,
  ): Promise<RTCRtpTransceiver | null> {
    if (transceiver) {
      if (transceiver.sender.track !== track) await transceiver.sender.replaceTrack(track);
      return transceiver;
    }
    return track ? this.pc.addTransceiver(track, init()) : null;
  }

  private async applyScreen(track: MediaStreamTrack | null, stream: MediaStream | null): Promise<void> {
    const transceiver = this.screen;
    if (track) {
      if (!transceiver) {
        this.screen = this.pc.addTransceiver(track, { direction: 'sendonly', streams: stream ? [stream] : [] });
        return;
      }
      if (transceiver.sender.track !== track) await transceiver.sender.replaceTrack(track);
      if (transceiver.direction !== 'sendonly') transceiver.direction = 'sendonly';
    } else if (transceiver && transceiver.direction !== 'inactive') {
      await transceiver.sender.replaceTrack(null);
      transceiver.direction = 'inactive';
    }
  }

  private async offer(): Promise<void> {
    if (this.closed) return;
    if (this.awaitingAnswer) {
      this.offerAgain = true;
      return;
    }
    this.awaitingAnswer = true;
    try {
      await this.pc.setLocalDescription(await this.pc.createOffer());
    } catch (error) {
      this.awaitingAnswer = false;
      if (!this.closed) this.hooks.onError('createOffer', error);
      return;
    }
    const sdp = this.pc.localDescription?.sdp;
    if (!this.closed && sdp) this.hooks.sendOffer(sdp);
  }

  private async rollback(): Promise<void> {
    this.awaitingAnswer = false;
    if (this.closed || this.pc.signalingState !== 'have-local-offer') return;
    try {
      await this.pc.setLocalDescription({ type: 'rollback' });
    } catch (error) {
      this.hooks.onError('rollback', error);
    }
  }
}
