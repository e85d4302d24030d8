package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ChildServer;
import dev.parley.testing.WsClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The packaged jar, run as users run it, stopped with SIGTERM. */
@Timeout(60)
class ShutdownIT {
  private ChildServer server;
  private Process process;

  @AfterEach
  void kill() throws InterruptedException {
    if (server != null) {
      server.kill();
    }
  }

  private int start(String... flags) throws Exception {
    List<String> command =
        new ArrayList<>(ChildServer.jar("--bind", "127.0.0.1", "--port", "0", "--turn-port", "0"));
    command.addAll(List.of(flags));
    server = ChildServer.start(command, ProcessBuilder.Redirect.DISCARD);
    process = server.process();
    return server.port();
  }

  @Test
  @SuppressWarnings("try") // the clients leave mid-test, closed early on purpose
  void sigtermSendsGoawayAndExitsOnceClientsLeave() throws Exception {
    int port = start("--drain-timeout", "20s");
    URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
    try (WsClient ada = WsClient.connect(ws, null);
        WsClient bob = WsClient.connect(ws, null)) {
      ada.join("r", "Ada");
      bob.join("r", "Bob");
      ada.expect("peer-joined");

      long start = System.nanoTime();
      process.destroy();
      assertThat(ada.expect("goaway").get("reconnectInMs").asLong()).isZero();
      assertThat(bob.expect("goaway").get("reconnectInMs").asLong()).isZero();
      ada.close();
      bob.close();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      // Well before the 20 s drain timeout: it left as soon as its clients did.
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
      assertThat(process.exitValue()).isIn(0, 143);
    }
  }

  @Test
  void sigtermExitsWithinTheDrainTimeoutEvenIfClientsStay() throws Exception {
    int port = start("--drain-timeout", "2s");
    try (WsClient stubborn = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"), null)) {
      stubborn.join("r", "Stubborn");
      process.destroy();
      stubborn.expect("goaway");
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(stubborn.awaitClose()).isNotNull();
    }
  }

  @Test
  void aBadSettingExitsWithAClearMessage() throws Exception {
    Process bad = new ProcessBuilder(ChildServer.jar("--port", "99999")).start();
    assertThat(bad.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(bad.exitValue()).isEqualTo(2);
    assertThat(new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("port");
  }
}
