// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { twoCallAssessment } from '$tests/support/assessments';
import { flushSync } from 'svelte';
import { MIN_PIN_ITERATIONS, hashPin } from '$core/records/pin';
import { approvedCall } from '$tests/support/factories';
import { bundledProfiles } from '$tests/support/profiles';
import { closedRun, newRun, resultsSettingKey, withAttempt } from '../assessments/run';
import type { Library } from '../library/load-library';
import { createMemoryStore } from '../platform/storage/memory-store';
import { newAttempt, report, saved } from '$tests/contracts/store-contract';
import { TRAINER_PIN_SETTING, type AttemptStore } from '../platform/storage/types';
import { render, type Rendered } from '$tests/support/render';
import { standInApp } from '$tests/support/stand-in-app';
import AssessmentsPage from './AssessmentsPage.svelte';

vi.mock('../library/bundled', () => import('$tests/support/no-bundled-library'));

/** When the run's last call ends: not the day the page is looked at (the clock is set for the store's writes). */
const ENDED = Date.UTC(2026, 10, 23, 15, 30);
const MIN = 60_000;

/** Runs `write` with the clock at `time` (the store stamps what it writes with it). */
async function at<T>(time: number, write: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(time);
  try {
    return await write();
  } finally {
    vi.useRealTimers();
  }
}

const library: Library = {
  scenarios: [approvedCall('call-a'), approvedCall('call-b')],
  profiles: [...bundledProfiles().values()],
  questions: undefined,
  problems: [],
  warnings: [],
};
const DEFINITION = twoCallAssessment(ENDED);

/** Test Trainee A's run of two calls: the first scored, the second in progress. */
async function runUnderway(store: AttemptStore) {
  const ana = await store.createTrainee({ name: 'Test Trainee A' });
  const [first, second] = await Promise.all(
    ['call-a', 'call-b'].map((id) => store.createAttempt({ ...newAttempt(id, ana.id), mode: 'assessment' })),
  );
  await at(ENDED - 20 * MIN, () =>
    store.finishAttempt(first!.id, 0, report('call-a', 90), saved(1000, 'call-a')),
  );
  const run = withAttempt(
    withAttempt(newRun(DEFINITION, library.scenarios, ana.id, 'run-1', ENDED), 'call-a', first!.id),
    'call-b',
    second!.id,
  );
  await store.setSetting(resultsSettingKey(ana.id), [run]);
  return { trainee: ana.id, run, second: second!.id };
}

/** The run's last call ends, at ENDED. */
const endCall = (store: AttemptStore, id: string) =>
  at(ENDED, () => store.finishAttempt(id, 0, report('call-b', 70), saved(1000, 'call-b')));

let page: Rendered | undefined;
afterEach(() => {
  page?.destroy();
  page = undefined;
});

describe('Assessments page', () => {
  it('lists a closed run under the date its last call ended', async () => {
    const store = createMemoryStore('test: kept in memory');
    const { trainee, run, second } = await runUnderway(store);
    await endCall(store, second);
    const attempts = await Promise.all(run.items.map((i) => store.getAttempt(i.attemptId!)));
    const closed = closedRun(
      run,
      attempts.filter((a) => a !== undefined),
    );
    await store.setSetting(resultsSettingKey(trainee), [closed]);
    const { app } = await standInApp({ store, library });

    page = render(AssessmentsPage, app, {});
    await vi.waitFor(() => expect(page!.texts('h2')).toContain('Your results'));
    const row = page.texts('tbody tr').find((r) => r.includes('Quarterly check'));
    expect(row).toContain(new Date(ENDED).toLocaleString());
    expect(row).toContain('80%');
    expect(page.texts('h1')).toEqual(['Assessments']);
  });

  it('shows the report of a run its last call closed, once, dated that call’s end', async () => {
    const store = createMemoryStore('test: kept in memory');
    const { trainee, second } = await runUnderway(store);
    const { app } = await standInApp({ store, library });
    await app.switchTrainee(trainee);

    page = render(AssessmentsPage, app, {});
    await vi.waitFor(() => expect(page!.texts('h2')).toContain('In progress: Quarterly check'));
    expect(page.texts('.count')).toEqual(['1 of 2 done']);
    page.destroy();

    await endCall(store, second);
    await app.onAttemptFinished(second);
    page = render(AssessmentsPage, app, {});
    await vi.waitFor(() => expect(page!.texts('h1')).toEqual(['Assessment report: Quarterly check']));
    expect(page.texts('dd')).toContain(new Date(ENDED).toLocaleDateString());

    page.button('Back to assessments')?.click();
    flushSync();
    page.destroy();
    page = render(AssessmentsPage, app, {});
    await vi.waitFor(() => expect(page!.texts('h2')).toContain('Your results'));
    expect(page.texts('h1')).toEqual(['Assessments']);
  });

  it('offers setting an assessment only in trainer mode once the browser has a trainer PIN', async () => {
    const store = createMemoryStore('test: kept in memory');
    await store.setSetting(TRAINER_PIN_SETTING, await hashPin('1357', { iterations: MIN_PIN_ITERATIONS }));
    const { app } = await standInApp({ store, library });

    page = render(AssessmentsPage, app, {});
    await vi.waitFor(() => expect(page!.texts('h2')).toContain('Set an assessment (trainer)'));
    expect(page.button('Save assessment')).toBeUndefined();

    await app.enterTrainerMode('1357');
    flushSync();
    expect(page.button('Save assessment')).toBeDefined();
  });
});
