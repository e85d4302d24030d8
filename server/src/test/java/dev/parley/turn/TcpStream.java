package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.auth.TurnCredentials.Credential;
import dev.parley.stun.ChannelData;
import dev.parley.stun.ChannelNumber;
import dev.parley.stun.IntegrityKeys;
import dev.parley.stun.MessageClass;
import dev.parley.stun.MessageType;
import dev.parley.stun.Method;
import dev.parley.stun.Nonce;
import dev.parley.stun.Realm;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.StreamFraming;
import dev.parley.stun.StunAttribute;
import dev.parley.stun.StunMessage;
import dev.parley.stun.TransactionId;
import dev.parley.stun.Username;
import dev.parley.stun.XorPeerAddress;
import dev.parley.stun.XorRelayedAddress;
import java.io.DataInputStream;
import java.io.EOFException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A STUN client on a TCP stream (or TLS, given an SSLSocket), for tests: one request, one framed
 * answer.
 */
record TcpStream(Socket socket) {
  /**
   * An allocation made on the stream: its relayed address, and what later requests are signed with.
   */
  record Allocated(InetSocketAddress relayed, byte[] key, List<StunAttribute> auth) {}

  StunMessage request(Method method, byte[] key, StunAttribute... attributes) throws Exception {
    return request(method, key, List.of(), attributes);
  }

  StunMessage request(
      Method method, byte[] key, List<StunAttribute> auth, StunAttribute... attributes)
      throws Exception {
    List<StunAttribute> all = new ArrayList<>(List.of(attributes));
    all.addAll(auth);
    StunMessage request =
        new StunMessage(new MessageType(method, MessageClass.REQUEST), TransactionId.random(), all);
    if (key != null) {
      request = request.withMessageIntegrity(key);
    }
    socket.getOutputStream().write(request.withFingerprint().encode());
    return StunMessage.decode(nextFrame());
  }

  /**
   * An Allocate answered with a 401 challenge, then again with the long-term credential (RFC 8656
   * §7).
   */
  Allocated allocate(Credential credential) throws Exception {
    StunMessage challenge = request(Method.ALLOCATE, null, new RequestedTransport(17));
    String realm = challenge.attribute(Realm.class).orElseThrow().value();
    byte[] key = IntegrityKeys.longTerm(credential.username(), realm, credential.password());
    List<StunAttribute> auth =
        List.of(
            new Username(credential.username()),
            new Realm(realm),
            challenge.attribute(Nonce.class).orElseThrow());
    StunMessage allocated = request(Method.ALLOCATE, key, auth, new RequestedTransport(17));
    assertThat(allocated.type().messageClass())
        .as("Allocate answered with %s", allocated)
        .isEqualTo(MessageClass.SUCCESS_RESPONSE);
    return new Allocated(
        allocated.attribute(XorRelayedAddress.class).orElseThrow().address(), key, auth);
  }

  /**
   * Binds a channel to {@code peer} and relays through it both ways: 5 bytes from the client,
   * padded to 12 on the stream (RFC 8656 §12.5), then 3 bytes from the peer.
   */
  void relaysThroughAChannel(Allocated allocation, DatagramSocket peer) throws Exception {
    StunMessage bound =
        request(
            Method.CHANNEL_BIND,
            allocation.key(),
            allocation.auth(),
            new ChannelNumber(0x4ABC),
            new XorPeerAddress((InetSocketAddress) peer.getLocalSocketAddress()));
    assertThat(bound.type().messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);

    socket
        .getOutputStream()
        .write(new ChannelData(0x4ABC, "hello".getBytes(StandardCharsets.UTF_8)).encodePadded());
    DatagramPacket received = new DatagramPacket(new byte[100], 100);
    peer.receive(received);
    assertThat(new String(received.getData(), 0, received.getLength(), StandardCharsets.UTF_8))
        .isEqualTo("hello");

    peer.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, allocation.relayed()));
    byte[] frame = nextFrame();
    assertThat(frame).hasSize(8);
    assertThat(ChannelData.decode(frame).data().toByteArray()).containsExactly(1, 2, 3);
  }

  byte[] nextFrame() throws Exception {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    byte[] header = in.readNBytes(4);
    if (header.length < 4) {
      throw new EOFException("the server closed the connection");
    }
    int length = StreamFraming.nextFrameLength(ByteBuffer.wrap(header));
    return ByteBuffer.allocate(length).put(header).put(in.readNBytes(length - 4)).array();
  }
}
