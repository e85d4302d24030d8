package dev.parley.turn;

import dev.parley.stun.ChannelData;
import dev.parley.stun.Method;
import dev.parley.stun.PacketKind;
import dev.parley.stun.StunMessage;
import dev.parley.stun.StunParseException;
import dev.parley.stun.UnknownAttributes;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Everything a client sends, from whichever transport: STUN or ChannelData by the first two bits
 * (RFC 8656 §12), then the method. Runs on the client link's event loop.
 *
 * <p>Each packet is decoded in place, as a view over the transport's buffer (see {@link
 * StunMessage#decodeView}): the buffer is released once {@link #received} returns, so no handler
 * may keep the message, its {@code Data} or a {@code ChannelData} beyond that call. {@link
 * Allocation#toPeer} copies the payload into the relay's write, the one copy on this path.
 */
final class Dispatcher {
  private final TurnContext turn;
  private final AllocateHandler allocate;
  private final RefreshHandler refresh;
  private final CreatePermissionHandler createPermission;
  private final ChannelBindHandler channelBind;
  private final SendHandler send;

  Dispatcher(TurnContext turn) {
    this.turn = turn;
    this.allocate = new AllocateHandler(turn);
    this.refresh = new RefreshHandler(turn);
    this.createPermission = new CreatePermissionHandler(turn);
    this.channelBind = new ChannelBindHandler(turn);
    this.send = new SendHandler(turn);
  }

  /** One datagram, or one frame of a TCP stream. Malformed input is dropped (RFC 8489 §6.3). */
  void received(ClientLink link, ByteBuf packet) {
    if (!packet.isReadable()) {
      return;
    }
    ByteBuffer bytes = packet.nioBuffer();
    try {
      switch (PacketKind.of(packet.getByte(packet.readerIndex()))) {
        case STUN -> receivedStun(link, StunMessage.decodeView(bytes));
        case CHANNEL_DATA -> receivedChannelData(link, ChannelData.decodeView(bytes));
        case OTHER -> {}
      }
    } catch (StunParseException e) {
      // RFC 8489 §6.3: a message that is not well-formed STUN is discarded without an answer.
    }
  }

  private void receivedStun(ClientLink link, StunMessage message) {
    switch (message.type().messageClass()) {
      case REQUEST -> receivedRequest(link, message);
      case INDICATION -> receivedIndication(link, message);
      case SUCCESS_RESPONSE, ERROR_RESPONSE -> {} // we send no requests
    }
  }

  private void receivedRequest(ClientLink link, StunMessage request) {
    List<Integer> unknown = request.unknownComprehensionRequired();
    if (!unknown.isEmpty()) {
      // RFC 8489 §6.3.1.1: 420 naming them; unsigned, since the request was not checked.
      turn.refuse(
          link,
          Responses.error(
              request, TurnError.UNKNOWN_ATTRIBUTE, null, new UnknownAttributes(unknown)),
          TurnError.UNKNOWN_ATTRIBUTE);
      return;
    }
    Method method = request.type().method();
    if (method.equals(Method.BINDING)) {
      BindingHandler.handleBinding(link, request);
      return;
    }
    if (!isTurnRequest(method)) {
      turn.refuse(
          link, Responses.error(request, TurnError.BAD_REQUEST, null), TurnError.BAD_REQUEST);
      return;
    }
    boolean spoofable = link instanceof ClientLink.Udp;
    switch (turn.authenticator()
        .authenticate(request, link.tuple().client().getAddress(), spoofable)) {
      case Authenticator.Outcome.Accepted accepted -> authenticated(link, request, accepted);
      case Authenticator.Outcome.Refused refused ->
          turn.refuse(link, refused.response(), refused.error());
      // A UDP client may retry later; on a stream nothing more will be answered, so it ends.
      case Authenticator.Outcome.Dropped dropped -> {
        if (!spoofable) {
          link.channel().close();
        }
      }
    }
  }

  private static boolean isTurnRequest(Method method) {
    return method.equals(Method.ALLOCATE)
        || method.equals(Method.REFRESH)
        || method.equals(Method.CREATE_PERMISSION)
        || method.equals(Method.CHANNEL_BIND);
  }

  private void authenticated(
      ClientLink link, StunMessage request, Authenticator.Outcome.Accepted user) {
    Method method = request.type().method();
    if (method.equals(Method.ALLOCATE)) {
      allocate.handleAllocate(link, request, user.username(), user.key());
      return;
    }
    // RFC 8656 §5: other requests need an allocation on this 5-tuple (437), made by the same user
    // (441).
    Allocation allocation = turn.allocations().get(link.tuple());
    if (allocation == null) {
      turn.refuse(
          link,
          Responses.error(request, TurnError.ALLOCATION_MISMATCH, user.key()),
          TurnError.ALLOCATION_MISMATCH);
      return;
    }
    if (!allocation.username.equals(user.username())) {
      turn.refuse(
          link,
          Responses.error(request, TurnError.WRONG_CREDENTIALS, user.key()),
          TurnError.WRONG_CREDENTIALS);
      return;
    }
    if (method.equals(Method.REFRESH)) {
      refresh.handleRefresh(link, request, allocation, user.key());
    } else if (method.equals(Method.CREATE_PERMISSION)) {
      createPermission.handleCreatePermission(link, request, allocation, user.key());
    } else {
      channelBind.handleChannelBind(link, request, allocation, user.key());
    }
  }

  private void receivedIndication(ClientLink link, StunMessage indication) {
    Allocation allocation = turn.allocations().get(link.tuple());
    if (allocation != null && indication.type().method().equals(Method.SEND)) {
      send.handleSend(indication, allocation);
    }
  }

  private void receivedChannelData(ClientLink link, ChannelData message) {
    Allocation allocation = turn.allocations().get(link.tuple());
    if (allocation != null) {
      ChannelDataHandler.handleChannelData(message, allocation);
    }
  }
}
