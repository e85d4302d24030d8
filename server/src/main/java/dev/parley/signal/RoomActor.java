package dev.parley.signal;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a {@link Room} runs: an actor on one executor, one task at a time, so a sender's signals keep
 * their order and no lock is needed. Public entry points enqueue, or run at once when already on
 * the executor with nothing queued (see {@link #run}). A base class rather than a field so that
 * relaying a signal, the hot path, goes through no extra object.
 */
abstract class RoomActor {
  final String name;
  final EventExecutor executor;

  /**
   * Sessions that have sent this room a join and not yet been let go: the room is never dropped
   * from {@link Rooms} with work still on its way.
   */
  final AtomicInteger references = new AtomicInteger();

  /**
   * Tasks handed to the executor that have not started yet (timers not counted); see {@link #run}.
   */
  private final AtomicInteger queued = new AtomicInteger();

  RoomActor(String name, EventExecutor executor) {
    this.name = name;
    this.executor = executor;
  }

  /**
   * Runs a session's message on the executor: at once when already there and nothing is queued for
   * this room, as it is for most messages (a room's executor is the event loop of the member that
   * opened it). Queued, a signal waited behind everything the loop read in the meantime, and under
   * load hundreds of thousands of them waited on the heap. A message never overtakes what is
   * already queued for the room (news from other nodes above all: a signal must not be routed by a
   * view of the room that a queued event has already changed), and every entry point of a session
   * comes through here, so its messages keep their order.
   */
  final void run(Runnable task) {
    if (queued.get() == 0 && executor.inEventLoop()) {
      task.run();
    } else {
      enqueue(task);
    }
  }

  /**
   * Queues a task on the executor, counted in {@link #queued}. Every queued task comes through
   * here.
   */
  final void enqueue(Runnable task) {
    queued.incrementAndGet();
    executor.execute(
        () -> {
          queued.decrementAndGet();
          task.run();
        });
  }
}
