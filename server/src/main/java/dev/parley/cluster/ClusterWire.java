package dev.parley.cluster;

import dev.parley.cluster.ClusterEvent.Joined;
import dev.parley.cluster.ClusterEvent.Left;
import dev.parley.cluster.ClusterEvent.Moved;
import dev.parley.cluster.ClusterEvent.Restored;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.RawJson;
import dev.parley.protocol.Sequence;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the nodes of a cluster say to each other through Redis, in one place:
 *
 * <ul>
 *   <li>Room events, published by the Lua scripts ({@link Scripts}) on the room's channel, one line
 *       each: {@code j|seq|peer|node|name} (joined), {@code r|seq|peer|node|name} (restored),
 *       {@code l|seq|peer|node|reason|by} (left; the previous release sends no {@code |by}), {@code
 *       m|seq|peer|from|to} (moved). An empty name is a peer without one; a name may hold any
 *       character, {@code |} too.
 *   <li>Administrators' orders ({@link ClusterCommand}), published by the kick script on the same
 *       channel, unnumbered: {@code k|peer} (kick one peer), {@code c} (close the room). Nodes of
 *       the previous release log them as malformed and ignore them.
 *   <li>The admin listing script's reply: {@code {truncated, room, n, peer, "node|name",
 *       "connected|identity", ...}} ({@link Listing}).
 *   <li>The scripts' replies: {@code {seq, emptied, n, swept1, "node|name", ..., peer1,
 *       "node|name", ...}}: whether the sweep left the room empty (1 or 0), the {@code n} peers the
 *       script swept out, then the room's members; {@code seq} is -1 when the script refused (a
 *       full room, a peer gone), its swept peers still listed. The leave script's reply is a number
 *       ({@link Departure}). Only the node that ran a script reads its reply, so unlike events and
 *       signals, replies need not stay what the previous release read.
 *   <li>Signals for a node, on its channel, as a batch of entries {@code
 *       <n>:room|from|to|data[numbers]}: {@code numbers} are the sender's delivery numbers as they
 *       follow {@code data} in the relayed message ({@link Sequence#tail()}, e.g. {@code
 *       ,"seq":7,"ack":3}), absent for a signal without any. A node of the previous release copies
 *       {@code data[numbers]} after {@code "data":} as it always did, so its clients get them too.
 *       {@code n} counts the entry in UTF-16 code units, as the first cluster release (which held
 *       signals as Java strings) measured it; the bytes are UTF-8. Nodes of adjacent releases share
 *       a cluster during an upgrade, so the count stays what it was.
 * </ul>
 *
 * <p>Only Parley writes these channels, so a message that does not decode is a bug somewhere: the
 * decoders say what is wrong with it ({@link Malformed}) and nothing else happens.
 */
final class ClusterWire {
  private ClusterWire() {}

  /** A message no Parley node or script writes. */
  static final class Malformed extends IllegalArgumentException {
    Malformed(String message) {
      super(message);
    }
  }

  /** Decodes one room event, as a script published it. */
  static ClusterEvent event(byte[] message) {
    String line = new String(message, StandardCharsets.UTF_8);
    String[] parts = line.split("\\|", 5);
    // Every field has a value, but a peer's name may be empty.
    char kind = parts[0].length() == 1 ? parts[0].charAt(0) : '?';
    if (parts.length != 5
        || parts[2].isEmpty()
        || parts[3].isEmpty()
        || (parts[4].isEmpty() && kind != 'j' && kind != 'r')) {
      throw new Malformed("not a room event: " + line);
    }
    long seq = seq(parts[1], line);
    String peer = parts[2];
    return switch (kind) {
      case 'j' -> new Joined(seq, new Member(peer, nameOrNull(parts[4]), parts[3]));
      case 'r' -> new Restored(seq, new Member(peer, nameOrNull(parts[4]), parts[3]));
      case 'l' -> new Left(seq, peer, parts[3], reason(parts[4], line));
      case 'm' -> new Moved(seq, peer, parts[3], parts[4]);
      default -> throw new Malformed("not a room event: " + line);
    };
  }

  private static long seq(String text, String line) {
    try {
      long seq = Long.parseLong(text);
      if (seq > 0) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new Malformed("room event without a positive number: " + line);
  }

  private static String nameOrNull(String name) {
    return name.isEmpty() ? null : name;
  }

  private static LeaveReason reason(String text, String line) {
    for (LeaveReason reason : LeaveReason.values()) {
      if (reason.name().equals(text)) {
        return reason;
      }
    }
    throw new Malformed("unknown leave reason in: " + line);
  }

  /** Whether a message on a room's channel is an administrator's order rather than an event. */
  static boolean isCommand(byte[] message) {
    return message.length > 0
        && (message[0] == 'k' || message[0] == 'c')
        && (message.length == 1 || message[1] == '|');
  }

  /** Decodes an administrator's order, as the kick script published it. */
  static ClusterCommand command(byte[] message) {
    String line = new String(message, StandardCharsets.UTF_8);
    if (line.equals("c")) {
      return new ClusterCommand.Close();
    }
    if (line.startsWith("k|") && line.length() > 2) {
      return new ClusterCommand.Kick(line.substring(2));
    }
    throw new Malformed("not an administrator's order: " + line);
  }

  /** Decodes the listing script's reply. */
  static Listing listing(List<Object> reply) {
    boolean truncated = (Long) reply.getFirst() == 1L;
    List<Listing.Room> rooms = new ArrayList<>();
    int at = 1;
    while (at < reply.size()) {
      String room = utf8((byte[]) reply.get(at));
      int count = Math.toIntExact((Long) reply.get(at + 1));
      at += 2;
      List<Listing.Peer> peers = new ArrayList<>(count);
      for (int i = 0; i < count; i++, at += 3) {
        Member member = member((byte[]) reply.get(at), (byte[]) reply.get(at + 1));
        String shown = utf8((byte[]) reply.get(at + 2));
        peers.add(
            new Listing.Peer(
                member.peerId(),
                member.name(),
                member.node(),
                shown.length() > 2 ? shown.substring(2) : null,
                // Redis lost what to show (it restarted; a refresh put the peer back): its node
                // refreshes it, so it is there, most likely connected.
                !shown.startsWith("0")));
      }
      rooms.add(new Listing.Room(room, peers));
    }
    return new Listing(rooms, truncated);
  }

  /**
   * A room script's reply.
   *
   * @param snapshot the room after the script, or {@code null} when the script refused
   * @param swept the peers the script swept out, each as its dead node last registered it
   * @param emptied whether they were the room's last: the sweep ended the room
   */
  record Reply(Snapshot snapshot, List<Member> swept, boolean emptied) {}

  /** Decodes a script's reply: the room right after the script ran, or {@code null} for "no". */
  static Reply reply(List<Object> reply) {
    long seq = (Long) reply.getFirst();
    boolean emptied = (Long) reply.get(1) == 1L;
    int swept = Math.toIntExact((Long) reply.get(2));
    List<Member> gone = members(reply, 3, 3 + 2 * swept);
    return new Reply(
        seq < 0 ? null : new Snapshot(seq, members(reply, 3 + 2 * swept, reply.size())),
        gone,
        emptied);
  }

  /** Peer id and {@code node|name} pairs from {@code from} to {@code to}. */
  private static List<Member> members(List<Object> reply, int from, int to) {
    List<Member> members = new ArrayList<>((to - from) / 2);
    for (int i = from; i + 1 < to; i += 2) {
      members.add(member((byte[]) reply.get(i), (byte[]) reply.get(i + 1)));
    }
    return members;
  }

  /** A peer id and its {@code node|name} value in the room's members hash. */
  private static Member member(byte[] peerId, byte[] value) {
    String text = utf8(value);
    int bar = text.indexOf('|');
    return new Member(utf8(peerId), nameOrNull(text.substring(bar + 1)), text.substring(0, bar));
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Appends one signal to a batch for a node. */
  static void appendSignal(ByteArrayOutputStream batch, NodeSignal signal) {
    byte[] data = signal.data().bytes();
    byte[] tail = signal.sequence().tail();
    int units =
        signal.room().length()
            + signal.from().length()
            + signal.to().length()
            + 3
            + utf16Length(data)
            + tail.length;
    batch.writeBytes(Integer.toString(units).getBytes(StandardCharsets.US_ASCII));
    batch.write(':');
    batch.writeBytes(signal.room().getBytes(StandardCharsets.UTF_8));
    batch.write('|');
    batch.writeBytes(signal.from().getBytes(StandardCharsets.UTF_8));
    batch.write('|');
    batch.writeBytes(signal.to().getBytes(StandardCharsets.UTF_8));
    batch.write('|');
    batch.writeBytes(data);
    batch.writeBytes(tail);
  }

  /** Hands each signal of a batch to {@code each}, in order; a malformed entry ends the batch. */
  static void signals(byte[] batch, Consumer<NodeSignal> each) {
    int at = 0;
    while (at < batch.length) {
      int colon = indexOf(batch, (byte) ':', at, Math.min(batch.length, at + 11));
      if (colon < 0) {
        throw new Malformed(
            "a signal entry at byte " + at + " does not start with its length and ':'");
      }
      int end = skipUtf16Units(batch, colon + 1, length(batch, at, colon));
      each.accept(signal(batch, colon + 1, end));
      at = end;
    }
  }

  private static int length(byte[] batch, int from, int to) {
    long units = 0;
    for (int i = from; i < to; i++) {
      if (batch[i] < '0' || batch[i] > '9') {
        throw new Malformed("a signal entry's length at byte " + from + " is not a number");
      }
      units = units * 10 + (batch[i] - '0');
    }
    if (from == to || (batch[from] == '0' && to - from > 1) || units > Integer.MAX_VALUE) {
      throw new Malformed("a signal entry's length at byte " + from + " is not a number");
    }
    return (int) units;
  }

  private static NodeSignal signal(byte[] batch, int from, int end) {
    int roomEnd = indexOf(batch, (byte) '|', from, end);
    int fromEnd = roomEnd < 0 ? -1 : indexOf(batch, (byte) '|', roomEnd + 1, end);
    int toEnd = fromEnd < 0 ? -1 : indexOf(batch, (byte) '|', fromEnd + 1, end);
    if (toEnd < 0) {
      throw new Malformed("a signal entry at byte " + from + " lacks room, sender or target");
    }
    // data is a JSON object, so it ends at the entry's last '}'; the numbers after it have none.
    int dataEnd = lastIndexOf(batch, (byte) '}', toEnd + 1, end) + 1;
    Sequence sequence = dataEnd == 0 ? null : Sequence.fromTail(batch, dataEnd, end);
    if (sequence == null) {
      throw new Malformed("a signal entry at byte " + from + " has no data object, or bad numbers");
    }
    return new NodeSignal(
        utf8(batch, from, roomEnd),
        utf8(batch, roomEnd + 1, fromEnd),
        utf8(batch, fromEnd + 1, toEnd),
        new RawJson(Arrays.copyOfRange(batch, toEnd + 1, dataEnd)),
        sequence);
  }

  private static int lastIndexOf(byte[] bytes, byte wanted, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static String utf8(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** UTF-16 code units of well-formed UTF-8: one per character, two for one beyond U+FFFF. */
  static int utf16Length(byte[] utf8) {
    int units = 0;
    for (byte b : utf8) {
      if ((b & 0xC0) != 0x80) {
        units += (b & 0xF8) == 0xF0 ? 2 : 1;
      }
    }
    return units;
  }

  /** The byte offset {@code units} UTF-16 code units of UTF-8 after {@code at}. */
  private static int skipUtf16Units(byte[] utf8, int at, int units) {
    int i = at;
    while (units > 0) {
      int bytes = i < utf8.length ? charLength(utf8, i) : 0;
      int needed = bytes == 4 ? 2 : 1;
      if (bytes == 0 || needed > units) {
        throw new Malformed(
            "a signal entry at byte " + at + " is not " + units + " more characters of UTF-8");
      }
      i += bytes;
      units -= needed;
    }
    return i;
  }

  /**
   * Bytes of the well-formed UTF-8 character at {@code i} (RFC 3629 §4), or 0 when there is none.
   */
  private static int charLength(byte[] utf8, int i) {
    int lead = utf8[i] & 0xFF;
    if (lead < 0x80) {
      return 1;
    }
    int bytes =
        lead >= 0xC2 && lead <= 0xDF
            ? 2
            : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    if (bytes == 0 || i + bytes > utf8.length) {
      return 0;
    }
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    int second = utf8[i + 1] & 0xFF;
    int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
    if (second < low || second > high) {
      return 0;
    }
    for (int k = 2; k < bytes; k++) {
      if ((utf8[i + k] & 0xC0) != 0x80) {
        return 0;
      }
    }
    return bytes;
  }
}
