package dev.parley.cluster;

import dev.parley.cluster.ClusterEvent.Joined;
import dev.parley.cluster.ClusterEvent.Left;
import dev.parley.cluster.ClusterEvent.Moved;
import dev.parley.cluster.ClusterEvent.Restored;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.RawJson;
import dev.parley.protocol.Sequence;
import java.util.List;

/**
 * The cluster's wire, line by line and with what each line means. {@link ClusterWireTest} decodes
 * these lines; {@link ScriptsTest} has the Lua scripts publish the events, in this order, and the
 * nodes send the signals, against a real {@code redis-server}. So Java and Lua cannot drift apart.
 */
final class GoldenLines {
  private GoldenLines() {}

  static final String ROOM = "golden";
  static final String NODE_A = "node-a";
  static final String NODE_B = "node-b";

  record Event(String line, ClusterEvent event) {}

  record Signal(String entry, NodeSignal signal) {}

  record Command(String line, ClusterCommand command) {}

  /**
   * What the kick script publishes on the room's channel for an administrator's kick of {@code
   * bob}, then for closing the room, as {@link ScriptsTest} has it do.
   */
  static final List<Command> COMMANDS =
      List.of(
          new Command("k|bob", new ClusterCommand.Kick("bob")),
          new Command("c", new ClusterCommand.Close()));

  /**
   * What the scripts publish on the room's channel for the steps of {@link ScriptsTest}, in order.
   */
  static final List<Event> EVENTS =
      List.of(
          new Event("j|1|ada|node-a|Ada", new Joined(1, new Member("ada", "Ada", NODE_A))),
          new Event("j|2|bob|node-b|", new Joined(2, new Member("bob", null, NODE_B))),
          new Event(
              "j|3|cy|node-a|Zoë | ops", new Joined(3, new Member("cy", "Zoë | ops", NODE_A))),
          new Event("m|4|ada|node-a|node-b", new Moved(4, "ada", NODE_A, NODE_B)),
          new Event("l|5|ada|node-b|LEFT", new Left(5, "ada", NODE_B, LeaveReason.LEFT)),
          new Event("r|6|dee|node-a|Dee", new Restored(6, new Member("dee", "Dee", NODE_A))),
          new Event("l|7|dee|node-a|TIMEOUT", new Left(7, "dee", NODE_A, LeaveReason.TIMEOUT)),
          new Event("l|8|bob|node-b|KICKED", new Left(8, "bob", NODE_B, LeaveReason.KICKED)),
          new Event("l|9|cy|node-a|LEFT", new Left(9, "cy", NODE_A, LeaveReason.LEFT)));

  /**
   * One signal each, as a node publishes it on the target node's channel. The length counts UTF-16
   * code units (50 here, over 53 bytes), as nodes of the previous release count it.
   */
  static final List<Signal> SIGNALS =
      List.of(
          new Signal(
              "84:golden|ada|bob|{\"candidate\":\"candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host\"}",
              new NodeSignal(
                  ROOM,
                  "ada",
                  "bob",
                  RawJson.of(
                      "{\"candidate\":\"candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host\"}"),
                  Sequence.NONE)),
          new Signal(
              "50:golden|bob|ada|{\"sdp\":\"v=0\\r\\n\",\"note\":\"Zoë 😀|:\"}",
              new NodeSignal(
                  ROOM,
                  "bob",
                  "ada",
                  RawJson.of("{\"sdp\":\"v=0\\r\\n\",\"note\":\"Zoë 😀|:\"}"),
                  Sequence.NONE)),
          // From a client that numbers its signals: the numbers follow data as they will follow it
          // in the relayed message, so a node of the previous release passes them on unknowingly.
          new Signal(
              "53:golden|ada|bob|{\"sdp\":\"}\"},\"seq\":7,\"ack\":3,\"resend\":3",
              new NodeSignal(
                  ROOM, "ada", "bob", RawJson.of("{\"sdp\":\"}\"}"), new Sequence(7, 3, 3))));
}
