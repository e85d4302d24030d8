package dev.parley.config;

import static dev.parley.config.Setting.MAX;
import static dev.parley.config.Setting.MIN_SECRET_LENGTH;

import java.util.List;
import java.util.Locale;

/**
 * The settings of secrets, tokens, the admin key and join limits (AuthConfig); {@link
 * Setting#all()} lists every area's.
 */
public final class AuthSettings {
  public static final Setting<String> SECRET =
      new Setting<>(
          "secret",
          null,
          "signs resume tokens and TURN credentials, at least "
              + MIN_SECRET_LENGTH
              + " characters; unset, a random one is made"
              + " at each start, so resume tokens do not survive a restart",
          Parser.secret(MIN_SECRET_LENGTH));
  public static final Setting<AuthConfig.Mode> AUTH =
      new Setting<>(
          "auth",
          "open",
          "who may join a room: open lets anyone join any room; token requires an access token signed with secret",
          Parser.oneOf(
              List.of("open", "token"),
              word -> AuthConfig.Mode.valueOf(word.toUpperCase(Locale.ROOT))));
  public static final Setting<String> ADMIN_KEY =
      new Setting<>(
          "admin-key",
          null,
          "bearer key for the admin API (/api/admin), at least "
              + MIN_SECRET_LENGTH
              + " characters; unset, the admin API"
              + " refuses every request",
          Parser.secret(MIN_SECRET_LENGTH));
  // A browser joins once per call and again on each reconnection; a whole office behind one NAT
  // address still stays well under this.
  public static final Setting<Integer> JOINS_PER_MINUTE_PER_IP =
      new Setting<>(
          "joins-per-minute-per-ip",
          "60",
          "joins one IP address may send per minute, over all its connections; more are refused with rate-limited",
          Parser.wholeNumber(1, MAX));

  private AuthSettings() {}
}
