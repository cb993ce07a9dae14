import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

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
  await page.goto('/');
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
    for (const r of results) if (!(r.duration > 0)) failures.push(`${r.path}: ${'error' in r ? r.error : 'no sound'}`);
  }
  expect(failures).toEqual([]);
});
