package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.dtls.CertificateFingerprint;
import dev.parley.dtls.SrtpKeyingMaterial;
import dev.parley.srtp.SrtpContext;
import dev.parley.stun.MessageClass;
import dev.parley.stun.StunMessage;
import dev.parley.testing.MediaClient;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser in an SFU room made of the server's own pieces: its WebSocket, and a publish and a
 * subscribe connection that do ICE checks, the DTLS client handshake and SRTP as a browser does.
 * The publish offer is Chromium's captured audio-only offer with this client's credentials.
 */
final class SfuBrowser implements AutoCloseable {
  static final String PUBLISH_UFRAG = "pubU";
  static final String SUBSCRIBE_UFRAG = "subU";
  static final String PASSWORD = "aBrowserPasswordOf24Chr";

  /** The SSRC of the captured offer's audio. */
  static final long PUBLISHED_SSRC = 2934397513L;

  final WsClient ws;
  final String peerId;
  final MediaClient publish;
  final MediaClient subscribe;
  private SrtpContext publishing;
  private SrtpContext receiving;
  private int sequence = 1;

  SfuBrowser(TestServer server, String room) throws IOException {
    ws = server.connect();
    JsonNode welcome = ws.join(room, null);
    assertThat(welcome.get("media").asText()).isEqualTo("sfu");
    peerId = welcome.get("peerId").asText();
    InetSocketAddress media =
        new InetSocketAddress("127.0.0.1", server.server().media().ice().port());
    publish = new MediaClient(media);
    subscribe = new MediaClient(media);
  }

  /** Sends the publish offer, then connects to the answer: ICE, DTLS, SRTP keys. */
  void publishAudio() throws Exception {
    String answer = sendPublishOffer(publish.fingerprint());
    SrtpKeyingMaterial keys = connect(publish, answer, PUBLISH_UFRAG);
    publishing = new SrtpContext(keys.profile().srtp, keys.clientKey(), keys.clientSalt());
  }

  /**
   * Sends the publish offer with this certificate fingerprint (another than the client's makes the
   * DTLS handshake fail) and returns the answer's SDP.
   */
  String sendPublishOffer(CertificateFingerprint fingerprint) {
    String offer =
        crlf(resource("sdp/chromium-audio-only.offer.sdp"))
            .replaceAll("a=ice-ufrag:\\S+", "a=ice-ufrag:" + PUBLISH_UFRAG)
            .replaceAll("a=ice-pwd:\\S+", "a=ice-pwd:" + PASSWORD)
            .replaceAll("a=fingerprint:[^\r\n]+", "a=fingerprint:" + fingerprint.sdp());
    ws.send("publish", "sdp", offer);
    return ws.expect("publish-answer").get("sdp").asText();
  }

  /** ICE and a DTLS handshake that the server must refuse: the offer named another certificate. */
  void connectPublishExpectingFailure(String answer) throws Exception {
    try {
      connect(publish, answer, PUBLISH_UFRAG);
    } catch (IOException expected) {
      return;
    }
    throw new AssertionError("the DTLS handshake succeeded with a wrong fingerprint");
  }

  /** Answers a subscribe offer as a browser would, and connects on the first. */
  void answer(JsonNode offer, boolean first) throws Exception {
    String sdp = offer.get("sdp").asText();
    String answer =
        sdp.replace("a=sendonly", "a=recvonly")
            .replace("a=setup:actpass", "a=setup:active")
            .replace("a=ice-lite\r\n", "")
            .replaceAll("a=candidate:[^\r\n]+\r\n", "")
            .replace("a=end-of-candidates\r\n", "")
            .replaceAll("a=ice-ufrag:\\S+", "a=ice-ufrag:" + SUBSCRIBE_UFRAG)
            .replaceAll("a=ice-pwd:\\S+", "a=ice-pwd:" + PASSWORD)
            .replaceAll("a=fingerprint:[^\r\n]+", "a=fingerprint:" + subscribe.fingerprint().sdp());
    ws.send("subscribe-answer", "sdp", answer);
    if (first) {
      SrtpKeyingMaterial keys = connect(subscribe, sdp, SUBSCRIBE_UFRAG);
      receiving = new SrtpContext(keys.profile().srtp, keys.serverKey(), keys.serverSalt());
    }
  }

  private static SrtpKeyingMaterial connect(MediaClient client, String serverSdp, String ufrag)
      throws Exception {
    String username = attribute(serverSdp, "ice-ufrag") + ":" + ufrag;
    byte[] check = MediaClient.check(username, attribute(serverSdp, "ice-pwd"), true);
    // As a browser, checks are retried: the server answers none before our answer reached it.
    StunMessage response = null;
    for (int attempt = 0; attempt < 50 && response == null; attempt++) {
      client.send(check);
      byte[] datagram = client.receive(100);
      response = datagram == null ? null : StunMessage.decode(datagram);
    }
    assertThat(response).as("an answer to the check").isNotNull();
    assertThat(response.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
    return client.handshake(
        CertificateFingerprint.parse(attribute(serverSdp, "fingerprint", "[^\r\n]+")));
  }

  /** One Opus packet, SRTP-protected, on the publish connection. */
  void sendAudio() throws IOException {
    byte[] packet = new byte[12 + 20 + publishing.rtpOverhead()];
    packet[0] = (byte) 0x80;
    packet[1] = 111;
    packet[2] = (byte) (sequence >> 8);
    packet[3] = (byte) sequence;
    int timestamp = sequence * 960;
    for (int i = 0; i < 4; i++) {
      packet[4 + i] = (byte) (timestamp >> (24 - 8 * i));
      packet[8 + i] = (byte) (PUBLISHED_SSRC >> (24 - 8 * i));
    }
    Arrays.fill(packet, 12, 32, (byte) sequence);
    sequence++;
    int length = publishing.protectRtp(packet, 0, 32);
    publish.send(Arrays.copyOf(packet, length));
  }

  /** Garbage that looks like RTP: it cannot authenticate. */
  void sendForgedRtp() throws IOException {
    byte[] packet = new byte[60];
    packet[0] = (byte) 0x80;
    packet[1] = 111;
    publish.send(packet);
  }

  /**
   * The SSRC of the next RTP packet the subscribe connection receives and opens within the wait, or
   * -1: STUN, RTCP and what does not open are skipped.
   */
  long receiveRtp(int millis) throws IOException {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      byte[] datagram = subscribe.receive((int) Math.max(1, deadline - System.currentTimeMillis()));
      if (datagram == null) {
        return -1;
      }
      int type = datagram[1] & 0xFF;
      if ((datagram[0] & 0xC0) != 0x80 || (type >= 192 && type <= 223)) {
        continue;
      }
      if (receiving.unprotectRtp(datagram, 0, datagram.length) > 0) {
        return ((datagram[8] & 0xFFL) << 24)
            | ((datagram[9] & 0xFF) << 16)
            | ((datagram[10] & 0xFF) << 8)
            | (datagram[11] & 0xFF);
      }
    }
    return -1;
  }

  static String attribute(String sdp, String name) {
    return attribute(sdp, name, "\\S+");
  }

  private static String attribute(String sdp, String name, String value) {
    Matcher matcher = Pattern.compile("a=" + name + ":(" + value + ")").matcher(sdp);
    assertThat(matcher.find()).as("a=%s in %s", name, sdp).isTrue();
    return matcher.group(1);
  }

  private static String crlf(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  private static String resource(String name) {
    try (InputStream in = SfuBrowser.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    ws.close();
    publish.close();
    subscribe.close();
  }
}
