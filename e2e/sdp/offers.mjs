// The publish offers of an SFU room, as a browser makes them: shared by capture-offers.mjs (which
// saves them as the server's test resources) and tests/sdp-sfu.spec.ts (which answers fresh ones);
// and the browser's answer to an offer of the SFU's subscribe connection.
/* global AudioContext, MediaStream, RTCPeerConnection, document, window */

/**
 * What each captured offer sends; `simulcast` gives the video three layers q/h/f; `maxBundle` makes
 * the connection as the SDK does (bundlePolicy max-bundle), under which Firefox offers every m=
 * section after the first at port 0 with a=bundle-only.
 */
export const SCENARIOS = {
  'audio-video-simulcast': { audio: true, video: true, simulcast: true, data: false, maxBundle: false },
  'audio-video-max-bundle': { audio: true, video: true, simulcast: true, data: false, maxBundle: true },
  'audio-only': { audio: true, video: false, simulcast: false, data: false, maxBundle: false },
  'video-only': { audio: false, video: true, simulcast: false, data: false, maxBundle: false },
  'data-channel': { audio: true, video: true, simulcast: true, data: true, maxBundle: false },
};

/**
 * Runs in the page: a publish connection with sendonly transceivers (tracks from a canvas and an
 * oscillator, so no camera permission is needed), kept as `window.sdpPublisher`; returns its offer
 * once set as the local description.
 */
export async function makeOffer(scenario) {
  const pc = new RTCPeerConnection(scenario.maxBundle ? { bundlePolicy: 'max-bundle' } : {});
  window.sdpPublisher = pc;
  const stream = new MediaStream();
  if (scenario.audio) {
    const audio = new AudioContext();
    const destination = audio.createMediaStreamDestination();
    audio.createOscillator().connect(destination);
    pc.addTransceiver(destination.stream.getAudioTracks()[0], { direction: 'sendonly', streams: [stream] });
  }
  if (scenario.video) {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 360;
    canvas.getContext('2d').fillRect(0, 0, 64, 64);
    const track = canvas.captureStream(15).getVideoTracks()[0];
    const sendEncodings = scenario.simulcast
      ? [
          { rid: 'q', scaleResolutionDownBy: 4 },
          { rid: 'h', scaleResolutionDownBy: 2 },
          { rid: 'f', scaleResolutionDownBy: 1 },
        ]
      : undefined;
    pc.addTransceiver(track, { direction: 'sendonly', streams: [stream], sendEncodings });
  }
  if (scenario.data) pc.createDataChannel('chat');
  await pc.setLocalDescription(await pc.createOffer());
  return pc.localDescription.sdp;
}

/** Runs in the page: the answer of a fresh connection to an offer (the SFU's subscribe offer). */
export async function answerOffer(offer) {
  const pc = new RTCPeerConnection();
  await pc.setRemoteDescription({ type: 'offer', sdp: offer });
  await pc.setLocalDescription(await pc.createAnswer());
  return pc.localDescription.sdp;
}
