package dev.parley.turn;

import dev.parley.auth.TurnCredentials.Credential;
import dev.parley.stun.ChannelData;
import dev.parley.stun.ErrorCode;
import dev.parley.stun.IntegrityKeys;
import dev.parley.stun.Lifetime;
import dev.parley.stun.MessageClass;
import dev.parley.stun.MessageType;
import dev.parley.stun.Method;
import dev.parley.stun.Nonce;
import dev.parley.stun.Realm;
import dev.parley.stun.RequestedTransport;
import dev.parley.stun.StunAttribute;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunParseException;
import dev.parley.stun.TransactionId;
import dev.parley.stun.Username;
import dev.parley.stun.XorRelayedAddress;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal TURN client over UDP for tests, built on the codec: it signs requests with the
 * long-term credential once it has a realm and nonce, and follows 401 and 438 once, as a real
 * client does.
 */
final class TurnClient implements AutoCloseable {
  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private Credential credential;
  private String realm;
  private String nonce;

  TurnClient(InetSocketAddress server, Credential credential) throws IOException {
    this(server, credential, "127.0.0.1");
  }

  /**
   * @param local the loopback address to send from, such as 127.0.0.2 for another source
   */
  TurnClient(InetSocketAddress server, Credential credential, String local) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(local, 0));
    this.socket.setSoTimeout(5000);
    this.server = server;
    this.credential = credential;
  }

  InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void credential(Credential credential) {
    this.credential = credential;
  }

  /** The nonce this client will send, to make it stale in a test. */
  void nonce(String nonce) {
    this.nonce = nonce;
  }

  /** Sends an unsigned request and returns the response. */
  StunMessage requestUnsigned(Method method, StunAttribute... attributes) throws IOException {
    StunMessage request =
        new StunMessage(
            new MessageType(method, MessageClass.REQUEST),
            TransactionId.random(),
            List.of(attributes));
    return exchange(request.withFingerprint().encode(), request.transactionId());
  }

  /**
   * Sends a signed request (after one unsigned round for realm and nonce), without retrying errors.
   */
  StunMessage requestOnce(Method method, StunAttribute... attributes) throws IOException {
    if (nonce == null) {
      StunMessage challenge = requestUnsigned(method, attributes);
      learn(challenge);
    }
    List<StunAttribute> all = new ArrayList<>(List.of(attributes));
    all.add(new Username(credential.username()));
    all.add(new Realm(realm));
    all.add(new Nonce(nonce));
    StunMessage request =
        new StunMessage(new MessageType(method, MessageClass.REQUEST), TransactionId.random(), all)
            .withMessageIntegrity(key())
            .withFingerprint();
    return exchange(request.encode(), request.transactionId());
  }

  /** A signed request, following one 438 with the fresh nonce, as RFC 8489 §9.2.5 says. */
  StunMessage request(Method method, StunAttribute... attributes) throws IOException {
    StunMessage response = requestOnce(method, attributes);
    if (errorCode(response) == 438) {
      learn(response);
      response = requestOnce(method, attributes);
    }
    return response;
  }

  byte[] key() {
    return IntegrityKeys.longTerm(credential.username(), realm, credential.password());
  }

  private void learn(StunMessage challenge) {
    challenge.attribute(Realm.class).ifPresent(r -> realm = r.value());
    challenge.attribute(Nonce.class).ifPresent(n -> nonce = n.value());
  }

  InetSocketAddress allocate() throws IOException {
    StunMessage response = request(Method.ALLOCATE, new RequestedTransport(RequestedTransport.UDP));
    if (response.type().messageClass() != MessageClass.SUCCESS_RESPONSE) {
      throw new AssertionError("Allocate failed: " + response);
    }
    return response.attribute(XorRelayedAddress.class).orElseThrow().address();
  }

  StunMessage refresh(long seconds) throws IOException {
    return request(Method.REFRESH, new Lifetime(seconds));
  }

  void send(byte[] datagram) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length, server));
  }

  void indicate(Method method, StunAttribute... attributes) throws IOException {
    send(
        new StunMessage(
                new MessageType(method, MessageClass.INDICATION),
                TransactionId.random(),
                List.of(attributes))
            .encode());
  }

  /** The next datagram from the server; throws on timeout. */
  byte[] receive() throws IOException {
    byte[] buffer = new byte[65536];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.receive(packet);
    byte[] data = new byte[packet.getLength()];
    System.arraycopy(buffer, 0, data, 0, data.length);
    return data;
  }

  StunMessage receiveStun() throws IOException {
    try {
      return StunMessage.decode(receive());
    } catch (StunParseException e) {
      throw new AssertionError(e);
    }
  }

  ChannelData receiveChannelData() throws IOException {
    try {
      return ChannelData.decode(receive());
    } catch (StunParseException e) {
      throw new AssertionError(e);
    }
  }

  /** Asserts nothing arrives within a short while. */
  boolean receivesNothing(int millis) throws IOException {
    int before = socket.getSoTimeout();
    socket.setSoTimeout(millis);
    try {
      receive();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(before);
    }
  }

  private StunMessage exchange(byte[] request, TransactionId id) throws IOException {
    send(request);
    while (true) {
      StunMessage response = receiveStun();
      if (response.transactionId().equals(id)) {
        return response;
      }
    }
  }

  static int errorCode(StunMessage response) {
    return response.attribute(ErrorCode.class).map(ErrorCode::code).orElse(0);
  }

  @Override
  public void close() {
    socket.close();
  }
}
