/**
 * Just enough of RTCPeerConnection and RTCDataChannel for the room's wiring tests: signaling
 * states and descriptions, negotiated data channels the test can open, and a record of calls.
 * Media and ICE are not simulated (the browser tests in e2e/ cover them).
 */
type Handler = ((event: never) => void) | null;

export class FakeDataChannel {
  readyState: RTCDataChannelState = 'connecting';
  binaryType = 'blob';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onclose: Handler = null;
  readonly sent: unknown[] = [];
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(
    readonly label: string,
    readonly init: RTCDataChannelInit,
  ) {}

  send(data: unknown): void {
    if (this.readyState !== 'open') throw new DOMException('not open', 'InvalidStateError');
    this.sent.push(data);
  }

  addEventListener(type: string, listener: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)?.add(listener);
  }

  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  // test side
  open(): void {
    this.readyState = 'open';
    (this.onopen as ((e: unknown) => void) | null)?.({});
    for (const l of this.listeners.get('open') ?? []) l();
  }

  deliver(data: string | ArrayBuffer): void {
    (this.onmessage as ((e: { data: unknown }) => void) | null)?.({ data });
  }
}

export class FakePeerConnection {
  signalingState: RTCSignalingState = 'stable';
  iceConnectionState: RTCIceConnectionState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  onnegotiationneeded: Handler = null;
  onicecandidate: Handler = null;
  oniceconnectionstatechange: Handler = null;
  ontrack: Handler = null;
  closed = false;
  restarts = 0;
  readonly channels: FakeDataChannel[] = [];
  readonly candidates: RTCIceCandidateInit[] = [];
  private offers = 0;

  constructor(public configuration: RTCConfiguration) {}

  createDataChannel(label: string, init: RTCDataChannelInit): FakeDataChannel {
    const channel = new FakeDataChannel(label, init);
    this.channels.push(channel);
    return channel;
  }

  channel(label: string): FakeDataChannel {
    const channel = this.channels.find((c) => c.label === label);
    if (!channel) throw new Error(`no channel ${label}`);
    return channel;
  }

  getTransceivers(): RTCRtpTransceiver[] {
    return [];
  }

  /** Kinds of the receive-only transceivers added (a peer without tracks still receives). */
  readonly transceivers: string[] = [];

  addTransceiver(kind: string): void {
    this.transceivers.push(kind);
  }

  addTrack(): RTCRtpSender {
    throw new Error('no media in these tests');
  }

  async createOffer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'offer', sdp: `offer-${++this.offers}` };
  }

  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'answer', sdp: `answer-to-${this.remoteDescription?.sdp}` };
  }

  async setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.localDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-local-offer' : 'stable';
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
  }

  async addIceCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    this.candidates.push(candidate);
  }

  restartIce(): void {
    this.restarts++;
  }

  setConfiguration(configuration: RTCConfiguration): void {
    this.configuration = configuration;
  }

  async getStats(): Promise<Map<string, unknown>> {
    return new Map();
  }

  close(): void {
    this.closed = true;
    this.signalingState = 'closed';
  }

  // test side
  negotiationNeeded(): void {
    (this.onnegotiationneeded as ((e: unknown) => void) | null)?.({});
  }

  setIceState(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    (this.oniceconnectionstatechange as ((e: unknown) => void) | null)?.({});
  }
}
