import type { TrackSource } from '../peer/peer-link.js';
import type { ForwardedTrack } from '../protocol/messages.js';

/**
 * What each forwarded track is, from the server's list: a publisher's audio is its
 * microphone; its first video is the camera and any further one a screen share. The server
 * lists a publisher's tracks in the order of its publish offer, where the camera comes before
 * the screen (sfu/publisher.ts adds it first, and keeps it while the camera is off).
 */
export function sourcesOf(tracks: readonly ForwardedTrack[]): Map<string, TrackSource> {
  const sources = new Map<string, TrackSource>();
  const seenVideo = new Set<string>();
  for (const track of tracks) {
    if (track.kind === 'audio') {
      sources.set(track.trackId, 'microphone');
    } else {
      sources.set(track.trackId, seenVideo.has(track.peerId) ? 'screen' : 'camera');
      seenVideo.add(track.peerId);
    }
  }
  return sources;
}
