// Telling a call that failed from a fake camera that stalled (see withLiveCameras in browser.bench.ts).
import type { Page } from '@playwright/test';

/** A call with no frame by then is looked at: a stalled camera is one reason. */
const STALL_CHECK_MS = 10_000;
/** Longer than the SDK's 20 s before it rebuilds a connection that did not connect. */
const FRAME_TIMEOUT_MS = 45_000;

/** A camera delivered no frame to a call's connections (see withLiveCameras). */
export class CameraStalled extends Error {}

/**
 * What `frames` resolves to: the first remote frames of a call in `pages`. Without them after
 * STALL_CHECK_MS, a call whose camera delivered no frame throws CameraStalled; without them
 * after FRAME_TIMEOUT_MS the call fails with what its pages looked like, instead of waiting out
 * the test's timeout.
 */
export async function framesOrStall<T>(pages: Page[], frames: Promise<T>): Promise<T> {
  frames.catch(() => undefined); // it fails if the pages close first
  const early = await within(frames, STALL_CHECK_MS);
  if (early !== null) return early;
  const sides = await diagnose(pages);
  if (cameraStalled(sides)) throw new CameraStalled(`the camera delivered no frame: ${JSON.stringify(sides, null, 1)}`);
  const late = await within(frames, FRAME_TIMEOUT_MS - STALL_CHECK_MS);
  if (late !== null) return late;
  throw new Error(
    `no first frame on both sides within ${FRAME_TIMEOUT_MS} ms: ${JSON.stringify(await diagnose(pages), null, 1)}`,
  );
}

/** The promise's value, or null if it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function diagnose(pages: Page[]): Promise<Diagnosis[]> {
  return Promise.all(
    pages.map((page) =>
      page.evaluate(async () => ({
        errors: window.bench.errors,
        timeline: window.bench.timeline,
        ...(await window.bench.diagnose()),
      })),
    ),
  );
}

function cameraStalled(sides: Diagnosis[]): boolean {
  return sides.some((side) =>
    side.connections.some((connection) =>
      connection.stats.some((stat) => stat.type === 'media-source' && stat.kind === 'video' && stat.frames === 0),
    ),
  );
}

/** What bench-pages.js's diagnose() says about one side of a call (the parts read here). */
export interface Diagnosis {
  readonly connections: {
    readonly stats: { readonly type: string; readonly kind?: string; readonly frames?: number }[];
  }[];
}
