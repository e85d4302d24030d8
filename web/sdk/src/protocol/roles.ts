/**
 * Perfect negotiation needs one polite and one impolite side per pair, and both must agree
 * without talking. Peer ids are unique in a room, so comparing them decides: the smaller id
 * (by UTF-16 code units, the same on every browser) is polite.
 */
export function isPolite(localPeerId: string, remotePeerId: string): boolean {
  if (localPeerId === remotePeerId) {
    throw new RangeError('a peer has no role towards itself');
  }
  return localPeerId < remotePeerId;
}
