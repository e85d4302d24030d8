package dev.parley.turn.check;

import dev.parley.stun.StreamFraming;
import dev.parley.stun.StunParseException;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The check's way to the server: one UDP socket, or one TCP connection framed as RFC 8656 §12.5
 * says.
 */
sealed interface ClientSocket extends AutoCloseable {
  void send(byte[] message) throws IOException;

  /**
   * The next datagram or frame; {@link java.net.SocketTimeoutException} if none comes within {@code
   * wait}.
   */
  byte[] receive(Duration wait) throws IOException;

  /**
   * Whether requests must be sent again when unanswered (UDP), or arrive or fail on their own
   * (TCP).
   */
  boolean unreliable();

  @Override
  void close();

  static ClientSocket open(TurnUrl url, Duration timeout) throws IOException {
    InetSocketAddress server = url.address();
    if (server.isUnresolved()) {
      throw new IOException("cannot resolve " + url.host());
    }
    return url.tcp() ? Tcp.connect(server, timeout) : Udp.open(server);
  }

  private static int millis(Duration wait) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, wait.toMillis()));
  }

  record Udp(DatagramSocket socket, InetSocketAddress server) implements ClientSocket {
    static Udp open(InetSocketAddress server) throws IOException {
      DatagramSocket socket = new DatagramSocket();
      // connect() makes an ICMP port unreachable surface as PortUnreachableException.
      socket.connect(server);
      return new Udp(socket, server);
    }

    @Override
    public void send(byte[] message) throws IOException {
      socket.send(new DatagramPacket(message, message.length));
    }

    @Override
    public boolean unreliable() {
      return true;
    }

    @Override
    public byte[] receive(Duration wait) throws IOException {
      socket.setSoTimeout(millis(wait));
      byte[] buffer = new byte[65536];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      socket.receive(packet);
      byte[] data = new byte[packet.getLength()];
      System.arraycopy(buffer, 0, data, 0, data.length);
      return data;
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  record Tcp(Socket socket) implements ClientSocket {
    static Tcp connect(InetSocketAddress server, Duration timeout) throws IOException {
      Socket socket = new Socket();
      try {
        socket.connect(server, millis(timeout));
        socket.setTcpNoDelay(true);
      } catch (IOException e) {
        socket.close();
        throw e;
      }
      return new Tcp(socket);
    }

    @Override
    public void send(byte[] message) throws IOException {
      socket.getOutputStream().write(message);
    }

    @Override
    public boolean unreliable() {
      return false;
    }

    @Override
    public byte[] receive(Duration wait) throws IOException {
      socket.setSoTimeout(millis(wait));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] header = new byte[4];
      in.readFully(header);
      int length;
      try {
        length = StreamFraming.nextFrameLength(ByteBuffer.wrap(header));
      } catch (StunParseException e) {
        throw new IOException("the server sent something that is not STUN: " + e.getMessage(), e);
      }
      byte[] frame = new byte[length];
      System.arraycopy(header, 0, frame, 0, 4);
      in.readFully(frame, 4, length - 4);
      return frame;
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing after the check; nothing left to report
      }
    }
  }
}
