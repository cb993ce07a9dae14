/**
 * App benchmarks: the production bundle of the trainee path (gzip), and the time from a trainee's
 * key press to the caller's clip starting in Chromium (howler's play event, as the UI shows it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { ROOT } from '$cli/fs-library';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/browser.mjs';

const PORT = 4190;
const SCENARIO = 'si-no-means-clinician';
/** Questions the scenario answers with a caller line, pressed one by one. */
const KEYS = ['1', '2', '3', 't', 'y', 'u', 'i', 'q', 'e', 'w', 'a', 'd', 'g', 'z', 'x'];

function row(label: string, value: string, target = '') {
  console.log(`${label.padEnd(58)} ${value.padStart(12)}  ${target}`);
}

export async function benchApp(): Promise<void> {
  await build({ root: ROOT, logLevel: 'silent' });
  const assets = join(ROOT, 'dist', 'assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const css = readdirSync(assets).filter((f) => f.endsWith('.css'));
  const gz = (files: string[]) =>
    files.reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0);
  // The trainee path (library, call, debrief, history) is the entry script; the other pages are
  // separate chunks fetched when opened.
  const html = readFileSync(join(ROOT, 'dist', 'index.html'), 'utf8');
  const entry = js.filter((f) => html.includes(f));
  console.log('\nApp');
  row(
    `trainee path bundle, JS (${entry.join(', ')}), gzip`,
    `${(gz(entry) / 1024).toFixed(1)} kB`,
    'aim < 150 kB',
  );
  row(
    `all scripts incl. pages loaded on demand (${js.length} files), gzip`,
    `${(gz(js) / 1024).toFixed(1)} kB`,
  );
  row('stylesheet, gzip', `${(gz(css) / 1024).toFixed(1)} kB`);

  const server = await preview({
    root: ROOT,
    logLevel: 'silent',
    preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
  });
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.locator('main[data-ready="true"]').waitFor();
    await page
      .locator(`tr[data-scenario-id="${SCENARIO}"]`)
      .getByRole('button', { name: /^Start/ })
      .click();
    await page.getByRole('heading', { name: 'Call-taking position' }).waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
    await page.locator('.transcript .badge.playing').first().waitFor();
    // In the page: stamp each key press, and the moment a clip starts (the "speaking" badge appears).
    await page.evaluate(() => {
      const w = window as unknown as { pressed: number[]; started: number[] };
      w.pressed = [];
      w.started = [];
      window.addEventListener('keydown', () => w.pressed.push(performance.now()), { capture: true });
      new MutationObserver((records) => {
        for (const r of records) {
          for (const n of r.addedNodes) {
            if (n instanceof HTMLElement && n.matches('.badge.playing')) w.started.push(performance.now());
          }
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    const latencies: number[] = [];
    for (const key of KEYS) {
      const before = await page.evaluate(() => (window as unknown as { started: number[] }).started.length);
      await page.keyboard.press(key);
      const got = await page
        .waitForFunction((n) => (window as unknown as { started: number[] }).started.length > n, before, {
          timeout: 3000,
        })
        .then(() => true)
        .catch(() => false);
      if (!got) continue;
      const [pressed, started] = await page.evaluate(() => {
        const w = window as unknown as { pressed: number[]; started: number[] };
        return [w.pressed.at(-1)!, w.started.at(-1)!];
      });
      latencies.push(started - pressed);
      await page.waitForTimeout(200);
    }
    latencies.sort((a, b) => a - b);
    const median = latencies[Math.floor(latencies.length / 2)] ?? NaN;
    row(
      `key press → caller clip starts, median of ${latencies.length}`,
      `${median.toFixed(1)} ms`,
      'aim < 50 ms',
    );
    row('  fastest / slowest', `${latencies[0]?.toFixed(1)} / ${latencies.at(-1)?.toFixed(1)} ms`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
