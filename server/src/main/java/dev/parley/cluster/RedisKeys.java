package dev.parley.cluster;

/**
 * Where the cluster keeps things in Redis: one room's keys and channel, the rooms index, the nodes'
 * signal channels. docs/deployment.md lists them for operators. A room's keys share the hash tag
 * {@code {room}}, so a Redis Cluster would keep them in one slot; the rooms index is the one key
 * all rooms share.
 */
record RedisKeys(
    String members, String seq, String resume, String info, String peerPrefix, String events) {
  static final String PREFIX = "parley:";

  /** Every room with peers, by name (a sorted set, all scores 0), kept by the scripts. */
  static final String ROOMS_INDEX = PREFIX + "rooms";

  static RedisKeys of(String room) {
    String tagged = PREFIX + "{" + room + "}:";
    return new RedisKeys(
        tagged + "members",
        tagged + "seq",
        tagged + "resume",
        tagged + "info",
        // each peer's liveness key is this followed by its id
        tagged + "peer:",
        tagged + "events");
  }

  /** The keys a membership script is given, in the order the scripts read them as KEYS. */
  String[] forScripts() {
    return new String[] {members, seq, resume, info, ROOMS_INDEX};
  }

  /** The channel on which a node receives the signals routed to it. */
  static String nodeChannel(String node) {
    return PREFIX + "node:" + node;
  }

  /** The room whose event channel this is. */
  static String roomOfChannel(String channel) {
    return channel.substring(channel.indexOf('{') + 1, channel.lastIndexOf('}'));
  }
}
