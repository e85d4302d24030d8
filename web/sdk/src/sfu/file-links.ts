import { defaults } from '../defaults.js';
import { Emitter } from '../emitter.js';
import type { ParleyError } from '../errors.js';
import type { Transfer } from '../files/transfer.js';
import type { LocalTracks } from '../media/local-media.js';
import { PeerLink } from '../peer/peer-link.js';
import { isPolite } from '../protocol/roles.js';
import { randomId } from '../util/id.js';
import { isObject, type JsonObject } from '../util/json.js';

const NO_TRACKS: LocalTracks = { microphone: null, camera: null, screen: null, userStream: null, screenStream: null };
const NO_MEDIA = { audio: false, video: false, screen: false };

export interface FileLinksOptions {
  localId(): string;
  /** A signal to one peer, relayed by the server. */
  sendSignal(to: string, data: JsonObject): void;
  configuration(): RTCConfiguration;
  readonly createPeerConnection?: (configuration: RTCConfiguration) => RTCPeerConnection;
}

export interface FileLinksEvents {
  transfer: Transfer;
  error: ParleyError;
}

interface FileLink {
  readonly id: string;
  readonly link: PeerLink;
  running: number;
  idle: ReturnType<typeof setTimeout> | undefined;
}

/**
 * File transfers in an SFU room, where the media goes through the server: a data-channel-only
 * peer connection to the one peer a file goes to or comes from, opened on demand and closed
 * once its transfers have ended. Its signals are ordinary relayed signals, wrapped as
 * `{"fileLink": "<id>", "signal": <peer signal>}`; a new id from a peer replaces that peer's
 * link (each side may have closed its end already).
 */
export class FileLinks extends Emitter<FileLinksEvents> {
  private readonly links = new Map<string, FileLink>();

  constructor(private readonly options: FileLinksOptions) {
    super();
  }

  /** Whether signal data from a peer belongs to a file link. */
  static carries(data: JsonObject): boolean {
    return typeof data['fileLink'] === 'string' && isObject(data['signal']);
  }

  send(peerId: string, file: Blob, name: string): Transfer | null {
    const entry = this.links.get(peerId) ?? this.open(peerId, randomId(), false);
    return entry.link.sendFile(file, name);
  }

  receive(from: string, data: JsonObject): void {
    const id = data['fileLink'] as string;
    let entry = this.links.get(from);
    if (entry?.id !== id) {
      if (entry) this.drop(from, entry);
      entry = this.open(from, id, true);
    }
    entry.link.receive(data['signal'] as JsonObject);
  }

  /** The peer left: its link goes. */
  forget(peerId: string): void {
    const entry = this.links.get(peerId);
    if (entry) this.drop(peerId, entry);
  }

  clear(): void {
    for (const [peerId, entry] of [...this.links]) this.drop(peerId, entry);
  }

  /** @param answering the peer opened this link: its offer is on the way */
  private open(peerId: string, id: string, answering: boolean): FileLink {
    const options = this.options;
    const link = new PeerLink(
      {
        remoteId: peerId,
        polite: isPolite(options.localId(), peerId),
        configuration: () => options.configuration(),
        media: false,
        ...(options.createPeerConnection ? { createPeerConnection: options.createPeerConnection } : {}),
      },
      NO_TRACKS,
      NO_MEDIA,
    );
    const entry: FileLink = { id, link, running: 0, idle: undefined };
    this.links.set(peerId, entry);
    link.on('signal', (signal) => options.sendSignal(peerId, { fileLink: id, signal }));
    link.on('transfer', (transfer) => this.onTransfer(peerId, entry, transfer));
    link.on('rebuild-needed', () => link.rebuild());
    link.on('error', (error) => this.emit('error', error));
    link.open(answering);
    return entry;
  }

  private onTransfer(peerId: string, entry: FileLink, transfer: Transfer): void {
    entry.running++;
    if (entry.idle !== undefined) clearTimeout(entry.idle);
    entry.idle = undefined;
    transfer.on('end', () => {
      entry.running--;
      // A little later, so that the last acknowledgement reaches the other side first.
      if (entry.running === 0) {
        entry.idle = setTimeout(() => {
          if (this.links.get(peerId) === entry && entry.running === 0) this.drop(peerId, entry);
        }, defaults.sfu.fileLinkIdleMs);
      }
    });
    this.emit('transfer', transfer);
  }

  private drop(peerId: string, entry: FileLink): void {
    if (entry.idle !== undefined) clearTimeout(entry.idle);
    this.links.delete(peerId);
    entry.link.removeAllListeners();
    entry.link.close();
  }
}
