// What the test pages (pages/*.html) record in `window.e2e` and `window.observer` for the tests to
// read: the one declaration of those globals. The pages are plain JavaScript, so these types are the
// tests' word for what each page sets. Two pages set `window.e2e` differently, so a test names its
// page's record (`window.e2e as SdkCallRecord`) inside the functions it runs in the page, which
// cannot import anything. Their functions are arrows, which need no `this`.

/** sdk-call.html's view of its newest connection: the selected pair and the video it decoded. */
export interface CallStats {
  connectionState: string;
  pairState: string | null;
  nominated: boolean;
  localType: string | null;
  localRelayProtocol: string | null;
  localUrl: string | null;
  remoteType: string | null;
  framesDecoded: number;
}

/** The part of the SDK's `room.getStats` that sdk-call.html's tests read. */
export interface SdkStats {
  path: string | null;
  localCandidateType: string | null;
  remoteCandidateType: string | null;
}

/** What sdk-call.html (a call through the SDK) records. */
export interface SdkCallRecord {
  errors: string[];
  iceServers: string[] | null;
  joined: boolean;
  events: string[];
  stats: () => Promise<CallStats | null>;
  sdkStats: () => Promise<SdkStats | null>;
}

/** tutorial-client.html's view of its peer connection. */
export interface PeerStats {
  connectionState: string;
  iceConnectionState: string;
  signalingState: string;
  hasRemoteDescription: boolean;
  framesDecoded: number;
  audioPacketsReceived: number;
  selectedPair: string | null;
}

/** What tutorial-client.html (the seed tutorial's client, observed) records. */
export interface TutorialClientRecord {
  t0: number;
  wsOpen: boolean;
  wsClosed: boolean;
  received: [number, string][];
  sent: [number, string][];
  candidatesAdded: number;
  candidatesDroppedNoPc: number;
  candidatesDroppedNoRemote: number;
  remoteVideoFrames: number;
  localCandidates: string[];
  timeline: string[];
  errors: string[];
  stats: () => Promise<PeerStats>;
}

/** What observer.html (a bare WebSocket in the room) records. */
export interface ObserverRecord {
  open: boolean;
  closed: boolean;
  messages: { ms: number; type: string; data: string }[];
}

declare global {
  interface Window {
    e2e: SdkCallRecord | TutorialClientRecord;
    observer: ObserverRecord;
  }
}
