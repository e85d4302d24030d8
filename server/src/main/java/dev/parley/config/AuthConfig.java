package dev.parley.config;

/**
 * Who may get in: the auth mode of room joins, the admin API's key and the join rate.
 *
 * @param adminKey the bearer key of the admin API, or {@code null}: the API then refuses every
 *     request
 * @param joinsPerMinutePerIp joins one client address may send per minute, over all its connections
 */
public record AuthConfig(Mode mode, String adminKey, int joinsPerMinutePerIp) {

  public enum Mode {
    /** Anyone may join any room: the laptop default. */
    OPEN,
    /** A join needs an access token (a JWT signed with the secret) for its room. */
    TOKEN
  }
}
