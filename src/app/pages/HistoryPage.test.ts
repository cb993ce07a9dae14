// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { twoCallAssessment } from '$tests/support/assessments';

import { approvedCall } from '$tests/support/factories';
import { bundledProfiles, bundledQuestions } from '$tests/support/profiles';
import { newAttempt, report, saved } from '$tests/contracts/store-contract';
import { newRun, resultsSettingKey, withAttempt } from '../assessments/run';
import type { Library } from '../library/load-library';
import { createMemoryStore } from '../platform/storage/memory-store';
import { render, type Rendered } from '$tests/support/render';
import { standInApp } from '$tests/support/stand-in-app';
import HistoryPage from './HistoryPage.svelte';
import LibraryPage from './LibraryPage.svelte';

vi.mock('../library/bundled', () => import('$tests/support/no-bundled-library'));

const library: Library = {
  scenarios: [approvedCall('call-a'), approvedCall('call-b')],
  profiles: [...bundledProfiles().values()],
  questions: bundledQuestions(),
  problems: [],
  warnings: [],
};
const DEFINITION = twoCallAssessment();

let page: Rendered | undefined;
afterEach(() => page?.destroy());

/** Call A of a run of two scored (91%), call B still to take; call A also once in practice (64%). */
async function midRun() {
  const store = createMemoryStore('test');
  const trainee = (await store.ensureTrainee()).id;
  const practice = await store.createAttempt(newAttempt('call-a', trainee));
  await store.finishAttempt(practice.id, 0, report('call-a', 64), saved(1000, 'call-a'));
  const assessed = await store.createAttempt({ ...newAttempt('call-a', trainee), mode: 'assessment' });
  await store.finishAttempt(assessed.id, 0, report('call-a', 91), saved(1000, 'call-a'));
  const run = withAttempt(newRun(DEFINITION, library.scenarios, trainee, 'run-1', 0), 'call-a', assessed.id);
  await store.setSetting(resultsSettingKey(trainee), [run]);
  return standInApp({ store, library });
}

describe('results of an assessment run under way are withheld', () => {
  it('in the history: the call is listed as recorded, without its score', async () => {
    const { app } = await midRun();
    page = render(HistoryPage, app, {});
    await vi.waitFor(() => expect(page!.texts('tbody tr')).toHaveLength(2));
    const results = page.texts('tbody td:last-child');
    expect(results).toContain("Recorded — scored with the assessment's results");
    expect(results.some((r) => r.startsWith('64%'))).toBe(true);
    expect(page.root.textContent).not.toContain('91%');
  });

  it("in the library's best: only the practice call counts", async () => {
    const { app } = await midRun();
    page = render(LibraryPage, app, {});
    const best = page.root.querySelector('tr[data-scenario-id="call-a"] td:nth-last-child(2)');
    expect(best?.textContent?.trim()).toMatch(/^64%/);
  });
});
