package dev.parley.cluster;

import java.util.List;

/**
 * A room's members as Redis holds them right after one script ran.
 *
 * @param seq the room's event counter at that moment: every event published about the room before
 *     it has a smaller number, every later one a larger
 */
public record Snapshot(long seq, List<Member> members) {}
