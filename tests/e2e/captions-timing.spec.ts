import { expect, test } from '@playwright/test';
import { LibraryPage } from './pages/trainer-app';

/** Every Web Audio source started (howler plays clips through them), and every caption shown, with times. */
declare global {
  interface Window {
    __starts: { t: number; seconds: number }[];
    __captions: { t: number; text: string }[];
  }
}

test('a caller caption appears as its clip starts, and the next line only once the first has been said', async ({
  page,
}) => {
  await page.addInitScript(() => {
    window.__starts = [];
    window.__captions = [];
    const start = AudioBufferSourceNode.prototype.start;
    AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, ...args) {
      window.__starts.push({ t: performance.now(), seconds: this.buffer?.duration ?? 0 });
      return start.apply(this, args as Parameters<typeof start>);
    };
    new MutationObserver(() => {
      const shown = document.querySelectorAll('.transcript li.caller .text');
      for (let i = window.__captions.length; i < shown.length; i++) {
        window.__captions.push({ t: performance.now(), text: shown[i]!.textContent ?? '' });
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const library = new LibraryPage(page);
  await library.open();
  // Its opening is two lines: the caller says one, then the other.
  const call = await library.start('weapon-threat-knife');
  const answeredAt = await page.evaluate(() => performance.now());
  await call.answer();
  await expect(call.callerLines()).toHaveCount(1);
  await expect(call.callerLines()).toHaveCount(2, { timeout: 30_000 });

  const { starts, captions } = await page.evaluate(() => ({
    starts: window.__starts,
    captions: window.__captions,
  }));
  // Before the answer the line rang; howler unlocks audio with a silent one-sample buffer. The
  // caller's clips are the sources started after the answer that are not one of those.
  const ring = starts[0]!.seconds;
  const callerStarts = starts.filter(
    (s) => s.t >= answeredAt && s.seconds > 0.1 && Math.abs(s.seconds - ring) > 0.001,
  );
  expect(callerStarts.length).toBeGreaterThanOrEqual(2);
  const [first, second] = callerStarts;
  // Each caption no earlier than its clip's start, and promptly after it (the bound leaves room for a
  // loaded 2-core test machine; it is not a speed target).
  for (const [caption, start] of [
    [captions[0]!, first!],
    [captions[1]!, second!],
  ] as const) {
    const seen = JSON.stringify({ answeredAt, starts, captions });
    expect(caption.t, seen).toBeGreaterThanOrEqual(start.t);
    expect(caption.t - start.t, seen).toBeLessThan(1000);
  }
  // The second line waited for the first to be said to the end (played at 1×).
  expect(second!.t - first!.t).toBeGreaterThanOrEqual(first!.seconds * 1000 - 50);
});
