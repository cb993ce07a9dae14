import { transition } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import type { CenterProfile } from '../format/profile';
import type { ActionMatch, Scenario } from '../format/scenario';
import { compileScenario, type CallEvent } from '../engine/compile';
import { expectedRouting } from '../profiles/expected-routing';
import { isTransferResource, type Resource } from '../format/vocabulary';

export interface ExploredPath {
  /** The events, as the trainee/timer would send them. */
  steps: string[];
  /** Caller states visited, in order. */
  states: string[];
  /** Did the call reach its end (a scoreable outcome)? */
  ended: boolean;
}

export interface Exploration {
  /** Distinct abstract states (caller state × what guards can see × routed). */
  stateCount: number;
  /** Every maximal simple path: it ends where no further event is possible. */
  paths: ExploredPath[];
  /** Paths that stop before the call can end: the author left the trainee nowhere to go. */
  deadEnds: ExploredPath[];
}

/** A representative event for an action a response answers (omitted fields get a concrete value). */
function eventFor(match: ActionMatch, fallbackResource: Resource): CallEvent {
  switch (match.type) {
    case 'ask':
      return { type: 'trainee.ask', question: match.question, at: 0 };
    case 'deescalate':
      return { type: 'trainee.deescalate', phrase: match.phrase ?? 'calm.acknowledge', at: 0 };
    case 'dispatch':
      return { type: 'trainee.dispatch', resource: match.resource ?? fallbackResource, at: 0 };
    case 'transfer':
      return { type: 'trainee.transfer', to: match.to ?? 'embedded-clinician', at: 0 };
  }
}

function describe(event: CallEvent): string {
  const { type, at: _at, ...rest } = event;
  const detail = Object.values(rest).join(' ');
  return detail ? `${type}(${detail})` : type;
}

/**
 * Explore every simple path through the compiled call machine with xstate/graph. Events offered
 * in each state: what the scenario's responses react to, the state's timers, and, where the trainee
 * is expected to route, each routing answer the profile accepts, then ending the call.
 */
export function explorePaths(scenario: Scenario, profile: CenterProfile): Exploration {
  const machine = compileScenario(scenario);
  const expected = expectedRouting(scenario, profile);
  const routeOptions = [expected.best, ...expected.acceptable].map((o) => o.resources);
  const anyResource = routeOptions[0]?.[0] ?? 'police';
  const guardQuestions = new Set<string>();
  for (const state of Object.values(scenario.states))
    for (const r of [...state.responses, ...scenario.defaultResponses])
      for (const q of [...(r.when?.asked ?? []), ...(r.when?.notAsked ?? [])]) guardQuestions.add(q);

  type Snap = ReturnType<typeof machine.getInitialSnapshot>;
  const phaseOf = (s: Snap) => (typeof s.value === 'string' ? s.value : Object.keys(s.value)[0]);
  const routed = (s: Snap) => s.context.log.some((e) => e.kind === 'trainee' && (e.action.type === 'dispatch' || e.action.type === 'transfer'));

  const events = (s: Snap): CallEvent[] => {
    const phase = phaseOf(s);
    if (phase === 'ringing') return [{ type: 'trainee.answer', at: 0 }];
    if (phase === 'handoff') return [{ type: 'timer.expired', timer: 'handoff', at: 0 }];
    if (phase === 'handedOff') return [{ type: 'trainee.end', at: 0 }];
    if (phase === 'disconnected') return [{ type: 'trainee.callback', at: 0 }, { type: 'trainee.end', at: 0 }];
    if (phase !== 'live') return [];
    const state = scenario.states[s.context.callerState];
    if (!state) return [];
    const out: CallEvent[] = [...state.responses, ...scenario.defaultResponses]
      .filter((r) => r.goto !== undefined || r.on.type === 'transfer' || (r.on.type === 'ask' && guardQuestions.has(r.on.question)))
      .map((r) => eventFor(r.on, anyResource));
    state.timeouts.forEach((_, i) => out.push({ type: 'timer.expired', timer: i, at: 0 }));
    for (const q of guardQuestions) out.push({ type: 'trainee.ask', question: q, at: 0 });
    if (state.routing || routed(s)) {
      for (const option of routeOptions) {
        const resource = option.find(isTransferResource) ?? option[0];
        if (!resource) continue;
        out.push(isTransferResource(resource) ? { type: 'trainee.transfer', to: resource, at: 0 } : { type: 'trainee.dispatch', resource, at: 0 });
      }
      if (routed(s)) out.push({ type: 'trainee.end', at: 0 });
    }
    return out;
  };

  const serialize = (s: Snap) =>
    JSON.stringify([s.value, s.context.asked.filter((q) => guardQuestions.has(q)).sort(), s.context.deescalated, routed(s), s.status]);

  const all = getSimplePaths(machine, {
    events,
    input: { scenarioId: scenario.id },
    serializeState: (s) => serialize(s as Snap),
    serializeEvent: (e) => describe(e as CallEvent),
  } as never) as unknown as { state: Snap; steps: { state: Snap; event: CallEvent }[] }[];

  // Keep the maximal paths: those whose last state offers no move the path has not already made.
  const paths: ExploredPath[] = [];
  for (const path of all) {
    const last = path.state;
    const seen = new Set(path.steps.map((st) => serialize(st.state)));
    const next = events(last).filter((e) => {
      const [after] = transition(machine, last, e);
      return after !== last && !seen.has(serialize(after)) && serialize(after) !== serialize(last);
    });
    if (next.length > 0 && last.status !== 'done') continue;
    paths.push({
      steps: path.steps.slice(1).map((st) => describe(st.event)),
      states: [...new Set(path.steps.map((st) => st.state.context.callerState))],
      ended: last.status === 'done',
    });
  }
  return { stateCount: new Set(all.map((p) => serialize(p.state))).size, paths, deadEnds: paths.filter((p) => !p.ended) };
}
