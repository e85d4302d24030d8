package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.dtls.DtlsIdentity;
import dev.parley.srtp.Rejection;
import dev.parley.testing.TestServer;
import dev.parley.testing.WsClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SFU rooms end to end in Java: real WebSockets and real UDP, ICE, DTLS and SRTP on the client side
 * made of the server's own pieces ({@link SfuBrowser}), through the glue to the forwarding unit and
 * back out.
 */
class SfuRoomTest {
  private TestServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aPublishersAudioReachesTheOtherParticipantAndGoesWhenItLeaves() throws Exception {
    server = TestServer.start("room-media=sfu");
    MediaRooms media = server.server().media().rooms();
    try (SfuBrowser alice = new SfuBrowser(server, "sfu");
        SfuBrowser bob = new SfuBrowser(server, "sfu")) {
      alice.ws.expect("peer-joined");
      alice.publishAudio();

      JsonNode offer = bob.ws.expect("subscribe-offer");
      assertThat(offer.get("tracks")).hasSize(1);
      JsonNode track = offer.get("tracks").get(0);
      assertThat(track.get("peerId").asText()).isEqualTo(alice.peerId);
      assertThat(track.get("kind").asText()).isEqualTo("audio");
      String sdp = offer.get("sdp").asText();
      assertThat(sdp)
          .contains("a=msid:" + alice.peerId + " " + track.get("trackId").asText())
          .contains("a=mid:" + track.get("mid").asText());
      long forwardedSsrc = Long.parseLong(SfuBrowser.attribute(sdp, "ssrc"));
      bob.answer(offer, true);

      int received = 0;
      for (int i = 0; i < 500 && received < 10; i++) {
        alice.sendAudio();
        if (bob.receiveRtp(20) == forwardedSsrc) {
          received++;
        }
      }
      assertThat(received).as("packets forwarded under the offered SSRC").isEqualTo(10);
      assertThat(server.server().metrics().scrape())
          .contains("parley_sfu_packets_forwarded_total")
          .contains("parley_media_srtp_refused_total");

      // A forged packet is refused by SRTP and counted; the call goes on.
      long refusedBefore = media.metrics.refusedInCount(Rejection.AUTH_FAILED);
      alice.sendForgedRtp();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> media.metrics.refusedInCount(Rejection.AUTH_FAILED) > refusedBefore);

      // Alice leaves: Bob's next offer forwards nothing, her section inactive.
      alice.ws.send("leave");
      bob.ws.expect("peer-left");
      JsonNode without = bob.ws.expect("subscribe-offer");
      assertThat(without.get("tracks")).isEmpty();
      // Her section stays open, idle, so that the connection keeps its BUNDLE and transport.
      assertThat(without.get("sdp").asText())
          .contains("a=inactive")
          .contains("a=group:BUNDLE")
          .doesNotContain("a=msid:" + alice.peerId);
      bob.answer(without, false);
      bob.ws.expectNothing();

      bob.ws.send("leave");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  server.server().media().ice().transports() == 0
                      && media.openRooms() == 0
                      && media.tickingUnits() == 0);
    }
  }

  @Test
  void aFailedDtlsHandshakeEndsThePublishConnectionAndItsTracksLeaveTheOffers() throws Exception {
    server = TestServer.start("room-media=sfu");
    try (SfuBrowser alice = new SfuBrowser(server, "dtls");
        SfuBrowser bob = new SfuBrowser(server, "dtls")) {
      alice.ws.expect("peer-joined");
      String answer = alice.sendPublishOffer(DtlsIdentity.generate().fingerprint());
      JsonNode offer = bob.ws.expect("subscribe-offer");
      assertThat(offer.get("tracks")).hasSize(1);
      bob.answer(offer, true);

      alice.connectPublishExpectingFailure(answer);
      JsonNode without = bob.ws.expect("subscribe-offer");
      assertThat(without.get("tracks")).isEmpty();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> server.server().media().ice().transports() == 1); // Bob's subscribe connection
    }
  }

  @Test
  void expiredConsentClosesEveryConnectionAndAPublishStartsOver() throws Exception {
    server = TestServer.start("room-media=sfu", "media-consent-timeout=500ms");
    MediaRooms media = server.server().media().rooms();
    try (SfuBrowser alice = new SfuBrowser(server, "consent");
        SfuBrowser bob = new SfuBrowser(server, "consent")) {
      alice.ws.expect("peer-joined");
      alice.publishAudio();
      bob.answer(bob.ws.expect("subscribe-offer"), true);
      // Neither sends another check: both connections of both expire.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.server().media().ice().transports() == 0);
      assertThat(media.openRooms()).isEqualTo(1);

      // Alice publishes again on a new connection; Bob is offered her track on a new one.
      String answer = alice.sendPublishOffer(alice.publish.fingerprint());
      assertThat(SfuBrowser.attribute(answer, "ice-ufrag")).isNotEmpty();
      // Before, Bob may have been offered nothing, if Alice's connection expired before his.
      JsonNode again = bob.ws.expect("subscribe-offer");
      if (again.get("tracks").isEmpty()) {
        again = bob.ws.expect("subscribe-offer");
      }
      assertThat(again.get("tracks")).hasSize(1);
      assertThat(again.get("sdp").asText()).contains("a=msid:" + alice.peerId);
      alice.ws.send("leave");
      bob.ws.send("leave");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                server.server().media().ice().transports() == 0
                    && media.openRooms() == 0
                    && media.tickingUnits() == 0);
  }

  @Test
  void anAutoRoomTurnsSfuPastTheThresholdAndTellsEveryone() throws Exception {
    server = TestServer.start("room-media-threshold=2");
    try (WsClient first = server.connect();
        WsClient second = server.connect();
        WsClient third = server.connect()) {
      assertThat(first.join("auto", null).get("media").asText()).isEqualTo("mesh");
      assertThat(second.join("auto", null).get("media").asText()).isEqualTo("mesh");
      first.expect("peer-joined");
      first.send("publish", "sdp", "v=0");
      first.expectError("not-sfu");

      assertThat(third.join("auto", null).get("media").asText()).isEqualTo("sfu");
      for (WsClient earlier : List.of(first, second)) {
        assertThat(earlier.expect("media").get("mode").asText()).isEqualTo("sfu");
        earlier.expect("peer-joined");
      }
      third.send("publish", "sdp", "v=0\r\nnonsense");
      assertThat(third.expectError("bad-sdp").get("message").asText()).contains("publish offer");
    }
  }

  @Test
  void aBroadcastReachesEveryOtherPeerAsASignalFromTheSender() throws Exception {
    server = TestServer.start();
    try (WsClient first = server.connect();
        WsClient second = server.connect();
        WsClient third = server.connect()) {
      String sender = first.join("chat", null).get("peerId").asText();
      second.join("chat", null);
      third.join("chat", null);
      first.expect("peer-joined");
      first.expect("peer-joined");
      second.expect("peer-joined");
      first.send("broadcast", "data", WsClient.JSON.readTree("{\"text\":\"hi\"}"));
      for (WsClient other : List.of(second, third)) {
        JsonNode signal = other.expect("signal");
        assertThat(signal.get("from").asText()).isEqualTo(sender);
        assertThat(signal.get("data").get("text").asText()).isEqualTo("hi");
      }
      first.expectNothing();
    }
  }
}
