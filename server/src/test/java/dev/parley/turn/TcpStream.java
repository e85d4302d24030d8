package dev.parley.turn;

import dev.parley.turn.stun.MessageClass;
import dev.parley.turn.stun.MessageType;
import dev.parley.turn.stun.Method;
import dev.parley.turn.stun.StreamFraming;
import dev.parley.turn.stun.StunAttribute;
import dev.parley.turn.stun.StunMessage;
import dev.parley.turn.stun.TransactionId;
import java.io.DataInputStream;
import java.io.EOFException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A STUN client on a TCP stream, for tests: one request, one framed answer. */
record TcpStream(Socket socket) {
  StunMessage request(Method method, byte[] key, StunAttribute... attributes) throws Exception {
    return request(method, key, List.of(), attributes);
  }

  StunMessage request(Method method, byte[] key, List<StunAttribute> auth, StunAttribute... attributes)
      throws Exception {
    List<StunAttribute> all = new ArrayList<>(List.of(attributes));
    all.addAll(auth);
    StunMessage request = new StunMessage(new MessageType(method, MessageClass.REQUEST), TransactionId.random(), all);
    if (key != null) {
      request = request.withMessageIntegrity(key);
    }
    socket.getOutputStream().write(request.withFingerprint().encode());
    return StunMessage.decode(nextFrame());
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
