import type { BrowserContext } from '@playwright/test';

/** Holds what the server sends a context's pages back by `ms` (0: passes it straight on). */
export interface SignalingDelay {
  set(ms: number): void;
}

/**
 * Routes every signaling WebSocket of a context through Playwright and delays what the server
 * sends by an adjustable latency, keeping the order. Two offers made within that latency of
 * each other then cross for certain, as they would over a slow network; on loopback they
 * cross only when both are made within a millisecond or two. What pages send goes straight on.
 */
export async function delaySignaling(context: BrowserContext): Promise<SignalingDelay> {
  let delayMs = 0;
  await context.routeWebSocket(/\/ws(\?.*)?$/, (page) => {
    const server = page.connectToServer();
    let delivered = Promise.resolve();
    server.onMessage((message) => {
      const due = Date.now() + delayMs;
      delivered = delivered
        .then(() => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()))))
        .then(() => page.send(message))
        // A page that closed meanwhile has nobody left to deliver to.
        .catch(() => undefined);
    });
  });
  return {
    set: (ms) => {
      delayMs = ms;
    },
  };
}
