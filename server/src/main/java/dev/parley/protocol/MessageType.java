package dev.parley.protocol;

import dev.parley.protocol.ClientMessage.Broadcast;
import dev.parley.protocol.ClientMessage.Join;
import dev.parley.protocol.ClientMessage.Leave;
import dev.parley.protocol.ClientMessage.Legacy;
import dev.parley.protocol.ClientMessage.Ping;
import dev.parley.protocol.ClientMessage.Publish;
import dev.parley.protocol.ClientMessage.Render;
import dev.parley.protocol.ClientMessage.Signal;
import dev.parley.protocol.ClientMessage.SubscribeAnswer;
import dev.parley.protocol.ServerMessage.GoAway;
import dev.parley.protocol.ServerMessage.LegacyFrame;
import dev.parley.protocol.ServerMessage.MediaChanged;
import dev.parley.protocol.ServerMessage.PeerJoined;
import dev.parley.protocol.ServerMessage.PeerLeft;
import dev.parley.protocol.ServerMessage.Pong;
import dev.parley.protocol.ServerMessage.PublishAnswer;
import dev.parley.protocol.ServerMessage.Relayed;
import dev.parley.protocol.ServerMessage.Speaker;
import dev.parley.protocol.ServerMessage.SubscribeOffer;
import dev.parley.protocol.ServerMessage.Welcome;

/**
 * The {@code type} of a message on the wire, the one place it is named for everything that is not a
 * codec (metrics count by it). Legacy mode's three message kinds count as {@code legacy}.
 */
public enum MessageType {
  JOIN("join", true, false),
  SIGNAL("signal", true, true),
  LEAVE("leave", true, false),
  PING("ping", true, false),
  LEGACY("legacy", true, true),
  PUBLISH("publish", true, false),
  SUBSCRIBE_ANSWER("subscribe-answer", true, false),
  RENDER("render", true, false),
  BROADCAST("broadcast", true, false),
  MEDIA("media", false, true),
  PUBLISH_ANSWER("publish-answer", false, true),
  SUBSCRIBE_OFFER("subscribe-offer", false, true),
  SPEAKER("speaker", false, true),
  WELCOME("welcome", false, true),
  PEER_JOINED("peer-joined", false, true),
  PEER_LEFT("peer-left", false, true),
  ERROR("error", false, true),
  GOAWAY("goaway", false, true),
  PONG("pong", false, true);

  private final String wire;
  private final boolean fromClients;
  private final boolean fromServer;

  MessageType(String wire, boolean fromClients, boolean fromServer) {
    this.wire = wire;
    this.fromClients = fromClients;
    this.fromServer = fromServer;
  }

  public String wire() {
    return wire;
  }

  /** Clients send messages of this type. */
  public boolean fromClients() {
    return fromClients;
  }

  /** The server sends messages of this type. */
  public boolean fromServer() {
    return fromServer;
  }

  public static MessageType of(ClientMessage message) {
    return switch (message) {
      case Join join -> JOIN;
      case Signal signal -> SIGNAL;
      case Leave leave -> LEAVE;
      case Ping ping -> PING;
      case Legacy legacy -> LEGACY;
      case Publish publish -> PUBLISH;
      case SubscribeAnswer answer -> SUBSCRIBE_ANSWER;
      case Render render -> RENDER;
      case Broadcast broadcast -> BROADCAST;
    };
  }

  public static MessageType of(ServerMessage message) {
    return switch (message) {
      case Welcome welcome -> WELCOME;
      case PeerJoined joined -> PEER_JOINED;
      case PeerLeft left -> PEER_LEFT;
      case Relayed relayed -> SIGNAL;
      case ServerMessage.Error error -> ERROR;
      case GoAway goAway -> GOAWAY;
      case Pong pong -> PONG;
      case LegacyFrame frame -> LEGACY;
      case MediaChanged changed -> MEDIA;
      case PublishAnswer answer -> PUBLISH_ANSWER;
      case SubscribeOffer offer -> SUBSCRIBE_OFFER;
      case Speaker speaker -> SPEAKER;
    };
  }
}
