import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { openApp } from './pages/trainer-app';

const AUDIO = fileURLToPath(new URL('../../audio/', import.meta.url));
const EXTENSIONS = ['.opus', '.ogg', '.mp3', '.wav'];

function clips(dir = AUDIO): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-fixture' ? [] : clips(path);
    return EXTENSIONS.some((ext) => name.endsWith(ext)) ? [relative(AUDIO, path)] : [];
  });
}

test('every clip in the audio library decodes in Chromium to sound with a duration', async ({ page }) => {
  test.setTimeout(120_000);
  const files = clips();
  expect(files.length).toBeGreaterThan(0);
  // Serve the files as they are on disk, so this checks the library itself, not a build of it.
  await page.route('**/__clips/**', (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^\/__clips\//, ''));
    return route.fulfill({ body: readFileSync(join(AUDIO, path)), contentType: 'application/octet-stream' });
  });
  await openApp(page);
  const failures: string[] = [];
  for (let i = 0; i < files.length; i += 40) {
    const batch = files.slice(i, i + 40);
    const results = await page.evaluate(async (paths) => {
      const context = new OfflineAudioContext(1, 16000, 16000);
      return Promise.all(
        paths.map(async (path) => {
          try {
            const bytes = await (await fetch(`/__clips/${encodeURIComponent(path)}`)).arrayBuffer();
            const decoded = await context.decodeAudioData(bytes);
            return { path, duration: decoded.duration };
          } catch (error) {
            return { path, duration: 0, error: String(error) };
          }
        }),
      );
    }, batch);
    for (const r of results) {
      if (!(r.duration > 0)) failures.push(`${r.path}: ${'error' in r ? r.error : 'no sound'}`);
    }
  }
  expect(failures).toEqual([]);
});

test('the app loads an index of every clip at start-up, and the build serves each clip as it is on disk', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const files = clips();
  // What the index should hold: every clip's formats, preferred first.
  const expected: Record<string, string[]> = {};
  for (const file of files) {
    const ext = EXTENSIONS.find((e) => file.endsWith(e))!;
    (expected[file.slice(0, -ext.length)] ??= []).push(file);
  }
  const rank = (file: string) => EXTENSIONS.findIndex((e) => file.endsWith(e));
  for (const list of Object.values(expected)) list.sort((a, b) => rank(a) - rank(b));

  const indexed = page.waitForResponse((r) =>
    /\/audio\/index-[0-9a-f]+\.json$/.test(new URL(r.url()).pathname),
  );
  await openApp(page);
  const response = await indexed;
  expect(response.ok()).toBe(true);
  const index = (await response.json()) as Record<string, string[]>;
  // Shipped names carry a content hash: "a/open-1.mp3" is served as "a/open-1-<hash>.mp3".
  const unhashed = Object.fromEntries(
    Object.entries(index).map(([ref, urls]) => [
      ref,
      urls.map((u) => u.replace(/-[0-9a-f]{10}(\.[a-z0-9]+)$/, '$1')),
    ]),
  );
  expect(unhashed).toEqual(expected);
  await expect(page.locator('main[data-ready="true"]')).toBeVisible();

  const folder = new URL('.', response.url());
  const entries = Object.entries(index).flatMap(([ref, urls]) =>
    urls.map((url, i) => ({ url, file: expected[ref]![i]! })),
  );
  const different: string[] = [];
  for (let i = 0; i < entries.length; i += 50) {
    await Promise.all(
      entries.slice(i, i + 50).map(async ({ url, file }) => {
        const served = await request.get(new URL(url, folder).href);
        if (!served.ok() || !(await served.body()).equals(readFileSync(join(AUDIO, file)))) {
          different.push(`${file} → ${url}: HTTP ${served.status()}`);
        }
      }),
    );
  }
  expect(different).toEqual([]);
});
