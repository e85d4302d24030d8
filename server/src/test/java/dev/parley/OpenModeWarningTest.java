package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.config.AuthConfig;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warning for open rooms on a network, decided from the addresses (nothing is bound). */
final class OpenModeWarningTest {
  private static final InetSocketAddress LOOPBACK_4 = new InetSocketAddress("127.0.0.1", 8080);
  private static final InetSocketAddress LOOPBACK_6 = new InetSocketAddress("::1", 8080);
  private static final InetSocketAddress ANY = new InetSocketAddress("0.0.0.0", 8080);
  private static final InetSocketAddress LAN = new InetSocketAddress("192.168.1.20", 8080);

  @Test
  void openModeOnANetworkAddressWarnsNamingIt() {
    assertThat(
            ParleyServer.openToTheNetworkWarning(
                AuthConfig.Mode.OPEN, List.of(LOOPBACK_4, ANY, LAN)))
        .hasValue(
            "*** WARNING: auth is open and Parley listens beyond this machine (0.0.0.0:8080, 192.168.1.20:8080):"
                + " anyone who can reach it can join any room and get TURN credentials. For a public deployment set"
                + " auth: token and a secret; see docs/security.md ***");
  }

  @Test
  void loopbackOnlyOrTokenModeStaysQuiet() {
    assertThat(
            ParleyServer.openToTheNetworkWarning(
                AuthConfig.Mode.OPEN, List.of(LOOPBACK_4, LOOPBACK_6)))
        .isEmpty();
    assertThat(ParleyServer.openToTheNetworkWarning(AuthConfig.Mode.TOKEN, List.of(ANY, LAN)))
        .isEmpty();
  }
}
