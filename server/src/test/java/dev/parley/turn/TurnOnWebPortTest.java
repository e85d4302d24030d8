package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.auth.TurnCredentials;
import dev.parley.auth.TurnCredentials.Credential;
import dev.parley.stun.MessageClass;
import dev.parley.stun.Method;
import dev.parley.stun.StunMessage;
import dev.parley.testing.TestCertificates;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * turn-on-web-port: the HTTP(S) port serves TURN beside the web, over real sockets. coturn's client
 * relays through it in {@link CoturnClientsTest}.
 */
@Timeout(60)
final class TurnOnWebPortTest {
  private static final Credential CREDENTIAL =
      new TurnCredentials(TurnServers.SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
          .issue("web-port-user", Duration.ofMinutes(5));

  /** A Binding request with no attributes (RFC 8489 §5), as a client's first bytes. */
  private static final byte[] BINDING_REQUEST =
      HexFormat.of().parseHex("000100002112a442b7e7a701bc34d686fa87dfae");

  @Test
  void thePlainWebPortRelaysTurnAndServesHttpAndWebSockets() throws Exception {
    try (TestServer server = TurnServers.start("turn-allow-private-peers=true");
        Socket socket = new Socket("127.0.0.1", server.port());
        DatagramSocket peer = peer()) {
      relays(socket, peer);

      assertThat(overHttp(server)).endsWith("turn:127.0.0.1:" + server.port() + "?transport=tcp");
      assertThat(server.server().turn().allocations()).isEqualTo(1);
      assertThat(server.server().metrics().scrape())
          .contains("parley_turn_web_port_connections_total 1.0");
    }
  }

  @Test
  void theHttpsWebPortRelaysTurnInsideTlsAndServesHttpsAndWebSockets() throws Exception {
    try (TestServer server =
            TurnServers.start(
                "turn-allow-private-peers=true", "tls-self-signed=true", "turn-tls-port=0");
        DatagramSocket peer = peer()) {
      try (SSLSocket socket = tls(server, server.port())) {
        relays(socket, peer);
      }

      int tlsPort = server.server().turn().tlsAddresses().getFirst().getPort();
      assertThat(overHttps(server, server.port()))
          .endsWith(
              "turns:127.0.0.1:" + tlsPort + "?transport=tcp",
              "turns:127.0.0.1:" + server.port() + "?transport=tcp");
    }
  }

  @Test
  void aTurnPortThatIsThePlainWebPortIsUdpForTurnAndTcpForBoth() throws Exception {
    int port = freeTcpAndUdpPort();
    try (TestServer server =
            TurnServers.start(
                "port=" + port, "turn-port=" + port, "turn-allow-private-peers=true");
        Socket socket = new Socket("127.0.0.1", port);
        DatagramSocket peer = peer()) {
      assertThat(server.server().turn().udpAddresses())
          .extracting(InetSocketAddress::getPort)
          .containsExactly(port);
      assertThat(server.server().turn().tcpAddresses())
          .as("no TURN listener of its own on TCP")
          .isEmpty();

      relays(socket, peer);
      try (TurnClient udp = new TurnClient(new InetSocketAddress("127.0.0.1", port), CREDENTIAL)) {
        assertThat(udp.allocate().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      }
      // One URL per listener: the web port is the TCP one already listed.
      assertThat(overHttp(server))
          .containsExactly(
              "turn:127.0.0.1:" + port + "?transport=udp",
              "turn:127.0.0.1:" + port + "?transport=tcp");
    }
  }

  @Test
  void aTurnTlsPortThatIsTheHttpsPortIsServedByIt() throws Exception {
    int port = freeTcpAndUdpPort();
    try (TestServer server =
            TurnServers.start(
                "port=" + port,
                "tls-self-signed=true",
                "turn-tls-port=" + port,
                "turn-allow-private-peers=true");
        DatagramSocket peer = peer()) {
      assertThat(server.server().turn().tlsAddresses())
          .as("no TURN over TLS listener of its own")
          .isEmpty();
      try (SSLSocket socket = tls(server, port)) {
        relays(socket, peer);
      }
      int turnPort = server.server().turn().port();
      assertThat(overHttps(server, port))
          .containsExactly(
              "turn:127.0.0.1:" + turnPort + "?transport=udp",
              "turn:127.0.0.1:" + turnPort + "?transport=tcp",
              "turns:127.0.0.1:" + port + "?transport=tcp");
    }
  }

  @Test
  void aTurnPortThatIsTheHttpsPortTakesPlainTurnBeforeTls() throws Exception {
    int port = freeTcpAndUdpPort();
    try (TestServer server =
            TurnServers.start(
                "port=" + port,
                "tls-self-signed=true",
                "turn-port=" + port,
                "turn-tls-port=0",
                "turn-allow-private-peers=true");
        Socket plain = new Socket("127.0.0.1", port);
        DatagramSocket peer = peer()) {
      relays(plain, peer);

      try (SSLSocket socket = tls(server, port)) {
        StunMessage bound = stream(socket).request(Method.BINDING, null);
        assertThat(bound.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
      }
      assertThat(overHttps(server, port)).isNotEmpty();
    }
  }

  @Test
  void aConnectionThatSendsOneByteAndStallsIsClosed() throws Exception {
    try (TestServer server = TurnServers.start("handshake-timeout=1s")) {
      // 0x00 may begin a STUN message: the detector waits, then closes. G is HTTP at once, and
      // the HTTP request deadline closes it.
      for (int first : new int[] {0x00, 'G'}) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
          socket.setSoTimeout(15_000);
          socket.getOutputStream().write(first);
          assertThat(socket.getInputStream().read()).as("first byte 0x%02x", first).isEqualTo(-1);
        }
      }
    }
  }

  @Test
  void offTheWebPortServesHttpAlone() throws Exception {
    try (TestServer server = TurnServers.start("turn-on-web-port=false", "handshake-timeout=1s");
        Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(BINDING_REQUEST);
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).as("HTTP's answer to a STUN request").startsWith("HTTP/1.1 400 ");
      assertThat(overHttp(server)).noneMatch(url -> url.contains(":" + server.port() + "?"));
    }
  }

  @Test
  void shutdownClosesTurnConnectionsOnTheWebPort() throws Exception {
    TestServer server = TurnServers.start();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      stream(socket).allocate(CREDENTIAL);
      assertThat(server.server().turn().allocations()).isEqualTo(1);

      server.close();

      assertThat(readToEnd(socket.getInputStream())).isEqualTo(-1);
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> server.server().turn().allocations() == 0);
    } finally {
      server.close();
    }
  }

  /** Allocates over the connection and relays through a channel to {@code peer}, both ways. */
  private static void relays(Socket socket, DatagramSocket peer) throws Exception {
    TcpStream stream = stream(socket);
    stream.relaysThroughAChannel(stream.allocate(CREDENTIAL), peer);
  }

  /** The plain web port answers /healthz, and a WebSocket joins: the TURN URLs of its welcome. */
  private static List<String> overHttp(TestServer server) throws Exception {
    assertThat(get(HttpClient.newHttpClient(), server.http("/healthz")).statusCode())
        .isEqualTo(200);
    try (WsClient alice = server.connect()) {
      return turnUrls(alice.join("room", "Alice"));
    }
  }

  /** The same over HTTPS and WSS on {@code port}. */
  private static List<String> overHttps(TestServer server, int port) throws Exception {
    HttpClient https = trusting(server);
    assertThat(get(https, URI.create("https://127.0.0.1:" + port + "/healthz")).statusCode())
        .isEqualTo(200);
    try (WsClient alice =
        WsClient.connect(URI.create("wss://127.0.0.1:" + port + "/ws"), null, https)) {
      return turnUrls(alice.join("room", "Alice"));
    }
  }

  private static TcpStream stream(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    return new TcpStream(socket);
  }

  private static DatagramSocket peer() throws IOException {
    DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    peer.setSoTimeout(5000);
    return peer;
  }

  /** TLS to the server's self-signed certificate, handshake done. */
  private static SSLSocket tls(TestServer server, int port) throws Exception {
    SSLSocket socket =
        (SSLSocket)
            TestCertificates.trusting(server.server().certificate().certificate())
                .getSocketFactory()
                .createSocket("127.0.0.1", port);
    socket.startHandshake();
    return socket;
  }

  private static HttpClient trusting(TestServer server) {
    return HttpClient.newBuilder()
        .sslContext(TestCertificates.trusting(server.server().certificate().certificate()))
        .build();
  }

  private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The TURN URLs of a welcome, in order. */
  private static List<String> turnUrls(JsonNode welcome) {
    List<String> urls = new ArrayList<>();
    for (JsonNode server : welcome.get("iceServers")) {
      server
          .get("urls")
          .forEach(
              url -> {
                if (!url.asText().startsWith("stun:")) {
                  urls.add(url.asText());
                }
              });
    }
    return urls;
  }

  /** Reads until the end of the stream: -1 once the server closed it. */
  private static int readToEnd(InputStream in) throws IOException {
    in.transferTo(OutputStream.nullOutputStream());
    return in.read();
  }

  /**
   * A port free on 127.0.0.1 for both TCP and UDP, found now: the test passes it as port and
   * turn-port.
   */
  @SuppressWarnings("try") // udp is opened only to prove the port is free for UDP too
  private static int freeTcpAndUdpPort() throws IOException {
    while (true) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
          DatagramSocket udp =
              new DatagramSocket(new InetSocketAddress("127.0.0.1", tcp.getLocalPort()))) {
        return tcp.getLocalPort();
      } catch (BindException takenForUdp) {
        // try another
      }
    }
  }
}
