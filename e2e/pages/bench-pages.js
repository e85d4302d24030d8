// Shared by the bench pages (bench-call.html, bench-floor.html, bench-file.html).

/**
 * Calls mark(step) at each step of a peer connection's setup: signaling states, the first
 * candidate of each type, ICE and connection states, the first remote track.
 */
export function markSteps(pc, mark) {
  pc.addEventListener('signalingstatechange', () => mark(`signaling ${pc.signalingState}`));
  pc.addEventListener('icecandidate', ({ candidate }) => { if (candidate) mark(`first ${candidate.type} candidate`); });
  pc.addEventListener('iceconnectionstatechange', () => mark(`ice ${pc.iceConnectionState}`));
  pc.addEventListener('connectionstatechange', () => mark(`connection ${pc.connectionState}`));
  pc.addEventListener('track', () => mark('remote track'));
  return pc;
}

/** Negotiates a with b inside the page: a offers, b answers, candidates handed straight over. */
export async function connectDirectly(a, b) {
  a.onicecandidate = ({ candidate }) => { if (candidate) void b.addIceCandidate(candidate); };
  b.onicecandidate = ({ candidate }) => { if (candidate) void a.addIceCandidate(candidate); };
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription);
}
