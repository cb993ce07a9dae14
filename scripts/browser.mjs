// The Chromium that tests and benches drive, decided here only.
//
// 1. CHROMIUM_PATH, when set.
// 2. Playwright's own Chromium, when it is installed (a developer's macOS or Windows machine after
//    `npx playwright install chromium`).
// 3. Debian's /usr/bin/chromium: this project's Linux machines reach no browser download, so
//    `node scripts/ensure-deps.mjs --browser` installs it with apt.

import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless Chromium in a sandboxed CI box with a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** @returns {string | undefined} Playwright's own Chromium, if it is on this machine. */
function playwrightChromium() {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** @returns {string} The browser to launch (it may not exist yet: ensure-deps installs Debian's). */
export function chromiumExecutable() {
  return process.env.CHROMIUM_PATH || playwrightChromium() || DEBIAN_CHROMIUM;
}
