import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scenarioFiles, SCENARIO_DIR } from '$cli/fs-library';
import { describe, expect, it } from 'vitest';
import {
  getInitialSnapshot,
  SimulatedClock,
  transition,
  type EventFromLogic,
  type SnapshotFrom,
} from 'xstate';
import { getAdjacencyMap, getShortestPaths, type TraversalOptions } from 'xstate/graph';
import { compileScenario, type CallEvent, type CallInput } from '../engine/compile';
import type { TraineeAction } from '../engine/events';
import { CallSession } from '../engine/session';
import type { CenterProfile } from '../format/profile';
import type { ActionMatch, Scenario } from '../format/scenario';
import { isTransferResource, type Resource } from '../format/vocabulary';
import { expectedRouting } from '../profiles/expected-routing';
import { deadEndScenario, line, scenario, withStates } from '$tests/support/factories';
import { bundledProfiles, bundledQuestions, profile } from '$tests/support/profiles';
import { validateScenario } from '../validate/validate-scenario';
import { explorePaths, type Exploration } from './explore';

/**
 * The explorer works on an abstract graph of its own (caller state × guard questions asked ×
 * de-escalated × routed) with the engine's `matches`/`conditionHolds`. Here the same trainee is put
 * in front of the compiled XState machine with xstate/graph, and the two graphs are compared.
 *
 * The trainee model is the explorer's: in a caller state the trainee takes the actions the state's
 * responses and the default responses answer, asks any question a condition looks at and
 * de-escalates if a condition looks at that (the call screen offers every question and phrase at
 * any time), lets any of the state's timers run out, routes (the centre's expected options) where
 * the state is a routing point and the call is not routed yet, and ends the call once it is routed.
 * After a hang-up the trainee may call back, route (if not yet) or end. After a transfer the
 * trainee may end the call or let the counselor take it over. Abandoning an unrouted call, and
 * routing before a routing point, are left out on both sides.
 *
 * xstate/graph drives the machine with `transition` (no actor), about 30 µs a transition here, and
 * the abstract graphs are small (tens to a few hundred states), so the library scenarios are
 * compared too. Replaying every explored path on the machine is done only where there are few.
 */

type Machine = ReturnType<typeof compileScenario>;
type Snap = SnapshotFrom<Machine>;
/** The machine's events as xstate types them (CallEvent and xstate's own). */
type Ev = EventFromLogic<Machine>;

const profiles = [...bundledProfiles().values()];

const phaseOf = (snap: Snap): string =>
  typeof snap.value === 'string' ? snap.value : Object.keys(snap.value)[0]!;

/** The trainee has routed: dispatched, or transferred without the caller refusing. */
function routedIn(snap: Snap): boolean {
  const log = snap.context.log;
  return log.some((entry, i) => {
    if (entry.kind !== 'trainee') return false;
    if (entry.action.type === 'dispatch') return true;
    if (entry.action.type !== 'transfer') return false;
    const outcome = log.slice(i + 1).find((e) => e.kind !== 'caller');
    return !(outcome?.kind === 'system' && outcome.event === 'transfer-refused');
  });
}

/** The trainee and the state abstraction of the explorer, on the compiled machine. */
function machineModel(s: Scenario, centre: CenterProfile) {
  const machine = compileScenario(s);
  const expected = expectedRouting(s, centre);
  const routeOptions = [expected.best, ...expected.acceptable].map((o) => o.resources);
  const fallback: Resource = routeOptions[0]?.[0] ?? 'police';
  const conditions = [
    ...Object.values(s.states).flatMap((st) => [...st.responses, ...st.timeouts]),
    ...s.defaultResponses,
  ].map((r) => r.when);
  const guardQuestions = new Set(conditions.flatMap((w) => [...(w?.asked ?? []), ...(w?.notAsked ?? [])]));
  const guardsDeescalation = conditions.some((w) => w?.deescalated !== undefined);

  const at = 0; // the machine never reads time; the log and clock are not part of the abstract state
  const eventFor = (m: ActionMatch): CallEvent => {
    switch (m.type) {
      case 'ask':
        return { type: 'trainee.ask', question: m.question, at };
      case 'deescalate':
        return { type: 'trainee.deescalate', phrase: m.phrase ?? 'calm.acknowledge', at };
      case 'dispatch':
        return { type: 'trainee.dispatch', resource: m.resource ?? fallback, at };
      case 'transfer':
        return { type: 'trainee.transfer', to: m.to ?? 'embedded-clinician', at };
    }
  };
  const routeEvents: CallEvent[] = routeOptions.map((option) => {
    const to = option.find(isTransferResource);
    return to
      ? { type: 'trainee.transfer', to, at }
      : { type: 'trainee.dispatch', resource: option[0] ?? fallback, at };
  });
  const end: CallEvent = { type: 'trainee.end', at };

  const events = (snap: Snap): CallEvent[] => {
    const routed = routedIn(snap);
    switch (phaseOf(snap)) {
      case 'ringing':
        return [{ type: 'trainee.answer', at }];
      case 'live': {
        const state = s.states[snap.context.callerState]!;
        return [
          ...[...state.responses, ...s.defaultResponses].map((r) => eventFor(r.on)),
          // The trainee can ask any question and de-escalate at any time: those a condition looks at matter.
          ...[...guardQuestions].map((question): CallEvent => ({ type: 'trainee.ask', question, at })),
          ...(guardsDeescalation
            ? [{ type: 'trainee.deescalate', phrase: 'calm.acknowledge', at } as const]
            : []),
          ...state.timeouts.map((_, timer): CallEvent => ({ type: 'timer.expired', timer, at })),
          ...(state.routing && !routed ? routeEvents : []),
          ...(routed ? [end] : []),
        ];
      }
      case 'disconnected':
        return [{ type: 'trainee.callback', at }, ...(routed ? [] : routeEvents), end];
      case 'handoff':
        return [end, { type: 'timer.expired', timer: 'handoff', at }];
      case 'handedOff':
        return [end];
      default:
        return [];
    }
  };

  /**
   * The abstract state: phase and caller state (the explorer keeps the caller in every node, even
   * after the call ended), the guard questions asked, de-escalation if a guard looks at it, routed.
   */
  const key = (snap: Snap, phase = phaseOf(snap)): string =>
    JSON.stringify([
      phase,
      snap.context.callerState,
      snap.context.asked.filter((q) => guardQuestions.has(q)).sort(),
      guardsDeescalation && snap.context.deescalated,
      routedIn(snap),
    ]);
  /**
   * The explorer stops at an accepted transfer: it has no handoff or handedOff node, the transfer
   * leads straight to an ended node. The machine goes through handoff (and handedOff) first, and
   * `end` from there reaches the ended state with the same caller, questions and routing. So a
   * machine state maps to the explorer's node by renaming those two phases 'ended'.
   */
  const explorerKey = (snap: Snap): string => {
    const phase = phaseOf(snap);
    return key(snap, phase === 'handoff' || phase === 'handedOff' ? 'ended' : phase);
  };

  const options = {
    input: { scenarioId: s.id },
    events,
    serializeState: (snap: Snap) => key(snap),
    serializeEvent: (e: Ev) => JSON.stringify(e),
  } satisfies TraversalOptions<Snap, Ev, CallInput>;

  return { machine, options, key, explorerKey, phaseOf };
}

/** A machine event written as the explorer writes steps: `ask(case.address)`, `timer(0)`, `answer`. */
function labelOf(event: { type: string }): string {
  const { type, at: _at, ...rest } = event as CallEvent;
  const detail = Object.values(rest).join(' ');
  return `${type.replace(/^trainee\.|\.expired$/g, '')}${detail === '' ? '' : `(${detail})`}`;
}

/** Turn an explored step back into the event it stands for. */
function eventOfStep(step: string): CallEvent {
  const m = /^([a-z]+)(?:\((.+)\))?$/.exec(step);
  if (!m) throw new Error(`unreadable step "${step}"`);
  const [, kind, arg] = m;
  const at = 0;
  switch (kind) {
    case 'ask':
      return { type: 'trainee.ask', question: arg!, at };
    case 'deescalate':
      return { type: 'trainee.deescalate', phrase: arg!, at };
    case 'dispatch':
      return { type: 'trainee.dispatch', resource: arg as Resource, at };
    case 'transfer':
      return { type: 'trainee.transfer', to: arg as Resource, at };
    case 'timer':
      return { type: 'timer.expired', timer: Number(arg), at };
    case 'callback':
      return { type: 'trainee.callback', at };
    case 'end':
      return { type: 'trainee.end', at };
    default:
      throw new Error(`unknown step "${step}"`);
  }
}

interface Comparison {
  exploration: Exploration;
  /** Machine abstract states (reachable from ringing) and whether each can still reach the final state. */
  machineStates: Map<string, { snap: Snap; canEnd: boolean; witness: string[] }>;
  /** Explored paths replayed on the machine: the machine state after answering and after each step (if asked for). */
  replays: { steps: string[]; outcome: string; snaps: Snap[]; rejected?: { step: string; in: string } }[];
}

/** `replay`: replay the explored paths on the machine; 'small': only if there are at most 1,000 of them. */
function compare(
  s: Scenario,
  centre: CenterProfile,
  { replay = true as boolean | 'small' } = {},
): Comparison & ReturnType<typeof machineModel> {
  const model = machineModel(s, centre);
  const { machine, options, key } = model;
  const exploration = explorePaths(s, centre);

  // The machine's abstract graph, which states can still reach the final state, and for each state
  // the shortest events that reach it (to name it in a failure).
  const adjacency = getAdjacencyMap(machine, options);
  const edges = new Map(
    Object.entries(adjacency).map(([k, v]) => [
      k,
      (Object.values(v.transitions) as { event: Ev; state: Snap }[]).map((t) => ({
        event: t.event,
        to: key(t.state),
      })),
    ]),
  );
  const preds = new Map<string, string[]>();
  for (const [k, out] of edges) for (const e of out) preds.set(e.to, [...(preds.get(e.to) ?? []), k]);
  const canEnd = new Set(
    Object.entries(adjacency)
      .filter(([, v]) => v.state.status === 'done')
      .map(([k]) => k),
  );
  for (const work = [...canEnd]; work.length > 0;) {
    for (const p of preds.get(work.pop()!) ?? []) {
      if (!canEnd.has(p)) {
        canEnd.add(p);
        work.push(p);
      }
    }
  }
  const start = key(getInitialSnapshot(machine, { scenarioId: s.id }));
  const witness = new Map<string, string[]>([[start, []]]);
  for (const queue = [start]; queue.length > 0;) {
    const k = queue.shift()!;
    for (const e of edges.get(k) ?? []) {
      if (!witness.has(e.to)) {
        witness.set(e.to, [...witness.get(k)!, labelOf(e.event)]);
        queue.push(e.to);
      }
    }
  }
  const machineStates = new Map(
    [...witness].map(([k, w]) => [
      k,
      { snap: adjacency[k as keyof typeof adjacency]!.state, canEnd: canEnd.has(k), witness: w },
    ]),
  );

  const memo = new Map<string, Snap>();
  const initial = getInitialSnapshot(machine, { scenarioId: s.id });
  const step = (prefix: string, snap: Snap, event: CallEvent): Snap => {
    const k = `${prefix}|${JSON.stringify(event)}`;
    let next = memo.get(k);
    if (!next) {
      [next] = transition(machine, snap, event);
      memo.set(k, next);
    }
    return next;
  };
  const replayed =
    replay === true || (replay === 'small' && !exploration.capped && exploration.paths.length <= 1000);
  const replays = (replayed ? exploration.paths : []).map((path) => {
    let prefix = '';
    let snap = step(prefix, initial, { type: 'trainee.answer', at: 0 });
    const snaps = [snap];
    for (const label of path.steps) {
      prefix += `|${label}`;
      const event = eventOfStep(label);
      if (!snap.can(event)) {
        return { steps: path.steps, outcome: path.outcome, snaps, rejected: { step: label, in: key(snap) } };
      }
      snap = step(prefix, snap, event);
      snaps.push(snap);
    }
    return { steps: path.steps, outcome: path.outcome, snaps };
  });
  return { ...model, exploration, machineStates, replays };
}

/**
 * Abstract states one side has and the other lacks, in the explorer's terms (handoff and handedOff
 * folded into ended); machine-only states come with the shortest events that reach them.
 */
function stateDiff(r: ReturnType<typeof compare>) {
  const machine = [...r.machineStates.values()].filter((m) => r.phaseOf(m.snap) !== 'ringing');
  const machineNodes = new Set(machine.map((m) => r.explorerKey(m.snap)));
  const explorerNodes = new Set(r.replays.flatMap((p) => p.snaps.map((snap) => r.explorerKey(snap))));
  return {
    explorerOnly: [...explorerNodes].filter((k) => !machineNodes.has(k)),
    machineOnly: [...machineNodes]
      .filter((k) => !explorerNodes.has(k))
      .map((k) => `${k} via ${machine.find((m) => r.explorerKey(m.snap) === k)!.witness.join(' ')}`),
    rejectedSteps: [
      ...new Set(r.replays.flatMap((p) => (p.rejected ? [`${p.rejected.step} in ${p.rejected.in}`] : []))),
    ],
  };
}

// ---------------------------------------------------------------- the scenarios compared

/** The factory scenario with cycles: a callback after the hang-up, a state that leads back, a `when: {asked}` and a de-escalation guard. */
const variant = withStates(
  {
    opening: {
      lines: [line('open')],
      responses: [
        { on: { type: 'ask', question: 'safety.weapon' }, say: [line('no-weapon')], goto: 'screened' },
        { on: { type: 'deescalate' }, say: [line('calmer')] },
        { on: { type: 'ask', question: 'clinical.behaviour' }, say: [line('let-me-look')], goto: 'checking' },
      ],
      timeouts: [{ afterSeconds: 30, when: { deescalated: false }, say: [line('gone')], goto: 'hung-up' }],
    },
    // Back to the opening either way, so paths through here loop; its own answer to the address
    // question takes precedence over the default one.
    checking: {
      lines: [line('checking-line')],
      responses: [
        { on: { type: 'ask', question: 'case.address' }, say: [line('address-then-back')], goto: 'opening' },
      ],
      timeouts: [{ afterSeconds: 20, say: [line('back')], goto: 'opening' }],
    },
    refused: {
      lines: [line('refused-line')],
      routing: true,
      responses: [
        {
          on: { type: 'ask', question: 'clinical.history' },
          when: { asked: ['case.address', 'safety.weapon'] },
          say: [line('history')],
          goto: 'screened',
        },
      ],
    },
  },
  { callback: { say: [line('hello-again')], goto: 'opening' } },
);

const SCENARIOS: [string, Scenario][] = [
  ['the factory scenario', scenario()],
  ['the factory scenario with a callback and guarded responses', variant],
];

describe.each(SCENARIOS)('%s, explorer against xstate/graph on the compiled machine', (_name, s) => {
  const results = new Map(profiles.map((p) => [p.id, compare(s, p)]));

  it('is explored completely at every profile, with loops where the variant has them', () => {
    for (const [id, r] of results) {
      expect(r.exploration.capped, id).toBe(false);
      expect(r.exploration.pathCount, id).toBe(r.exploration.paths.length);
    }
    if (s === variant) {
      expect([...results.values()].some((r) => r.exploration.paths.some((p) => p.outcome === 'loop'))).toBe(
        true,
      );
    }
  });

  it('sees the machine graph xstate/graph sees: getShortestPaths reaches the same states, as far', () => {
    for (const [id, r] of results) {
      const shortest = getShortestPaths(r.machine, r.options);
      const events = (p: (typeof shortest)[number]) =>
        p.steps.filter((st) => (st.event.type as string) !== 'xstate.init').length;
      expect(new Map(shortest.map((p) => [r.key(p.state), events(p)])), id).toEqual(
        new Map([...r.machineStates].map(([k, m]) => [k, m.witness.length])),
      );
    }
  });

  it('reaches the same caller states as the machine', () => {
    for (const [id, r] of results) {
      const machine = new Set(
        [...r.machineStates.values()].map((m) => m.snap.context.callerState).filter((c) => c !== 'ringing'),
      );
      const explored = new Set(r.exploration.paths.flatMap((p) => p.states));
      expect([...explored].sort(), id).toEqual([...machine].sort());
    }
  });

  it('takes only steps the machine accepts', () => {
    const rejected = Object.fromEntries([...results].map(([id, r]) => [id, stateDiff(r).rejectedSteps]));
    expect(rejected).toEqual(Object.fromEntries(profiles.map((p) => [p.id, []])));
  });

  it('has the abstract states the machine has (handoff and handedOff folded into ended)', () => {
    for (const [id, r] of results) {
      const phases = (phase: string) =>
        [...r.machineStates.values()].filter((m) => r.phaseOf(m.snap) === phase).length;
      // Each handoff / handedOff state maps onto an ended state the machine also reaches (by `end`).
      const ended = new Set(
        [...r.machineStates.values()].filter((m) => r.phaseOf(m.snap) === 'ended').map((m) => r.key(m.snap)),
      );
      for (const m of r.machineStates.values()) {
        if (['handoff', 'handedOff'].includes(r.phaseOf(m.snap))) {
          expect(ended, `${id}: ${r.key(m.snap)}`).toContain(r.explorerKey(m.snap));
        }
      }

      // States the explorer reaches only by a step the machine refuses are left out here (see above).
      const { explorerOnly, machineOnly } = stateDiff(r);
      expect({ explorerOnly, machineOnly }, id).toEqual({ explorerOnly: [], machineOnly: [] });
      // The counts: the explorer has one node per machine state but ringing, handoff and handedOff.
      const machineNodes = new Set(
        [...r.machineStates.values()]
          .filter((m) => r.phaseOf(m.snap) !== 'ringing')
          .map((m) => r.explorerKey(m.snap)),
      );
      expect(r.exploration.stateCount, id).toBe(machineNodes.size);
      expect(r.machineStates.size, id).toBe(
        r.exploration.stateCount + 1 + phases('handoff') + phases('handedOff'),
      );
    }
  });

  it('agrees with the machine on which states can still end the call', () => {
    for (const [id, r] of results) {
      const canEnd = (snap: Snap) => r.machineStates.get(r.key(snap))?.canEnd;
      for (const p of r.replays) {
        if (p.rejected) continue; // reported by the test above
        const where = `${id}: ${p.steps.join(' ')}`;
        const last = p.snaps.at(-1)!;
        if (p.outcome === 'dead-end') expect(canEnd(last), where).toBe(false);
        else for (const snap of p.snaps) expect(canEnd(snap), where).toBe(true);
        // An ended path leaves the machine finished, or in the handoff that only ends; no other path does.
        expect(['ended', 'handoff'].includes(r.phaseOf(last)), where).toBe(p.outcome === 'ended');
      }
      // Every machine state that can no longer end lies on an explored dead end.
      const onDeadEnds = new Set(
        r.replays.filter((p) => p.outcome === 'dead-end').flatMap((p) => p.snaps.map((snap) => r.key(snap))),
      );
      for (const [k, m] of r.machineStates) {
        if (!m.canEnd) expect(onDeadEnds, `${id}: ${k} via ${m.witness.join(' ')}`).toContain(k);
      }
      expect(r.exploration.deadEnds.length > 0, id).toBe(
        [...r.machineStates.values()].some((m) => !m.canEnd),
      );
    }
  });
});

describe('a scenario with a dead end, explorer against the machine', () => {
  const deadEnd = deadEndScenario();

  it('finds exactly the machine states that cannot end', () => {
    const r = compare(deadEnd, profile('dispatcher-routing'));
    const stuck = [...r.machineStates].filter(([, m]) => !m.canEnd).map(([k]) => k);
    expect(stuck.length).toBeGreaterThan(0);
    for (const k of stuck) expect(JSON.parse(k)[1]).toBe('stuck');
    const deadEndKeys = new Set(
      r.replays.filter((p) => p.outcome === 'dead-end').map((p) => r.key(p.snaps.at(-1)!)),
    );
    expect([...deadEndKeys].every((k) => stuck.includes(k))).toBe(true);
    expect(r.exploration.stateCount).toBe(
      new Set(
        [...r.machineStates.values()]
          .filter((m) => r.phaseOf(m.snap) !== 'ringing')
          .map((m) => r.explorerKey(m.snap)),
      ).size,
    );
  });
});

// ---------------------------------------------------------------- disagreements (minimal reproductions)

/** Play actions on a real session with a simulated clock. */
function play(s: Scenario, actions: (TraineeAction | { type: 'wait'; seconds: number })[]) {
  const clock = new SimulatedClock();
  const session = new CallSession(s, clock);
  const accepted = actions.map((a) => {
    if (a.type === 'wait') {
      clock.increment(a.seconds * 1000);
      return true;
    }
    return session.send(a);
  });
  return { session, accepted };
}

describe('disagreements with the machine', () => {
  it('the explorer does not transfer a caller who has hung up (the machine refuses trainee.transfer when disconnected)', () => {
    // Factory scenario, crisis-line-transfer: the only route is a transfer to the crisis line.
    const s = scenario();
    const { session, accepted } = play(s, [
      { type: 'answer' },
      { type: 'wait', seconds: 31 },
      { type: 'transfer', to: 'crisis-line' },
    ]);
    expect(session.phase).toBe('disconnected');
    expect(accepted).toEqual([true, true, false]);

    const explored = explorePaths(s, profile('crisis-line-transfer')).paths.map((p) => p.steps.join(' '));
    expect(explored).not.toContain('timer(0) transfer(crisis-line) end');
  });

  it('a guard question asked where no response is written for it still counts (the trainee can ask any question)', () => {
    // Opening moves on only once the trainee has asked who is involved; no state answers that question.
    const s = withStates({
      opening: {
        lines: [line('open')],
        responses: [
          {
            on: { type: 'ask', question: 'safety.weapon' },
            when: { asked: ['case.who-involved'] },
            say: [line('no-weapon')],
            goto: 'screened',
          },
        ],
      },
    });
    const { session, accepted } = play(s, [
      { type: 'answer' },
      { type: 'ask', question: 'case.who-involved' },
      { type: 'ask', question: 'safety.weapon' },
      { type: 'transfer', to: 'crisis-line' },
    ]);
    expect(accepted).toEqual([true, true, true, true]);
    expect(session.phase).toBe('handoff');

    const result = explorePaths(s, profile('crisis-line-transfer'));
    expect(result.paths.flatMap((p) => p.states)).toContain('screened');
    expect(result.deadEnds).toEqual([]);
  });

  it('de-escalating where no response is written for it still counts (the trainee can de-escalate at any time)', () => {
    // Opening moves on only after de-escalation; the only de-escalation response is in another state.
    const s = withStates({
      opening: {
        lines: [line('open')],
        responses: [
          {
            on: { type: 'ask', question: 'safety.weapon' },
            when: { deescalated: true },
            say: [line('no-weapon')],
            goto: 'screened',
          },
        ],
      },
      refused: {
        lines: [line('refused-line')],
        routing: true,
        responses: [{ on: { type: 'deescalate' }, say: [line('calmer')] }],
      },
    });
    const { session, accepted } = play(s, [
      { type: 'answer' },
      { type: 'deescalate', phrase: 'calm.acknowledge' },
      { type: 'ask', question: 'safety.weapon' },
    ]);
    expect(accepted).toEqual([true, true, true]);
    expect(session.callerState).toBe('screened');

    const result = explorePaths(s, profile('crisis-line-transfer'));
    expect(result.paths.flatMap((p) => p.states)).toContain('screened');
    expect(result.deadEnds).toEqual([]);
  });

  it('a dispatch the scenario answers without moving the caller still routes the call', () => {
    // The author wrote what the caller says when help is sent from "stuck"; after it the call can end.
    const s = withStates({
      opening: {
        lines: [line('open')],
        responses: [
          { on: { type: 'ask', question: 'safety.weapon' }, say: [line('no-weapon')], goto: 'screened' },
          {
            on: { type: 'ask', question: 'case.who-involved' },
            say: [line('it-is-complicated')],
            goto: 'stuck',
          },
        ],
      },
      stuck: {
        lines: [line('stuck-line')],
        responses: [{ on: { type: 'dispatch' }, say: [line('thank-you')] }],
      },
    });
    const r = compare(s, profile('dispatcher-routing'));
    const stuck = [...r.machineStates].filter(([, m]) => !m.canEnd);
    expect(stuck.map(([k]) => k)).toEqual([]);
    expect(r.exploration.deadEnds).toEqual([]);
  });
});

// ---------------------------------------------------------------- the scenario library

describe('every scenario in scenarios/, explorer against the machine', () => {
  // The one rule for which files are scenarios (library/layout.ts), as the CLI and the app read it.
  const files = scenarioFiles([SCENARIO_DIR]).map((f) => relative(SCENARIO_DIR, f));
  const questions = bundledQuestions();

  describe.each(files)('%s', (file) => {
    const validation = validateScenario(JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8')), {
      questions,
    });
    const results = new Map(
      validation.ok
        ? profiles.map((p) => [p.id, compare(validation.scenario, p, { replay: 'small' })] as const)
        : [],
    );

    it('has no state the call cannot end from, on the machine (complete, however many paths) or in the explorer', () => {
      expect(validation.ok).toBe(true);
      for (const [id, r] of results) {
        const stuck = [...r.machineStates]
          .filter(([, m]) => !m.canEnd)
          .map(([k, m]) => `${k} via ${m.witness.join(' ')}`);
        expect(stuck, id).toEqual([]);
        expect(r.exploration.deadEnds, id).toEqual([]);
      }
    });

    it('reaches the same caller states and the same abstract states as the machine', () => {
      for (const [id, r] of results) {
        const machine = [...r.machineStates.values()].filter((m) => r.phaseOf(m.snap) !== 'ringing');
        const callers = new Set(machine.map((m) => m.snap.context.callerState));
        if (!r.exploration.capped) {
          expect(new Set(r.exploration.paths.flatMap((p) => p.states)), id).toEqual(callers);
        }
        // Scenarios with few enough paths are replayed on the machine, to say which states differ.
        if (r.replays.length > 0) {
          expect(stateDiff(r), id).toEqual({ explorerOnly: [], machineOnly: [], rejectedSteps: [] });
        }
        expect(r.exploration.stateCount, id).toBe(new Set(machine.map((m) => r.explorerKey(m.snap))).size);
      }
    });
  });
});
