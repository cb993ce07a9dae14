// A whispered line sounds whispered on the call position: every clip of a line marked
// `"delivery": "whisper"`, as the app serves it and Chromium decodes it, is quieter and breathier
// than the same caller's spoken lines around it.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { openApp } from './pages/trainer-app';
import { ScenarioFile } from '$core/format/scenario';
import { allLinesOf } from '$core/validate/lines';

/** Whispers are at least this much quieter than the caller's spoken lines around them (speech level, dB). */
const QUIETER_DB = 6;
/**
 * And this much less periodic: the median normalised autocorrelation peak at a 70-400 Hz pitch
 * period, about 0.8-0.95 for a voice over the phone line, is at least this much lower (no vocal-fold pitch).
 */
const LESS_PERIODIC = 0.2;
/** Spoken lines on each side of a whisper it is compared with. */
const NEIGHBOURS = 2;

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

interface Whisper {
  ref: string;
  neighbours: string[];
}

/** Lines with words to hear: not only a stage direction, not a sound effect. */
const spoken = (text: string, audio: string) =>
  !audio.startsWith('sounds/') && text.replace(/\([^)]*\)/g, '').replace(/[^a-z0-9]/gi, '') !== '';

/** Every whispered clip of every bundled scenario, with the nearest spoken (not whispered) lines of its caller. */
function whispers(): Whisper[] {
  return readdirSync(SCENARIOS)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => {
      const parsed = ScenarioFile.safeParse(JSON.parse(readFileSync(`${SCENARIOS}${name}`, 'utf8')));
      if (!parsed.success) return [];
      const lines = [...allLinesOf(parsed.data)].map(([line]) => line);
      const aloud = lines.flatMap((l, i) =>
        l.delivery === undefined && spoken(l.text, l.audio) ? [{ i, ref: l.audio }] : [],
      );
      return lines.flatMap((line, i) => {
        if (line.delivery !== 'whisper') return [];
        const nearest = [...aloud].sort((a, b) => Math.abs(a.i - i) - Math.abs(b.i - i));
        return [{ ref: line.audio, neighbours: nearest.slice(0, 2 * NEIGHBOURS).map((n) => n.ref) }];
      });
    });
}

test('every whispered line is quieter and breathier than its caller’s spoken lines around it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const all = whispers();
  expect(all.length).toBeGreaterThan(50);
  const indexed = page.waitForResponse((r) =>
    /\/audio\/index-[0-9a-f]+\.json$/.test(new URL(r.url()).pathname),
  );
  await openApp(page);
  const response = await indexed;
  const index = (await response.json()) as Record<string, string[]>;
  const folder = new URL('.', response.url()).href;
  const refs = [...new Set(all.flatMap((w) => [w.ref, ...w.neighbours]))];
  const missing = refs.filter((ref) => !index[ref]?.length);
  expect(missing, 'clips the app does not serve').toEqual([]);

  const measured: Record<string, { levelDb: number; periodicity: number }> = {};
  for (let i = 0; i < refs.length; i += 20) {
    const batch = refs.slice(i, i + 20).map((ref) => ({ ref, url: new URL(index[ref]![0]!, folder).href }));
    const results = await page.evaluate(async (clips) => {
      const RATE = 16000;
      const context = new OfflineAudioContext(1, RATE, RATE);
      const FRAME = Math.round(0.03 * RATE);
      const MIN_LAG = Math.floor(RATE / 400);
      const MAX_LAG = Math.ceil(RATE / 70);
      return Promise.all(
        clips.map(async ({ ref, url }) => {
          const decoded = await context.decodeAudioData(await (await fetch(url)).arrayBuffer());
          const x = decoded.getChannelData(0);
          const frames: { start: number; energy: number }[] = [];
          for (let start = 0; start + FRAME + MAX_LAG <= x.length; start += FRAME) {
            let energy = 0;
            for (let n = 0; n < FRAME; n++) energy += x[start + n]! ** 2;
            frames.push({ start, energy: energy / FRAME });
          }
          // Speech frames: within 30 dB of the loudest (the line hiss and the pauses left out).
          const loudest = Math.max(...frames.map((f) => f.energy));
          const speech = frames.filter((f) => f.energy > loudest / 1000);
          const level = speech.reduce((sum, f) => sum + f.energy, 0) / speech.length;
          const peaks = speech
            .map(({ start }) => {
              let best = 0;
              let e0 = 0;
              for (let n = 0; n < FRAME; n++) e0 += x[start + n]! ** 2;
              for (let lag = MIN_LAG; lag <= MAX_LAG; lag++) {
                let c = 0;
                let e1 = 0;
                for (let n = 0; n < FRAME; n++) {
                  c += x[start + n]! * x[start + n + lag]!;
                  e1 += x[start + n + lag]! ** 2;
                }
                best = Math.max(best, c / Math.sqrt(e0 * e1 + 1e-12));
              }
              return best;
            })
            .sort((a, b) => a - b);
          return { ref, levelDb: 10 * Math.log10(level), periodicity: peaks[Math.floor(peaks.length / 2)]! };
        }),
      );
    }, batch);
    for (const { ref, ...m } of results) measured[ref] = m;
  }

  const failures: string[] = [];
  let quieter = Infinity;
  let lessPeriodic = Infinity;
  for (const { ref, neighbours } of all) {
    const w = measured[ref]!;
    const around = neighbours.map((n) => measured[n]!);
    // Energy mean of the neighbours' levels; plain mean of their periodicity.
    const levelDb = 10 * Math.log10(around.reduce((s, m) => s + 10 ** (m.levelDb / 10), 0) / around.length);
    const periodicity = around.reduce((s, m) => s + m.periodicity, 0) / around.length;
    quieter = Math.min(quieter, levelDb - w.levelDb);
    lessPeriodic = Math.min(lessPeriodic, periodicity - w.periodicity);
    if (levelDb - w.levelDb < QUIETER_DB || periodicity - w.periodicity < LESS_PERIODIC) {
      failures.push(
        `${ref}: ${(levelDb - w.levelDb).toFixed(1)} dB quieter, periodicity ${w.periodicity.toFixed(2)} vs ${periodicity.toFixed(2)} around it`,
      );
    }
  }
  test.info().annotations.push({
    type: 'measured',
    description: `${all.length} whispered clips; smallest margins: ${quieter.toFixed(1)} dB quieter, periodicity ${lessPeriodic.toFixed(2)} lower`,
  });
  console.log(
    `whispers: ${all.length} clips; smallest margins ${quieter.toFixed(1)} dB, periodicity ${lessPeriodic.toFixed(2)}`,
  );
  expect(failures).toEqual([]);
});
