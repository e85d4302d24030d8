package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.stun.ChannelNumber;
import dev.parley.stun.Data;
import dev.parley.stun.ErrorCode;
import dev.parley.stun.MessageClass;
import dev.parley.stun.MessageType;
import dev.parley.stun.Method;
import dev.parley.stun.StunMessage;
import dev.parley.stun.TransactionId;
import dev.parley.stun.XorPeerAddress;
import dev.parley.testing.TestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The node's own media port is a peer TURN always relays to, though it is on loopback here and the
 * default peer policy refuses loopback: a browser that reaches the server only through TURN gets
 * SFU media that way. Exactly the media port: any other port of the same address stays refused.
 */
@Timeout(30)
final class MediaPortPeerTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TurnServers.start("media-port=0");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static TurnClient client(String id) throws Exception {
    return TurnServers.client(server, id);
  }

  private static InetSocketAddress mediaPort() {
    InetSocketAddress bound = server.server().media().ice().boundAddresses().getFirst();
    assertThat(bound.getAddress().isLoopbackAddress()).as("the media port is on loopback").isTrue();
    return bound;
  }

  @Test
  void aPermissionForTheMediaPortIsGrantedAndItsAnswersComeBack() throws Exception {
    try (TurnClient client = client("sfu")) {
      client.allocate();
      InetSocketAddress media = mediaPort();

      assertThat(
              client
                  .request(Method.CREATE_PERMISSION, new XorPeerAddress(media))
                  .type()
                  .messageClass())
          .isEqualTo(MessageClass.SUCCESS_RESPONSE);

      // A check with FINGERPRINT but no USERNAME: the media port answers 400, through the relay, to
      // the client.
      StunMessage check =
          new StunMessage(
                  new MessageType(Method.BINDING, MessageClass.REQUEST),
                  TransactionId.random(),
                  List.of())
              .withFingerprint();
      client.indicate(Method.SEND, new XorPeerAddress(media), new Data(check.encode()));
      StunMessage indication = client.receiveStun();
      assertThat(indication.type())
          .isEqualTo(new MessageType(Method.DATA, MessageClass.INDICATION));
      assertThat(indication.attribute(XorPeerAddress.class).orElseThrow().address())
          .isEqualTo(media);
      StunMessage answer =
          StunMessage.decode(
              indication.attribute(Data.class).orElseThrow().payload().toByteArray());
      assertThat(answer.transactionId()).isEqualTo(check.transactionId());
      assertThat(answer.attribute(ErrorCode.class).orElseThrow().code()).isEqualTo(400);

      assertThat(
              client
                  .request(
                      Method.CHANNEL_BIND, new ChannelNumber(0x4000), new XorPeerAddress(media))
                  .type()
                  .messageClass())
          .isEqualTo(MessageClass.SUCCESS_RESPONSE);
    }
  }

  @Test
  void anotherPortOfTheSameAddressIsRefused() throws Exception {
    try (TurnClient client = client("not-sfu");
        DatagramSocket other = new DatagramSocket(0, mediaPort().getAddress())) {
      client.allocate();
      InetSocketAddress target =
          new InetSocketAddress(mediaPort().getAddress(), other.getLocalPort());

      assertThat(
              TurnClient.errorCode(
                  client.request(Method.CREATE_PERMISSION, new XorPeerAddress(target))))
          .isEqualTo(403);
      // Even once the media port's address has a permission (permissions are by address only).
      client.request(Method.CREATE_PERMISSION, new XorPeerAddress(mediaPort()));
      assertThat(
              TurnClient.errorCode(
                  client.request(
                      Method.CHANNEL_BIND, new ChannelNumber(0x4001), new XorPeerAddress(target))))
          .isEqualTo(403);
      client.indicate(Method.SEND, new XorPeerAddress(target), new Data(new byte[] {1, 2, 3}));
      other.setSoTimeout(300);
      assertThat(receivesNothing(other)).isTrue();
    }
  }

  private static boolean receivesNothing(DatagramSocket socket) throws Exception {
    try {
      socket.receive(new DatagramPacket(new byte[64], 64));
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    }
  }
}
