import type { CenterProfile } from '../format/profile';
import type { ActionMatch, Response, Scenario } from '../format/scenario';
import { isTransferResource, type Resource } from '../format/vocabulary';
import { conditionHolds, matches } from '../engine/compile';
import type { TraineeEvent } from '../engine/events';
import { expectedRouting } from '../profiles/expected-routing';

/**
 * Every path an author has to think about, explored over the scenario graph with the engine's own
 * matching rules (`matches`, `conditionHolds`). It works on an abstract state (caller state, the
 * questions and de-escalation that conditions look at, whether the trainee has routed) instead of
 * the compiled XState machine: the same answers, three orders of magnitude faster, which is what
 * lets CI explore a thousand scenarios. Tests cross-check it against xstate/graph on the machine.
 */

export interface ExploredPath {
  /** The actions and timers taken, e.g. `ask(safety.weapon)`, `timer(0)`. */
  steps: string[];
  /** Caller states visited, in order. */
  states: string[];
  /**
   * `ended`: the call reached its end, a scoreable outcome. `loop`: the path came back to a state it
   * had visited, from where the end is still reachable. `dead-end`: the call can no longer end.
   */
  outcome: 'ended' | 'loop' | 'dead-end';
}

export interface Exploration {
  stateCount: number;
  pathCount: number;
  /** True when enumeration stopped at `maxPaths`; counts are then lower bounds. */
  capped: boolean;
  /** Paths (up to `maxPaths`) in enumeration order. */
  paths: ExploredPath[];
  /**
   * One shortest path into each place where the call can no longer end (the author left the
   * trainee nowhere to go). Found on the state graph, so complete even when `capped`.
   */
  deadEnds: ExploredPath[];
}

type Phase = 'live' | 'disconnected' | 'ended';
interface Node {
  phase: Phase;
  caller: string;
  asked: readonly string[];
  deescalated: boolean;
  routed: boolean;
}
interface Edge {
  label: string;
  to: Node;
}

const key = (n: Node) =>
  `${n.phase}|${n.caller}|${n.asked.join(',')}|${n.deescalated ? 1 : 0}|${n.routed ? 1 : 0}`;

function eventFor(match: ActionMatch, fallback: Resource): TraineeEvent {
  switch (match.type) {
    case 'ask':
      return { type: 'trainee.ask', question: match.question, at: 0 };
    case 'deescalate':
      return { type: 'trainee.deescalate', phrase: match.phrase ?? 'calm.acknowledge', at: 0 };
    case 'dispatch':
      return { type: 'trainee.dispatch', resource: match.resource ?? fallback, at: 0 };
    case 'transfer':
      return { type: 'trainee.transfer', to: match.to ?? 'embedded-clinician', at: 0 };
  }
}

function label(event: TraineeEvent): string {
  const { type, at: _at, ...rest } = event;
  const detail = Object.values(rest).join(' ');
  return `${type.slice('trainee.'.length)}${detail ? `(${detail})` : ''}`;
}

export interface ExploreOptions {
  /** Stop enumerating after this many paths (counts become lower bounds). */
  maxPaths?: number;
}

export function explorePaths(
  scenario: Scenario,
  profile: CenterProfile,
  options: ExploreOptions = {},
): Exploration {
  const maxPaths = options.maxPaths ?? 10_000;
  const expected = expectedRouting(scenario, profile);
  const routeOptions = [expected.best, ...expected.acceptable].map((o) => o.resources);
  const fallbackResource = routeOptions[0]?.[0] ?? 'police';
  const conditions = [
    ...Object.values(scenario.states).flatMap((s) => [...s.responses, ...s.timeouts]),
    ...scenario.defaultResponses,
  ].map((r) => r.when);
  const guardQuestions = new Set(conditions.flatMap((w) => [...(w?.asked ?? []), ...(w?.notAsked ?? [])]));
  const guardsDeescalation = conditions.some((w) => w?.deescalated !== undefined);

  /** Entering a caller state: a hang-up state disconnects at once, as in the engine. */
  const enter = (from: Node, caller: string): Node =>
    scenario.states[caller]?.end === 'hangup'
      ? { ...from, phase: 'disconnected', caller }
      : { ...from, phase: 'live', caller };

  const afterAction = (n: Node, event: TraineeEvent): Node => {
    const asked =
      event.type === 'trainee.ask' && guardQuestions.has(event.question) && !n.asked.includes(event.question)
        ? [...n.asked, event.question].sort()
        : n.asked;
    return {
      ...n,
      asked,
      deescalated: n.deescalated || (guardsDeescalation && event.type === 'trainee.deescalate'),
    };
  };

  /** The engine's choice: the current state's responses, then the defaults; first match wins. */
  const candidates = new Map(
    Object.entries(scenario.states).map(([id, st]) => [id, [...st.responses, ...scenario.defaultResponses]]),
  );
  const respond = (n: Node, event: TraineeEvent): Response | undefined => {
    const context = { asked: n.asked as string[], deescalated: n.deescalated };
    return candidates.get(n.caller)?.find((r) => matches(r.on, event) && conditionHolds(r.when, context));
  };

  const apply = (n: Node, event: TraineeEvent): Node => {
    const response = respond(n, event);
    const next = afterAction(n, event);
    const routed = next.routed || event.type === 'trainee.dispatch' || event.type === 'trainee.transfer';
    if (event.type === 'trainee.transfer' && !response?.goto) {
      return { ...next, phase: 'ended', routed: true };
    }
    if (response?.goto) {
      return enter(
        { ...next, routed: event.type === 'trainee.transfer' ? next.routed : routed },
        response.goto,
      );
    }
    return { ...next, routed };
  };

  const edges = (n: Node): Edge[] => {
    if (n.phase === 'ended') return [];
    const out: Edge[] = [];
    const routeEdges = () => {
      for (const option of routeOptions) {
        const transferTo = option.find(isTransferResource);
        if (transferTo && n.phase === 'disconnected') continue;
        const event: TraineeEvent = transferTo
          ? { type: 'trainee.transfer', to: transferTo, at: 0 }
          : { type: 'trainee.dispatch', resource: option[0] ?? fallbackResource, at: 0 };
        out.push({ label: label(event), to: n.phase === 'live' ? apply(n, event) : { ...n, routed: true } });
      }
    };
    if (n.phase === 'disconnected') {
      if (scenario.callback) out.push({ label: 'callback', to: enter(n, scenario.callback.goto) });
      if (!n.routed) routeEdges();
      out.push({ label: 'end', to: { ...n, phase: 'ended' } });
      return out;
    }
    const state = scenario.states[n.caller];
    if (!state) return out;
    for (const r of [...state.responses, ...scenario.defaultResponses]) {
      const relevant =
        r.goto !== undefined ||
        r.on.type === 'transfer' ||
        (r.on.type === 'dispatch' && !n.routed) ||
        (r.on.type === 'ask' && guardQuestions.has(r.on.question)) ||
        (r.on.type === 'deescalate' && guardsDeescalation);
      if (!relevant) continue;
      const event = eventFor(r.on, fallbackResource);
      out.push({ label: label(event), to: apply(n, event) });
    }
    for (const question of guardQuestions) {
      const event: TraineeEvent = { type: 'trainee.ask', question, at: 0 };
      out.push({ label: label(event), to: apply(n, event) });
    }
    if (guardsDeescalation) {
      const event: TraineeEvent = { type: 'trainee.deescalate', phrase: 'calm.acknowledge', at: 0 };
      out.push({ label: label(event), to: apply(n, event) });
    }
    state.timeouts.forEach((t, i) => {
      const context = { asked: [...n.asked], deescalated: n.deescalated };
      if (t.goto && conditionHolds(t.when, context)) out.push({ label: `timer(${i})`, to: enter(n, t.goto) });
    });
    if (state.routing && !n.routed) routeEdges();
    if (n.routed) out.push({ label: 'end', to: { ...n, phase: 'ended' } });
    const seen = new Set<string>();
    return out.filter((e) => !seen.has(e.label) && seen.add(e.label));
  };

  // The graph of abstract states, then which of them can still reach the end of the call.
  const start = scenario.states[scenario.start]
    ? enter(
        { phase: 'live', caller: scenario.start, asked: [], deescalated: false, routed: false },
        scenario.start,
      )
    : undefined;
  const graph = new Map<string, { node: Node; out: { label: string; to: string }[] }>();
  const queue = start ? [start] : [];
  while (queue.length > 0) {
    const node = queue.pop()!;
    const k = key(node);
    if (graph.has(k)) continue;
    const out = edges(node).map((e) => ({ label: e.label, to: key(e.to), node: e.to }));
    graph.set(k, { node, out: out.map(({ label, to }) => ({ label, to })) });
    for (const e of out) if (!graph.has(e.to)) queue.push(e.node);
  }
  // Numbered nodes: the walk below visits each node once per path, so arrays beat string keys.
  const ids = new Map([...graph.keys()].map((k, i) => [k, i]));
  const nodes = [...graph.values()].map((v) => v.node);
  const outs = [...graph.values()].map((v) => v.out.map((e) => ({ label: e.label, to: ids.get(e.to)! })));
  // Which nodes can still reach the end of the call: backwards from every ended node.
  const incoming: number[][] = nodes.map(() => []);
  outs.forEach((out, from) => out.forEach((e) => incoming[e.to]!.push(from)));
  const canEnd = new Uint8Array(nodes.length);
  const pending = nodes.flatMap((n, i) => (n.phase === 'ended' ? [i] : []));
  for (const i of pending) canEnd[i] = 1;
  while (pending.length > 0) {
    for (const from of incoming[pending.pop()!]!) {
      if (canEnd[from]) continue;
      canEnd[from] = 1;
      pending.push(from);
    }
  }

  // Every maximal simple path from the start, depth first.
  const paths: ExploredPath[] = [];
  let pathCount = 0;
  let capped = false;
  const onPath = new Uint8Array(nodes.length);
  const steps: string[] = [];
  /** Caller states along the path, a repeat of the same state counted once. */
  const callers: string[] = [];
  const walk = (i: number): void => {
    if (capped) return;
    onPath[i] = 1;
    const node = nodes[i]!;
    const entered = callers[callers.length - 1] !== node.caller;
    if (entered) callers.push(node.caller);
    const out = outs[i]!;
    if (out.every((e) => onPath[e.to])) {
      pathCount += 1;
      if (pathCount > maxPaths) capped = true;
      else {
        paths.push({
          steps: [...steps],
          states: [...callers],
          outcome: node.phase === 'ended' ? 'ended' : canEnd[i] ? 'loop' : 'dead-end',
        });
      }
    } else {
      for (const e of out) {
        if (onPath[e.to]) continue;
        steps.push(e.label);
        walk(e.to);
        steps.pop();
      }
    }
    if (entered) callers.pop();
    onPath[i] = 0;
  };
  if (start) walk(ids.get(key(start))!);
  // Dead ends come from the graph, not the enumeration, so they are complete even when the path
  // count is capped: the shortest way into each state from which the call can no longer end.
  const deadEnds: ExploredPath[] = [];
  if (start) {
    const parent = new Map<number, { from: number; label: string } | null>([[ids.get(key(start))!, null]]);
    const queue = [...parent.keys()];
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q]!;
      for (const e of outs[i]!) {
        if (parent.has(e.to)) continue;
        parent.set(e.to, { from: i, label: e.label });
        queue.push(e.to);
      }
    }
    for (const [i, via] of parent) {
      if (canEnd[i] || (via && !canEnd[via.from])) continue;
      const steps: string[] = [];
      const callers: string[] = [];
      for (let c: number | undefined = i; c !== undefined; c = parent.get(c)?.from) {
        callers.unshift(nodes[c]!.caller);
        const p = parent.get(c);
        if (p) steps.unshift(p.label);
      }
      deadEnds.push({ steps, states: callers.filter((c, n, all) => c !== all[n - 1]), outcome: 'dead-end' });
    }
  }
  return {
    stateCount: graph.size,
    pathCount: Math.min(pathCount, maxPaths),
    capped,
    paths,
    deadEnds,
  };
}
