// Serves the SDK's self-contained bundle (web/sdk/dist/parley-sdk.js, built by the web module)
// to test pages, at <parley>/__e2e-sdk/parley-sdk.js on the Parley origin.
import type { BrowserContext } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParleyServer } from './parley';

const bundle = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'web',
  'sdk',
  'dist',
  'parley-sdk.js',
);

/** The path a page imports the SDK from. */
export const SDK_PATH = '/__e2e-sdk/parley-sdk.js';

/** The built bundle's path; throws if it has not been built. */
export function sdkBundle(): string {
  if (!existsSync(bundle)) {
    throw new Error(`SDK bundle not found at ${bundle}: build it with 'npm run build -w sdk' in web/`);
  }
  return bundle;
}

export async function serveSdk(context: BrowserContext, parley: ParleyServer): Promise<void> {
  const file = sdkBundle();
  await context.route(`${parley.url}${SDK_PATH}`, (route) =>
    route.fulfill({ path: file, contentType: 'text/javascript' }),
  );
}
