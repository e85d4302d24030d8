import type { MediaMode } from '../protocol/messages.js';
import type { Members } from './members.js';
import { PeerRoster } from './roster.js';
import { SfuRoster, type SfuRosterHost } from './sfu-roster.js';

/**
 * Which members a room has now: its mesh of peer links, or, once the server says the room is
 * SFU, the forwarding unit's. Turning SFU hands the peers over (the same views, their mesh
 * tracks removed); a room turns back to mesh only when a new session finds it so (it emptied
 * while we were away), and then the SFU peers are lost.
 */
export class MediaModes {
  readonly mesh: PeerRoster;
  private sfuRoster: SfuRoster | null = null;

  constructor(private readonly host: SfuRosterHost) {
    this.mesh = new PeerRoster(host);
  }

  get mode(): MediaMode {
    return this.sfuRoster ? 'sfu' : 'mesh';
  }

  get members(): Members {
    return this.sfuRoster ?? this.mesh;
  }

  /** The SFU side, in SFU mode. */
  get sfu(): SfuRoster | null {
    return this.sfuRoster;
  }

  /** Goes to `mode` if the room is not in it; true if it changed. */
  turn(mode: MediaMode): boolean {
    if (mode === this.mode) return false;
    if (mode === 'sfu') {
      this.sfuRoster = new SfuRoster(this.host, this.mesh.handOver());
    } else {
      const sfu = this.sfuRoster as SfuRoster;
      for (const peer of sfu.views) sfu.remove(peer.id, 'lost');
      this.clear();
    }
    this.host.events.emit('media-mode', { mode });
    return true;
  }

  /** Closes everything, silently: the room is closing. */
  clear(): void {
    this.mesh.clear();
    this.sfuRoster?.clear();
    this.sfuRoster = null;
  }
}
