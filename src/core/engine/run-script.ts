import { SimulatedClock } from 'xstate';
import { DEFAULT_GAP_SECONDS, type ScriptedAction } from '../format/actions';
import type { CenterProfile } from '../format/profile';
import type { Scenario } from '../format/scenario';
import { isTransferResource, type ClockTime } from '../format/vocabulary';
import { expectedRouting } from '../profiles/expected-routing';
import { readKnowledge } from '../scoring/knowledge';
import { HANDOFF_ACCEPT_MS } from './compile';
import type { LogEntry, TraineeAction } from './events';
import { CallSession } from './session';

/** Where and when the script is played; needed by the `route` step. */
export interface PlayedAt {
  profile: CenterProfile;
  callTime?: ClockTime;
}

/**
 * The actions a `route` step stands for at this center and time, on the facts known so far (`log`:
 * the call up to the step; without it, every fact present): dispatch each unit of the best answer,
 * and for a transfer brief the counselor, transfer, and stay until they have the caller.
 */
export function expandRoute(scenario: Scenario, at: PlayedAt, log?: readonly LogEntry[]): ScriptedAction[] {
  // What the caller has said, not what a skipped question would have brought out: a script that
  // skips the weapon question routes as a trainee who never heard of the weapon would.
  const known = log ? new Set(readKnowledge(scenario, log).revealed.keys()) : undefined;
  const best = expectedRouting(scenario, at.profile, at.callTime, known).best.resources;
  const dispatches: ScriptedAction[] = best
    .filter((r) => !isTransferResource(r))
    .map((resource) => ({ type: 'dispatch', resource }));
  const transfers: ScriptedAction[] = best.filter(isTransferResource).flatMap((to): ScriptedAction[] => [
    { type: 'brief', to },
    { type: 'transfer', to },
    { type: 'wait', seconds: HANDOFF_ACCEPT_MS / 1000 + 1 },
  ]);
  return [...dispatches, ...transfers];
}

export interface ScriptRun {
  log: readonly LogEntry[];
  /** Actions the call did not accept at their moment (e.g. a question after the caller hung up). */
  rejected: { index: number; action: ScriptedAction; phase: string }[];
  ended: boolean;
}

/** Play a scripted attempt headlessly on a simulated clock; timed events fire as time passes. */
export function runScript(scenario: Scenario, script: readonly ScriptedAction[], at?: PlayedAt): ScriptRun {
  if (!at && script.some((step) => step.type === 'route')) {
    throw new Error('a script with a "route" step needs the center profile it is played at');
  }
  const clock = new SimulatedClock();
  const session = new CallSession(scenario, clock);
  const rejected: ScriptRun['rejected'] = [];
  let t = 0;
  // A `route` step is expanded when it is reached, on what the caller has said by then.
  const actions: ScriptedAction[] = [...script];
  for (let index = 0; index < actions.length; index += 1) {
    const step = actions[index]!;
    if (step.type === 'route' && at) {
      const expanded = expandRoute(scenario, at, session.log).map((a, i) =>
        i === 0 && step.at !== undefined ? { ...a, at: step.at } : a,
      );
      actions.splice(index, 1, ...expanded);
      index -= 1;
      continue;
    }
    const scripted = step;
    const target =
      scripted.at !== undefined ? scripted.at * 1000 : index === 0 ? 0 : t + DEFAULT_GAP_SECONDS * 1000;
    if (target > t) {
      clock.increment(target - t);
      t = target;
    }
    if (scripted.type === 'wait') {
      clock.increment(scripted.seconds * 1000);
      t += scripted.seconds * 1000;
      continue;
    }
    const { at: _at, ...action } = scripted;
    if (!session.send(action as TraineeAction)) {
      rejected.push({ index, action: scripted, phase: session.phase });
    }
  }
  const result = { log: session.log, rejected, ended: session.done };
  session.stop();
  return result;
}
