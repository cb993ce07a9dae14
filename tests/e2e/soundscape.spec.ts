import { expect, test, type Page } from '@playwright/test';
import { LibraryPage } from './pages/trainer-app';

/**
 * What a trainee hears around the caller, through the real player: howler in Chromium, the
 * generated sounds as the build ships them. Playwright mutes the speakers, not the audio graph, so
 * levels are measured on the graph: an analyser on each sound's own gain node, after its level.
 */

interface HowlerSound {
  _id: number;
  _node?: GainNode;
  _paused: boolean;
  _ended: boolean;
}
interface HowlInternals {
  _src: string | string[];
  _sounds: HowlerSound[];
  playing(id?: number): boolean;
}
interface HowlerGlobal {
  ctx: AudioContext;
  _howls: HowlInternals[];
}

/** Is a sound whose file name matches `pattern` playing now? */
function isPlaying(page: Page, pattern: string): Promise<boolean> {
  return page.evaluate((source) => {
    const howler = (window as unknown as { Howler: HowlerGlobal }).Howler;
    const re = new RegExp(source);
    return howler._howls.some((h) => [h._src].flat().some((s) => re.test(s)) && h.playing());
  }, pattern);
}

/**
 * The level, in dB RMS over `ms`, of each playing sound whose file matches one of `patterns`, as it
 * leaves its own gain node (its scenario level applied, before the master volume).
 */
function levels(page: Page, patterns: string[], ms: number): Promise<number[]> {
  return page.evaluate(
    async ({ sources, ms }) => {
      const howler = (window as unknown as { Howler: HowlerGlobal }).Howler;
      const measure = async (source: string): Promise<number> => {
        const re = new RegExp(source);
        const nodes = howler._howls
          .filter((h) => [h._src].flat().some((s) => re.test(s)))
          .flatMap((h) => h._sounds.filter((s) => !s._paused && !s._ended && s._node).map((s) => s._node!));
        if (nodes.length === 0) throw new Error(`nothing matching ${source} is playing`);
        const analyser = howler.ctx.createAnalyser();
        analyser.fftSize = 2048;
        for (const node of nodes) node.connect(analyser);
        const frame = new Float32Array(analyser.fftSize);
        let sum = 0;
        let count = 0;
        const until = performance.now() + ms;
        while (performance.now() < until) {
          analyser.getFloatTimeDomainData(frame);
          for (const v of frame) sum += v * v;
          count += frame.length;
          await new Promise((r) => setTimeout(r, 40));
        }
        for (const node of nodes) node.disconnect(analyser);
        return 10 * Math.log10(sum / count + 1e-12);
      };
      return Promise.all(sources.map(measure));
    },
    { sources: patterns, ms },
  );
}

test('a caller somewhere noisy is heard over their bed, which stops when the call ends', async ({ page }) => {
  const library = new LibraryPage(page);
  await library.open();
  const call = await library.start('public-distress-passerby');
  // Ringing: the caller is not on the line yet, nor is the street.
  await expect(call.status()).toHaveText(/ringing/);
  expect(await isPlaying(page, 'sounds/street-')).toBe(false);

  await call.answer();
  await expect(page.locator('.transcript .badge.playing')).toBeVisible();
  await expect.poll(() => isPlaying(page, 'sounds/street-')).toBe(true);
  const [caller = 0, street = 0] = await levels(
    page,
    ['public-distress-passerby/open-', 'sounds/street-'],
    1500,
  );
  // The scenario puts the street 18 dB under the caller's voice; the caller pauses between words, so
  // ask for a clear margin, not the exact figure.
  expect(street).toBeLessThan(caller - 8);
  expect(street).toBeGreaterThan(-70); // heard, not silent

  await call.press('call:end', 'Shift+H');
  await expect.poll(() => isPlaying(page, 'sounds/street-')).toBe(false);
});

test('a line that is only a stage direction plays its sound, and the bed stops after it when the caller is gone', async ({
  page,
}) => {
  // domestic-threat as bundled, its two waits (45 s, then 40 s) cut to 1 s and 6 s: the man comes to
  // the door, breaks it in, and the line goes dead.
  await page.route('**/library/domestic-threat.json', async (route) => {
    const response = await route.fetch();
    const scenario = (await response.json()) as {
      states: Record<string, { timeouts?: { afterSeconds: number }[] }>;
    };
    scenario.states.opening!.timeouts![0]!.afterSeconds = 1;
    scenario.states.door!.timeouts![0]!.afterSeconds = 6;
    await route.fulfill({ response, json: scenario });
  });
  const library = new LibraryPage(page);
  await library.open();
  const call = await library.start('domestic-threat');
  await call.answer();
  await expect.poll(() => isPlaying(page, 'sounds/man-shouting-distant-')).toBe(true);

  // The pounding comes with the words that describe it.
  await expect(call.callerLines().filter({ hasText: '(pounding on a door' })).toBeVisible({
    timeout: 10_000,
  });
  await expect.poll(() => isPlaying(page, 'sounds/pounding-shouting-')).toBe(true);

  const dead = page.locator('.transcript li.caller').filter({ hasText: '(wood splintering, a scream' });
  await expect(dead).toBeVisible({ timeout: 10_000 });
  // The line is heard as the sound it describes: the clip playing is the door breaking.
  await expect.poll(() => isPlaying(page, 'sounds/door-break-')).toBe(true);
  await expect(dead.locator('.badge.playing')).toBeVisible();
  await expect(dead.locator('.badge', { hasText: 'audio unavailable' })).toHaveCount(0);
  // Once it is over, the line is dead: the man in the kitchen is gone with it.
  await expect.poll(() => isPlaying(page, 'sounds/door-break-'), { timeout: 10_000 }).toBe(false);
  await expect.poll(() => isPlaying(page, 'sounds/man-shouting-distant-')).toBe(false);
  await expect(call.status()).toHaveText(/disconnected|hung up/i);
});
