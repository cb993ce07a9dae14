// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { twoCallAssessment } from '$tests/support/assessments';

import { approvedCall } from '$tests/support/factories';
import { newAttempt, report, saved } from '$tests/contracts/store-contract';
import type { AttemptStore } from '../platform/storage/types';
import { standInApp } from '$tests/support/stand-in-app';
import { profile } from '$tests/support/profiles';
import { newRun, readRuns, resultsSettingKey, withAttempt, type AssessmentRun } from './run';

vi.mock('../library/bundled', () => import('$tests/support/no-bundled-library'));

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const MIN = 60_000;

const library = [approvedCall('call-a'), approvedCall('call-b')];
const DEFINITION = twoCallAssessment(T0);

/** A run of two calls, both started (in progress), as the Assessments page leaves it. */
async function runOfTwo(store: AttemptStore, traineeId: string) {
  const first = await store.createAttempt({ ...newAttempt('call-a', traineeId), mode: 'assessment' });
  const second = await store.createAttempt({ ...newAttempt('call-b', traineeId), mode: 'assessment' });
  const run = withAttempt(
    withAttempt(newRun(DEFINITION, library, traineeId, 'run-1', T0), 'call-a', first.id),
    'call-b',
    second.id,
  );
  await store.setSetting(resultsSettingKey(traineeId), [run]);
  return { first: first.id, second: second.id };
}

async function storedRun(store: AttemptStore, traineeId: string): Promise<AssessmentRun> {
  const runs = readRuns(await store.getSetting<unknown>(resultsSettingKey(traineeId), undefined), traineeId);
  if (!runs.ok || !runs.value[0]) throw new Error('no stored run');
  return runs.value[0];
}

/** The call ends at `at`: scored and stored as the call position stores it. */
async function endCall(store: AttemptStore, id: string, scenarioId: string, total: number, at: number) {
  vi.setSystemTime(at);
  await store.finishAttempt(id, 0, report(scenarioId, total), saved(1000, scenarioId));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('an assessment run closes when its last call ends', () => {
  it('stays open while a call is left, then closes dated when the last call ended, not when it was looked at', async () => {
    const { app, store } = await standInApp();
    const trainee = app.currentTraineeId!;
    const { first, second } = await runOfTwo(store, trainee);

    await endCall(store, first, 'call-a', 90, T0 + 10 * MIN);
    await app.onAttemptFinished(first);
    expect((await storedRun(store, trainee)).result).toBeUndefined();

    await endCall(store, second, 'call-b', 70, T0 + 20 * MIN);
    vi.setSystemTime(T0 + 3 * 60 * MIN);
    await app.onAttemptFinished(second);
    const run = await storedRun(store, trainee);
    expect(run.result?.completedAt).toBe((await store.getAttempt(second))?.finishedAt);
    expect(run.result?.completedAt).toBe(T0 + 20 * MIN);
    expect(run.result).toMatchObject({ overall: 80, passMark: 80, passed: true });
  });

  it('is closed once: asked again later, nothing changes', async () => {
    const { app, store } = await standInApp();
    const trainee = app.currentTraineeId!;
    const { first, second } = await runOfTwo(store, trainee);
    await endCall(store, first, 'call-a', 90, T0 + 10 * MIN);
    await endCall(store, second, 'call-b', 70, T0 + 20 * MIN);
    await app.onAttemptFinished(second);
    const closed = await storedRun(store, trainee);

    vi.setSystemTime(T0 + 60 * MIN);
    await app.onAttemptFinished(second);
    expect(await app.assessments.closeCompleted(trainee)).toBeUndefined();
    expect(await storedRun(store, trainee)).toEqual(closed);
  });

  it('closes when the last call is discarded instead, counting it as 0', async () => {
    const { app, store } = await standInApp();
    const trainee = app.currentTraineeId!;
    const { first, second } = await runOfTwo(store, trainee);
    await endCall(store, first, 'call-a', 90, T0 + 10 * MIN);

    vi.setSystemTime(T0 + 15 * MIN);
    await app.discardAttempt(second);
    const run = await storedRun(store, trainee);
    expect(run.result?.completedAt).toBe(T0 + 15 * MIN);
    expect(run.result?.items[1]).toMatchObject({ score: 0, discarded: true });
    expect(run.result?.passed).toBe(false);
  });

  it('is closed at start-up when its last call ended as the tab closed, still dated when it ended', async () => {
    const { app, store } = await standInApp();
    const trainee = app.currentTraineeId!;
    const { first, second } = await runOfTwo(store, trainee);
    await endCall(store, first, 'call-a', 90, T0 + 10 * MIN);
    await endCall(store, second, 'call-b', 70, T0 + 20 * MIN);

    vi.setSystemTime(T0 + 24 * 60 * MIN);
    await standInApp({ store });
    expect((await storedRun(store, trainee)).result?.completedAt).toBe(T0 + 20 * MIN);
  });
});

describe('the library during an assessment run', () => {
  it('starts none of the run’s scenarios while it is under way, saying why; others still start', async () => {
    const { app, store } = await standInApp({
      library: {
        scenarios: [...library, approvedCall('call-c')],
        profiles: [profile('embedded-clinician-day')],
        questions: undefined,
        problems: [],
        warnings: [],
      },
    });
    const trainee = app.currentTraineeId!;
    const { first } = await runOfTwo(store, trainee);
    await endCall(store, first, 'call-a', 90, T0 + 10 * MIN);
    await app.refreshAttempts();

    const [callA, callB, callC] = app.scenarios;
    expect(app.libraryStartBlocked(callA!)).toBe(
      `In your assessment under way (${DEFINITION.name}): take it there.`,
    );
    expect(app.libraryStartBlocked(callB!)).toBeDefined();
    expect(await app.startAttempt(callB!)).toBeUndefined();
    expect(app.libraryStartBlocked(callC!)).toBeUndefined();
    expect(await app.startAttempt(callC!)).toMatchObject({ scenarioId: 'call-c' });
  });
});
