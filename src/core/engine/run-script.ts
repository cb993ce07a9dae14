import { SimulatedClock } from 'xstate';
import { DEFAULT_GAP_SECONDS, type ScriptedAction } from '../format/actions';
import type { Scenario } from '../format/scenario';
import type { LogEntry, TraineeAction } from './events';
import { CallSession } from './session';

export interface ScriptRun {
  log: readonly LogEntry[];
  /** Actions the call did not accept at their moment (e.g. a question after the caller hung up). */
  rejected: { index: number; action: ScriptedAction; phase: string }[];
  ended: boolean;
}

/** Play a scripted attempt headlessly on a simulated clock; timed events fire as time passes. */
export function runScript(scenario: Scenario, actions: readonly ScriptedAction[]): ScriptRun {
  const clock = new SimulatedClock();
  const session = new CallSession(scenario, clock);
  const rejected: ScriptRun['rejected'] = [];
  let t = 0;
  for (const [index, scripted] of actions.entries()) {
    const target = scripted.at !== undefined ? scripted.at * 1000 : index === 0 ? 0 : t + DEFAULT_GAP_SECONDS * 1000;
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
    if (!session.send(action as TraineeAction)) rejected.push({ index, action: scripted, phase: session.phase });
  }
  const result = { log: session.log, rejected, ended: session.done };
  session.stop();
  return result;
}
