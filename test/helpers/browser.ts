import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; tests never download a browser of their own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests save screenshots for people to look at (git-ignored). */
export const SCREENSHOTS = new URL('../../test-output/screenshots/', import.meta.url).pathname;

/**
 * Whether browser suites can run here. Under CI=true a missing Chromium is a failure, not a skip.
 */
export function chromiumAvailable(): boolean {
  const present = existsSync(CHROMIUM_PATH);
  if (!present && process.env.CI === 'true') {
    throw new Error(`Chromium is required under CI=true but ${CHROMIUM_PATH} does not exist (apt-get install chromium)`);
  }
  return present;
}

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
    ],
  });
}
