package dev.parley.sdp;

/**
 * A well-formed description the SFU cannot negotiate as a whole: no ICE credentials, no
 * fingerprint, a DTLS role the SFU does not take, no m= section it can accept. Sections it merely
 * cannot take are rejected in the answer (port 0), never thrown.
 */
public final class NegotiationException extends Exception {
  public NegotiationException(String problem) {
    super(problem, null, false, false);
  }
}
