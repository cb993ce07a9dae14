import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { compileScenario, type CallEvent } from '../engine/compile';
import type { Scenario, ScenarioInput } from '../format/scenario';
import { expectedRouting } from '../profiles/expected-routing';
import { line, scenario, scenarioInput } from '../test-data/factories';
import { bundledProfiles, profile } from '../test-data/profiles';
import { explorePaths } from './explore';

const profiles = [...bundledProfiles().values()];

/** Turn an explored step back into the event it names: "trainee.ask(case.address)", "timer.expired(0)". */
function parseStep(step: string, at: number): CallEvent {
  const m = /^([a-z.]+)(?:\((.*)\))?$/.exec(step);
  if (!m) throw new Error(`unreadable step "${step}"`);
  const [, type, arg] = m;
  switch (type) {
    case 'trainee.ask':
      return { type, question: arg!, at };
    case 'trainee.deescalate':
      return { type, phrase: arg!, at };
    case 'trainee.transfer':
      return { type, to: arg as never, at };
    case 'trainee.dispatch':
      return { type, resource: arg as never, at };
    case 'timer.expired':
      return { type, timer: arg === 'handoff' ? 'handoff' : Number(arg), at };
    case 'trainee.answer':
    case 'trainee.callback':
    case 'trainee.end':
      return { type, at };
    default:
      throw new Error(`unknown step "${step}"`);
  }
}

function withStates(states: ScenarioInput['states'], extra: Partial<ScenarioInput> = {}): Scenario {
  return scenario({ ...extra, states: { ...scenarioInput().states, ...states } });
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

  it('has no dead ends and every path ends the call', () => {
    expect(result.paths.length).toBeGreaterThan(0);
    expect(result.deadEnds).toEqual([]);
    for (const path of result.paths) expect(path.ended, path.steps.join(' → ')).toBe(true);
  });

  it('starts every path by answering and ends it with the trainee ending the call', () => {
    for (const path of result.paths) {
      expect(path.steps[0]).toBe('trainee.answer');
      expect(path.steps.at(-1)).toBe('trainee.end');
    }
  });

  it('visits every caller state the scenario has', () => {
    const visited = new Set(result.paths.flatMap((p) => p.states));
    for (const id of Object.keys(s.states)) expect(visited).toContain(id);
    expect(result.stateCount).toBeGreaterThan(Object.keys(s.states).length);
  });

  it('offers the routing the centre expects, by transfer or dispatch', () => {
    const expected = expectedRouting(s, centre);
    const routes = new Set(result.paths.flatMap((p) => p.steps.filter((st) => /^trainee\.(transfer|dispatch)\(/.test(st))));
    for (const option of [expected.best, ...expected.acceptable]) {
      const named = [...routes].some((r) => option.resources.some((res) => r.endsWith(`(${res})`)));
      expect(named, `${option.resources.join('+')} among ${[...routes].join(', ')}`).toBe(true);
    }
  });

  it('includes the caller hanging up on a silent trainee', () => {
    expect(result.paths.some((p) => p.states.includes('hung-up') && p.steps.includes('timer.expired(0)'))).toBe(true);
  });
});

describe('a transfer the caller refuses', () => {
  it('is explored as a path through the refused state that still ends', () => {
    const result = explorePaths(scenario(), profile('embedded-clinician-day'));
    const refused = result.paths.filter((p) => p.states.includes('refused'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((p) => p.ended)).toBe(true);
    expect(refused.some((p) => p.steps.includes('trainee.transfer(embedded-clinician)'))).toBe(true);
  });
});

describe('dead ends', () => {
  // "stuck": reachable, no responses, no timed events, not a routing point, not a hangup.
  const deadEnd = withStates({
    opening: {
      lines: [line('open')],
      responses: [
        { on: { type: 'ask', question: 'safety.weapon' }, say: [line('no-weapon')], goto: 'screened' },
        { on: { type: 'ask', question: 'case.who-involved' }, say: [line('it-is-complicated')], goto: 'stuck' },
      ],
      timeouts: [{ afterSeconds: 30, say: [line('gone')], goto: 'hung-up' }],
    },
    stuck: { lines: [line('stuck-line', 'I do not know what to say.')] },
  });

  it.each(profiles.map((p) => [p.id, p] as const))('are found at %s, with steps that lead into the stuck state', (_id, centre) => {
    const result = explorePaths(deadEnd, centre);
    expect(result.deadEnds.length).toBeGreaterThan(0);
    for (const dead of result.deadEnds) {
      expect(dead.ended).toBe(false);
      expect(result.paths).toContainEqual(dead);
      expect(dead.states.at(-1)).toBe('stuck');
      expect(dead.steps[0]).toBe('trainee.answer');
      expect(dead.steps).toContain('trainee.ask(case.who-involved)');
      expect(dead.steps).not.toContain('trainee.end');
    }
    // The rest of the scenario still ends.
    const healthy = result.paths.filter((p) => !p.states.includes('stuck'));
    expect(healthy.length).toBeGreaterThan(0);
    expect(healthy.every((p) => p.ended)).toBe(true);
  });

  it('replaying a dead end\'s steps on the call machine leaves the caller in the stuck state, call not over', () => {
    const result = explorePaths(deadEnd, profile('dispatcher-routing'));
    expect(result.deadEnds.length).toBeGreaterThan(0);
    for (const dead of result.deadEnds) {
      const actor = createActor(compileScenario(deadEnd), { input: { scenarioId: deadEnd.id } }).start();
      dead.steps.forEach((step, i) => {
        const event = parseStep(step, (i + 1) * 1000);
        expect(actor.getSnapshot().can(event), step).toBe(true);
        actor.send(event);
      });
      const snap = actor.getSnapshot();
      expect(snap.value).toEqual({ live: 'stuck' });
      expect(snap.status).toBe('active');
      actor.stop();
    }
  });

  it('the shortest dead end goes straight there after answering', () => {
    const result = explorePaths(deadEnd, profile('dispatcher-routing'));
    const shortest = [...result.deadEnds].sort((a, b) => a.steps.length - b.steps.length)[0]!;
    expect(shortest.steps.slice(0, 2)).toEqual(['trainee.answer', 'trainee.ask(case.who-involved)']);
    // What follows only asks more questions: nothing the trainee can do moves the call on.
    for (const step of shortest.steps.slice(2)) expect(step).toMatch(/^trainee\.ask\(/);
  });

  it('a state reachable only by a timed event is found too', () => {
    const s = withStates({
      opening: {
        lines: [line('open')],
        responses: [{ on: { type: 'ask', question: 'safety.weapon' }, say: [line('no-weapon')], goto: 'screened' }],
        timeouts: [{ afterSeconds: 30, say: [line('silent')], goto: 'stuck' }],
      },
      stuck: { lines: [line('stuck-line')] },
    });
    const result = explorePaths(s, profile('crisis-line-transfer'));
    expect(result.deadEnds.length).toBeGreaterThan(0);
    for (const dead of result.deadEnds) {
      expect(dead.states.at(-1)).toBe('stuck');
      expect(dead.steps).toContain('timer.expired(0)');
    }
  });

  it('an unreachable stuck state is not a dead end', () => {
    const s = withStates({ stuck: { lines: [line('stuck-line')] } });
    const result = explorePaths(s, profile('dispatcher-routing'));
    expect(result.deadEnds).toEqual([]);
    expect(result.paths.some((p) => p.states.includes('stuck'))).toBe(false);
  });
});
