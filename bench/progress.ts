/**
 * Library and progress pages with a long history: 10,000 finished attempts of one trainee in the
 * app's real IndexedDB (Chromium). Written as schema 2 stored them (each attempt with its saved
 * call and full report in one row), so the first start measures the schema 3 upgrade; then the
 * cold load of the library (#/) and of #/progress, and the progress page opened from the library.
 *
 * The attempts are real: ~50 scripted calls (expert, skipped questions, "police, no screen") played
 * with runScript, scored with scoreAttempt, and saved as the call saves itself (CallSession.save)
 * on the bundled scenarios and centers, then reused across the 10,000 attempts with their own ids
 * and dates, so generating stays fast.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { SimulatedClock } from 'xstate';
import { runScript } from '$core/engine/run-script';
import { CallSession, type SavedCall } from '$core/engine/session';
import type { ScriptedAction } from '$core/format/actions';
import type { Scenario } from '$core/format/scenario';
import { loadActions, loadScenario } from '$core/library/load';
import type { AttemptRecord } from '$core/records/attempt';
import { summaryOf } from '$core/records/summary';
import { contentHash } from '$core/review/content-hash';
import { scoreAttempt } from '$core/scoring/score';
import {
  readProfiles,
  readQuestionBank,
  readSource,
  ROOT,
  scenarioFiles,
  SCENARIO_DIR,
} from '$cli/fs-library';
import {
  ATTEMPTS,
  DB_NAME,
  EVENTS,
  REPORTS,
  SAVED_CALLS,
  SETTINGS,
  TRAINEES,
} from '$app/platform/storage/db';
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/browser.mjs';

const PORT = 4191;
const ATTEMPT_COUNT = 10_000;
const DISTINCT = 50;
const DAY = 86_400_000;
const READY = '.progress[data-progress-ready="true"] svg[data-chart="mastery"]';
const LIBRARY_READY = 'main[data-ready="true"] table tr[data-scenario-id]';
const TRAINEE_ID = 'bench-trainee';

/**
 * Schema 2 as IndexedDB saw it (shipped, never changes; see db.ts and dexie-store.test.ts): the
 * database of a browser that used the app before schema 3.
 */
const SCHEMA_2 = {
  version: 20,
  stores: [
    {
      name: ATTEMPTS,
      keyPath: 'id',
      indexes: [
        ['scenarioId', 'scenarioId'],
        ['startedAt', 'startedAt'],
        ['[status+updatedAt]', ['status', 'updatedAt']],
        ['[traineeId+startedAt]', ['traineeId', 'startedAt']],
      ],
    },
    { name: EVENTS, keyPath: ['attemptId', 'seq'], indexes: [] },
    { name: SETTINGS, keyPath: 'key', indexes: [] },
    { name: TRAINEES, keyPath: 'id', indexes: [['name', 'name']] },
  ],
} as const;

function row(label: string, value: string, target = '') {
  console.log(`${label.padEnd(58)} ${value.padStart(12)}  ${target}`);
}

function actions(scenarioId: string, kind: 'expert' | 'police-no-screen'): ScriptedAction[] | undefined {
  const path = join(SCENARIO_DIR, 'actions', `${scenarioId}.${kind}.json`);
  if (!existsSync(path)) return undefined;
  const loaded = loadActions(readSource(path), { questions: readQuestionBank() });
  return loaded.ok ? loaded.value.actions : undefined;
}

/** The expert's call with some questions skipped (every `every`-th ask from `from`), for mid-range scores. */
function skipping(script: readonly ScriptedAction[], every: number, from: number): ScriptedAction[] {
  let asks = 0;
  return script.filter((a) => a.type !== 'ask' || (asks++ - from) % every !== 0);
}

/** The call's saved state at its end, as the app stores it: the trainee's actions played again at their times. */
function savedAtEnd(scenario: Scenario, log: ReturnType<typeof runScript>['log']): SavedCall {
  const clock = new SimulatedClock();
  const session = new CallSession(scenario, clock);
  let t = 0;
  for (const entry of log) {
    if (entry.kind !== 'trainee') continue;
    if (entry.at > t) clock.increment(entry.at - t);
    t = Math.max(t, entry.at);
    session.send(entry.action);
  }
  const saved = session.save();
  session.stop();
  return saved;
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
      variant === 1
        ? actions(scenario.id, 'police-no-screen')
        : variant === 2 && expert
          ? skipping(expert, 2, 0)
          : variant === 3 && expert
            ? skipping(expert, 3, 1)
            : expert;
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
      saved: savedAtEnd(scenario, run.log),
    });
  }
  return out;
}

export async function benchProgress(): Promise<void> {
  const start = performance.now();
  const made = templates();
  const generateMs = performance.now() - start;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(
    `\nLibrary and progress pages (${ATTEMPT_COUNT.toLocaleString('en-US')} attempts from ${made.length} distinct scored calls)`,
  );
  row('play and score the distinct calls', `${generateMs.toFixed(0)} ms`);
  const full = made.map((t) => JSON.stringify(t).length);
  const summaries = made.map(
    (t) =>
      JSON.stringify(
        summaryOf({
          ...t,
          id: 'bench-00000',
          traineeId: TRAINEE_ID,
          startedAt: 0,
          updatedAt: 0,
          finishedAt: 0,
        }),
      ).length,
  );
  row('one attempt as JSON: in full / as a summary (schema 3)', `${kB(mean(full))} / ${kB(mean(summaries))}`);

  // Its own output folder: a build running elsewhere (the e2e web server, bench/app.ts) cannot empty it mid-run.
  const outDir = join(tmpdir(), 'dispatch-trainer-bench-progress');
  await build({ root: ROOT, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    root: ROOT,
    logLevel: 'silent',
    build: { outDir },
    preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
  });
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    const base = `http://127.0.0.1:${PORT}/`;
    // A page of the app's origin that does not run the app (so nothing holds the database open).
    await page.goto(`${base}robots.txt`);
    const writeMs = await page.evaluate(
      async ({ made, count, dbName, schema, traineeId, day }) => {
        // No named functions in here: tsx would wrap them in a helper the page does not have.
        const t0 = performance.now();
        await new Promise((resolve, reject) => {
          const deleting = indexedDB.deleteDatabase(dbName);
          deleting.onsuccess = resolve;
          deleting.onerror = () => reject(deleting.error);
          deleting.onblocked = () => reject(new Error('bench: the database is still open elsewhere'));
        });
        const open = indexedDB.open(dbName, schema.version);
        open.onupgradeneeded = () => {
          for (const { name, keyPath, indexes } of schema.stores) {
            const store = open.result.createObjectStore(name, { keyPath: keyPath as string | string[] });
            for (const [index, path] of indexes) store.createIndex(index, path as string | string[]);
          }
        };
        await new Promise((resolve, reject) => {
          open.onsuccess = resolve;
          open.onerror = () => reject(open.error);
        });
        const db = open.result;
        const now = Date.now();
        const tx = db.transaction([schema.stores[0].name, schema.stores[3].name], 'readwrite');
        tx.objectStore(schema.stores[3].name).put({
          id: traineeId,
          name: 'Trainee 1',
          createdAt: now - 200 * day,
        });
        const attempts = tx.objectStore(schema.stores[0].name);
        for (let i = 0; i < count; i++) {
          // Oldest first, about 55 calls a day over the last six months.
          const startedAt = now - Math.round(((count - i) * 180 * day) / count);
          const finishedAt = startedAt + 240_000;
          attempts.put({
            ...made[(i * 7) % made.length],
            id: `bench-${String(i).padStart(5, '0')}`,
            traineeId,
            startedAt,
            updatedAt: finishedAt,
            finishedAt,
          });
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
        return performance.now() - t0;
      },
      { made, count: ATTEMPT_COUNT, dbName: DB_NAME, schema: SCHEMA_2, traineeId: TRAINEE_ID, day: DAY },
    );
    row(
      `write ${ATTEMPT_COUNT.toLocaleString('en-US')} attempts into IndexedDB (as schema 2 kept them)`,
      `${writeMs.toFixed(0)} ms`,
    );

    /** Milliseconds from navigating to `url` until `selector` is on the page. */
    const load = async (url: string, selector: string) => {
      await page.goto('about:blank');
      const t0 = Date.now();
      await page.goto(url);
      await page.locator(selector).first().waitFor({ timeout: 120_000 });
      return Date.now() - t0;
    };
    // First start after the update: Dexie upgrades the database to schema 3 before the app reads it.
    row(
      'first start after the update: upgrade to schema 3, library',
      `${await load(base, LIBRARY_READY)} ms`,
      'once',
    );

    /** In the page: set the hash and resolve when `selector` is on the page (and its text has `text`). */
    const navigate = (hash: string, selector: string, text = '') =>
      page.evaluate(
        ({ hash, selector, text }) =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            // No named functions in here: tsx would wrap them in a helper the page does not have.
            const observer = new MutationObserver(() => {
              const found = document.querySelector(selector);
              if (!found || !(found.textContent ?? '').includes(text)) return;
              observer.disconnect();
              resolve(performance.now() - t0);
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            location.hash = hash;
          }),
        { hash, selector, text },
      );

    /** One more finished call, written as the app writes it (schema 3), so the next visit has a report to read. */
    const addCall = (run: number) => {
      const template = made[run % made.length]!;
      const startedAt = Date.now();
      const record: AttemptRecord = {
        ...template,
        id: `bench-new-${run}`,
        traineeId: TRAINEE_ID,
        startedAt,
        updatedAt: startedAt + 1,
        finishedAt: startedAt + 1,
      };
      return page.evaluate(
        async ({ dbName, rows }) => {
          const open = indexedDB.open(dbName);
          await new Promise((resolve, reject) => {
            open.onsuccess = resolve;
            open.onerror = () => reject(open.error);
          });
          const tx = open.result.transaction(Object.keys(rows), 'readwrite');
          for (const [store, value] of Object.entries(rows)) tx.objectStore(store).put(value);
          await new Promise((resolve, reject) => {
            tx.oncomplete = resolve;
            tx.onerror = () => reject(tx.error);
          });
          open.result.close();
        },
        {
          dbName: DB_NAME,
          rows: {
            [ATTEMPTS]: summaryOf(record),
            [REPORTS]: { id: record.id, report: record.report },
            [SAVED_CALLS]: { id: record.id, saved: record.saved },
          },
        },
      );
    };

    const coldProgress: number[] = [];
    const coldLibrary: number[] = [];
    const first: number[] = [];
    const again: number[] = [];
    const newCall: number[] = [];
    for (let run = 0; run < 3; run++) {
      // Cold: load the page at #/progress (start-up, the summaries, the reports it shows, computing, drawing).
      coldProgress.push(await load(`${base}#/progress`, READY));
      // Cold: load the library, the first page (start-up and the summaries only).
      coldLibrary.push(await load(base, LIBRARY_READY));
      // From the library, with the app started: the first visit reads the reports it shows (the latest 20 of each competency).
      first.push(await navigate('#/progress', READY));
      await navigate('#/', LIBRARY_READY);
      again.push(await navigate('#/progress', READY));
      // After one more call (the history lists it; then the library): the page reads that report and computes again.
      await addCall(run);
      await navigate('#/history', `tr[data-attempt-id="bench-new-${run}"]`);
      await navigate('#/', LIBRARY_READY);
      const finished = (ATTEMPT_COUNT + run + 1).toLocaleString('en-US');
      newCall.push(
        await navigate('#/progress', `${READY.split(' ')[0]} .lead`, `From your ${finished} finished calls`),
      );
    }
    const count = await page.locator('table.competencies tbody tr').count();
    // The same cold load in a new profile (no attempts): what start-up costs without any history.
    const fresh = await browser.newContext();
    const empty: number[] = [];
    try {
      const other = await fresh.newPage();
      for (let run = 0; run < 3; run++) {
        await other.goto('about:blank');
        const t0 = Date.now();
        await other.goto(base);
        await other.locator(LIBRARY_READY).first().waitFor({ timeout: 120_000 });
        empty.push(Date.now() - t0);
      }
    } finally {
      await fresh.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    row(
      'cold load of #/ (library: start-up, 10,000 summaries)',
      `${median(coldLibrary).toFixed(0)} ms`,
      'aim < 500 ms',
    );
    row('  the same with no attempts (start-up alone)', `${median(empty).toFixed(0)} ms`);
    row(
      `progress page after one more call (${count} competencies)`,
      `${median(newCall).toFixed(0)} ms`,
      'aim < 200 ms',
    );
    row('  again, no new call (memoised)', `${median(again).toFixed(0)} ms`);
    row('  first visit (~20 reports per competency read)', `${median(first).toFixed(0)} ms`, 'aim < 200 ms');
    row('  cold load of #/progress (start-up + those reports)', `${median(coldProgress).toFixed(0)} ms`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

// Run alone: npx tsx bench/progress.ts
if (import.meta.url === `file://${process.argv[1]}`) await benchProgress();
