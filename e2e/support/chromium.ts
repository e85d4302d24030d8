// The system's Chromium and the flags every browser test launches it with.
import { existsSync } from 'node:fs';

// Playwright never downloads a browser here (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 at install
// time). Override with PARLEY_E2E_CHROMIUM.
export const chromiumPath =
  process.env.PARLEY_E2E_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromiumPath) {
  console.warn('No system Chromium found (apt-get install -y chromium, or set PARLEY_E2E_CHROMIUM)');
}

/** Headless in a container, fake camera and microphone, media allowed to play unprompted. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  // Two fake cameras (fake_device_0 and _1) beside the three fake microphones, so device
  // pickers have something to switch between.
  '--use-fake-device-for-media-stream=device-count=2',
  // The callee's page never gets a user gesture; let its remote <video> play.
  '--autoplay-policy=no-user-gesture-required',
];
