import { describe, expect, it } from 'vitest';
import type { Scenario } from '$core/format/scenario';
import type { AttemptRecord } from '$core/records/attempt';
import { approvedCall, scenario } from '$tests/support/factories';
import { bundledProfiles } from '$tests/support/profiles';
import { attempt as exported, COLD_TRANSFER, T0 } from '$tests/support/records';
import {
  approvedScenarios,
  cannotTake,
  definitionFrom,
  draftProblems,
  readDefinitions,
  type AssessmentDraft,
} from './definition';
import { assessmentResult, closedRun, newRun, openRun, readRuns, runProgress, withAttempt } from './run';

const profiles = [...bundledProfiles().values()];

const a = approvedCall('call-a');
const b = approvedCall('call-b');
const draft = scenario({ id: 'call-draft' });
/** Approved, then edited: the approval is void. */
const edited: Scenario = { ...approvedCall('call-edited'), title: 'Edited after approval' };
const library = [a, b, draft, edited];

const DRAFT: AssessmentDraft = {
  name: '  Quarterly check ',
  profileId: 'embedded-clinician-day',
  scenarios: [
    { scenarioId: 'call-a', callTime: '' },
    { scenarioId: 'call-b', callTime: '02:00' },
  ],
  passMark: '80',
};

function attemptAt(
  id: string,
  scenarioId: string,
  actions = undefined as Parameters<typeof exported>[2],
  extra: Partial<AttemptRecord> = {},
): AttemptRecord {
  const { events: _events, ...record } = exported(id, 't1', actions, T0 + 1000);
  return {
    ...record,
    scenarioId,
    scenarioHash: `hash-${scenarioId}`,
    mode: 'assessment',
    report: { ...record.report!, scenarioId },
    ...extra,
  };
}

describe('which scenarios may be assessed', () => {
  it('only those whose approval holds for their content now', () => {
    expect(approvedScenarios(library).map((s) => s.id)).toEqual(['call-a', 'call-b']);
    expect(approvedScenarios([draft, edited])).toEqual([]);
  });
});

describe('defining an assessment', () => {
  const context = { scenarios: library, profiles };

  it('saves a valid draft, trimmed, with the scenario’s own call time where none is set', () => {
    expect(draftProblems(DRAFT, context)).toEqual([]);
    expect(definitionFrom(DRAFT, context, 'as1', T0)).toEqual({
      id: 'as1',
      name: 'Quarterly check',
      profileId: 'embedded-clinician-day',
      scenarios: [{ scenarioId: 'call-a' }, { scenarioId: 'call-b', callTime: '02:00' }],
      passMark: 80,
      createdAt: T0,
    });
  });

  it('names the field of each problem', () => {
    const problems = draftProblems(
      { name: ' ', profileId: 'nowhere', scenarios: [], passMark: '120' },
      context,
    );
    expect(problems.map((p) => p.field)).toEqual(['name', 'profileId', 'scenarios', 'passMark']);
    expect(problems.map((p) => p.message.split(':')[0])).toEqual([
      'Name',
      'Center profile',
      'Scenarios',
      'Pass mark',
    ]);
  });

  it('refuses draft and void-approval scenarios, and a bad call time', () => {
    expect(
      draftProblems(
        {
          ...DRAFT,
          scenarios: [
            { scenarioId: 'call-draft', callTime: '' },
            { scenarioId: 'call-edited', callTime: '' },
          ],
        },
        context,
      ),
    ).toEqual([
      { field: 'scenarios', message: 'Scenarios: not approved by a clinician: call-draft, call-edited.' },
    ]);
    expect(
      draftProblems({ ...DRAFT, scenarios: [{ scenarioId: 'call-a', callTime: '25:00' }] }, context)[0]
        ?.field,
    ).toBe('scenarios');
    expect(() => definitionFrom({ ...DRAFT, passMark: '' }, context, 'x', T0)).toThrow('Pass mark');
  });

  it('cannot be created with no approved scenario at all', () => {
    expect(
      draftProblems(
        { ...DRAFT, scenarios: [{ scenarioId: 'call-draft', callTime: '' }] },
        { scenarios: [draft], profiles },
      )[0]?.field,
    ).toBe('scenarios');
  });

  it('cannot be taken once a scenario’s approval is void', () => {
    const def = definitionFrom(DRAFT, context, 'as1', T0);
    expect(cannotTake(def, library, profiles)).toBeUndefined();
    expect(cannotTake(def, [a, { ...b, title: 'changed' }], profiles)).toMatch(/call-b/);
  });

  it('reads stored definitions, and names the setting and field of a bad one', () => {
    expect(readDefinitions(undefined)).toEqual({ ok: true, value: [] });
    const bad = readDefinitions([
      { id: 'x', name: 'n', profileId: 'p', scenarios: [], passMark: 50, createdAt: 0 },
    ]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatch(/^Setting "assessments": \$\[0\]\.scenarios/);
  });
});

describe('taking an assessment', () => {
  const def = definitionFrom(DRAFT, { scenarios: library, profiles }, 'as1', T0);
  const fresh = newRun(def, library, 't1', 'run1', T0);

  it('plays each scenario once at its call time, and tracks progress by the recorded attempts', () => {
    expect(fresh.items.map((i) => [i.scenarioId, i.callTime])).toEqual([
      ['call-a', a.cad.callTime],
      ['call-b', '02:00'],
    ]);
    const started = withAttempt(fresh, 'call-a', 'x1');
    expect(withAttempt(started, 'call-a', 'x2').items[0]?.attemptId).toBe('x1'); // taken once
    const inCall = runProgress(started, [
      attemptAt('x1', 'call-a', undefined, {
        status: 'in-progress',
        report: undefined,
        finishedAt: undefined,
      }),
    ]);
    expect([inCall.done, inCall.next?.status]).toEqual([0, 'in-progress']);
    const one = runProgress(started, [attemptAt('x1', 'call-a')]);
    expect([one.done, one.total, one.complete, one.next?.item.scenarioId]).toEqual([1, 2, false, 'call-b']);
    expect(() => assessmentResult(started, [attemptAt('x1', 'call-a')], T0)).toThrow(/still to take/);
    expect(openRun([started])).toBe(started);
  });

  it("plays a scenario at its own time when the caller's words do not fit the time set", () => {
    const late = scenario({
      id: 'call-late',
      cad: { ...a.cad, callTime: '23:35', storyHours: { from: '21:00', to: '05:00' } },
    });
    const set = { ...def, scenarios: [{ scenarioId: 'call-late', callTime: '14:00' }] };
    expect(newRun(set, [late], 't1', 'run2', T0).items[0]?.callTime).toBe('23:35');
    const fits = { ...def, scenarios: [{ scenarioId: 'call-late', callTime: '02:00' }] };
    expect(newRun(fits, [late], 't1', 'run3', T0).items[0]?.callTime).toBe('02:00');
  });

  it('passes on a mean at or above the pass mark with no critical error, recording hashes and scoring versions', () => {
    const run = withAttempt(withAttempt(fresh, 'call-a', 'x1'), 'call-b', 'x2');
    const attempts = [attemptAt('x1', 'call-a'), attemptAt('x2', 'call-b')];
    const result = assessmentResult(run, attempts, T0 + 5000);
    const total = attempts[0]!.report!.total;
    expect(result.overall).toBe(total);
    expect(result.passed).toBe(total >= 80);
    expect(result.items.map((i) => [i.scenarioHash, i.scoringVersion])).toEqual([
      ['hash-call-a', attempts[0]!.report!.scoringVersion],
      ['hash-call-b', attempts[1]!.report!.scoringVersion],
    ]);
    expect(result.reasons[0]).toMatch(/^Passed/);
    expect(openRun([{ ...run, result }])).toBeUndefined();
  });

  it('fails on any critical error, whatever the mean', () => {
    const run = withAttempt(withAttempt({ ...fresh, passMark: 0 }, 'call-a', 'x1'), 'call-b', 'x2');
    const critical = attemptAt('x2', 'call-b');
    const withCritical: AttemptRecord = {
      ...critical,
      report: {
        ...critical.report!,
        total: 95,
        criticalErrors: [
          { kind: 'unsafe-diversion', what: 'Sent to the clinician with a weapon on scene', rationale: 'r' },
        ],
      },
    };
    const result = assessmentResult(run, [attemptAt('x1', 'call-a'), withCritical], T0);
    expect(result.passed).toBe(false);
    expect(result.items[1]?.criticalErrors).toEqual([
      { kind: 'unsafe-diversion', what: 'Sent to the clinician with a weapon on scene' },
    ]);
    expect(result.reasons[0]).toBe(
      'Failed: a critical error in any call fails the assessment, whatever the score (Call call-b).',
    );
  });

  it('fails below the pass mark, and counts a discarded call as 0', () => {
    const run = withAttempt(withAttempt(fresh, 'call-a', 'x1'), 'call-b', 'x2');
    const cold = attemptAt('x1', 'call-a', COLD_TRANSFER);
    const discarded = attemptAt('x2', 'call-b', undefined, { report: undefined });
    const result = assessmentResult(run, [cold, discarded], T0);
    expect(result.items[1]).toMatchObject({ score: 0, discarded: true });
    expect(result.overall).toBe(Math.round((cold.report!.total / 2) * 10) / 10);
    expect(result.passed).toBe(false);
    expect(
      result.reasons.some((r) => r.startsWith(`Overall ${result.overall}% is below the pass mark of 80%`)),
    ).toBe(true);
    expect(readRuns([{ ...run, result }], 't1')).toEqual({ ok: true, value: [{ ...run, result }] });
  });
});

describe('closing a run', () => {
  const def = definitionFrom(DRAFT, { scenarios: library, profiles }, 'as1', T0);
  const run = withAttempt(
    withAttempt(newRun(def, library, 't1', 'run1', T0), 'call-a', 'x1'),
    'call-b',
    'x2',
  );
  const ended = (at: number): Partial<AttemptRecord> => ({ finishedAt: at, updatedAt: at });

  it('does not close while a call is still to take or in progress', () => {
    const going = attemptAt('x2', 'call-b', undefined, { status: 'in-progress', report: undefined });
    expect(closedRun(run, [attemptAt('x1', 'call-a')])).toBeUndefined();
    expect(closedRun(run, [attemptAt('x1', 'call-a'), going])).toBeUndefined();
  });

  it('closes with the result dated when the last of its calls ended, whichever was played last', () => {
    const attempts = [
      attemptAt('x1', 'call-a', undefined, ended(T0 + 9000)),
      attemptAt('x2', 'call-b', undefined, ended(T0 + 4000)),
    ];
    const closed = closedRun(run, attempts);
    expect(closed?.result).toEqual(assessmentResult(run, attempts, T0 + 9000));
    expect(closedRun(closed!, attempts)).toBeUndefined(); // frozen: never closed again
  });
});
