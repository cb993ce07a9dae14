import type { Scenario } from '$core/format/scenario';
import type { AttemptRecord, Mode } from '../platform/storage/types';
import type { AssessmentRun, RunProgress } from './run';

/**
 * What the debrief of a call may show. A call taken as part of an assessment run is only recorded
 * while the run is under way: no score, no rationale, no points lost, no replay, so that nothing of
 * one call's answer key reaches the calls still to take. Its results come together when the last
 * call ends; from then on each call's debrief shows everything (once the trainee has been shown the
 * results, when the run closed in this session).
 */
export type DebriefAccess =
  | {
      kind: 'full';
      /** The assessment the call was part of, its run over. */
      assessment?: string;
    }
  | {
      kind: 'recorded';
      assessment: string;
      run: AssessmentRun;
      /** The way on: the run's next call, or its results when this was the last. */
      next: 'call' | 'results';
      done: number;
      total: number;
    };

/** The run this attempt was taken in, with where the run stands; undefined for a call outside any run. */
export interface RunOfAttempt {
  run: AssessmentRun;
  progress: RunProgress;
}

/**
 * `unseen`: the run closed last in this session whose results the trainee has not been shown yet
 * (Assessments.unseen): its calls stay recorded-only until the results have been seen.
 */
export function debriefAccess(
  attempt: Pick<AttemptRecord, 'id' | 'mode'>,
  found: RunOfAttempt | undefined,
  unseen: string | undefined,
): DebriefAccess {
  if (attempt.mode !== 'assessment' || !found) return { kind: 'full' };
  const { run, progress } = found;
  if (run.result && run.id !== unseen) return { kind: 'full', assessment: run.assessmentName };
  return {
    kind: 'recorded',
    assessment: run.assessmentName,
    run,
    next: !run.result && progress.next ? 'call' : 'results',
    done: progress.done,
    total: progress.total,
  };
}

/** What "Try again" and "Next scenario" start after a call. */
export interface FollowUp {
  mode: Mode;
  next: Scenario | undefined;
  /**
   * Whether "Try again" and "Next scenario" are offered: only to the call's own trainee. A trainer
   * reading another trainee's debrief would otherwise start a call in whichever profile is open.
   */
  offered: boolean;
}

/**
 * After a call, "Try again" and "Next scenario" start a call at the same center. A call of an
 * assessment run is never taken again outside it: after one, they start practice calls. "Next
 * scenario" is the one after this call's in the library that the mode allows, never a scenario of
 * the trainee's assessment run under way (practising it would be seeing the answer key first).
 */
export function followUp(
  attempt: Pick<AttemptRecord, 'scenarioId' | 'mode'>,
  inRun: boolean,
  scenarios: readonly Scenario[],
  eligible: (scenario: Scenario, mode: Mode) => boolean,
  openRun: AssessmentRun | undefined,
  own = true,
): FollowUp {
  const mode: Mode = inRun ? 'practice' : attempt.mode;
  const assessed = new Set(openRun?.items.map((i) => i.scenarioId) ?? []);
  const list = scenarios.filter((s) => eligible(s, mode) && !assessed.has(s.id));
  const here = scenarios.findIndex((s) => s.id === attempt.scenarioId);
  const next =
    scenarios.slice(here + 1).find((s) => list.includes(s) && s.id !== attempt.scenarioId) ??
    list.find((s) => s.id !== attempt.scenarioId);
  return { mode, next, offered: own };
}
