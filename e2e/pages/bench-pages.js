// Shared by the bench pages (bench-call.html, bench-floor.html, bench-file.html).

/**
 * Calls mark(step) at each step of a peer connection's setup: signaling states, the first
 * candidate of each type, ICE and connection states, the first remote track.
 */
export function markSteps(pc, mark) {
  pc.addEventListener('signalingstatechange', () => mark(`signaling ${pc.signalingState}`));
  pc.addEventListener('icecandidate', ({ candidate }) => {
    if (candidate) mark(`first ${candidate.type} candidate`);
  });
  pc.addEventListener('iceconnectionstatechange', () => mark(`ice ${pc.iceConnectionState}`));
  pc.addEventListener('connectionstatechange', () => mark(`connection ${pc.connectionState}`));
  pc.addEventListener('track', () => mark('remote track'));
  return pc;
}

/** Negotiates a with b inside the page: a offers, b answers, candidates handed straight over. */
export async function connectDirectly(a, b) {
  a.onicecandidate = ({ candidate }) => {
    if (candidate) void b.addIceCandidate(candidate);
  };
  b.onicecandidate = ({ candidate }) => {
    if (candidate) void a.addIceCandidate(candidate);
  };
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription);
}

/**
 * A snapshot of a call that did not show a frame: each peer connection's states, its senders
 * and receivers, and the stats that say how far media got (frames from the camera, the pair ICE
 * chose, RTP in and out), and where given the video element and the SDK's view of the peers.
 */
export async function diagnose(connections, video, room) {
  const pcs = await Promise.all(
    connections.map(async (pc) => {
      const stats = [];
      (await pc.getStats()).forEach((report) => {
        if (report.type === 'candidate-pair' && report.nominated) {
          stats.push({
            type: 'nominated pair',
            state: report.state,
            bytesSent: report.bytesSent,
            bytesReceived: report.bytesReceived,
          });
        } else if (report.type === 'media-source') {
          stats.push({
            type: 'media-source',
            kind: report.kind,
            frames: report.frames,
            framesPerSecond: report.framesPerSecond,
          });
        } else if (report.type === 'inbound-rtp' || report.type === 'outbound-rtp') {
          stats.push({
            type: report.type,
            kind: report.kind,
            packets: report.packetsReceived ?? report.packetsSent,
            frames: report.framesDecoded ?? report.framesEncoded,
            keyFrames: report.keyFramesDecoded ?? report.keyFramesEncoded,
          });
        }
      });
      return {
        signaling: pc.signalingState,
        ice: pc.iceConnectionState,
        connection: pc.connectionState,
        senders: pc.getSenders().map(({ track }) => (track ? describe(track) : 'no track')),
        receivers: pc.getReceivers().map(({ track }) => describe(track)),
        transceivers: pc.getTransceivers().map((t) => `${t.mid} ${t.direction}/${t.currentDirection}`),
        stats,
      };
    }),
  );
  return {
    connections: pcs,
    ...(video && {
      video: {
        hasStream: video.srcObject !== null,
        readyState: video.readyState,
        paused: video.paused,
        width: video.videoWidth,
        tracks: video.srcObject?.getTracks().map(describe) ?? [],
      },
    }),
    ...(room && {
      peers: room.remotePeers.map((peer) => ({
        id: peer.id,
        state: peer.state,
        tracks: peer.tracks.map((t) => `${t.source} ${describe(t.track)}`),
      })),
    }),
  };
}

function describe(track) {
  return `${track.kind} ${track.readyState}${track.enabled ? '' : ' disabled'}${track.muted ? ' muted' : ''}`;
}
