package dev.parley.signal;

import dev.parley.cluster.Directory;

/** Where a node's rooms keep their members, and so which {@link Membership} each room gets. */
sealed interface Memberships {
  Membership of(Room room, RoomContext context);

  /** Whether this node can serve its rooms fully. */
  boolean ready();

  /**
   * Rooms in this node's memory alone.
   *
   * @param startedAtMillis resume tokens issued before this come from an earlier run of the server
   */
  record Alone(long startedAtMillis) implements Memberships {
    @Override
    public Membership of(Room room, RoomContext context) {
      return new LocalMembership(room, startedAtMillis, context.tokens(), context.webhooks());
    }

    @Override
    public boolean ready() {
      return true;
    }
  }

  /** Rooms shared by the nodes of a cluster through the directory; ready while Redis answers. */
  record Shared(Directory directory) implements Memberships {
    @Override
    public Membership of(Room room, RoomContext context) {
      return new ClusterMembership(
          room,
          directory,
          context.config().maxPeersPerRoom(),
          context.tokens(),
          context.webhooks());
    }

    @Override
    public boolean ready() {
      return directory.healthy();
    }
  }
}
