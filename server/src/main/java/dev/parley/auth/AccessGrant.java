package dev.parley.auth;

/**
 * What an admitted peer may do, from its access token (or everything, when rooms are open).
 *
 * @param identity the token's {@code sub}, the application's id for this person; {@code null} when
 *     open
 * @param name the display name others see: the token's {@code name} if it has one, else the one the
 *     client asked for
 * @param canPublish whether the peer may send audio and video
 * @param canSendData whether the peer may open data channels (chat, files)
 */
public record AccessGrant(String identity, String name, boolean canPublish, boolean canSendData) {

  /** Open mode: anyone, under the name they chose, with every permission. */
  public static AccessGrant open(String name) {
    return new AccessGrant(null, name, true, true);
  }
}
