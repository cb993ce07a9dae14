// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { AppState } from './app-state.svelte';
import { createMemoryStore } from './platform/storage/memory-store';
import { newAttempt, report, saved } from './platform/storage/store-contract';
import type { AttemptRecord, AttemptStore } from './platform/storage/types';

// The bundled library is served by a Vite plugin the unit tests do not run; these tests never start the app.
vi.mock('./library/bundled', () => ({ bundledLibrary: async () => ({ scenarios: [], profiles: [], questions: undefined, problems: [] }) }));

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

async function finishedCall(store: AttemptStore, traineeId: string, scenarioId: string, total: number): Promise<AttemptRecord> {
  const attempt = await store.createAttempt(newAttempt(scenarioId, traineeId));
  await store.finishAttempt(attempt.id, report(scenarioId, total), saved(1000, scenarioId));
  return (await store.getAttempt(attempt.id))!;
}

const withoutSaved = ({ saved: _saved, ...rest }: AttemptRecord) => rest;

async function started(store: AttemptStore, traineeId: string): Promise<AppState> {
  const app = new AppState();
  app.store = store;
  app.trainees = await store.listTrainees();
  app.currentTraineeId = traineeId;
  await app.refreshAttempts();
  return app;
}

describe('AppState: attempts as summaries, reports when a page asks', () => {
  it('lists summaries, and reads every report once, then only those of new calls', async () => {
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
    expect(scored).toEqual((await store.listAttempts({ traineeId: ana.id })).map(withoutSaved));
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
    await store.finishAttempt(going.id, report('three', 90), saved(2000, 'three'));
    const fourth = await finishedCall(store, ana.id, 'four', 60);
    await app.refreshAttempts();
    const next = await app.loadReports();
    expect(asked.slice(1).map((ids) => ids.sort())).toEqual([[going.id, fourth.id].sort()]);
    expect(next).toEqual((await store.listAttempts({ traineeId: ana.id })).map(withoutSaved));
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
    expect(await app.loadReports()).toEqual([withoutSaved(bens)]);
    expect(app.scored?.map((a) => a.traineeId)).toEqual([ben.id]);
  });
});
