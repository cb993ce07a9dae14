import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scenarioFiles, SCENARIO_DIR } from '$cli/fs-library';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import type { TraineeAction } from '../engine/events';
import { CallSession } from '../engine/session';
import type { Scenario, ScenarioInput } from '../format/scenario';
import { isTransferResource, type Resource } from '../format/vocabulary';
import { expectedRouting } from '../profiles/expected-routing';
import { deadEndScenario, line, scenario, withStates } from '$tests/support/factories';
import { bundledProfiles, bundledQuestions, profile } from '$tests/support/profiles';
import { isWarning } from '../validate/problem';
import { validateScenario } from '../validate/validate-scenario';
import { explorePaths, type ExploredPath } from './explore';

const profiles = [...bundledProfiles().values()];

/** The labels the explorer writes: trainee actions after answering, and timers by index. */
const STEP =
  /^(ask\([a-z0-9.-]+\)|deescalate\([a-z0-9.-]+\)|dispatch\([a-z-]+\)|transfer\([a-z-]+\)|timer\(\d+\)|callback|end)$/;

const show = (p: ExploredPath) => `${p.steps.join(' → ')} [${p.states.join(', ')}]`;

/**
 * Play an explored path on a real call session: answer, then each step. A timer step waits on the
 * simulated clock until that timed event of the current state is due, so the session fires it.
 */
function replay(s: Scenario, steps: readonly string[]) {
  const clock = new SimulatedClock();
  const session = new CallSession(s, clock);
  const rejected: string[] = [];
  const send = (step: string, action: TraineeAction) => {
    if (!session.send(action)) rejected.push(step);
  };
  send('answer', { type: 'answer' });
  for (const step of steps) {
    const [, kind, arg] = /^([a-z]+)(?:\((.+)\))?$/.exec(step)!;
    switch (kind) {
      case 'timer': {
        const timeout = s.states[session.callerState]?.timeouts[Number(arg)];
        if (!timeout) {
          rejected.push(step);
          break;
        }
        const before = session.callerState;
        const due = session.actor.getSnapshot().context.enteredAt + timeout.afterSeconds * 1000;
        clock.increment(Math.max(0, due - session.elapsed()));
        if (session.callerState === before && timeout.goto !== before) rejected.push(step);
        break;
      }
      case 'ask':
        send(step, { type: 'ask', question: arg! });
        break;
      case 'deescalate':
        send(step, { type: 'deescalate', phrase: arg! });
        break;
      case 'dispatch':
        send(step, { type: 'dispatch', resource: arg as Resource });
        break;
      case 'transfer':
        send(step, { type: 'transfer', to: arg as Resource });
        break;
      case 'callback':
        send(step, { type: 'callback' });
        break;
      case 'end':
        send(step, { type: 'end' });
        break;
      default:
        throw new Error(`unknown step "${step}"`);
    }
  }
  const result = { phase: session.phase, callerState: session.callerState, done: session.done, rejected };
  session.stop();
  return result;
}

describe('the bundled profiles', () => {
  it('are all explored', () => {
    expect(profiles.map((p) => p.id).sort()).toEqual([
      'crisis-line-transfer',
      'dispatcher-routing',
      'dual-cad-flag',
      'embedded-clinician-day',
    ]);
  });
});

describe.each(profiles.map((p) => [p.id, p] as const))('factory scenario at %s', (_id, centre) => {
  const s = scenario();
  const result = explorePaths(s, centre);

  it('has no dead ends, and every path ends the call or loops back', () => {
    expect(result.paths.length).toBeGreaterThan(0);
    expect(result.capped).toBe(false);
    expect(result.pathCount).toBe(result.paths.length);
    expect(result.deadEnds).toEqual([]);
    for (const path of result.paths) expect(['ended', 'loop'], show(path)).toContain(path.outcome);
  });

  it('starts every path in the answered call, and writes its steps in the explorer vocabulary', () => {
    for (const path of result.paths) {
      // The explorer starts where the answer leads: no 'answer' step and no 'ringing' state.
      expect(path.states[0], show(path)).toBe(s.start);
      for (const step of path.steps) expect(step, show(path)).toMatch(STEP);
    }
  });

  it('ends each ended path with the trainee ending the call or a transfer the caller accepts', () => {
    for (const path of result.paths.filter((p) => p.outcome === 'ended')) {
      expect(path.steps.at(-1), show(path)).toMatch(/^(end|transfer\(.+\))$/);
      expect(path.steps.slice(0, -1), show(path)).not.toContain('end');
    }
    expect(result.paths.some((p) => p.steps.at(-1) === 'end')).toBe(true);
  });

  it('visits every caller state the scenario has, in caller states only', () => {
    const visited = new Set(result.paths.flatMap((p) => p.states));
    expect([...visited].sort()).toEqual(Object.keys(s.states).sort());
    for (const path of result.paths) {
      expect(
        path.states.some((st, i) => st === path.states[i - 1]),
        show(path),
      ).toBe(false);
    }
    // Abstract states also tell apart the questions asked and whether the call is routed.
    expect(result.stateCount).toBeGreaterThan(Object.keys(s.states).length);
  });

  it('offers the routing the centre expects, by transfer or dispatch', () => {
    const expected = expectedRouting(s, centre);
    const steps = new Set(result.paths.flatMap((p) => p.steps));
    for (const option of [expected.best, ...expected.acceptable]) {
      const to = option.resources.find(isTransferResource);
      const step = to ? `transfer(${to})` : `dispatch(${option.resources[0]})`;
      expect([...steps], option.resources.join('+')).toContain(step);
    }
    // Nothing else is dispatched: the factory scenario answers no dispatch of its own.
    const dispatched = [...steps].filter((st) => st.startsWith('dispatch('));
    const allowed = [expected.best, ...expected.acceptable]
      .filter((o) => !o.resources.some(isTransferResource))
      .map((o) => `dispatch(${o.resources[0]})`);
    expect(dispatched.filter((d) => !allowed.includes(d))).toEqual([]);
  });

  it('includes the caller hanging up on a silent trainee', () => {
    expect(result.paths).toContainEqual({
      steps: ['timer(0)', 'end'],
      states: ['opening', 'hung-up'],
      outcome: 'ended',
    });
  });
});

describe('the list of paths', () => {
  it('has each path once, so pathCount counts distinct paths', () => {
    // A transfer the state answers itself and the same transfer offered as the centre's routing
    // are one action: at centres whose routing includes the embedded clinician it must not be
    // explored (and counted) twice.
    const duplicates = Object.fromEntries(
      profiles.map((p) => {
        const seen = new Set<string>();
        const twice = explorePaths(scenario(), p)
          .paths.map(show)
          .filter((k) => seen.has(k) || !seen.add(k));
        return [p.id, twice];
      }),
    );
    expect(duplicates).toEqual(Object.fromEntries(profiles.map((p) => [p.id, []])));
  });
});

describe('a transfer the caller refuses', () => {
  it('is explored as a path through the refused state that still ends', () => {
    const result = explorePaths(scenario(), profile('embedded-clinician-day'));
    const refused = result.paths.filter((p) => p.states.includes('refused'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((p) => p.outcome === 'ended')).toBe(true);
    for (const p of refused) {
      // The refused transfer is the step into "refused", taken before the address was asked.
      const i = p.steps.indexOf('transfer(embedded-clinician)');
      expect(i, show(p)).toBeGreaterThanOrEqual(0);
      expect(p.steps.slice(0, i), show(p)).not.toContain('ask(case.address)');
    }
    // After the refusal the trainee still routes: the call is not counted as routed by a refused transfer.
    expect(
      refused.some(
        (p) =>
          p.steps.at(-1)!.startsWith('transfer(') &&
          p.steps.filter((st) => st.startsWith('transfer(')).length === 2,
      ),
    ).toBe(true);
  });

  it('is not refused once the address is known', () => {
    const result = explorePaths(scenario(), profile('embedded-clinician-day'));
    expect(result.paths).toContainEqual({
      steps: ['ask(case.address)', 'ask(safety.weapon)', 'transfer(embedded-clinician)'],
      states: ['opening', 'screened'],
      outcome: 'ended',
    });
  });
});

describe('dead ends', () => {
  // "stuck": reachable, no responses, no timed events, not a routing point, not a hangup.
  const deadEnd = deadEndScenario();

  it.each(profiles.map((p) => [p.id, p] as const))(
    'are found at %s, with steps that lead into the stuck state',
    (_id, centre) => {
      const result = explorePaths(deadEnd, centre);
      expect(result.deadEnds.length).toBeGreaterThan(0);
      for (const dead of result.deadEnds) {
        expect(dead.outcome).toBe('dead-end');
        expect(dead.states.at(-1)).toBe('stuck');
        expect(dead.steps).toContain('ask(case.who-involved)');
        expect(dead.steps).not.toContain('end');
      }
      // Every listed path into "stuck" is a dead end, and the rest of the scenario still ends.
      expect(
        result.paths.filter((p) => p.states.includes('stuck')).every((p) => p.outcome === 'dead-end'),
      ).toBe(true);
      const healthy = result.paths.filter((p) => !p.states.includes('stuck'));
      expect(healthy.length).toBeGreaterThan(0);
      expect(healthy.every((p) => p.outcome === 'ended')).toBe(true);
    },
  );

  it("replaying a dead end's steps on a call session leaves the caller in the stuck state, call not over", () => {
    for (const centre of profiles) {
      const result = explorePaths(deadEnd, centre);
      expect(result.deadEnds.length).toBeGreaterThan(0);
      for (const dead of result.deadEnds) {
        const played = replay(deadEnd, dead.steps);
        expect(played, `${centre.id}: ${show(dead)}`).toEqual({
          phase: 'live',
          callerState: 'stuck',
          done: false,
          rejected: [],
        });
      }
    }
  });

  it('the shortest dead end goes straight there', () => {
    const result = explorePaths(deadEnd, profile('dispatcher-routing'));
    const shortest = [...result.deadEnds].sort((a, b) => a.steps.length - b.steps.length)[0]!;
    expect(shortest.steps[0]).toBe('ask(case.who-involved)');
    expect(shortest.states).toEqual(['opening', 'stuck']);
    // What follows only asks more questions: nothing the trainee can do moves the call on.
    for (const step of shortest.steps.slice(1)) expect(step).toMatch(/^ask\(/);
  });

  it('a state reachable only by a timed event is found too', () => {
    const s = withStates({
      opening: {
        lines: [line('open')],
        responses: [
          { on: { type: 'ask', question: 'safety.weapon' }, say: [line('no-weapon')], goto: 'screened' },
        ],
        timeouts: [{ afterSeconds: 30, say: [line('silent')], goto: 'stuck' }],
      },
      stuck: { lines: [line('stuck-line')] },
    });
    const result = explorePaths(s, profile('crisis-line-transfer'));
    expect(result.deadEnds.length).toBeGreaterThan(0);
    for (const dead of result.deadEnds) {
      expect(dead.states.at(-1)).toBe('stuck');
      expect(dead.steps).toContain('timer(0)');
      expect(replay(s, dead.steps)).toEqual({
        phase: 'live',
        callerState: 'stuck',
        done: false,
        rejected: [],
      });
    }
  });

  it('an unreachable stuck state is not a dead end', () => {
    const s = withStates({ stuck: { lines: [line('stuck-line')] } });
    const result = explorePaths(s, profile('dispatcher-routing'));
    expect(result.deadEnds).toEqual([]);
    expect(result.paths.some((p) => p.states.includes('stuck'))).toBe(false);
  });
});

describe('timed events with a condition', () => {
  const guardedTimer = (when: NonNullable<ScenarioInput['states'][string]['timeouts']>[number]['when']) =>
    withStates({
      opening: {
        lines: [line('open')],
        responses: [
          { on: { type: 'ask', question: 'safety.weapon' }, say: [line('no-weapon')], goto: 'screened' },
        ],
        timeouts: [{ afterSeconds: 30, when, say: [line('silent')], goto: 'stuck' }],
      },
      stuck: { lines: [line('stuck-line')] },
    });

  it('is not taken when its condition cannot hold', () => {
    // Asking about weapons leaves the opening, so the timer never finds the question asked there.
    const result = explorePaths(guardedTimer({ asked: ['safety.weapon'] }), profile('dispatcher-routing'));
    expect(result.paths.some((p) => p.steps.includes('timer(0)'))).toBe(false);
    expect(result.paths.some((p) => p.states.includes('stuck'))).toBe(false);
    expect(result.deadEnds).toEqual([]);
  });

  it('is taken when its condition holds', () => {
    const result = explorePaths(guardedTimer({ notAsked: ['case.address'] }), profile('dispatcher-routing'));
    expect(result.deadEnds.length).toBeGreaterThan(0);
    for (const dead of result.deadEnds) {
      expect(dead.steps[0], show(dead)).toBe('timer(0)');
      expect(dead.states, show(dead)).toEqual(['opening', 'stuck']);
    }
  });

  it('is not taken once its condition stops holding', () => {
    const result = explorePaths(guardedTimer({ notAsked: ['case.address'] }), profile('dispatcher-routing'));
    for (const p of result.paths) {
      const asked = p.steps.indexOf('ask(case.address)');
      const timer = p.steps.indexOf('timer(0)');
      if (asked >= 0 && timer >= 0) expect(timer, show(p)).toBeLessThan(asked);
    }
    // The caller who is asked for the address first stays on the line.
    expect(result.paths.some((p) => p.steps[0] === 'ask(case.address)' && p.outcome === 'ended')).toBe(true);
  });

  it('with a de-escalation guard, is not taken after the trainee de-escalated', () => {
    const s = withStates({
      opening: {
        lines: [line('open')],
        responses: [
          { on: { type: 'ask', question: 'safety.weapon' }, say: [line('no-weapon')], goto: 'screened' },
          { on: { type: 'deescalate' }, say: [line('calmer')] },
        ],
        timeouts: [{ afterSeconds: 30, when: { deescalated: false }, say: [line('gone')], goto: 'hung-up' }],
      },
    });
    const result = explorePaths(s, profile('dispatcher-routing'));
    expect(result.paths.some((p) => p.steps[0] === 'timer(0)')).toBe(true);
    for (const p of result.paths) {
      const calmed = p.steps.indexOf('deescalate(calm.acknowledge)');
      if (calmed >= 0) expect(p.states, show(p)).not.toContain('hung-up');
    }
    expect(result.paths.some((p) => p.steps.includes('deescalate(calm.acknowledge)'))).toBe(true);
  });
});

describe('loops', () => {
  // "checking" only leads back to the opening.
  const s = withStates({
    opening: {
      lines: [line('open')],
      responses: [
        { on: { type: 'ask', question: 'safety.weapon' }, say: [line('no-weapon')], goto: 'screened' },
        { on: { type: 'ask', question: 'clinical.behaviour' }, say: [line('let-me-look')], goto: 'checking' },
      ],
      timeouts: [{ afterSeconds: 30, say: [line('gone')], goto: 'hung-up' }],
    },
    checking: {
      lines: [line('checking-line')],
      timeouts: [{ afterSeconds: 20, say: [line('back')], goto: 'opening' }],
    },
  });

  it('a path that comes back to a state it visited, from where the call can still end, is a loop', () => {
    const result = explorePaths(s, profile('dispatcher-routing'));
    expect(result.deadEnds).toEqual([]);
    const loops = result.paths.filter((p) => p.outcome === 'loop');
    expect(loops).toEqual([
      {
        steps: ['ask(case.address)', 'ask(clinical.behaviour)'],
        states: ['opening', 'checking'],
        outcome: 'loop',
      },
    ]);
    // Going round the loop once with a different set of questions asked is a new state, so it continues.
    expect(result.paths.some((p) => p.states.join(' ').startsWith('opening checking opening'))).toBe(true);
  });
});

describe('maxPaths', () => {
  const s = scenario();
  const centre = profile('dispatcher-routing');
  const full = explorePaths(s, centre);

  it('caps the paths listed and says so, without changing the state graph', () => {
    const capped = explorePaths(s, centre, { maxPaths: 5 });
    expect(capped.capped).toBe(true);
    expect(capped.paths).toHaveLength(5);
    expect(capped.pathCount).toBe(5);
    expect(capped.paths).toEqual(full.paths.slice(0, 5));
    expect(capped.stateCount).toBe(full.stateCount);
  });

  it('is not capped when the limit is exactly the number of paths', () => {
    expect(full.capped).toBe(false);
    expect(explorePaths(s, centre, { maxPaths: full.pathCount }).capped).toBe(false);
    expect(explorePaths(s, centre, { maxPaths: full.pathCount - 1 }).capped).toBe(true);
  });

  it('still reports the dead ends when the listing is capped (the state graph is complete, only the listing is not)', () => {
    // The first path listed ends well; the dead end through "stuck" comes later in the listing.
    const deadEnd = withStates({
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
      stuck: { lines: [line('stuck-line')] },
    });
    expect(explorePaths(deadEnd, centre).deadEnds.length).toBeGreaterThan(0);
    const r = explorePaths(deadEnd, centre, { maxPaths: 1 });
    expect(r.capped).toBe(true);
    expect(r.paths[0]!.outcome).toBe('ended');
    expect(r.deadEnds.length).toBeGreaterThan(0);
    for (const dead of r.deadEnds) expect(dead.states.at(-1)).toBe('stuck');
  });
});

// ---------------------------------------------------------------- the scenario library

describe('every scenario in scenarios/', () => {
  // The one rule for which files are scenarios (library/layout.ts), as the CLI and the app read it.
  const files = scenarioFiles([SCENARIO_DIR]).map((f) => relative(SCENARIO_DIR, f));
  const questions = bundledQuestions();

  it('is found', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  describe.each(files)('%s', (file) => {
    const validation = validateScenario(JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8')), {
      questions,
    });

    it('validates without errors (audio not checked)', () => {
      expect(validation.problems.filter((p) => !isWarning(p))).toEqual([]);
      expect(validation.ok).toBe(true);
    });

    // Most library scenarios have more than the default 10,000 paths, and dead ends are only listed
    // among the listed paths; explore-vs-machine.test.ts checks the complete state graph on the machine.
    it.each(profiles.map((p) => [p.id, p] as const))('has no dead end at %s', (_id, centre) => {
      if (!validation.ok) throw new Error('the scenario does not validate');
      const result = explorePaths(validation.scenario, centre);
      expect(result.deadEnds.map(show)).toEqual([]);
      expect(result.paths.length).toBeGreaterThan(0);
      expect(result.paths.every((p) => p.states[0] === validation.scenario.start)).toBe(true);
    });
  });
});
