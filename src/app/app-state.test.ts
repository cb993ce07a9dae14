// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { readQuestionBank } from '$cli/fs-library';
import { AppState } from './app-state.svelte';
import { createMemoryStore } from './platform/storage/memory-store';
import { newAttempt, report, saved } from '$tests/contracts/store-contract';
import type { AttemptRecord, AttemptStore } from './platform/storage/types';

// The bundled library is served by a Vite plugin the unit tests do not run; these tests never start the app.
vi.mock('./library/bundled', () => ({
  bundledLibrary: async () => ({
    scenarios: [],
    profiles: [],
    questions: undefined,
    problems: [],
    warnings: [],
  }),
}));

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
  await store.finishAttempt(attempt.id, 0, timely(scenarioId, total), saved(1000, scenarioId));
  return (await store.getAttempt(attempt.id))!;
}

/** The trainee's summaries, each finished one with its report. */
async function withReports(store: AttemptStore, traineeId: string) {
  const summaries = await store.listSummaries({ traineeId });
  // Not store.reports: loadReports reads through it.
  const records = new Map((await store.listAttempts({ traineeId })).map((r) => [r.id, r]));
  return summaries.map((a) => (a.result ? { ...a, report: records.get(a.id)!.report! } : a));
}

async function started(store: AttemptStore, traineeId: string): Promise<AppState> {
  const app = new AppState();
  app.library = { scenarios: [], profiles: [], questions: readQuestionBank(), problems: [], warnings: [] };
  app.store = store;
  app.trainees = await store.listTrainees();
  app.currentTraineeId = traineeId;
  await app.refreshAttempts();
  return app;
}

// How reports are chosen, read and kept is reports/report-loader.test.ts's; here, that AppState hands
// the loader the current trainee's list and shows its result only for that trainee.
describe('AppState: attempts as summaries, reports when a page asks', () => {
  it('lists summaries, and `scored` is what loadReports loaded, for the current trainee only', async () => {
    const store = createMemoryStore('test');
    const ana = await store.createTrainee({ name: 'Ana' });
    const ben = await store.createTrainee({ name: 'Ben' });
    const first = await finishedCall(store, ana.id, 'one', 70);
    const going = await store.createAttempt(newAttempt('three', ana.id));
    const bens = await finishedCall(store, ben.id, 'two', 40);

    const app = await started(store, ana.id);
    expect(app.attempts.map((a) => a.id).sort()).toEqual([first.id, going.id].sort());
    expect(app.attempts.every((a) => !('report' in a) && !('saved' in a))).toBe(true);
    expect(app.scored).toBeUndefined();
    const scored = await app.loadReports();
    expect(scored).toEqual(await withReports(store, ana.id));
    expect(app.scored).toBe(scored);
    expect(await app.loadReports()).toBe(scored);

    await app.switchTrainee(ben.id);
    expect(app.scored).toBeUndefined();
    expect(await app.loadReports()).toEqual(await withReports(store, ben.id));
    expect(app.scored?.map((a) => a.id)).toEqual([bens.id]);
  });
});
