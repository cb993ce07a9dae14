import { expect, test, type Page } from '@playwright/test';
import { DebriefPage, LibraryPage, openApp } from './pages/trainer-app';

const SCENARIO = 'si-no-means-clinician';
const DB_NAME = 'dispatch-trainer';

/**
 * Rewrites this browser's database as schema 2 kept it (before attempt summaries): each attempt
 * one row with its saved call and full report; no reports or saved-calls tables. Runs on a page of
 * the app's origin that does not run the app, so nothing holds the database open.
 */
async function downgradeToSchema2(page: Page): Promise<void> {
  await page.goto('/robots.txt');
  await page.evaluate(async (name) => {
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const now = await request(indexedDB.open(name));
    if (now.version !== 30) throw new Error(`expected schema 3 (IndexedDB version 30), found ${now.version}`);
    const tables = ['attempts', 'reports', 'savedCalls', 'events', 'settings', 'trainees'];
    const read = now.transaction(tables, 'readonly');
    const [attempts, reports, savedCalls, events, settings, trainees] = await Promise.all(
      tables.map((t) => request(read.objectStore(t).getAll())),
    );
    now.close();
    const byId = (rows: { id: string }[], field: string) =>
      new Map(rows.map((r) => [r.id, (r as Record<string, unknown>)[field]]));
    const report = byId(reports!, 'report');
    const saved = byId(savedCalls!, 'saved');
    const full = attempts!.map(({ result: _result, ...summary }: { id: string; result?: unknown }) => ({
      ...summary,
      ...(report.has(summary.id) ? { report: report.get(summary.id) } : {}),
      ...(saved.has(summary.id) ? { saved: saved.get(summary.id) } : {}),
    }));

    await new Promise((resolve, reject) => {
      const deleting = indexedDB.deleteDatabase(name);
      deleting.onsuccess = resolve;
      deleting.onerror = () => reject(deleting.error);
      // "blocked" until the app's page, gone from the tab but perhaps kept in the back/forward cache, lets go.
    });
    const open = indexedDB.open(name, 20);
    open.onupgradeneeded = () => {
      const db = open.result;
      const attemptsStore = db.createObjectStore('attempts', { keyPath: 'id' });
      attemptsStore.createIndex('scenarioId', 'scenarioId');
      attemptsStore.createIndex('startedAt', 'startedAt');
      attemptsStore.createIndex('[status+updatedAt]', ['status', 'updatedAt']);
      attemptsStore.createIndex('[traineeId+startedAt]', ['traineeId', 'startedAt']);
      db.createObjectStore('events', { keyPath: ['attemptId', 'seq'] });
      db.createObjectStore('settings', { keyPath: 'key' });
      db.createObjectStore('trainees', { keyPath: 'id' }).createIndex('name', 'name');
    };
    const old = await request(open);
    const write = old.transaction(['attempts', 'events', 'settings', 'trainees'], 'readwrite');
    for (const [store, rows] of [
      ['attempts', full],
      ['events', events],
      ['settings', settings],
      ['trainees', trainees],
    ] as const) {
      for (const row of rows!) write.objectStore(store).put(row);
    }
    await new Promise((resolve, reject) => {
      write.oncomplete = resolve;
      write.onerror = () => reject(write.error);
    });
    old.close();
  }, DB_NAME);
}

/** The questions asked in every call as this browser's database holds them. */
async function storedQuestions(page: Page): Promise<string[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<
      { entry: { kind: string; action?: { type: string; question?: string } } }[]
    >((resolve, reject) => {
      const req = db.transaction('events').objectStore('events').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return rows.flatMap((r) =>
      r.entry.kind === 'trainee' && r.entry.action?.type === 'ask' && r.entry.action.question
        ? [r.entry.action.question]
        : [],
    );
  }, DB_NAME);
}

test('a browser with schema-2 records upgrades on start: the best score, the history, progress and the call in progress are all there', async ({
  page,
}) => {
  const library = new LibraryPage(page);
  await library.open();
  // One finished call (a poor one) and one left in progress.
  const done = await library.start(SCENARIO);
  await done.answer();
  await done.press('ask:case.address', '1');
  await done.press('dispatch:police', 'Shift+P');
  await done.press('call:end', 'Shift+H');
  const debrief = new DebriefPage(page);
  await debrief.waitUntilShown();
  const score = `${await debrief.total().innerText()} · ${await debrief.level().innerText()}`;
  expect(score).toMatch(/^\d+(\.\d)?% · \w/);
  await openApp(page);
  const going = await library.start(SCENARIO);
  await going.answer();
  await going.press('ask:safety.weapon', 'q');
  const texts = page.locator('.transcript li .text');
  await expect(texts).not.toHaveCount(0);
  const transcript = await texts.allInnerTexts();
  // Each action is written as it happens, asynchronously: wait for the weapon question to be stored
  // before leaving the page, as a trainee's browser would have long since done.
  await expect.poll(() => storedQuestions(page)).toContain('safety.weapon');

  await downgradeToSchema2(page);
  await library.open();

  // The library: the call in progress, and the best score from the summaries.
  await expect(page.getByRole('link', { name: 'Resume call' })).toBeVisible();
  await expect(library.row(SCENARIO).getByRole('link', { name: score })).toBeVisible();
  // The history lists both, the finished one with its result.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(page.locator('tbody tr')).toHaveCount(2);
  await expect(page.locator('tbody tr').nth(0)).toContainText('In progress — resume');
  await expect(page.locator('tbody tr').nth(1).getByRole('link')).toContainText(score);
  // Progress reads the full report.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
  await expect(page.locator('.progress[data-progress-ready="true"]')).toContainText(
    'From your 1 finished call',
  );
  // And the call resumes where it was.
  await library.show();
  await page.getByRole('link', { name: 'Resume call' }).click();
  await going.waitUntilOpen();
  await expect(going.status()).toHaveText('Connected');
  await expect(texts).toHaveText(transcript);

  // Stored as schema 3 again: summaries, with the report and the saved call apart.
  const stored = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (store: string) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const result = {
      version: db.version,
      attempts: await all('attempts'),
      reports: (await all('reports')).length,
      saved: (await all('savedCalls')).length,
    };
    db.close();
    return result;
  }, DB_NAME);
  expect(stored.version).toBe(30);
  expect(stored.attempts.map((a) => ['report' in a, 'saved' in a, 'result' in a].join())).toEqual(
    expect.arrayContaining(['false,false,true', 'false,false,false']),
  );
  expect(stored).toMatchObject({ reports: 1, saved: 2 });
});
