package dev.parley.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of one run, parsed and checked once. Every quantity is bounded so that a typo cannot
 * start a run that never ends or opens more sockets than the machine has ports.
 *
 * @param scenario what to measure: {@code relay}, {@code idle} or {@code fanout}
 * @param protocol the server's signaling protocol: Parley's or the PeerJS server's
 * @param roomSize peers per room; 2 except in the fan-out scenario
 * @param hold how long the idle scenario keeps its peers connected before measuring
 * @param steps the idle scenario's batches: the peers connect in this many equal parts, each
 *     followed by the hold and a measurement, so that one server shows how memory grows with peers
 * @param partnerUrl where the second peer of each relay room connects: another node of a cluster,
 *     so that every signal crosses nodes; the same as {@code url} by default
 * @param rate total signals per second over all peers, or {@link #MAX_RATE} to send as fast as
 *     {@code window} allows
 * @param threads event loop threads; 0 means one per CPU this process may run on
 * @param json where to write the JSON result line; {@code null} for none
 * @param serverPid the server's process id, to measure its CPU; 0 for none
 * @param label free text copied into the results (how the processes were pinned, say)
 */
record Options(
    String scenario,
    Protocol protocol,
    URI url,
    URI partnerUrl,
    int peers,
    int roomSize,
    Duration hold,
    int steps,
    double rate,
    int window,
    Duration warmup,
    Duration duration,
    Duration drain,
    int connectRate,
    int threads,
    Path json,
    long serverPid,
    String label) {

  static final double MAX_RATE = 0;

  private static final Set<String> NAMES =
      Set.of(
          "--scenario",
          "--protocol",
          "--url",
          "--partner-url",
          "--peers",
          "--room-size",
          "--hold",
          "--steps",
          "--rate",
          "--window",
          "--warmup",
          "--duration",
          "--drain",
          "--connect-rate",
          "--threads",
          "--json",
          "--server-pid",
          "--label");

  static final String USAGE =
      """
      Usage: java -jar parley-bench.jar [options]
        --scenario S         relay: peers in rooms of two send ICE-candidate-sized signals to
                             their partner (default);
                             idle: peers in rooms of two connect and stay quiet for --hold, then
                             the server's memory is measured (needs --server-pid);
                             fanout: rooms of --room-size peers all join at once (a join storm):
                             join latency and presence (peer-joined) delivery; Parley only
        --protocol P         parley (default) or peerjs (the PeerJS server 1.0.2, npm peer)
        --url URL            the server's WebSocket endpoint (default ws://127.0.0.1:8080/ws;
                             for PeerJS the path is /peerjs, whatever the URL says)
        --partner-url URL    relay: where the second peer of each room connects, e.g. another
                             node of a cluster so that every signal crosses nodes (default: --url)
        --peers N            peers, a multiple of the room size (default 100)
        --room-size N        fanout: peers per room, 2 to 64 (default 8)
        --hold D             idle: how long the peers stay connected before measuring (default 10s)
        --steps N            idle: connect the peers in N equal batches, each followed by the hold
                             and a measurement, all in one server (default 1)
        --rate R|max         total signals per second, spread evenly over the peers and
                             scheduled open-loop; max: as fast as --window allows (default max)
        --window N           with --rate max, signals in flight per peer (default 64)
        --warmup D           time before measuring, e.g. 5s or 500ms (default 5s)
        --duration D         measured time (default 10s)
        --drain D            how long to wait for the last signals; later ones count as lost (default 2s)
        --connect-rate N     connections opened per second while ramping up (default 1000)
        --threads N          event loop threads; 0: one per available CPU (default 0)
        --json FILE          also write the JSON result line to FILE
        --server-pid PID     measure the server's CPU time (from /proc/PID/stat) too
        --label TEXT         free text copied into the results
        --help               show this
      """;

  Options {
    require(
        url.getScheme() != null && url.getScheme().equals("ws") && url.getPort() > 0,
        "--url must look like ws://127.0.0.1:PORT/ws (plain ws, explicit port)");
    require(
        partnerUrl.getScheme() != null
            && partnerUrl.getScheme().equals("ws")
            && partnerUrl.getPort() > 0,
        "--partner-url must look like ws://127.0.0.1:PORT/ws (plain ws, explicit port)");
    require(
        scenario.equals("relay") || partnerUrl.equals(url),
        "--partner-url is for the relay scenario");
    require(
        Set.of("relay", "idle", "fanout").contains(scenario),
        "--scenario must be relay, idle or fanout");
    require(roomSize >= 2 && roomSize <= 64, "--room-size must be 2 to 64");
    require(scenario.equals("fanout") || roomSize == 2, "--room-size is for the fanout scenario");
    require(
        !scenario.equals("fanout") || protocol instanceof Protocol.Parley,
        "the fanout scenario needs rooms and presence: --protocol parley");
    require(
        peers >= 2 && peers <= 100_000 && peers % roomSize == 0,
        "--peers must be a multiple of the room size (" + roomSize + "), from 2 to 100000");
    require(within(hold, Duration.ZERO, Duration.ofHours(1)), "--hold must be 0 to 1h");
    require(steps >= 1 && steps <= 20, "--steps must be 1 to 20");
    require(steps == 1 || scenario.equals("idle"), "--steps is for the idle scenario");
    require(
        peers / roomSize >= steps,
        "--steps must be at most the number of rooms (" + peers / roomSize + ")");
    require(
        rate == MAX_RATE || (rate >= 1 && rate <= 10_000_000),
        "--rate must be max or 1 to 10000000");
    require(window >= 1 && window <= 10_000, "--window must be 1 to 10000");
    require(within(warmup, Duration.ZERO, Duration.ofHours(1)), "--warmup must be 0 to 1h");
    require(
        within(duration, Duration.ofMillis(100), Duration.ofHours(1)),
        "--duration must be 100ms to 1h");
    require(within(drain, Duration.ZERO, Duration.ofMinutes(1)), "--drain must be 0 to 1m");
    require(connectRate >= 1 && connectRate <= 100_000, "--connect-rate must be 1 to 100000");
    require(threads >= 0 && threads <= 256, "--threads must be 0 to 256");
    require(serverPid >= 0, "--server-pid must be a process id");
  }

  /**
   * @return the options, or {@code null} if help was asked for
   */
  static Options parse(String... args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return null;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown option " + name + " (see --help)");
      }
      if (eq >= 0) {
        given.put(name, arg.substring(eq + 1));
      } else if (i + 1 < args.length) {
        given.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
    }
    try {
      String rate = given.getOrDefault("--rate", "max");
      String scenario = given.getOrDefault("--scenario", "relay");
      String url = given.getOrDefault("--url", "ws://127.0.0.1:8080/ws");
      return new Options(
          scenario,
          Protocol.named(given.getOrDefault("--protocol", "parley")),
          URI.create(url),
          URI.create(given.getOrDefault("--partner-url", url)),
          Integer.parseInt(given.getOrDefault("--peers", "100")),
          Integer.parseInt(
              given.getOrDefault("--room-size", scenario.equals("fanout") ? "8" : "2")),
          duration(given.getOrDefault("--hold", "10s")),
          Integer.parseInt(given.getOrDefault("--steps", "1")),
          rate.equals("max") ? MAX_RATE : Double.parseDouble(rate),
          Integer.parseInt(given.getOrDefault("--window", "64")),
          duration(given.getOrDefault("--warmup", "5s")),
          duration(given.getOrDefault("--duration", "10s")),
          duration(given.getOrDefault("--drain", "2s")),
          Integer.parseInt(given.getOrDefault("--connect-rate", "1000")),
          Integer.parseInt(given.getOrDefault("--threads", "0")),
          given.containsKey("--json") ? Path.of(given.get("--json")) : null,
          Long.parseLong(given.getOrDefault("--server-pid", "0")),
          given.getOrDefault("--label", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + e.getMessage());
    }
  }

  /** These options with another peer count, connected in one step. */
  Options withPeers(int count) {
    return new Options(
        scenario,
        protocol,
        url,
        partnerUrl,
        count,
        roomSize,
        hold,
        1,
        rate,
        window,
        warmup,
        duration,
        drain,
        connectRate,
        threads,
        json,
        serverPid,
        label);
  }

  boolean maxRate() {
    return rate == MAX_RATE;
  }

  int rooms() {
    return peers / roomSize;
  }

  /**
   * How many peers are connected once the idle scenario's {@code step}th batch (from 1) is in:
   * whole rooms.
   */
  int peersAfterStep(int step) {
    return (int) ((long) rooms() * step / steps) * roomSize;
  }

  /** {@code 5s}, {@code 500ms}, {@code 2m}, or a bare number of seconds such as {@code 1.5}. */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    double seconds;
    try {
      if (t.endsWith("ms")) {
        seconds = Double.parseDouble(t.substring(0, t.length() - 2)) / 1000;
      } else if (t.endsWith("s")) {
        seconds = Double.parseDouble(t.substring(0, t.length() - 1));
      } else if (t.endsWith("m")) {
        seconds = Double.parseDouble(t.substring(0, t.length() - 1)) * 60;
      } else {
        seconds = Double.parseDouble(t);
      }
    } catch (NumberFormatException e) {
      seconds = Double.NaN;
    }
    if (!(seconds >= 0 && seconds <= 86_400)) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (write 500ms, 5s, 2m or 1.5)");
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  private static boolean within(Duration d, Duration min, Duration max) {
    return d.compareTo(min) >= 0 && d.compareTo(max) <= 0;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
