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
  /**
   * Paced calls (the app): a caller line is logged when it starts being heard (`caller.spoken`), not
   * when the caller decides to say it, so captions and what counts as revealed follow the voice.
   * Unpaced (tests, the CLI, path exploration): lines are logged at once. Absent in older saves.
   */
  paced?: boolean;
  /** Paced calls: what the caller has still to say, in order. */
  speech?: PendingLine[];
  /** Replies to "any de-escalation" already given: each is said once, never to a second phrase. */
  saidOnce?: string[];
  log: LogEntry[];
}

/** A line the caller is going to say, with the caller state it was said in. */
export interface PendingLine {
  line: CallerLine;
  state: string;
}

export interface CallInput {
  scenarioId: string;
  paced?: boolean;
}

const MACHINE_ID = 'call';
const LIVE = 'live';
/** The history child of `live`: where a recalled transfer returns. Not a valid caller state id. */
const RESUME = 'resume_';

type ResponseParams = { match: ActionMatch; when: Condition | undefined };
type SayParams = { lines: CallerLine[]; once?: string };

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

function append(
  context: CallContext,
  entry: DistributiveOmit<LogEntry, 'seq' | 'at' | 'state'>,
  state = context.callerState,
): LogEntry[] {
  return [...context.log, { ...entry, seq: context.log.length, at: context.now, state } as LogEntry];
}

/** The caller says these lines: logged now (unpaced), or queued to be logged as each is heard. */
function say(context: CallContext, lines: readonly CallerLine[]): Pick<CallContext, 'log' | 'speech'> {
  if (context.paced) {
    const queued = lines.map((line) => ({ line, state: context.callerState }));
    return { log: context.log, speech: [...(context.speech ?? []), ...queued] };
  }
  return {
    log: lines.reduce((log, line) => append({ ...context, log }, { kind: 'caller', line }), context.log),
    speech: context.speech ?? [],
  };
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A timer the session set for the current state ran out: `timer` is the index of the state's timed
 * event, or 'handoff' for the counselor taking over. `at` is when it was due.
 */
export type TimerEvent = { type: 'timer.expired'; timer: number | 'handoff'; at: number };

/**
 * Paced calls: the first line the caller has still to say starts being heard (`spoken`), or the
 * trainee spoke over the caller, who stops (`cut`): what they had still to say is logged as unsaid,
 * so it still counts as known (talking over an answer does not make it unknown) but is never heard.
 */
export type SpeechEvent = { type: 'caller.spoken'; at: number } | { type: 'caller.cut'; at: number };

export type CallEvent = TraineeEvent | TimerEvent | SpeechEvent;

const isTrainee = (event: CallEvent): event is TraineeEvent => event.type.startsWith('trainee.');

const callSetup = setup({
  types: {
    context: {} as CallContext,
    events: {} as CallEvent,
    input: {} as CallInput,
  },
  guards: {
    responseApplies: ({ context, event }, params: ResponseParams) =>
      isTrainee(event) && matches(params.match, event) && conditionHolds(params.when, context),
    hasSpeech: ({ context }) => (context.speech ?? []).length > 0,
    isTimer: ({ context, event }, params: { timer: number | 'handoff'; when?: Condition | undefined }) =>
      event.type === 'timer.expired' && event.timer === params.timer && conditionHolds(params.when, context),
    isDispatched: ({ context, event }) =>
      event.type === 'trainee.cancel' && (context.dispatched ?? []).includes(event.resource),
  },
  actions: {
    stamp: assign({ now: ({ event }) => event.at }),
    logTrainee: assign({
      log: ({ context, event }) =>
        isTrainee(event) ? append(context, { kind: 'trainee', action: toAction(event) }) : context.log,
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
    say: assign(({ context }, params: SayParams) => {
      if (params.once === undefined) return say(context, params.lines);
      const saidOnce = context.saidOnce ?? [];
      if (saidOnce.includes(params.once)) return {};
      return { ...say(context, params.lines), saidOnce: [...saidOnce, params.once] };
    }),
    /** A caller state's own lines on entering it; not when the caller comes back from a recalled transfer. */
    sayOnEntry: assign(({ context }, params: SayParams) => ({
      ...(context.resuming ? {} : say(context, params.lines)),
      resuming: false,
    })),
    /** The first line still to say starts being heard: it is logged now, under the state it was said in. */
    speakNext: assign(({ context }) => {
      const [next, ...rest] = context.speech ?? [];
      if (!next) return {};
      return { log: append(context, { kind: 'caller', line: next.line }, next.state), speech: rest };
    }),
    /** The trainee spoke over the caller: the rest is logged unsaid, and the caller says none of it. */
    cutSpeech: assign(({ context }) => ({
      log: (context.speech ?? []).reduce(
        (log, next) =>
          append({ ...context, log }, { kind: 'caller', line: next.line, unsaid: true }, next.state),
        context.log,
      ),
      speech: [],
    })),
    markResuming: assign({ resuming: true }),
    enterCallerState: assign({
      callerState: (_, params: { state: string }) => params.state,
      enteredAt: ({ context }) => context.now,
    }),
    enterPhase: assign({ enteredAt: ({ context }) => context.now }),
  },
});

const liveTarget = (state: string) => `#${MACHINE_ID}.${LIVE}.${state}`;

/**
 * A reply to "any de-escalation" (no phrase named) is said once: a second phrase gets no reply
 * rather than the same words again. `key` names the response for that.
 */
function responseTransition(response: Response, key: string): object {
  const once = response.on.type === 'deescalate' && response.on.phrase === undefined ? key : undefined;
  const sayAndLog = [
    { type: 'stamp' },
    { type: 'logTrainee' },
    { type: 'say', params: { lines: response.say, ...(once ? { once } : {}) } },
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
function responsesByEvent(responses: Response[], where: string): Record<string, object[]> {
  const on: Record<string, object[]> = {};
  responses.forEach((response, index) => {
    (on[EVENT_OF[response.on.type]] ??= []).push(responseTransition(response, `${where}#${index}`));
  });
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
  const defaults = responsesByEvent(scenario.defaultResponses, 'defaultResponses');
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
        ...withDefaults(responsesByEvent(state.responses, `states.${id}`)),
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
      paced: input.paced ?? false,
      speech: [],
      saidOnce: [],
      log: [],
    }),
    initial: 'ringing',
    on: {
      'caller.spoken': { guard: 'hasSpeech', actions: [{ type: 'stamp' }, { type: 'speakNext' }] },
      'caller.cut': { guard: 'hasSpeech', actions: [{ type: 'stamp' }, { type: 'cutSpeech' }] },
    },
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
