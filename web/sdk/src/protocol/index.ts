/**
 * @parley/sdk/protocol — the signaling protocol on the wire, for tools and tests that speak it
 * directly (docs/protocol.md): every message type, the decoder of server frames, the encoder
 * of client messages with the join checks the server makes, and the rule that says which side
 * of a pair is polite. Apps use the Room API of the main entry instead.
 */
export type * from './messages.js';
export { decodeServerFrame, type DecodedFrame } from './decode.js';
export { encodeClientMessage, joinProblem } from './encode.js';
export { closeCause, closeCodes, type CloseCause } from './close.js';
export { isPolite } from './roles.js';
