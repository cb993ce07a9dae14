// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScriptedAction } from '$core/format/actions';
import type { Scenario } from '$core/format/scenario';
import { SAFETY_FACTS } from '$core/format/vocabulary';
import { contentHash } from '$core/review/content-hash';
import { approvedScenario, armedScenario, scenario } from '$tests/support/factories';
import { bundledProfiles, bundledQuestions } from '$tests/support/profiles';
import { newAttempt, report, saved } from '$tests/contracts/store-contract';
import { runScript } from '$core/engine/run-script';
import { scoreAttempt } from '$core/scoring/score';
import type { AssessmentDefinition } from '../assessments/definition';
import { newRun, resultsSettingKey, withAttempt } from '../assessments/run';
import type { Library } from '../library/load-library';
import { createMemoryStore } from '../platform/storage/memory-store';
import type { AttemptStore } from '../platform/storage/types';
import { render, type Rendered } from '$tests/support/render';
import { standInApp } from '$tests/support/stand-in-app';
import DebriefPage from './DebriefPage.svelte';

vi.mock('../library/bundled', () => import('$tests/support/no-bundled-library'));

const CENTER = 'embedded-clinician-day';
const questions = bundledQuestions();
const profiles = [...bundledProfiles().values()];

const armed = armedScenario({ id: 'armed', title: 'Armed brother' });
const library: Library = {
  scenarios: [
    approvedScenario(scenario({ id: 'call-a', title: 'Call A' })),
    approvedScenario(scenario({ id: 'call-b', title: 'Call B' })),
    scenario(),
    armed,
  ],
  profiles,
  questions,
  problems: [],
  warnings: [],
};

/** The call played for real and stored finished, as the call position stores it. */
async function playedCall(store: AttemptStore, traineeId: string, s: Scenario, actions: ScriptedAction[]) {
  const log = [...runScript(s, actions).log];
  const scored = scoreAttempt({ scenario: s, profile: bundledProfiles().get(CENTER)!, questions, log });
  const attempt = await store.createAttempt({
    ...newAttempt(s.id, traineeId),
    scenarioHash: contentHash(s),
    profileId: CENTER,
    callTime: scored.callTime,
  });
  await store.appendEvents(attempt.id, 0, log, saved(log.at(-1)!.at, s.id));
  await store.finishAttempt(attempt.id, 0, scored, saved(log.at(-1)!.at, s.id));
  return attempt.id;
}

let page: Rendered | undefined;
afterEach(() => {
  page?.destroy();
  page = undefined;
});

async function open(store: AttemptStore, attemptId: string) {
  const { app } = await standInApp({ store, library });
  page = render(DebriefPage, app, { attemptId });
  await vi.waitFor(() => expect(page!.texts('h1')).not.toEqual([]));
  return app;
}

describe('Debrief page, a practice call', () => {
  it('leads routing with the reasons for the center and hour, then the author’s reasoning, and pins each fact to its moment', async () => {
    const store = createMemoryStore('test');
    const trainee = (await store.ensureTrainee()).id;
    const id = await playedCall(store, trainee, armed, [
      { type: 'answer' },
      { type: 'dispatch', resource: 'police' },
      { type: 'ask', question: 'safety.weapon' },
      { type: 'end' },
    ]);
    await open(store, id);
    await vi.waitFor(() => expect(page!.texts('h1')).toEqual(['Debrief: Armed brother']));
    const routing = page!.root.querySelector('section.routing')!;
    expect(routing.firstElementChild?.textContent).toBe('Routing at this center at 14:00');
    expect(routing.children[1]?.matches('ul.reasons')).toBe(true);
    expect(routing.querySelector('.rationale')?.textContent).toBe(
      "The answer key's reasoning (draft, not yet reviewed by a clinician): Test rationale: a phone assessment fits.",
    );
    expect(page!.texts('.film .fact')).toEqual([
      expect.stringMatching(/^Counted as known: a weapon\. You routed before asking "/),
      'The caller revealed a weapon.',
      'The caller revealed thoughts of suicide.',
    ]);
    expect(page!.button('Try again')).toBeDefined();
    expect(page!.texts('button').some((t) => t.startsWith('Next scenario: '))).toBe(true);
  });

  it('shows no internal id anywhere: questions, facts, units and centers in words', async () => {
    const store = createMemoryStore('test');
    const trainee = (await store.ensureTrainee()).id;
    const id = await playedCall(store, trainee, scenario(), [
      { type: 'answer' },
      { type: 'transfer', to: 'crisis-line' },
      { type: 'recall' },
      { type: 'dispatch', resource: 'ems' },
      { type: 'cancel', resource: 'ems' },
      { type: 'priority', priority: 2 },
      { type: 'end' },
    ]);
    await open(store, id);
    await vi.waitFor(() => expect(page!.texts('h1')).toEqual(['Debrief: Test scenario']));
    const words = (page!.root.textContent ?? '').split(/[\s"“”(),.:;!?]+/);
    // Ids that are also plain words ("weapon", "police") are left out: the rest read as no word does.
    const ids = [
      ...questions.questions.map((q) => q.id),
      ...questions.phrases.map((p) => p.id),
      ...SAFETY_FACTS.filter((f) => f.includes('-')),
      'ems',
      'crisis-line',
      'embedded-clinician',
      CENTER,
      'test-scenario',
    ];
    expect(ids.filter((i) => words.includes(i))).toEqual([]);
    expect(page!.root.textContent).not.toMatch(/screens for [a-z]+-/);
    expect(page!.texts('.film .text')).toContain('Took the caller back from the transfer.');
    expect(page!.texts('.film .text')).toContain('Called off EMS');
  });

  it('opens a report of an older scoring version as it was scored, and says so', async () => {
    const store = createMemoryStore('test');
    const trainee = (await store.ensureTrainee()).id;
    const attempt = await store.createAttempt({ ...newAttempt('test-scenario', trainee), profileId: CENTER });
    await store.finishAttempt(attempt.id, 0, report('test-scenario', 84.5), saved(1000, 'test-scenario'));
    await open(store, attempt.id);
    await vi.waitFor(() => expect(page!.texts('.total')).toEqual(['84.5%']));
    expect(page!.texts('[data-testid="scoring-note"]')[0]).toMatch(/^Scored with scoring version 1\./);
  });
});

describe('Debrief page, a call of an assessment run', () => {
  const DEFINITION: AssessmentDefinition = {
    id: 'as1',
    name: 'Quarterly check',
    profileId: CENTER,
    scenarios: [{ scenarioId: 'call-a' }, { scenarioId: 'call-b' }],
    passMark: 80,
    createdAt: 0,
  };

  async function runOfTwo(store: AttemptStore) {
    const trainee = (await store.ensureTrainee()).id;
    const [a, b] = await Promise.all(
      ['call-a', 'call-b'].map((id) =>
        store.createAttempt({ ...newAttempt(id, trainee), mode: 'assessment' }),
      ),
    );
    const run = withAttempt(
      withAttempt(newRun(DEFINITION, library.scenarios, trainee, 'run-1', 0), 'call-a', a!.id),
      'call-b',
      b!.id,
    );
    await store.setSetting(resultsSettingKey(trainee), [run]);
    return { a: a!.id, b: b!.id };
  }

  it('only records a call while the run is under way: no score, no rationale, no Try again, the next call', async () => {
    const store = createMemoryStore('test');
    const { a } = await runOfTwo(store);
    await store.finishAttempt(a, 0, report('call-a', 55), saved(1000, 'call-a'));
    await open(store, a);
    expect(page!.texts('h1')).toEqual(['Call recorded']);
    expect(page!.texts('.total')).toEqual([]);
    expect(page!.root.textContent).not.toMatch(/55|rationale|reasoning|Expected|Try again|Next scenario/);
    expect(page!.button('Next call of the assessment')).toBeDefined();
  });

  it('after the last call, points to the results; once they have been shown, the call shows everything', async () => {
    const store = createMemoryStore('test');
    const { a, b } = await runOfTwo(store);
    await store.finishAttempt(a, 0, report('call-a', 55), saved(1000, 'call-a'));
    await store.finishAttempt(b, 0, report('call-b', 65), saved(1000, 'call-b'));
    const app = await open(store, b);
    expect(page!.texts('h1')).toEqual(['Call recorded']);
    expect(page!.texts('a')).toContain('See the results');
    expect(page!.texts('.total')).toEqual([]);
    page!.destroy();

    // The Assessments page showed the results.
    app.assessments.seen();
    page = render(DebriefPage, app, { attemptId: a });
    await vi.waitFor(() => expect(page!.texts('.total')).toEqual(['55%']));
    expect(page.root.textContent).toContain('Part of the assessment “Quarterly check”');
    // Taken again, an assessed call is practice: Try again is there, and starts a practice call.
    expect(page.button('Try again')).toBeDefined();
  });
});
