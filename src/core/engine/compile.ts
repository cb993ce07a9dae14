import { assign, setup } from 'xstate';
import type { ActionMatch, CallerLine, Condition, Response, Scenario, TimedEvent } from '../format/scenario';
import type { Resource } from '../format/vocabulary';
import { toAction, type LogEntry, type SystemEvent, type TraineeEvent } from './events';

/** How long (ms) the counselor takes to greet the caller and take over after the caller is conferenced in. */
export const HANDOFF_ACCEPT_MS = 6000;

export interface CallContext {
  scenarioId: string;
  /** Call-clock time of the latest event. */
  now: number;
  /** Call-clock time the current state was entered; delayed events are counted from here. */
  enteredAt: number;
  callerState: string;
  asked: string[];
  deescalated: boolean;
  /** Units dispatched and not cancelled. Absent in calls saved before cancelling existed. */
  dispatched?: Resource[];
  /** Set by a recalled transfer: the caller state is re-entered without its lines being said again. */
  resuming?: boolean;
  log: LogEntry[];
}

export interface CallInput {
  scenarioId: string;
}

const MACHINE_ID = 'call';
const LIVE = 'live';
/** The history child of `live`: where a recalled transfer returns. Not a valid caller state id. */
const RESUME = 'resume_';

type ResponseParams = { match: ActionMatch; when: Condition | undefined };
type SayParams = { lines: CallerLine[] };

/** Does a trainee event answer to a response's action? Omitted fields in the match accept any value. */
export function matches(match: ActionMatch, event: TraineeEvent): boolean {
  switch (match.type) {
    case 'ask':
      return event.type === 'trainee.ask' && event.question === match.question;
    case 'deescalate':
      return (
        event.type === 'trainee.deescalate' && (match.phrase === undefined || event.phrase === match.phrase)
      );
    case 'dispatch':
      return (
        event.type === 'trainee.dispatch' &&
        (match.resource === undefined || event.resource === match.resource)
      );
    case 'transfer':
      return event.type === 'trainee.transfer' && (match.to === undefined || event.to === match.to);
  }
}

export function conditionHolds(
  when: Condition | undefined,
  context: Pick<CallContext, 'asked' | 'deescalated'>,
): boolean {
  if (!when) return true;
  if (when.asked && !when.asked.every((q) => context.asked.includes(q))) return false;
  if (when.notAsked && when.notAsked.some((q) => context.asked.includes(q))) return false;
  if (when.deescalated !== undefined && when.deescalated !== context.deescalated) return false;
  return true;
}

const EVENT_OF: Record<ActionMatch['type'], TraineeEvent['type']> = {
  ask: 'trainee.ask',
  deescalate: 'trainee.deescalate',
  dispatch: 'trainee.dispatch',
  transfer: 'trainee.transfer',
};

function append(context: CallContext, entry: DistributiveOmit<LogEntry, 'seq' | 'at' | 'state'>): LogEntry[] {
  return [
    ...context.log,
    { ...entry, seq: context.log.length, at: context.now, state: context.callerState } as LogEntry,
  ];
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A timer the session set for the current state ran out: `timer` is the index of the state's timed
 * event, or 'handoff' for the counselor taking over. `at` is when it was due.
 */
export type TimerEvent = { type: 'timer.expired'; timer: number | 'handoff'; at: number };

export type CallEvent = TraineeEvent | TimerEvent;

const callSetup = setup({
  types: {
    context: {} as CallContext,
    events: {} as CallEvent,
    input: {} as CallInput,
  },
  guards: {
    responseApplies: ({ context, event }, params: ResponseParams) =>
      event.type !== 'timer.expired' && matches(params.match, event) && conditionHolds(params.when, context),
    isTimer: ({ context, event }, params: { timer: number | 'handoff'; when?: Condition | undefined }) =>
      event.type === 'timer.expired' && event.timer === params.timer && conditionHolds(params.when, context),
    isDispatched: ({ context, event }) =>
      event.type === 'trainee.cancel' && (context.dispatched ?? []).includes(event.resource),
  },
  actions: {
    stamp: assign({ now: ({ event }) => event.at }),
    logTrainee: assign({
      log: ({ context, event }) =>
        event.type === 'timer.expired'
          ? context.log
          : append(context, { kind: 'trainee', action: toAction(event) }),
      asked: ({ context, event }) =>
        event.type === 'trainee.ask' && !context.asked.includes(event.question)
          ? [...context.asked, event.question]
          : context.asked,
      deescalated: ({ context, event }) => context.deescalated || event.type === 'trainee.deescalate',
      dispatched: ({ context, event }) => {
        const units = context.dispatched ?? [];
        if (event.type === 'trainee.dispatch' && !units.includes(event.resource)) {
          return [...units, event.resource];
        }
        if (event.type === 'trainee.cancel') return units.filter((r) => r !== event.resource);
        return units;
      },
    }),
    logSystem: assign({
      log: ({ context }, params: { event: SystemEvent }) =>
        append(context, { kind: 'system', event: params.event }),
    }),
    say: assign({
      log: ({ context }, params: SayParams) =>
        params.lines.reduce(
          (log, line) => append({ ...context, log }, { kind: 'caller', line }),
          context.log,
        ),
    }),
    /** A caller state's own lines on entering it; not when the caller comes back from a recalled transfer. */
    sayOnEntry: assign({
      log: ({ context }, params: SayParams) =>
        context.resuming
          ? context.log
          : params.lines.reduce(
              (log, line) => append({ ...context, log }, { kind: 'caller', line }),
              context.log,
            ),
      resuming: false,
    }),
    markResuming: assign({ resuming: true }),
    enterCallerState: assign({
      callerState: (_, params: { state: string }) => params.state,
      enteredAt: ({ context }) => context.now,
    }),
    enterPhase: assign({ enteredAt: ({ context }) => context.now }),
  },
});

const liveTarget = (state: string) => `#${MACHINE_ID}.${LIVE}.${state}`;

function responseTransition(response: Response): object {
  const sayAndLog = [
    { type: 'stamp' },
    { type: 'logTrainee' },
    { type: 'say', params: { lines: response.say } },
  ];
  const guard = { type: 'responseApplies', params: { match: response.on, when: response.when } };
  if (response.on.type === 'transfer') {
    return response.goto
      ? {
          guard,
          target: liveTarget(response.goto),
          actions: [...sayAndLog, { type: 'logSystem', params: { event: 'transfer-refused' } }],
        }
      : { guard, target: `#${MACHINE_ID}.handoff`, actions: sayAndLog };
  }
  return response.goto
    ? { guard, target: liveTarget(response.goto), actions: sayAndLog }
    : { guard, actions: sayAndLog };
}

/** Group responses by the machine event they answer, keeping author order (first match wins). */
function responsesByEvent(responses: Response[]): Record<string, object[]> {
  const on: Record<string, object[]> = {};
  for (const response of responses) {
    (on[EVENT_OF[response.on.type]] ??= []).push(responseTransition(response));
  }
  return on;
}

function timedTransition(timeout: TimedEvent, index: number) {
  return {
    guard: { type: 'isTimer', params: { timer: index, when: timeout.when } },
    ...(timeout.goto ? { target: liveTarget(timeout.goto) } : {}),
    actions: [
      { type: 'stamp' },
      { type: 'logSystem', params: { event: 'timeout' } },
      { type: 'say', params: { lines: timeout.say } },
    ],
  };
}

const LOG_ONLY = { actions: [{ type: 'stamp' }, { type: 'logTrainee' }] } as const;
/** Hanging up from the position: logged, then the call ends. */
const END_CALL = {
  target: `#${MACHINE_ID}.ended`,
  actions: [{ type: 'stamp' }, { type: 'logTrainee' }, { type: 'logSystem', params: { event: 'ended' } }],
} as const;
/** Actions that only add to the record: allowed at any point while the line is open. */
const RECORD_ONLY = {
  'trainee.note': LOG_ONLY,
  'trainee.code': LOG_ONLY,
  'trainee.priority': LOG_ONLY,
  'trainee.brief': LOG_ONLY,
  'trainee.dispatch': LOG_ONLY,
  'trainee.cancel': { guard: 'isDispatched', ...LOG_ONLY },
} as const;

/**
 * Compile a validated scenario into a call machine:
 * ringing → live (one child per caller state) → handoff → handedOff → ended, with
 * disconnected when the caller hangs up. The machine never reads a clock: every event carries its
 * call-clock time, and timers are set by the session (see session.ts) from the state's timed events.
 */
export function compileScenario(scenario: Scenario) {
  // Default responses sit in every caller state, after the state's own: a goto then means the
  // same wherever it is written (a goto to the current state does not re-enter it).
  const defaults = responsesByEvent(scenario.defaultResponses);
  const withDefaults = (own: Record<string, object[]>): Record<string, object[]> => {
    const merged: Record<string, object[]> = { ...own };
    for (const [event, transitions] of Object.entries(defaults)) {
      merged[event] = [...(merged[event] ?? []), ...transitions];
    }
    return merged;
  };
  const callerStates: Record<string, object> = {};
  for (const [id, state] of Object.entries(scenario.states)) {
    callerStates[id] = {
      entry: [
        { type: 'enterCallerState', params: { state: id } },
        { type: 'sayOnEntry', params: { lines: state.lines } },
      ],
      on: {
        ...withDefaults(responsesByEvent(state.responses)),
        'timer.expired': state.timeouts.map(timedTransition),
      },
      ...(state.end === 'hangup'
        ? {
            always: {
              target: `#${MACHINE_ID}.disconnected`,
              actions: [{ type: 'logSystem', params: { event: 'hangup' } }],
            },
          }
        : {}),
    };
  }

  const callback = scenario.callback;

  return callSetup.createMachine({
    id: MACHINE_ID,
    context: ({ input }: { input: CallInput }) => ({
      scenarioId: input.scenarioId,
      now: 0,
      enteredAt: 0,
      callerState: 'ringing',
      asked: [],
      deescalated: false,
      dispatched: [],
      log: [],
    }),
    initial: 'ringing',
    states: {
      ringing: {
        on: { 'trainee.answer': { target: LIVE, actions: [{ type: 'stamp' }, { type: 'logTrainee' }] } },
      },
      [LIVE]: {
        initial: scenario.start,
        states: { ...callerStates, [RESUME]: { type: 'history', history: 'shallow' } },
        on: {
          ...RECORD_ONLY,
          'trainee.ask': LOG_ONLY,
          'trainee.deescalate': LOG_ONLY,
          'trainee.transfer': { target: 'handoff', ...LOG_ONLY },
          'trainee.end': END_CALL,
        },
      },
      handoff: {
        entry: [{ type: 'enterPhase' }, { type: 'logSystem', params: { event: 'handoff-started' } }],
        on: {
          ...RECORD_ONLY,
          // Until the counselor has the caller, the call-taker can take the caller back.
          'trainee.recall': {
            target: `${LIVE}.${RESUME}`,
            actions: [{ type: 'stamp' }, { type: 'logTrainee' }, { type: 'markResuming' }],
          },
          'timer.expired': {
            guard: { type: 'isTimer', params: { timer: 'handoff' } },
            target: 'handedOff',
            actions: [{ type: 'stamp' }, { type: 'logSystem', params: { event: 'handoff-accepted' } }],
          },
          'trainee.end': {
            target: 'ended',
            actions: [
              { type: 'stamp' },
              { type: 'logTrainee' },
              { type: 'logSystem', params: { event: 'handoff-dropped' } },
              { type: 'logSystem', params: { event: 'ended' } },
            ],
          },
        },
      },
      handedOff: {
        on: {
          ...RECORD_ONLY,
          'trainee.end': END_CALL,
        },
      },
      disconnected: {
        on: {
          ...RECORD_ONLY,
          'trainee.callback': callback
            ? {
                target: liveTarget(callback.goto),
                actions: [
                  { type: 'stamp' },
                  { type: 'logTrainee' },
                  { type: 'say', params: { lines: callback.say } },
                ],
              }
            : {
                actions: [
                  { type: 'stamp' },
                  { type: 'logTrainee' },
                  { type: 'logSystem', params: { event: 'callback-no-answer' } },
                ],
              },
          'trainee.end': END_CALL,
        },
      },
      ended: { type: 'final' },
    },
  } as never);
}

export type CallMachine = ReturnType<typeof compileScenario>;
