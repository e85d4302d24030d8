/** Maps each event name to the payload its listeners receive (an interface works). */
export type EventMap<Events> = { [K in keyof Events]: unknown };

export type Listener<T> = (payload: T) => void;

/**
 * Typed events with any number of listeners. A listener that throws does not stop the others
 * nor the SDK: its error goes to `onListenerError` (by default the browser's `reportError`,
 * which logs it like an uncaught exception).
 */
export class Emitter<Events extends EventMap<Events>> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly onListenerError: (error: unknown) => void = reportListenerError) {}

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => this.off(event, listener);
  }

  /** Adds a listener that is removed after its first call. */
  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const off = this.on(event, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    const set = this.listeners.get(event);
    set?.delete(listener);
    if (set?.size === 0) {
      this.listeners.delete(event);
    }
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) {
      return;
    }
    // A copy, so listeners may add or remove listeners while being called.
    for (const listener of [...set] as Listener<Events[K]>[]) {
      try {
        listener(payload);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }
}

function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (report) {
    report(error);
  } else {
    console.error('parley: an event listener threw', error);
  }
}
