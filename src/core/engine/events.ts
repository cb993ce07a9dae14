import type { CallerLine } from '../format/scenario';
import type { CallType, Resource } from '../format/vocabulary';

/** Everything a trainee can do on a call. `at` is milliseconds on the call clock, from the first ring. */
/**
 * The longest note a trainee can enter (characters): a CAD narrative line, not a document. Longer
 * text is refused, so one paste cannot make a record that takes seconds to show.
 */
export const NOTE_MAX = 2000;

export type TraineeAction =
  | { type: 'answer' }
  | { type: 'ask'; question: string }
  | { type: 'deescalate'; phrase: string }
  | { type: 'note'; text: string }
  | { type: 'code'; callType: CallType }
  | { type: 'priority'; priority: number }
  /** Warm-transfer step one: tell the counselor about the call before the caller joins. */
  | { type: 'brief'; to: Resource }
  | { type: 'dispatch'; resource: Resource }
  /** Call off a unit sent earlier (a new fact made it wrong, or it was sent by mistake). */
  | { type: 'cancel'; resource: Resource }
  | { type: 'transfer'; to: Resource }
  /** Take the caller back from a transfer the counselor has not yet taken over. */
  | { type: 'recall' }
  | { type: 'callback' }
  /** Hang up / release the line. */
  | { type: 'end' };

type TraineeActionType = TraineeAction['type'];

/** The machine's events: a trainee action, prefixed, with its time on the call clock. */
export type TraineeEvent = {
  [K in TraineeAction as K['type']]: Omit<K, 'type'> & { type: `trainee.${K['type']}`; at: number };
}[TraineeActionType];

export function toEvent(action: TraineeAction, at: number): TraineeEvent {
  return { ...action, type: `trainee.${action.type}`, at } as TraineeEvent;
}

export function toAction(event: TraineeEvent): TraineeAction {
  const { type, at: _at, ...rest } = event;
  return { ...rest, type: type.slice('trainee.'.length) } as TraineeAction;
}

export const SYSTEM_EVENTS = [
  /** The caller stayed too long without the right action. */
  'timeout',
  'hangup',
  'callback-no-answer',
  /** The trainee's transfer was met by a response that kept the caller from going through. */
  'transfer-refused',
  'handoff-started',
  /** The counselor has the caller: the call-taker may now leave the line. */
  'handoff-accepted',
  /** The call-taker left before the counselor had the caller. */
  'handoff-dropped',
  'ended',
] as const;
export type SystemEvent = (typeof SYSTEM_EVENTS)[number];

/** One entry in a call's event log: what scoring and the debrief read. Append-only. */
export type LogEntry = { seq: number; at: number; state: string } & (
  | { kind: 'trainee'; action: TraineeAction }
  /**
   * `unsaid`: the caller never said it because the trainee spoke over them. It is not shown or
   * played; what it reveals still counts as known from then (see scoring/knowledge.ts).
   */
  | { kind: 'caller'; line: CallerLine; unsaid?: true }
  | { kind: 'system'; event: SystemEvent }
);

export type TraineeLogEntry = Extract<LogEntry, { kind: 'trainee' }>;
export type CallerLogEntry = Extract<LogEntry, { kind: 'caller' }>;
