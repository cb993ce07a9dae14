import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import type { Scenario, ScenarioInput } from '../format/scenario';
import { line, scenario, scenarioInput } from '$tests/support/factories';
import { HANDOFF_ACCEPT_MS } from './compile';
import { NOTE_MAX, type LogEntry, type TraineeAction } from './events';
import { CallSession, type CallClock, type SavedCall } from './session';

// ---------------------------------------------------------------- helpers

const sessions: CallSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.stop();
});

function open(s?: Scenario): { session: CallSession; clock: SimulatedClock };
function open<C extends CallClock>(
  s: Scenario,
  clock: C,
  saved?: SavedCall,
): { session: CallSession; clock: C };
function open(s: Scenario = scenario(), clock: CallClock = new SimulatedClock(), saved?: SavedCall) {
  const session = new CallSession(s, clock, saved);
  sessions.push(session);
  return { session, clock };
}

function withStates(states: ScenarioInput['states'], extra: Partial<ScenarioInput> = {}): Scenario {
  return scenario({ ...extra, states: { ...scenarioInput().states, ...states } });
}

const ask = (question: string): TraineeAction => ({ type: 'ask', question });
const ANSWER: TraineeAction = { type: 'answer' };

const systemAt = (log: readonly LogEntry[], event: string) =>
  log.flatMap((e) => (e.kind === 'system' && e.event === event ? [e.at] : []));
const timeouts = (log: readonly LogEntry[]) => systemAt(log, 'timeout');

/** A SimulatedClock that also reports how many timers are pending. */
function countingClock() {
  const inner = new SimulatedClock();
  const pending = new Set<unknown>();
  const clock: CallClock & { pending: Set<unknown>; increment(ms: number): void } = {
    pending,
    now: () => inner.now(),
    setTimeout: (fn, ms) => {
      const id: number = inner.setTimeout(() => {
        pending.delete(id);
        fn();
      }, ms);
      pending.add(id);
      return id;
    },
    clearTimeout: (id) => {
      pending.delete(id);
      inner.clearTimeout(id as number);
    },
    increment: (ms) => inner.increment(ms),
  };
  return clock;
}

/**
 * A clock whose timeouts never run on their own, as in a background tab that the browser throttles:
 * time passes, timers come due, and nothing fires until someone asks.
 */
function sleepingClock() {
  let now = 0;
  const clock: CallClock & { pass(ms: number): void } = {
    now: () => now,
    setTimeout: () => undefined,
    clearTimeout: () => undefined,
    pass: (ms) => (now += ms),
  };
  return clock;
}

/** Save, go through JSON as a browser store would, and return the parsed copy. */
function roundTrip(saved: SavedCall): SavedCall {
  return JSON.parse(JSON.stringify(saved)) as SavedCall;
}

// ---------------------------------------------------------------- timed events

describe('timed events on the call clock', () => {
  it('fire after exactly N seconds in the state, not a millisecond before', () => {
    const { session, clock } = open();
    session.send(ANSWER);
    clock.increment(29_999);
    expect(session.callerState).toBe('opening');
    expect(timeouts(session.log)).toEqual([]);
    clock.increment(1);
    expect(timeouts(session.log)).toEqual([30_000]);
    expect(session.callerState).toBe('hung-up');
    expect(session.phase).toBe('disconnected');
    // The caller's last words and the hangup carry the time the timer was due.
    expect(session.log.slice(-3).map((e) => [e.kind, e.at])).toEqual([
      ['system', 30_000],
      ['caller', 30_000],
      ['system', 30_000],
    ]);
  });

  it('count from when the state was entered, not from the first ring', () => {
    const { session, clock } = open();
    clock.increment(5_000);
    session.send(ANSWER);
    clock.increment(29_999);
    expect(timeouts(session.log)).toEqual([]);
    clock.increment(1);
    expect(timeouts(session.log)).toEqual([35_000]);
  });

  it('count from entry into a later caller state', () => {
    const s = withStates({
      screened: {
        lines: [line('screened')],
        routing: true,
        timeouts: [{ afterSeconds: 20, say: [line('still-there')] }],
      },
    });
    const { session, clock } = open(s);
    session.send(ANSWER);
    clock.increment(10_000);
    session.send(ask('safety.weapon'));
    expect(session.callerState).toBe('screened');
    clock.increment(19_999);
    expect(timeouts(session.log)).toEqual([]);
    clock.increment(1);
    expect(timeouts(session.log)).toEqual([30_000]);
    // A timed event without goto fires once; the caller stays.
    clock.increment(60_000);
    expect(timeouts(session.log)).toEqual([30_000]);
    expect(session.callerState).toBe('screened');
  });

  it('are cancelled when the caller state changes before they are due', () => {
    const clock = countingClock();
    const { session } = open(scenario(), clock);
    session.send(ANSWER);
    expect(clock.pending.size).toBe(1);
    clock.increment(29_000);
    session.send(ask('safety.weapon'));
    expect(session.callerState).toBe('screened');
    expect(clock.pending.size).toBe(0);
    clock.increment(120_000);
    expect(timeouts(session.log)).toEqual([]);
    expect(session.phase).toBe('live');
    expect(session.callerState).toBe('screened');
  });

  it('are not disturbed by actions that leave the caller where they are', () => {
    const { session, clock } = open();
    session.send(ANSWER);
    clock.increment(10_000);
    session.send({ type: 'note', text: 'brother texting' });
    clock.increment(10_000);
    session.send({ type: 'deescalate', phrase: 'calm.acknowledge' });
    clock.increment(9_999);
    expect(timeouts(session.log)).toEqual([]);
    clock.increment(1);
    expect(timeouts(session.log)).toEqual([30_000]);
  });

  it('chain through states during a long silence, each stamped when it was due', () => {
    const s = withStates({
      opening: {
        lines: [line('open')],
        timeouts: [{ afterSeconds: 30, say: [line('hello-q')], goto: 'waiting' }],
      },
      waiting: {
        lines: [line('waiting')],
        timeouts: [{ afterSeconds: 10, say: [line('gone')], goto: 'hung-up' }],
      },
    });
    const { session, clock } = open(s);
    session.send(ANSWER);
    // Two increments: xstate's SimulatedClock does not run a timer set by the last timer it ran in
    // the same increment (see run-script.test.ts, "a long wait lets a chain of timed events fire").
    clock.increment(35_000);
    clock.increment(65_000);
    expect(timeouts(session.log)).toEqual([30_000, 40_000]);
    expect(systemAt(session.log, 'hangup')).toEqual([40_000]);
    expect(session.phase).toBe('disconnected');
  });

  it('an action after a long silence meets the caller where the timed events left them', () => {
    // The caller gives up in two steps: 30 s after answering, then hangs up 10 s later.
    const s = withStates({
      opening: {
        lines: [line('open')],
        timeouts: [{ afterSeconds: 30, say: [line('hello-q')], goto: 'waiting' }],
      },
      waiting: {
        lines: [line('waiting')],
        timeouts: [{ afterSeconds: 10, say: [line('gone')], goto: 'hung-up' }],
      },
    });
    const { session, clock } = open(s);
    session.send(ANSWER);
    clock.increment(60_000);
    // At 60 s the caller hung up 20 s ago: the question cannot be put to them.
    expect(session.phase).toBe('disconnected');
    expect(session.send(ask('safety.weapon'))).toBe(false);
    const ats = session.log.map((e) => e.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
  });

  it('the earlier of two timed events in a state wins when it moves the caller', () => {
    const s = withStates({
      opening: {
        lines: [line('open')],
        timeouts: [
          { afterSeconds: 40, say: [line('late')], goto: 'hung-up' },
          { afterSeconds: 15, say: [line('early')], goto: 'screened' },
        ],
      },
    });
    const { session, clock } = open(s);
    session.send(ANSWER);
    clock.increment(60_000);
    expect(timeouts(session.log)).toEqual([15_000]);
    expect(session.callerState).toBe('screened');
  });

  it('restart in the callback state from the moment of the callback', () => {
    const s = scenario({ callback: { say: [line('hello-again')], goto: 'opening' } });
    const { session, clock } = open(s);
    session.send(ANSWER);
    clock.increment(30_000);
    expect(session.phase).toBe('disconnected');
    clock.increment(10_000);
    expect(session.send({ type: 'callback' })).toBe(true);
    expect(session.callerState).toBe('opening');
    clock.increment(29_999);
    expect(timeouts(session.log)).toEqual([30_000]);
    clock.increment(1);
    expect(timeouts(session.log)).toEqual([30_000, 70_000]);
  });
});

// ---------------------------------------------------------------- handoff

describe('warm handoff on the call clock', () => {
  it('the counselor accepts HANDOFF_ACCEPT_MS after the transfer, not before', () => {
    const { session, clock } = open();
    session.send(ANSWER);
    clock.increment(10_000);
    session.send({ type: 'transfer', to: 'crisis-line' });
    expect(session.phase).toBe('handoff');
    clock.increment(HANDOFF_ACCEPT_MS - 1);
    expect(session.phase).toBe('handoff');
    expect(systemAt(session.log, 'handoff-accepted')).toEqual([]);
    clock.increment(1);
    expect(session.phase).toBe('handedOff');
    expect(systemAt(session.log, 'handoff-accepted')).toEqual([10_000 + HANDOFF_ACCEPT_MS]);
  });

  it('the caller-state timers stop once the caller is in the handoff', () => {
    const { session, clock } = open();
    session.send(ANSWER);
    clock.increment(25_000);
    session.send({ type: 'transfer', to: 'crisis-line' });
    clock.increment(60_000);
    expect(timeouts(session.log)).toEqual([]);
    expect(session.phase).toBe('handedOff');
  });

  it('leaving before the counselor has the caller drops the handoff, and no acceptance follows', () => {
    const { session, clock } = open();
    session.send(ANSWER);
    session.send({ type: 'transfer', to: 'crisis-line' });
    clock.increment(2_000);
    expect(session.send({ type: 'end' })).toBe(true);
    clock.increment(60_000);
    expect(session.done).toBe(true);
    expect(systemAt(session.log, 'handoff-dropped')).toEqual([2_000]);
    expect(systemAt(session.log, 'handoff-accepted')).toEqual([]);
  });
});

// ---------------------------------------------------------------- sending actions

describe('send', () => {
  it('takes a note up to NOTE_MAX characters and refuses a longer one', () => {
    const { session } = open();
    session.send(ANSWER);
    const longest = 'x'.repeat(NOTE_MAX);
    expect(session.can({ type: 'note', text: `${longest}x` })).toBe(false);
    expect(session.send({ type: 'note', text: `${longest}x` })).toBe(false);
    expect(session.send({ type: 'note', text: longest })).toBe(true);
    expect(session.log.filter((e) => e.kind === 'trainee' && e.action.type === 'note')).toHaveLength(1);
  });

  it('returns false and changes nothing for an action that is impossible now', () => {
    const { session, clock } = open();
    clock.increment(1_000);
    expect(session.can(ask('safety.weapon'))).toBe(false);
    expect(session.send(ask('safety.weapon'))).toBe(false);
    expect(session.send({ type: 'end' })).toBe(false);
    expect(session.log).toEqual([]);
    expect(session.phase).toBe('ringing');

    expect(session.send(ANSWER)).toBe(true);
    const after = [...session.log];
    expect(session.send(ANSWER)).toBe(false);
    expect(session.send({ type: 'callback' })).toBe(false);
    expect(session.log).toEqual(after);
    expect(session.callerState).toBe('opening');

    session.send({ type: 'transfer', to: 'crisis-line' });
    const inHandoff = [...session.log];
    expect(session.send(ask('case.address'))).toBe(false);
    expect(session.send({ type: 'transfer', to: 'crisis-line' })).toBe(false);
    expect(session.log).toEqual(inHandoff);
    expect(session.phase).toBe('handoff');
  });

  it('fires the timers that came due before judging the action', () => {
    const clock = sleepingClock();
    const { session } = open(scenario(), clock);
    session.send(ANSWER);
    clock.pass(31_000);
    // The caller hung up at 30 s while nothing ran: the question comes too late.
    expect(session.send(ask('safety.weapon'))).toBe(false);
    expect(timeouts(session.log)).toEqual([30_000]);
    expect(session.phase).toBe('disconnected');
  });

  it('nothing is accepted after the call ended', () => {
    const { session } = open();
    session.send(ANSWER);
    session.send({ type: 'end' });
    expect(session.done).toBe(true);
    const final = [...session.log];
    for (const action of [
      ANSWER,
      ask('case.address'),
      { type: 'note', text: 'x' } as TraineeAction,
      { type: 'end' } as TraineeAction,
    ]) {
      expect(session.can(action)).toBe(false);
      expect(session.send(action)).toBe(false);
    }
    expect(session.log).toEqual(final);
  });

  it('stamps every entry with the call clock, counted from the first ring', () => {
    const clock = new SimulatedClock();
    clock.set(500_000); // the machine was up long before this call came in
    const { session } = open(scenario(), clock);
    expect(session.elapsed()).toBe(0);
    clock.increment(1_234);
    expect(session.elapsed()).toBe(1_234);
    session.send(ANSWER);
    clock.increment(4_321);
    session.send({ type: 'note', text: 'sister calling' });
    clock.increment(1);
    session.send(ask('safety.weapon'));
    expect(session.log.map((e) => e.at)).toEqual([1_234, 1_234, 5_555, 5_556, 5_556, 5_556]);
    expect(session.elapsed()).toBe(5_556);
  });

  it('exposes phase, caller state and done as the call goes on', () => {
    const { session, clock } = open();
    expect([session.phase, session.callerState, session.done]).toEqual(['ringing', 'ringing', false]);
    session.send(ANSWER);
    expect([session.phase, session.callerState, session.done]).toEqual(['live', 'opening', false]);
    session.send(ask('safety.weapon'));
    session.send(ask('case.address'));
    session.send({ type: 'transfer', to: 'embedded-clinician' });
    expect(session.phase).toBe('handoff');
    clock.increment(HANDOFF_ACCEPT_MS);
    expect(session.phase).toBe('handedOff');
    session.send({ type: 'end' });
    expect([session.phase, session.done]).toEqual(['ended', true]);
  });
});

// ---------------------------------------------------------------- queries

describe('can', () => {
  it('answers from the call as it stands and changes nothing, even with a timer overdue', () => {
    const clock = sleepingClock();
    const { session } = open(scenario(), clock);
    session.send(ANSWER);
    clock.pass(31_000);
    const log = session.log;
    const saved = session.save();

    expect(session.can(ask('safety.weapon'))).toBe(true);
    expect(session.can({ type: 'end' })).toBe(true);
    expect(session.can(ANSWER)).toBe(false);

    expect(session.log).toBe(log);
    expect(session.log).toHaveLength(log.length);
    expect([session.phase, session.callerState]).toEqual(['live', 'opening']);
    expect(session.save()).toEqual(saved);
  });

  it('sees an overdue timer once fireDueTimers has sent it', () => {
    const clock = sleepingClock();
    const { session } = open(scenario(), clock);
    session.send(ANSWER);
    clock.pass(31_000);
    session.fireDueTimers();
    expect(timeouts(session.log)).toEqual([30_000]);
    expect(session.can(ask('safety.weapon'))).toBe(false);
    expect(session.can({ type: 'callback' })).toBe(true);
    // Nothing more is due: a second call sends nothing.
    const log = session.log;
    session.fireDueTimers();
    expect(session.log).toBe(log);
  });
});

// ---------------------------------------------------------------- save and restore

describe('save and restore', () => {
  it('saves the call-clock time', () => {
    const { session, clock } = open();
    clock.increment(7_000);
    session.send(ANSWER);
    clock.increment(3_000);
    expect(session.save()).toMatchObject({ scenarioId: 'test-scenario', at: 10_000 });
  });

  it('resumes in the same phase and caller state with the same log', () => {
    const { session, clock } = open();
    session.send(ANSWER);
    clock.increment(4_000);
    session.send(ask('safety.weapon'));
    clock.increment(2_000);
    session.send({ type: 'note', text: 'alone at home' });
    const saved = roundTrip(session.save());
    session.stop();

    const later = new SimulatedClock();
    later.set(1_000_000);
    const { session: restored } = open(scenario(), later, saved);
    expect(restored.phase).toBe('live');
    expect(restored.callerState).toBe('screened');
    expect(restored.log).toEqual(session.log);
    expect(restored.done).toBe(false);
    expect(restored.elapsed()).toBe(6_000);
    // The call goes on from where it was, on the same call clock.
    later.increment(1_000);
    expect(restored.send(ask('case.address'))).toBe(true);
    const last = restored.log.at(-1)!;
    expect(last).toMatchObject({ seq: session.log.length + 1, at: 7_000 });
    expect(restored.log.slice(-2).map((e) => e.kind)).toEqual(['trainee', 'caller']);
  });

  it('a pending timeout fires after the remaining time, not the full time', () => {
    const { session, clock } = open();
    session.send(ANSWER);
    clock.increment(10_000);
    const saved = roundTrip(session.save());
    session.stop();

    const { session: restored, clock: later } = open(scenario(), new SimulatedClock(), saved);
    later.increment(19_999);
    expect(timeouts(restored.log)).toEqual([]);
    expect(restored.callerState).toBe('opening');
    later.increment(1);
    expect(timeouts(restored.log)).toEqual([30_000]);
    expect(restored.phase).toBe('disconnected');
  });

  it('time away from the call is not counted', () => {
    const { session, clock } = open();
    session.send(ANSWER);
    clock.increment(10_000);
    const saved = roundTrip(session.save());
    // The original keeps running until it is stopped; the copy is unaffected by it.
    clock.increment(60_000);
    expect(session.phase).toBe('disconnected');

    const later = new SimulatedClock();
    later.set(3_600_000);
    const { session: restored } = open(scenario(), later, saved);
    later.increment(19_999);
    expect(restored.phase).toBe('live');
    later.increment(1);
    expect(restored.phase).toBe('disconnected');
  });

  it('a pending handoff completes after the remaining time', () => {
    const { session, clock } = open();
    session.send(ANSWER);
    clock.increment(5_000);
    session.send({ type: 'transfer', to: 'crisis-line' });
    clock.increment(2_000);
    const saved = roundTrip(session.save());
    session.stop();

    const { session: restored, clock: later } = open(scenario(), new SimulatedClock(), saved);
    expect(restored.phase).toBe('handoff');
    later.increment(HANDOFF_ACCEPT_MS - 2_000 - 1);
    expect(restored.phase).toBe('handoff');
    later.increment(1);
    expect(restored.phase).toBe('handedOff');
    expect(systemAt(restored.log, 'handoff-accepted')).toEqual([5_000 + HANDOFF_ACCEPT_MS]);
  });

  it('a call saved while ringing resumes ringing', () => {
    const { session, clock } = open();
    clock.increment(3_000);
    const saved = roundTrip(session.save());
    const { session: restored, clock: later } = open(scenario(), new SimulatedClock(), saved);
    expect(restored.phase).toBe('ringing');
    later.increment(500);
    restored.send(ANSWER);
    expect(restored.log[0]).toMatchObject({ kind: 'trainee', at: 3_500 });
  });

  it('refuses a saved call for another scenario, naming both', () => {
    const { session } = open();
    session.send(ANSWER);
    const saved = roundTrip(session.save());
    const other = scenario({ id: 'other-scenario' });
    expect(() => new CallSession(other, new SimulatedClock(), saved)).toThrow(
      /test-scenario.*other-scenario/,
    );
  });

  it('a restored call that had already ended stays done', () => {
    const { session, clock } = open();
    session.send(ANSWER);
    clock.increment(3_000);
    session.send({ type: 'end' });
    const saved = roundTrip(session.save());

    const { session: restored, clock: later } = open(scenario(), new SimulatedClock(), saved);
    expect(restored.done).toBe(true);
    expect(restored.phase).toBe('ended');
    expect(restored.log).toEqual(session.log);
    expect(restored.send(ANSWER)).toBe(false);
    expect(restored.send({ type: 'note', text: 'late' })).toBe(false);
    later.increment(120_000);
    expect(restored.log).toEqual(session.log);
  });

  it('a restored disconnected call can still call back', () => {
    const s = scenario({ callback: { say: [line('hello-again')], goto: 'screened' } });
    const { session, clock } = open(s);
    session.send(ANSWER);
    clock.increment(35_000);
    expect(session.phase).toBe('disconnected');
    const saved = roundTrip(session.save());
    const { session: restored } = open(s, new SimulatedClock(), saved);
    expect(restored.phase).toBe('disconnected');
    expect(restored.send({ type: 'callback' })).toBe(true);
    expect(restored.callerState).toBe('screened');
  });
});

describe('stop', () => {
  it('cancels pending timers', () => {
    const clock = countingClock();
    const { session } = open(scenario(), clock);
    session.send(ANSWER);
    expect(clock.pending.size).toBe(1);
    session.stop();
    expect(clock.pending.size).toBe(0);
  });
});
