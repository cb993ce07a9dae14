import type { Interruption, Scenario } from '../format/scenario';
import type { TraineeAction } from './events';

/** What the trainee says to the caller, as against what they do at the console (notes, units, codes). */
export function isSpeech(action: TraineeAction): boolean {
  return action.type === 'ask' || action.type === 'deescalate';
}

/**
 * How the caller takes being spoken over in this state: the state's own setting, else the caller's,
 * else `stops` (most callers stop to listen when the call-taker speaks).
 */
export function interruptionOf(scenario: Scenario, callerState: string): Interruption {
  return scenario.states[callerState]?.whenInterrupted ?? scenario.caller.whenInterrupted ?? 'stops';
}

/** Speaking rate for a line with no clip (caption only): about 150 words a minute, as a caller talks. */
const WORDS_PER_SECOND = 2.5;
const MIN_CAPTION_MS = 1200;

/**
 * How long a caption-only line holds the floor, in ms at normal speed: the time it would take to say
 * it. Stage directions in parentheses are not said.
 */
export function speakingMs(text: string): number {
  const words = text
    .replace(/\([^)]*\)/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length;
  return Math.max(MIN_CAPTION_MS, Math.round((words / WORDS_PER_SECOND) * 1000));
}
