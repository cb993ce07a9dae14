import { describe, expect, it } from 'vitest';
import { createActor, getInitialSnapshot, transition, type EventFromLogic } from 'xstate';
import { getAdjacencyMap, getSimplePaths, type TraversalOptions } from 'xstate/graph';
import type { CallerLine, Scenario, ScenarioInput } from '../format/scenario';
import { line, scenario, scenarioInput } from '$tests/support/factories';
import { compileScenario, HANDOFF_ACCEPT_MS, type CallEvent, type CallInput } from './compile';
import { toEvent, type LogEntry, type SystemEvent, type TraineeAction } from './events';

// ---------------------------------------------------------------- helpers

/** Drive a compiled call machine directly: each action is stamped one second after the last event. */
function call(s: Scenario = scenario()) {
  const actor = createActor(compileScenario(s), { input: { scenarioId: s.id } });
  actor.start();
  let now = 0;
  const c = {
    actor,
    get snapshot() {
      return actor.getSnapshot();
    },
    get log(): LogEntry[] {
      return actor.getSnapshot().context.log;
    },
    get phase(): string {
      const value = actor.getSnapshot().value;
      return typeof value === 'string' ? value : Object.keys(value)[0]!;
    },
    get callerState(): string {
      return actor.getSnapshot().context.callerState;
    },
    /** Send a trainee action at `at` ms (default: one second after the last event). */
    act(action: TraineeAction, at = now + 1000) {
      now = at;
      actor.send(toEvent(action, at));
      return c;
    },
    /** A timer the session would have set ran out at `at`. */
    timer(timer: number | 'handoff', at = now + 1000) {
      now = at;
      actor.send({ type: 'timer.expired', timer, at });
      return c;
    },
    /** Log entries added by `fn`. */
    added(fn: () => void): LogEntry[] {
      const before = actor.getSnapshot().context.log.length;
      fn();
      return actor.getSnapshot().context.log.slice(before);
    },
  };
  return c;
}

const ask = (question: string): TraineeAction => ({ type: 'ask', question });
const ANSWER: TraineeAction = { type: 'answer' };
const END: TraineeAction = { type: 'end' };

/** A compact view of log entries: "trainee:ask", "caller:open", "system:hangup". */
function kinds(entries: readonly LogEntry[]): string[] {
  return entries.map((e) =>
    e.kind === 'trainee'
      ? `trainee:${e.action.type}`
      : e.kind === 'caller'
        ? `caller:${e.line.id}`
        : `system:${e.event}`,
  );
}
const callerIds = (entries: readonly LogEntry[]) =>
  entries.flatMap((e) => (e.kind === 'caller' ? [e.line.id] : []));
const systemEvents = (entries: readonly LogEntry[]) =>
  entries.flatMap((e) => (e.kind === 'system' ? [e.event] : []));

function withStates(states: ScenarioInput['states'], extra: Partial<ScenarioInput> = {}): Scenario {
  return scenario({ ...extra, states: { ...scenarioInput().states, ...states } });
}

function allLines(s: Scenario): CallerLine[] {
  const out: CallerLine[] = [];
  for (const state of Object.values(s.states)) {
    out.push(...state.lines);
    for (const r of state.responses) out.push(...r.say);
    for (const t of state.timeouts) out.push(...t.say);
  }
  for (const r of s.defaultResponses) out.push(...r.say);
  if (s.callback) out.push(...s.callback.say);
  return out;
}

function expectWellFormedLog(log: readonly LogEntry[]) {
  const problems: string[] = [];
  log.forEach((e, i) => {
    if (e.seq !== i) problems.push(`entry ${i} has seq ${e.seq}`);
    if (i > 0 && e.at < log[i - 1]!.at) {
      problems.push(`entry ${i} at ${e.at} is before entry ${i - 1} at ${log[i - 1]!.at}`);
    }
  });
  expect(problems).toEqual([]);
}

// ---------------------------------------------------------------- answering

describe('answering the call', () => {
  it('starts ringing with an empty log', () => {
    const c = call();
    expect(c.phase).toBe('ringing');
    expect(c.log).toEqual([]);
  });

  it('moves ringing → live in the start state and logs the caller opening lines', () => {
    const c = call().act(ANSWER, 2500);
    expect(c.phase).toBe('live');
    expect(c.callerState).toBe('opening');
    expect(kinds(c.log)).toEqual(['trainee:answer', 'caller:open']);
    const [answer, open] = c.log;
    expect(answer).toMatchObject({
      seq: 0,
      at: 2500,
      state: 'ringing',
      kind: 'trainee',
      action: { type: 'answer' },
    });
    expect(open).toMatchObject({
      seq: 1,
      at: 2500,
      state: 'opening',
      kind: 'caller',
      line: { id: 'open', text: 'My brother keeps texting me that he wants to die.' },
    });
  });

  it('logs every opening line, in author order', () => {
    const s = withStates({ opening: { lines: [line('a'), line('b'), line('c')], routing: true } });
    expect(callerIds(call(s).act(ANSWER).log)).toEqual(['a', 'b', 'c']);
  });

  it('does not accept a second answer once live', () => {
    const c = call().act(ANSWER);
    expect(c.snapshot.can(toEvent(ANSWER, 5000))).toBe(false);
  });
});

// ---------------------------------------------------------------- responses

describe('caller responses', () => {
  it('a response with goto moves the caller and logs the response lines, then the new state lines', () => {
    const c = call().act(ANSWER);
    const added = c.added(() => c.act(ask('safety.weapon'), 4000));
    expect(c.phase).toBe('live');
    expect(c.callerState).toBe('screened');
    expect(kinds(added)).toEqual(['trainee:ask', 'caller:no-weapon', 'caller:screened']);
    // The reply is said in the state the question was asked in; the new state's lines in the new state.
    expect(added.map((e) => e.state)).toEqual(['opening', 'opening', 'screened']);
    expect(added.every((e) => e.at === 4000)).toBe(true);
  });

  it('a response without goto keeps the caller where they are', () => {
    const c = call().act(ANSWER);
    const added = c.added(() => c.act({ type: 'deescalate', phrase: 'calm.acknowledge' }));
    expect(c.callerState).toBe('opening');
    expect(kinds(added)).toEqual(['trainee:deescalate', 'caller:calmer']);
  });

  it('a deescalate response with no phrase answers any phrase, once: a second phrase gets no reply, not the same words', () => {
    const c = call().act(ANSWER);
    const replies = ['calm.not-alone', 'calm.acknowledge', 'anything-at-all'].map((phrase) => {
      const added = c.added(() => c.act({ type: 'deescalate', phrase }));
      expect(added[0]).toMatchObject({ kind: 'trainee', action: { type: 'deescalate', phrase } });
      return kinds(added);
    });
    expect(replies).toEqual([
      ['trainee:deescalate', 'caller:calmer'],
      ['trainee:deescalate'],
      ['trainee:deescalate'],
    ]);
  });

  it('a deescalate response with a phrase matches only that phrase', () => {
    const s = withStates({
      opening: {
        lines: [line('open')],
        routing: true,
        responses: [{ on: { type: 'deescalate', phrase: 'calm.acknowledge' }, say: [line('heard')] }],
      },
    });
    const c = call(s).act(ANSWER);
    expect(kinds(c.added(() => c.act({ type: 'deescalate', phrase: 'calm.slow-down' })))).toEqual([
      'trainee:deescalate',
    ]);
    expect(kinds(c.added(() => c.act({ type: 'deescalate', phrase: 'calm.acknowledge' })))).toEqual([
      'trainee:deescalate',
      'caller:heard',
    ]);
  });

  it('dispatch responses match by resource, or any resource when none is given', () => {
    const s = withStates({
      opening: {
        lines: [line('open')],
        routing: true,
        responses: [
          { on: { type: 'dispatch', resource: 'police' }, say: [line('no-police')] },
          { on: { type: 'dispatch' }, say: [line('any-unit')] },
        ],
      },
    });
    const c = call(s).act(ANSWER);
    expect(callerIds(c.added(() => c.act({ type: 'dispatch', resource: 'police' })))).toEqual(['no-police']);
    expect(callerIds(c.added(() => c.act({ type: 'dispatch', resource: 'mobile-crisis' })))).toEqual([
      'any-unit',
    ]);
  });
});

describe('response conditions (when.asked / when.notAsked / when.deescalated)', () => {
  const conditional = withStates({
    opening: {
      lines: [line('open')],
      routing: true,
      responses: [
        {
          on: { type: 'ask', question: 'safety.weapon' },
          when: { asked: ['case.address'] },
          say: [line('weapon-after-address')],
        },
        {
          on: { type: 'ask', question: 'safety.weapon' },
          when: { notAsked: ['case.address'] },
          say: [line('weapon-before-address')],
        },
        {
          on: { type: 'ask', question: 'safety.medical' },
          when: { asked: ['case.address', 'safety.weapon'] },
          say: [line('medical-both')],
        },
        { on: { type: 'ask', question: 'safety.medical' }, say: [line('medical-plain')] },
        { on: { type: 'ask', question: 'safety.medical' }, say: [line('medical-never')] },
        {
          on: { type: 'ask', question: 'clinical.history' },
          when: { deescalated: true },
          say: [line('history-calm')],
        },
        {
          on: { type: 'ask', question: 'clinical.history' },
          when: { deescalated: false },
          say: [line('history-guarded')],
        },
      ],
    },
  });

  it('notAsked applies before the question is asked, asked after', () => {
    const c = call(conditional).act(ANSWER);
    expect(callerIds(c.added(() => c.act(ask('safety.weapon'))))).toEqual(['weapon-before-address']);
    c.act(ask('case.address'));
    expect(callerIds(c.added(() => c.act(ask('safety.weapon'))))).toEqual(['weapon-after-address']);
  });

  it('asked requires every listed question', () => {
    const c = call(conditional).act(ANSWER).act(ask('case.address'));
    expect(callerIds(c.added(() => c.act(ask('safety.medical'))))).toEqual(['medical-plain']);
    c.act(ask('safety.weapon'));
    expect(callerIds(c.added(() => c.act(ask('safety.medical'))))).toEqual(['medical-both']);
  });

  it('the first matching response wins and only one response fires per action', () => {
    const c = call(conditional).act(ANSWER);
    const added = c.added(() => c.act(ask('safety.medical')));
    expect(callerIds(added)).toEqual(['medical-plain']);
    expect(c.log.some((e) => e.kind === 'caller' && e.line.id === 'medical-never')).toBe(false);
  });

  it('deescalated reflects any de-escalation earlier in the call', () => {
    const c = call(conditional).act(ANSWER);
    expect(callerIds(c.added(() => c.act(ask('clinical.history'))))).toEqual(['history-guarded']);
    c.act({ type: 'deescalate', phrase: 'calm.acknowledge' });
    expect(callerIds(c.added(() => c.act(ask('clinical.history'))))).toEqual(['history-calm']);
  });

  it('records each question once in context.asked, in the order first asked', () => {
    const c = call(conditional)
      .act(ANSWER)
      .act(ask('safety.weapon'))
      .act(ask('case.address'))
      .act(ask('safety.weapon'));
    expect(c.snapshot.context.asked).toEqual(['safety.weapon', 'case.address']);
  });
});

describe('precedence: state responses, then defaultResponses, then the generic fallback', () => {
  const layered = withStates(
    {
      opening: {
        lines: [line('open')],
        responses: [
          { on: { type: 'ask', question: 'case.address' }, say: [line('opening-address')] },
          {
            on: { type: 'ask', question: 'safety.weapon' },
            when: { asked: ['case.callback'] },
            say: [line('opening-weapon')],
            goto: 'screened',
          },
        ],
      },
    },
    {
      defaultResponses: [
        { on: { type: 'ask', question: 'case.address' }, say: [line('address')] },
        { on: { type: 'ask', question: 'safety.weapon' }, say: [line('default-weapon')] },
        { on: { type: 'transfer', to: 'crisis-line' }, say: [line('no-988')], goto: 'refused' },
      ],
    },
  );

  it('a state response beats a default response for the same action', () => {
    const c = call(layered).act(ANSWER);
    expect(callerIds(c.added(() => c.act(ask('case.address'))))).toEqual(['opening-address']);
  });

  it('the default response applies in states without one of their own', () => {
    const c = call(layered).act(ANSWER).act(ask('case.callback')).act(ask('safety.weapon'));
    expect(c.callerState).toBe('screened');
    expect(callerIds(c.added(() => c.act(ask('case.address'))))).toEqual(['address']);
  });

  it('the default applies when the state response for the action does not hold', () => {
    const c = call(layered).act(ANSWER);
    expect(callerIds(c.added(() => c.act(ask('safety.weapon'))))).toEqual(['default-weapon']);
    expect(c.callerState).toBe('opening');
  });

  it('a default response beats the generic fallback (transfer refused instead of handoff)', () => {
    const c = call(layered).act(ANSWER);
    const added = c.added(() => c.act({ type: 'transfer', to: 'crisis-line' }));
    expect(kinds(added)).toEqual([
      'trainee:transfer',
      'caller:no-988',
      'system:transfer-refused',
      'caller:refused-line',
    ]);
    expect(c.phase).toBe('live');
    expect(c.callerState).toBe('refused');
  });

  it('the generic fallback logs a question nothing answers and remembers it was asked', () => {
    const c = call(layered).act(ANSWER);
    const added = c.added(() => c.act(ask('clinical.substances')));
    expect(kinds(added)).toEqual(['trainee:ask']);
    expect(c.snapshot.context.asked).toContain('clinical.substances');
    expect(c.callerState).toBe('opening');
  });
});

// ---------------------------------------------------------------- record-only actions

describe('actions nothing reacts to are still logged', () => {
  const recordOnly: TraineeAction[] = [
    { type: 'note', text: 'brother, 34, texting about dying' },
    { type: 'code', callType: 'suicidal-ideation' },
    { type: 'priority', priority: 3 },
    { type: 'brief', to: 'embedded-clinician' },
    { type: 'dispatch', resource: 'mobile-crisis' },
    { type: 'deescalate', phrase: 'calm.acknowledge' },
    { type: 'ask', question: 'clinical.history' },
  ];

  it.each(recordOnly.map((a) => [a.type, a] as const))('%s while live', (_type, action) => {
    const c = call().act(ANSWER).act(ask('safety.weapon'));
    const before = c.snapshot.value;
    const added = c.added(() => c.act(action, 9000));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ kind: 'trainee', action, at: 9000, state: 'screened' });
    expect(c.snapshot.value).toEqual(before);
  });

  const notes: TraineeAction[] = recordOnly.slice(0, 5);

  it('note, code, priority, brief and dispatch are logged during the handoff, after it and after a hangup', () => {
    const inHandoff = call().act(ANSWER).act({ type: 'transfer', to: 'crisis-line' });
    const handedOff = call().act(ANSWER).act({ type: 'transfer', to: 'crisis-line' }).timer('handoff');
    const disconnected = call().act(ANSWER).timer(0);
    for (const [c, phase] of [
      [inHandoff, 'handoff'],
      [handedOff, 'handedOff'],
      [disconnected, 'disconnected'],
    ] as const) {
      expect(c.phase).toBe(phase);
      for (const action of notes) {
        const added = c.added(() => c.act(action));
        expect(added, `${action.type} in ${phase}`).toEqual([
          expect.objectContaining({ kind: 'trainee', action }),
        ]);
        expect(c.phase).toBe(phase);
      }
    }
  });
});

// ---------------------------------------------------------------- transfer and handoff

describe('transfer', () => {
  it('with no matching response goes to the warm handoff', () => {
    const c = call().act(ANSWER).act(ask('safety.weapon'));
    const added = c.added(() => c.act({ type: 'transfer', to: 'crisis-line' }, 20_000));
    expect(c.phase).toBe('handoff');
    expect(kinds(added)).toEqual(['trainee:transfer', 'system:handoff-started']);
    expect(added.every((e) => e.at === 20_000)).toBe(true);
  });

  it('goes to the handoff once the response that blocked it no longer holds', () => {
    const c = call().act(ANSWER).act(ask('safety.weapon')).act(ask('case.address'));
    const added = c.added(() => c.act({ type: 'transfer', to: 'embedded-clinician' }));
    expect(c.phase).toBe('handoff');
    expect(kinds(added)).toEqual(['trainee:transfer', 'system:handoff-started']);
  });

  it('a transfer response without goto lets the handoff go ahead after the caller speaks', () => {
    const s = withStates({
      screened: {
        lines: [line('screened')],
        routing: true,
        responses: [{ on: { type: 'transfer' }, say: [line('okay-thanks')] }],
      },
    });
    const c = call(s).act(ANSWER).act(ask('safety.weapon'));
    const added = c.added(() => c.act({ type: 'transfer', to: 'crisis-line' }));
    expect(c.phase).toBe('handoff');
    expect(kinds(added)).toEqual(['trainee:transfer', 'caller:okay-thanks', 'system:handoff-started']);
  });

  it('a transfer response with goto logs transfer-refused and keeps the caller in the call', () => {
    const c = call().act(ANSWER).act(ask('safety.weapon'));
    const added = c.added(() => c.act({ type: 'transfer', to: 'embedded-clinician' }));
    expect(c.phase).toBe('live');
    expect(c.callerState).toBe('refused');
    expect(kinds(added)).toEqual([
      'trainee:transfer',
      'caller:where',
      'system:transfer-refused',
      'caller:refused-line',
    ]);
    expect(systemEvents(c.log)).not.toContain('handoff-started');
    // The trainee can still talk to the caller and try again.
    expect(c.snapshot.can(toEvent(ask('case.address'), 99_000))).toBe(true);
    c.act({ type: 'transfer', to: 'embedded-clinician' });
    expect(c.phase).toBe('handoff');
  });

  it('the counselor takes the caller on the handoff timer; the call-taker may then leave without a drop', () => {
    const c = call().act(ANSWER).act({ type: 'transfer', to: 'crisis-line' }, 10_000);
    const accepted = c.added(() => c.timer('handoff', 10_000 + HANDOFF_ACCEPT_MS));
    expect(c.phase).toBe('handedOff');
    expect(accepted).toEqual([
      expect.objectContaining({ kind: 'system', event: 'handoff-accepted', at: 10_000 + HANDOFF_ACCEPT_MS }),
    ]);
    const ended = c.added(() => c.act(END));
    expect(kinds(ended)).toEqual(['trainee:end', 'system:ended']);
    expect(c.snapshot.status).toBe('done');
  });

  it('a caller-state timer does not complete the handoff', () => {
    const c = call().act(ANSWER).act({ type: 'transfer', to: 'crisis-line' });
    expect(c.snapshot.can({ type: 'timer.expired', timer: 0, at: 50_000 })).toBe(false);
    expect(c.snapshot.can({ type: 'timer.expired', timer: 'handoff', at: 50_000 })).toBe(true);
  });
});

// ---------------------------------------------------------------- timeouts, hangup, callback

describe('hangup and callback', () => {
  it('a timed event logs timeout and its lines; a hangup state goes to disconnected and logs hangup', () => {
    const c = call().act(ANSWER, 0);
    const added = c.added(() => c.timer(0, 30_000));
    expect(c.phase).toBe('disconnected');
    expect(c.callerState).toBe('hung-up');
    expect(kinds(added)).toEqual(['system:timeout', 'caller:gone', 'system:hangup']);
    expect(added.every((e) => e.at === 30_000)).toBe(true);
  });

  it('a response that goes to a hangup state disconnects the call', () => {
    const s = withStates({
      opening: {
        lines: [line('open')],
        responses: [
          {
            on: { type: 'ask', question: 'case.callback' },
            say: [line('why-do-you-need-that')],
            goto: 'hung-up',
          },
        ],
      },
    });
    const c = call(s).act(ANSWER);
    const added = c.added(() => c.act(ask('case.callback')));
    expect(c.phase).toBe('disconnected');
    expect(kinds(added)).toEqual(['trainee:ask', 'caller:why-do-you-need-that', 'system:hangup']);
  });

  it('a hangup state logs its own lines before disconnecting', () => {
    const s = withStates({ 'hung-up': { end: 'hangup', lines: [line('click')] } });
    const c = call(s).act(ANSWER);
    expect(kinds(c.added(() => c.timer(0)))).toEqual([
      'system:timeout',
      'caller:gone',
      'caller:click',
      'system:hangup',
    ]);
  });

  it('the trainee cannot keep asking a caller who hung up', () => {
    const c = call().act(ANSWER).timer(0);
    expect(c.snapshot.can(toEvent(ask('case.address'), 40_000))).toBe(false);
    expect(c.snapshot.can(toEvent({ type: 'transfer', to: 'crisis-line' }, 40_000))).toBe(false);
  });

  it('callback without scenario.callback logs callback-no-answer and stays disconnected', () => {
    const c = call().act(ANSWER).timer(0);
    const added = c.added(() => c.act({ type: 'callback' }));
    expect(kinds(added)).toEqual(['trainee:callback', 'system:callback-no-answer']);
    expect(c.phase).toBe('disconnected');
    // Trying again is allowed and logged again.
    expect(kinds(c.added(() => c.act({ type: 'callback' })))).toEqual([
      'trainee:callback',
      'system:callback-no-answer',
    ]);
  });

  it('callback with scenario.callback returns the caller to its goto state with its lines', () => {
    const s = scenario({
      callback: { say: [line('hello-again', 'Hello? Sorry, I panicked.')], goto: 'screened' },
    });
    const c = call(s).act(ANSWER).timer(0);
    const added = c.added(() => c.act({ type: 'callback' }, 45_000));
    expect(c.phase).toBe('live');
    expect(c.callerState).toBe('screened');
    expect(kinds(added)).toEqual(['trainee:callback', 'caller:hello-again', 'caller:screened']);
    expect(added.every((e) => e.at === 45_000)).toBe(true);
    expect(c.snapshot.context.enteredAt).toBe(45_000);
  });

  it('a timed event without goto logs timeout and keeps the caller where they are', () => {
    const s = withStates({
      opening: {
        lines: [line('open')],
        timeouts: [{ afterSeconds: 10, say: [line('hello-there')] }],
        routing: true,
      },
    });
    const c = call(s).act(ANSWER);
    expect(kinds(c.added(() => c.timer(0)))).toEqual(['system:timeout', 'caller:hello-there']);
    expect(c.callerState).toBe('opening');
  });

  it('the timer event names its timed event by index', () => {
    const s = withStates({
      opening: {
        lines: [line('open')],
        timeouts: [
          { afterSeconds: 10, say: [line('first')] },
          { afterSeconds: 20, say: [line('second')], goto: 'screened' },
        ],
      },
    });
    const c = call(s).act(ANSWER);
    expect(callerIds(c.added(() => c.timer(1)))).toEqual(['second', 'screened']);
    expect(c.callerState).toBe('screened');
  });
});

// ---------------------------------------------------------------- ending

describe('ending the call', () => {
  const endings: [string, () => ReturnType<typeof call>, SystemEvent[]][] = [
    ['live', () => call().act(ANSWER), ['ended']],
    [
      'handoff',
      () => call().act(ANSWER).act({ type: 'transfer', to: 'crisis-line' }),
      ['handoff-dropped', 'ended'],
    ],
    [
      'handedOff',
      () => call().act(ANSWER).act({ type: 'transfer', to: 'crisis-line' }).timer('handoff'),
      ['ended'],
    ],
    ['disconnected', () => call().act(ANSWER).timer(0), ['ended']],
  ];

  it.each(endings)('trainee.end from %s reaches the final state', (phase, setupCall, events) => {
    const c = setupCall();
    expect(c.phase).toBe(phase);
    const added = c.added(() => c.act(END, 77_000));
    expect(c.snapshot.status).toBe('done');
    expect(c.snapshot.value).toBe('ended');
    expect(added[0]).toMatchObject({ kind: 'trainee', action: { type: 'end' }, at: 77_000 });
    expect(systemEvents(added)).toEqual(events);
    expect(added.every((e) => e.at === 77_000)).toBe(true);
  });

  it('nothing is accepted after the call ended', () => {
    const c = call().act(ANSWER).act(END);
    for (const action of [
      ANSWER,
      END,
      ask('case.address'),
      { type: 'note', text: 'late' } as TraineeAction,
      { type: 'callback' } as TraineeAction,
    ]) {
      expect(c.snapshot.can(toEvent(action, 90_000))).toBe(false);
    }
  });
});

// ---------------------------------------------------------------- the log

describe('the call log', () => {
  it('has seq 0..n-1 and non-decreasing at over a long call', () => {
    const s = scenario({ callback: { say: [line('hello-again')], goto: 'opening' } });
    const c = call(s)
      .act(ANSWER, 1000)
      .act({ type: 'note', text: 'sister calling' }, 2000)
      .act({ type: 'deescalate', phrase: 'calm.acknowledge' }, 5000)
      .timer(0, 31_000)
      .act({ type: 'callback' }, 40_000)
      .act(ask('safety.weapon'), 42_000)
      .act({ type: 'transfer', to: 'embedded-clinician' }, 45_000)
      .act(ask('case.address'), 47_000)
      .act({ type: 'code', callType: 'suicidal-ideation' }, 48_000)
      .act({ type: 'priority', priority: 3 }, 49_000)
      .act({ type: 'brief', to: 'embedded-clinician' }, 50_000)
      .act({ type: 'transfer', to: 'embedded-clinician' }, 52_000)
      .timer('handoff', 52_000 + HANDOFF_ACCEPT_MS)
      .act(END, 60_000);
    expect(c.snapshot.status).toBe('done');
    expect(c.log.length).toBeGreaterThan(20);
    expectWellFormedLog(c.log);
    expect(systemEvents(c.log)).toEqual([
      'timeout',
      'hangup',
      'transfer-refused',
      'handoff-started',
      'handoff-accepted',
      'ended',
    ]);
  });

  it('stamps each entry with the time of the event that caused it', () => {
    const c = call().act(ANSWER, 1234).act(ask('safety.weapon'), 5678);
    expect(c.log.map((e) => e.at)).toEqual([1234, 1234, 5678, 5678, 5678]);
  });
});

// ---------------------------------------------------------------- every path (xstate/graph)

describe('every path through the factory scenario', () => {
  const s = scenario({ callback: { say: [line('hello-again')], goto: 'screened' } });
  const noCallback = scenario();

  /** A finite list of everything a trainee or a timer can do; each event is one second after the last. */
  const ACTIONS: TraineeAction[] = [
    ANSWER,
    ask('safety.weapon'),
    ask('case.address'),
    ask('clinical.history'),
    { type: 'deescalate', phrase: 'calm.acknowledge' },
    { type: 'note', text: 'note' },
    { type: 'code', callType: 'suicidal-ideation' },
    { type: 'priority', priority: 3 },
    { type: 'brief', to: 'embedded-clinician' },
    { type: 'dispatch', resource: 'mobile-crisis' },
    { type: 'transfer', to: 'embedded-clinician' },
    { type: 'transfer', to: 'crisis-line' },
    { type: 'callback' },
    END,
  ];

  for (const [name, sc] of [
    ['with a callback', s],
    ['without a callback', noCallback],
  ] as const) {
    describe(name, () => {
      const machine = compileScenario(sc);
      type Snap = ReturnType<typeof machine.getInitialSnapshot>;
      type Ev = EventFromLogic<typeof machine>;
      const events = (snap: Snap): CallEvent[] => {
        const at = snap.context.now + 1000;
        return [
          ...ACTIONS.map((a) => toEvent(a, at)),
          { type: 'timer.expired', timer: 0, at },
          { type: 'timer.expired', timer: 1, at },
          { type: 'timer.expired', timer: 'handoff', at },
        ];
      };
      // Everything the machine's behaviour depends on; the log and clock are not part of the state.
      const serializeState = (snap: Snap) =>
        JSON.stringify([snap.value, [...snap.context.asked].sort(), snap.context.deescalated, snap.status]);
      const options = {
        input: { scenarioId: sc.id },
        events,
        filterEvents: (snap: Snap, event: Ev) => snap.can(event),
        serializeState,
        serializeEvent: (e: Ev) => JSON.stringify({ ...e, at: undefined }),
      } satisfies TraversalOptions<Snap, Ev, CallInput>;
      const paths = getSimplePaths(machine, options);
      const adjacency = getAdjacencyMap(machine, options);
      const lines = allLines(sc);

      /**
       * The graph keeps one representative snapshot per abstract state, so a path's snapshots may
       * carry another path's log. Replay each path's events from the start to get its own log,
       * each event one second after the previous one.
       */
      const prefixes = new Map<string, Snap>();
      const replay = (path: (typeof paths)[number]): Snap[] => {
        let snap = getInitialSnapshot(machine, { scenarioId: sc.id });
        let key = '';
        const out = [snap];
        for (const step of path.steps.slice(1)) {
          key += `|${options.serializeEvent(step.event)}`;
          const known = prefixes.get(key);
          if (known) snap = known;
          else {
            const event = { ...step.event, at: snap.context.now + 1000 } as CallEvent;
            if (!snap.can(event)) {
              throw new Error(`replay: ${serializeState(snap)} cannot take ${event.type}`);
            }
            [snap] = transition(machine, snap, event);
            prefixes.set(key, snap);
          }
          out.push(snap);
        }
        return out;
      };
      let memo: { path: (typeof paths)[number]; snaps: Snap[] }[] | undefined;
      const replayed = () => (memo ??= paths.map((path) => ({ path, snaps: replay(path) })));

      it('explores a non-trivial number of paths, reaching every phase and caller state', () => {
        expect(paths.length).toBeGreaterThan(20);
        expect(paths[0]!.steps[0]!.event.type).toBe('xstate.init');
        const phases = new Set(
          paths.map((p) =>
            typeof p.state.value === 'string' ? p.state.value : Object.keys(p.state.value)[0],
          ),
        );
        expect([...phases].sort()).toEqual([
          'disconnected',
          'ended',
          'handedOff',
          'handoff',
          'live',
          'ringing',
        ]);
        const callerStates = new Set(paths.map((p) => p.state.context.callerState));
        for (const id of Object.keys(sc.states)) expect(callerStates).toContain(id);
      });

      it('replaying each path reaches the same abstract state the graph reports', () => {
        for (const { path, snaps } of replayed()) {
          expect(serializeState(snaps.at(-1)!)).toBe(serializeState(path.state));
        }
      });

      it('every path keeps an append-only log with contiguous seq and non-decreasing at', () => {
        for (const { snaps } of replayed()) {
          expectWellFormedLog(snaps.at(-1)!.context.log);
          for (let i = 1; i < snaps.length; i++) {
            const prev = snaps[i - 1]!.context.log;
            const next = snaps[i]!.context.log;
            expect(next.length).toBeGreaterThan(prev.length);
            // Entries already logged are kept as they were (same objects, same order).
            if (!prev.every((e, j) => next[j] === e)) expect(next.slice(0, prev.length)).toEqual(prev);
          }
        }
      });

      it('every caller line logged on any path exists in the scenario', () => {
        const known = new Set(lines.map((l) => JSON.stringify(l)));
        const stateIds = new Set(Object.keys(sc.states));
        for (const { snaps } of replayed()) {
          for (const entry of snaps.at(-1)!.context.log) {
            if (entry.kind !== 'caller') continue;
            if (!known.has(JSON.stringify(entry.line))) {
              expect(lines, `line ${entry.line.id}`).toContainEqual(entry.line);
            }
            if (!stateIds.has(entry.state)) expect([...stateIds]).toContain(entry.state);
          }
        }
      });

      it('every trainee action on a path is logged exactly once, as sent', () => {
        for (const { path, snaps } of replayed()) {
          const sent = path.steps.flatMap((st) =>
            st.event.type.startsWith('trainee.') ? [st.event.type.slice('trainee.'.length)] : [],
          );
          const logged = snaps
            .at(-1)!
            .context.log.flatMap((e) => (e.kind === 'trainee' ? [e.action.type] : []));
          expect(logged).toEqual(sent);
        }
      });

      it('never gets stuck: every non-final state enables some event from the list', () => {
        for (const { state } of Object.values(adjacency)) {
          if (state.status === 'done') continue;
          expect(
            events(state).some((e) => state.can(e)),
            serializeState(state),
          ).toBe(true);
        }
      });

      it('the call can be ended from every visited state', () => {
        const canEnd = new Set<string>();
        const entries = Object.entries(adjacency);
        for (const [key, { state }] of entries) if (state.status === 'done') canEnd.add(key);
        let grew = true;
        while (grew) {
          grew = false;
          for (const [key, { transitions }] of entries) {
            if (canEnd.has(key)) continue;
            if (
              (Object.values(transitions) as { state: Snap }[]).some((t) =>
                canEnd.has(serializeState(t.state)),
              )
            ) {
              canEnd.add(key);
              grew = true;
            }
          }
        }
        expect(entries.length).toBeGreaterThan(10);
        const stuck = entries.filter(([key]) => !canEnd.has(key)).map(([key]) => key);
        expect(stuck).toEqual([]);
      });

      it('the final state is "ended" and always logs ended last', () => {
        const finals = paths.filter((p) => p.state.status === 'done');
        expect(finals.length).toBeGreaterThan(0);
        for (const p of finals) {
          expect(p.state.value).toBe('ended');
          const last = p.state.context.log.at(-1);
          expect(last).toMatchObject({ kind: 'system', event: 'ended' });
        }
      });
    });
  }
});
