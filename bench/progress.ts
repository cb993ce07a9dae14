/**
 * Progress page benchmark: 10,000 finished attempts of one trainee in the app's real IndexedDB
 * (Chromium), and the time from navigating to '#/progress' until the chart is on the page.
 *
 * The reports are real: ~50 scripted calls (expert, skipped questions, "police, no screen") played
 * with runScript and scored with scoreAttempt on the bundled scenarios and centers, then reused
 * across the 10,000 attempts with their own ids and dates, so generating stays fast.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { runScript } from '../src/core/engine/run-script';
import type { ScriptedAction } from '../src/core/format/actions';
import type { Scenario } from '../src/core/format/scenario';
import { loadActions, loadScenario } from '../src/core/library/load';
import type { AttemptRecord } from '../src/core/records/attempt';
import { contentHash } from '../src/core/review/content-hash';
import { scoreAttempt } from '../src/core/scoring/score';
import { readProfiles, readQuestionBank, readSource, ROOT, scenarioFiles, SCENARIO_DIR } from '../src/cli/fs-library';
import { ATTEMPTS, DB_NAME, TRAINEES } from '../src/app/platform/storage/db';

const PORT = 4191;
const ATTEMPT_COUNT = 10_000;
const DISTINCT = 50;
const DAY = 86_400_000;
const READY = '.progress[data-progress-ready="true"] svg[data-chart="mastery"]';

function row(label: string, value: string, target = '') {
  console.log(`${label.padEnd(58)} ${value.padStart(12)}  ${target}`);
}

function actions(scenarioId: string, kind: 'expert' | 'police-no-screen'): ScriptedAction[] | undefined {
  const path = join(SCENARIO_DIR, 'actions', `${scenarioId}.${kind}.json`);
  if (!existsSync(path)) return undefined;
  const loaded = loadActions(readSource(path));
  return loaded.ok ? loaded.value : undefined;
}

/** The expert's call with some questions skipped (every `every`-th ask from `from`), for mid-range scores. */
function skipping(script: readonly ScriptedAction[], every: number, from: number): ScriptedAction[] {
  let asks = 0;
  return script.filter((a) => a.type !== 'ask' || (asks++ - from) % every !== 0);
}

/** Attempt templates: everything but id, trainee and dates. */
type Template = Omit<AttemptRecord, 'id' | 'traineeId' | 'startedAt' | 'updatedAt' | 'finishedAt'>;

function templates(): Template[] {
  const questions = readQuestionBank();
  const profiles = readProfiles();
  const scenarios = scenarioFiles([SCENARIO_DIR]).flatMap((f) => {
    const loaded = loadScenario(readSource(f), { questions });
    return loaded.ok ? [loaded.value] : [];
  });
  const out: Template[] = [];
  for (let i = 0; out.length < DISTINCT && i < DISTINCT * 4; i++) {
    const scenario: Scenario = scenarios[i % scenarios.length]!;
    const profile = profiles[(i * 3 + Math.floor(i / scenarios.length)) % profiles.length]!;
    const expert = actions(scenario.id, 'expert');
    const variant = i % 4;
    const script =
      variant === 1 ? actions(scenario.id, 'police-no-screen') : variant === 2 && expert ? skipping(expert, 2, 0) : variant === 3 && expert ? skipping(expert, 3, 1) : expert;
    if (!script) continue;
    const run = runScript(scenario, script, { profile });
    const report = scoreAttempt({ scenario, profile, questions, log: run.log });
    out.push({
      scenarioId: scenario.id,
      scenarioHash: contentHash(scenario),
      profileId: profile.id,
      callTime: report.callTime,
      mode: i % 5 === 0 ? 'assessment' : 'practice',
      status: 'finished',
      report,
    });
  }
  return out;
}

export async function benchProgress(): Promise<void> {
  const start = performance.now();
  const made = templates();
  const generateMs = performance.now() - start;
  console.log(`\nProgress page (${ATTEMPT_COUNT.toLocaleString('en-US')} attempts from ${made.length} distinct scored calls)`);
  row('play and score the distinct calls', `${generateMs.toFixed(0)} ms`);

  // Its own output folder: a build running elsewhere (the e2e web server, bench/app.ts) cannot empty it mid-run.
  const outDir = join(tmpdir(), 'dispatch-trainer-bench-progress');
  await build({ root: ROOT, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root: ROOT, logLevel: 'silent', build: { outDir }, preview: { port: PORT, strictPort: true, host: '127.0.0.1' } });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const base = `http://127.0.0.1:${PORT}/`;
    // First start: the app creates its database (schema 2) and the first trainee.
    await page.goto(base);
    await page.locator('main[data-ready="true"]').waitFor();

    const writeMs = await page.evaluate(
      async ({ made, count, dbName, attemptsStore, traineesStore, day }) => {
        const t0 = performance.now();
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(dbName);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const trainees = await new Promise<{ id: string; createdAt: number }[]>((resolve, reject) => {
          const req = db.transaction(traineesStore).objectStore(traineesStore).getAll();
          req.onsuccess = () => resolve(req.result as { id: string; createdAt: number }[]);
          req.onerror = () => reject(req.error);
        });
        // The current trainee is the oldest profile (AppState.start → ensureTrainee).
        const traineeId = trainees.sort((a, b) => a.createdAt - b.createdAt)[0]!.id;
        const now = Date.now();
        const tx = db.transaction(attemptsStore, 'readwrite');
        const store = tx.objectStore(attemptsStore);
        for (let i = 0; i < count; i++) {
          // Oldest first, about 55 calls a day over the last six months.
          const startedAt = now - Math.round(((count - i) * 180 * day) / count);
          const finishedAt = startedAt + 240_000;
          store.put({ ...made[(i * 7) % made.length], id: `bench-${String(i).padStart(5, '0')}`, traineeId, startedAt, updatedAt: finishedAt, finishedAt });
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
        return performance.now() - t0;
      },
      { made, count: ATTEMPT_COUNT, dbName: DB_NAME, attemptsStore: ATTEMPTS, traineesStore: TRAINEES, day: DAY },
    );
    row(`write ${ATTEMPT_COUNT.toLocaleString('en-US')} attempts into IndexedDB`, `${writeMs.toFixed(0)} ms`);

    /** In the page: navigate to the hash and resolve when the chart is on the page. */
    const navigate = () =>
      page.evaluate(
        (selector) =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            // No named functions in here: tsx would wrap them in a helper the page does not have.
            const observer = new MutationObserver(() => {
              if (!document.querySelector(selector)) return;
              observer.disconnect();
              resolve(performance.now() - t0);
            });
            observer.observe(document.body, { childList: true, subtree: true });
            location.hash = '#/progress';
          }),
        READY,
      );

    const cold: number[] = [];
    const first: number[] = [];
    const again: number[] = [];
    for (let run = 0; run < 3; run++) {
      // Cold: load the page at #/progress (start-up, reading 10,000 attempts, computing, drawing).
      await page.goto('about:blank');
      const t0 = Date.now();
      await page.goto(`${base}#/progress`);
      await page.locator(READY).waitFor({ timeout: 60_000 });
      cold.push(Date.now() - t0);
      // From the library, with the app started and the attempts loaded: the page's own cost.
      await page.evaluate(() => (location.hash = '#/'));
      await page.reload();
      await page.locator('main[data-ready="true"]').waitFor({ timeout: 60_000 });
      first.push(await navigate());
      await page.evaluate(() => (location.hash = '#/'));
      await page.getByRole('heading', { name: 'Scenario library' }).waitFor();
      again.push(await navigate());
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const count = await page.locator('table.competencies tbody tr').count();
    row(`progress page with 10,000 attempts (${count} competencies)`, `${median(first).toFixed(0)} ms`, 'aim < 200 ms');
    row('  again, no new call (memoised)', `${median(again).toFixed(0)} ms`);
    row('  cold load of #/progress (start-up, IndexedDB read)', `${median(cold).toFixed(0)} ms`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

// Run alone: npx tsx bench/progress.ts
if (import.meta.url === `file://${process.argv[1]}`) await benchProgress();
