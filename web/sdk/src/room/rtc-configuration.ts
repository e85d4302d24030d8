import type { ConnectOptions } from './types.js';

/** The configuration of every peer connection of a room: the app's ICE servers, else the server's. */
export function rtcConfiguration(options: ConnectOptions | null, fromServer: RTCIceServer[]): RTCConfiguration {
  const override = options?.iceServers;
  return {
    iceServers: override ? [...override] : fromServer,
    // Both ends are this SDK in a browser, which bundles: one transport per connection from
    // the start, instead of one per kind of media until the answer, gathers a third of the
    // candidates, TURN allocations and connectivity checks while a call is being set up.
    bundlePolicy: 'max-bundle',
    ...(options?.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}),
  };
}
