/** The part of RTCDataChannel that file transfer uses, so tests can hand in a fake. */
export interface FileChannel {
  readonly readyState: RTCDataChannelState;
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  send(data: string | ArrayBuffer): void;
  addEventListener(type: 'bufferedamountlow' | 'open' | 'close', listener: () => void): void;
  removeEventListener(type: 'bufferedamountlow' | 'open' | 'close', listener: () => void): void;
}

export interface FileLimits {
  readonly chunkBytes: number;
  readonly highWaterBytes: number;
  readonly lowWaterBytes: number;
  readonly progressStepBytes: number;
  readonly maxFileBytes: number;
}

/**
 * Resolves once `event` fires on the channel, the channel closes, `ms` pass (a safety net in
 * case a browser misses an event), or `wake` is called — whichever comes first.
 */
export function whenChannel(
  channel: FileChannel,
  event: 'bufferedamountlow' | 'open',
  ms: number,
  register: (wake: () => void) => void,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      channel.removeEventListener(event, done);
      channel.removeEventListener('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    channel.addEventListener(event, done);
    channel.addEventListener('close', done);
    register(done);
  });
}
