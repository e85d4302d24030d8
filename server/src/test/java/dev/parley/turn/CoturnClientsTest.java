package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.testing.TestCertificates;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * coturn's own clients (Debian package {@code coturn}) against Parley: an independent STUN and TURN
 * implementation that knows nothing of our codec.
 */
@Timeout(120)
final class CoturnClientsTest {
  /** Its web port speaks HTTPS. */
  private static TestServer server;

  /** Its web port speaks plain HTTP. */
  private static TestServer plainWeb;

  private static Process peer;
  private static int peerPort;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        installed("turnutils_uclient")
            && installed("turnutils_peer")
            && installed("turnutils_stunclient"),
        "coturn's turnutils are not installed (apt-get install coturn); skipping the interoperability tests");
    server =
        TurnServers.start(
            "turn-allow-private-peers=true", "tls-self-signed=true", "turn-tls-port=0");
    plainWeb = TurnServers.start("turn-allow-private-peers=true");
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      peerPort = probe.getLocalPort();
    }
    peer =
        new ProcessBuilder("turnutils_peer", "-L", "127.0.0.1", "-p", Integer.toString(peerPort))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
  }

  @AfterAll
  static void stop() {
    if (peer != null) {
      peer.destroy();
    }
    if (server != null) {
      server.close();
    }
    if (plainWeb != null) {
      plainWeb.close();
    }
  }

  @Test
  void stunclientGetsTheMappedAddress() throws Exception {
    String out =
        run(
            List.of(
                "turnutils_stunclient",
                "-p",
                Integer.toString(port()),
                "-L",
                "127.0.0.1",
                "127.0.0.1"));

    Matcher mapped = Pattern.compile("UDP reflexive addr: (\\S+)").matcher(out);
    assertThat(mapped.find()).as(out).isTrue();
    assertThat(mapped.group(1)).startsWith("127.0.0.1:");
  }

  // uclient's channel mode picks channel numbers from RFC 5766's 0x4000-0x7FFF, which RFC 8656
  // §12 narrowed to 0x4000-0x4FFF (the rest collides with RFC 7983 demultiplexing): Parley
  // answers those with 400 (seen on the wire: coturn 4.6.1's uclient asked for 0x6DA5, 0x536D,
  // 0x52AF), so these runs use Send and Data indications (-s). ChannelData is
  // covered by TurnRelayTest and TurnTcpTest.
  @Test
  void uclientRelaysOverUdpWithNoLoss() throws Exception {
    Result result = uclient(port(), "-s");
    assertThat(result.lost()).as(result.output()).isZero();
    assertThat(result.received()).as(result.output()).isEqualTo(result.sent()).isPositive();
  }

  @Test
  void uclientRelaysOverTcpWithNoLoss() throws Exception {
    Result result = uclient(port(), "-t", "-s");
    assertThat(result.lost()).as(result.output()).isZero();
    assertThat(result.received()).as(result.output()).isEqualTo(result.sent()).isPositive();
  }

  // TLS to the turns: port (-S with -t); uclient does not check the self-signed certificate.
  @Test
  void uclientRelaysOverTlsWithNoLoss() throws Exception {
    Result result =
        uclient(server.server().turn().tlsAddresses().getFirst().getPort(), "-t", "-S", "-s");
    assertThat(result.lost()).as(result.output()).isZero();
    assertThat(result.received()).as(result.output()).isEqualTo(result.sent()).isPositive();
  }

  // turn-on-web-port: TURN over TCP on the plain HTTP port, the page and /ws still answered there.
  @Test
  void uclientRelaysOverTcpOnThePlainWebPortWhichStillServesHttpAndWebSockets() throws Exception {
    Result result = uclient(plainWeb.port(), "-t", "-s");
    assertThat(result.lost()).as(result.output()).isZero();
    assertThat(result.received()).as(result.output()).isEqualTo(result.sent()).isPositive();

    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(plainWeb.http("/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    try (WsClient alice = plainWeb.connect()) {
      assertThat(alice.join("room", "Alice").get("peerId").asText()).isNotEmpty();
    }
  }

  // And TURN over TLS on the HTTPS port: -S inside the same TLS that serves HTTPS and WSS.
  @Test
  void uclientRelaysOverTlsOnTheHttpsWebPortWhichStillServesHttpsAndWebSockets() throws Exception {
    Result result = uclient(server.port(), "-t", "-S", "-s");
    assertThat(result.lost()).as(result.output()).isZero();
    assertThat(result.received()).as(result.output()).isEqualTo(result.sent()).isPositive();

    HttpClient https =
        HttpClient.newBuilder()
            .sslContext(TestCertificates.trusting(server.server().certificate().certificate()))
            .build();
    HttpResponse<String> page =
        https.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    try (WsClient alice =
        WsClient.connect(URI.create("wss://127.0.0.1:" + server.port() + "/ws"), null, https)) {
      assertThat(alice.join("room", "Alice").get("peerId").asText()).isNotEmpty();
    }
  }

  record Result(long sent, long received, long lost, String output) {}

  /** Four clients, 50 messages each, REST credentials from the shared secret ({@code -W}). */
  private static Result uclient(int port, String... flags) throws Exception {
    List<String> command = new ArrayList<>(List.of("turnutils_uclient"));
    command.addAll(List.of(flags));
    command.addAll(
        List.of(
            "-p",
            Integer.toString(port),
            "-e",
            "127.0.0.1",
            "-r",
            Integer.toString(peerPort),
            "-L",
            "127.0.0.1",
            "-m",
            "4",
            "-n",
            "50",
            "-l",
            "200",
            "-u",
            "uclient",
            "-W",
            TurnServers.SECRET,
            "127.0.0.1"));
    String out = run(command);
    return new Result(
        number(out, "Total transmit time is \\d+|tot_send_msgs=(\\d+)"),
        number(out, "tot_recv_msgs=(\\d+)"),
        number(out, "Total lost packets (\\d+)"),
        out);
  }

  private static long number(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    long last = -1;
    while (m.find()) {
      if (m.group(1) != null) {
        last = Long.parseLong(m.group(1));
      }
    }
    if (last < 0) {
      throw new AssertionError("no match for " + regex + " in:\n" + out);
    }
    return last;
  }

  private static int port() {
    return TurnServers.udp(server).getPort();
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(output, StandardCharsets.UTF_8);
  }

  private static boolean installed(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
