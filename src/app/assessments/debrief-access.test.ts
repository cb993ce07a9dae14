import { describe, expect, it } from 'vitest';
import { twoCallAssessment } from '$tests/support/assessments';
import type { Scenario } from '$core/format/scenario';
import { scenario } from '$tests/support/factories';
import { debriefAccess, followUp } from './debrief-access';
import { newRun, withAttempt, type AssessmentResult, type RunProgress } from './run';

const scenarios = ['call-a', 'call-b', 'call-c', 'call-d'].map((id) => scenario({ id, title: `Call ${id}` }));
const DEFINITION = twoCallAssessment();
const run = withAttempt(newRun(DEFINITION, scenarios, 'trainee-a', 'run-1', 0), 'call-a', 'attempt-a');
const RESULT: AssessmentResult = {
  completedAt: 1,
  items: [],
  overall: 90,
  passMark: 80,
  passed: true,
  reasons: [],
};
const progress = (done: number, next = done < 2): RunProgress => ({
  items: [],
  done,
  total: 2,
  complete: done === 2,
  ...(next ? { next: { item: run.items[done]!, status: 'to-do' } } : {}),
});
const assessed = { id: 'attempt-a', mode: 'assessment' as const };

describe('debriefAccess', () => {
  it('shows everything for a practice call, or an assessment-mode call outside any run', () => {
    expect(debriefAccess({ id: 'p', mode: 'practice' }, undefined, undefined)).toEqual({ kind: 'full' });
    expect(debriefAccess(assessed, undefined, undefined)).toEqual({ kind: 'full' });
  });

  it('only records a call of a run under way, with the way to its next call', () => {
    expect(debriefAccess(assessed, { run, progress: progress(1) }, undefined)).toEqual({
      kind: 'recorded',
      assessment: 'Quarterly check',
      run,
      next: 'call',
      done: 1,
      total: 2,
    });
  });

  it("after the run's last call, points to the results until they have been shown", () => {
    const closed = { ...run, result: RESULT };
    expect(debriefAccess(assessed, { run: closed, progress: progress(2) }, 'run-1')).toMatchObject({
      kind: 'recorded',
      next: 'results',
      done: 2,
    });
    // Not closed yet (its last call has just ended): the results, too.
    expect(debriefAccess(assessed, { run, progress: progress(2) }, undefined)).toMatchObject({
      kind: 'recorded',
      next: 'results',
    });
  });

  it('shows everything once the run is over and its results seen, naming the assessment', () => {
    const closed = { ...run, result: RESULT };
    expect(debriefAccess(assessed, { run: closed, progress: progress(2) }, undefined)).toEqual({
      kind: 'full',
      assessment: 'Quarterly check',
    });
  });
});

describe('followUp', () => {
  const any = () => true;
  const approvedOnly = (s: Scenario, mode: string) => mode === 'practice' || s.id === 'call-d';

  it('offers the next scenario in the library, in the same mode', () => {
    expect(followUp({ scenarioId: 'call-a', mode: 'practice' }, false, scenarios, any, undefined)).toEqual({
      mode: 'practice',
      next: scenarios[1],
      offered: true,
    });
    expect(
      followUp({ scenarioId: 'call-a', mode: 'assessment' }, false, scenarios, approvedOnly, undefined).next
        ?.id,
    ).toBe('call-d');
  });

  it('starts practice calls after a call of an assessment run, never another assessed call', () => {
    expect(
      followUp({ scenarioId: 'call-a', mode: 'assessment' }, true, scenarios, approvedOnly, undefined),
    ).toEqual({
      mode: 'practice',
      next: scenarios[1],
      offered: true,
    });
  });

  it('offers no follow-up call on another trainee’s debrief (a trainer reading it)', () => {
    const theirs = followUp(
      { scenarioId: 'call-a', mode: 'practice' },
      false,
      scenarios,
      any,
      undefined,
      false,
    );
    expect(theirs.offered).toBe(false);
  });

  it("never offers a scenario of the trainee's run under way", () => {
    expect(followUp({ scenarioId: 'call-c', mode: 'practice' }, false, scenarios, any, run).next?.id).toBe(
      'call-d',
    );
    expect(followUp({ scenarioId: 'call-d', mode: 'practice' }, false, scenarios, any, run).next?.id).toBe(
      'call-c',
    );
  });
});
