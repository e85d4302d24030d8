package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket spoken by hand over a plain socket, for what a well-behaved client library refuses to
 * send (invalid UTF-8, odd frames).
 */
public final class RawWebSocket implements AutoCloseable {
  /** A frame received: opcode and payload. */
  public record Frame(int opcode, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final String responseHead;

  public RawWebSocket(int port) throws IOException {
    this(port, "");
  }

  /**
   * @param extraHeaders more request header lines, each ending in CRLF
   */
  public RawWebSocket(int port, String extraHeaders) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    out.write(
        ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + extraHeaders
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      head.write(in.readUnsignedByte());
    }
    responseHead = head.toString(StandardCharsets.ISO_8859_1);
    if (!responseHead.startsWith("HTTP/1.1 101")) {
      throw new IOException("upgrade refused: " + head);
    }
  }

  /** The server's answer to the upgrade: status line and headers. */
  public String responseHead() {
    return responseHead;
  }

  /** Sends one masked frame with FIN set. */
  public void send(int opcode, byte[] payload) throws IOException {
    write(frame(true, opcode, payload));
  }

  /**
   * Sends one masked frame with FIN and RSV1 set: with permessage-deflate negotiated, RSV1 marks a
   * compressed message (RFC 7692 section 6).
   */
  public void sendCompressed(int opcode, byte[] payload) throws IOException {
    byte[] frame = frame(true, opcode, payload);
    frame[0] |= 0x40;
    write(frame);
  }

  /** Writes frames made by {@link #frame} in a single write: the server receives them together. */
  public void write(byte[]... frames) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] frame : frames) {
      all.write(frame);
    }
    out.write(all.toByteArray());
    out.flush();
  }

  /**
   * One masked frame as a client sends it. Without {@code fin}, the message goes on in continuation
   * frames (opcode 0).
   */
  public static byte[] frame(boolean fin, int opcode, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    }
    byte[] mask = {1, 2, 3, 4};
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }

  public Frame read() throws IOException {
    int first = in.readUnsignedByte();
    int length = in.readUnsignedByte() & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = (int) in.readLong();
    }
    byte[] payload = new byte[length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
