// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { readQuestionBank } from '../cli/fs-library';
import { AppState } from './app-state.svelte';
import { createMemoryStore } from './platform/storage/memory-store';
import { newAttempt, report, saved } from '../../tests/contracts/store-contract';
import type { AttemptRecord, AttemptStore } from './platform/storage/types';

// The bundled library is served by a Vite plugin the unit tests do not run; these tests never start the app.
vi.mock('./library/bundled', () => ({
  bundledLibrary: async () => ({ scenarios: [], profiles: [], questions: undefined, problems: [] }),
}));

/** A store that counts which reports it was asked for. */
function countingStore(): { store: AttemptStore; asked: string[][] } {
  const store = createMemoryStore('test');
  const asked: string[][] = [];
  const reports = store.reports.bind(store);
  vi.spyOn(store, 'reports').mockImplementation((ids) => {
    asked.push([...ids]);
    return reports(ids);
  });
  return { store, asked };
}

/** A report that evidences the timeliness competency (whatever the library: no scenario or center needed). */
const timely = (scenarioId: string, total: number) => ({
  ...report(scenarioId, total),
  categories: [{ id: 'timeliness' as const, label: 'Timeliness', weight: 10, earned: 10, applicable: true }],
});

async function finishedCall(
  store: AttemptStore,
  traineeId: string,
  scenarioId: string,
  total: number,
): Promise<AttemptRecord> {
  const attempt = await store.createAttempt(newAttempt(scenarioId, traineeId));
  await store.finishAttempt(attempt.id, timely(scenarioId, total), saved(1000, scenarioId));
  return (await store.getAttempt(attempt.id))!;
}

/** The trainee's summaries, each with its report where `read` says (all finished ones by default). */
async function withReports(store: AttemptStore, traineeId: string, read?: readonly string[]) {
  const summaries = await store.listSummaries({ traineeId });
  // Not store.reports: the tests count what the app asks it for.
  const records = new Map((await store.listAttempts({ traineeId })).map((r) => [r.id, r]));
  return summaries.map((a) =>
    a.result && (!read || read.includes(a.id)) ? { ...a, report: records.get(a.id)!.report! } : a,
  );
}

async function started(store: AttemptStore, traineeId: string): Promise<AppState> {
  const app = new AppState();
  app.library = { scenarios: [], profiles: [], questions: readQuestionBank(), problems: [] };
  app.store = store;
  app.trainees = await store.listTrainees();
  app.currentTraineeId = traineeId;
  await app.refreshAttempts();
  return app;
}

describe('AppState: attempts as summaries, reports when a page asks', () => {
  it('lists summaries, and reads every report needed once, then only those of new calls', async () => {
    const { store, asked } = countingStore();
    const ana = await store.createTrainee({ name: 'Ana' });
    const first = await finishedCall(store, ana.id, 'one', 70);
    const second = await finishedCall(store, ana.id, 'two', 80);
    const going = await store.createAttempt(newAttempt('three', ana.id));

    const app = await started(store, ana.id);
    expect(app.attempts.map((a) => a.id).sort()).toEqual([first.id, second.id, going.id].sort());
    expect(app.attempts.every((a) => !('report' in a) && !('saved' in a))).toBe(true);
    expect(app.scored).toBeUndefined();

    const scored = await app.loadReports();
    expect(asked).toHaveLength(1);
    expect(scored).toEqual(await withReports(store, ana.id));
    expect(app.scored).toBe(scored);
    expect(asked.map((ids) => ids.sort())).toEqual([[first.id, second.id].sort()]); // none for the call in progress

    // The same list again: nothing read, the same array (the progress page's memo holds).
    expect(await app.loadReports()).toBe(scored);
    // A new list with nothing new: nothing read; until then `scored` is still the last one read.
    await app.refreshAttempts();
    expect(app.scored).toBe(scored);
    expect((await app.loadReports()).map(({ id }) => id)).toEqual(scored.map(({ id }) => id));
    expect(asked).toHaveLength(1);

    // A new call: only its report is read.
    await store.finishAttempt(going.id, timely('three', 90), saved(2000, 'three'));
    const fourth = await finishedCall(store, ana.id, 'four', 60);
    await app.refreshAttempts();
    const next = await app.loadReports();
    expect(asked.slice(1, 2).map((ids) => ids.sort())).toEqual([[going.id, fourth.id].sort()]);
    expect(next).toEqual(await withReports(store, ana.id));
    expect(app.scored).toBe(next);
  });

  it('reads one list at a time: a second load waits for the first and reads only what it did not', async () => {
    const { store, asked } = countingStore();
    const ana = await store.createTrainee({ name: 'Ana' });
    const first = await finishedCall(store, ana.id, 'one', 70);
    const app = await started(store, ana.id);
    const loading = app.loadReports();
    const second = await finishedCall(store, ana.id, 'two', 80);
    await app.refreshAttempts();
    const [earlier, later] = await Promise.all([loading, app.loadReports()]);
    expect(earlier.map((a) => a.id)).toEqual([first.id]);
    expect(later.map((a) => a.report?.total).sort()).toEqual([70, 80]);
    expect(asked).toEqual([[first.id], [second.id]]);
    expect(app.scored).toBe(later);
  });

  it('shows no other trainee’s reports: after a switch, none until read', async () => {
    const { store } = countingStore();
    const ana = await store.createTrainee({ name: 'Ana' });
    const ben = await store.createTrainee({ name: 'Ben' });
    await finishedCall(store, ana.id, 'one', 70);
    const bens = await finishedCall(store, ben.id, 'two', 40);
    const app = await started(store, ana.id);
    await app.loadReports();

    await app.switchTrainee(ben.id);
    expect(app.scored).toBeUndefined();
    expect(await app.loadReports()).toEqual(await withReports(store, ben.id));
    expect((await app.loadReports()).map((a) => a.id)).toEqual([bens.id]);
    expect(app.scored?.map((a) => a.traineeId)).toEqual([ben.id]);
  });

  it('reads only the reports the progress view needs (the latest 20 of each competency), and those asked for', async () => {
    const { store, asked } = countingStore();
    const ana = await store.createTrainee({ name: 'Ana' });
    const calls: AttemptRecord[] = [];
    for (let i = 0; i < 26; i++) {
      calls.push(await finishedCall(store, ana.id, `s${i}`, 50 + i));
      // Distinct finish times, oldest first.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const app = await started(store, ana.id);
    const latest = calls.slice(-20).map((a) => a.id);
    const scored = await app.loadReports();
    expect(asked.map((ids) => [...ids].sort())).toEqual([[...latest].sort()]);
    expect(scored).toEqual(await withReports(store, ana.id, latest));
    // Every attempt is listed, with its headline: the trend needs only totals.
    expect(scored.map((a) => a.result?.total).sort()).toEqual(calls.map((a) => a.report!.total).sort());

    // An assessment run's attempts: their reports too, and only those.
    const old = calls[0]!.id;
    const withOld = await app.loadReports([old]);
    expect(asked.slice(1)).toEqual([[old]]);
    expect(withOld.find((a) => a.id === old)?.report).toEqual(calls[0]!.report);
    expect(await app.loadReports([old])).toBe(withOld);

    // A summary written before it carried the applicable categories: its report is read (it may evidence anything).
    const legacy = app.attempts.map((a) =>
      a.id === calls[1]!.id
        ? {
            ...a,
            result: {
              total: a.result!.total,
              level: a.result!.level,
              levelLabel: a.result!.levelLabel,
              criticalErrors: 0,
              scoringVersion: 1,
            },
          }
        : a,
    );
    app.attempts = legacy;
    await app.loadReports();
    expect(asked.slice(2)).toEqual([[calls[1]!.id]]);
  });
});
