import { describe, expect, it } from 'vitest';
import { ScenarioFile, type ScenarioInput } from '../format/scenario';
import { contentHash, reviewState } from '../review/content-hash';
import { line, scenarioInput } from '$tests/support/factories';
import { bundledProfiles, bundledQuestions } from '$tests/support/profiles';
import type { Problem } from './problem';
import { validateScenario, type ValidationContext } from './validate-scenario';

const questions = bundledQuestions();

type StateInput = ScenarioInput['states'][string];

/** The factory scenario (see test-data/factories.ts) with one targeted change. */
function edited(change: (s: ScenarioInput) => void): ScenarioInput {
  const s = structuredClone(scenarioInput());
  change(s);
  return s;
}

function state(s: ScenarioInput, id: string): StateInput {
  const found = s.states[id];
  if (!found) throw new Error(`the factory scenario has no state "${id}"`);
  return found;
}

function at<T>(items: T[] | undefined, index: number): T {
  const item = items?.[index];
  if (item === undefined) throw new Error(`no item at index ${index}`);
  return item;
}

function problemsOf(input: unknown, context: Partial<ValidationContext> = {}): Problem[] {
  return validateScenario(input, { questions, ...context }).problems;
}

const problem = (path: string, message: string): Problem => ({ path, message });

const DISPOSITION_OPTIONS =
  'Invalid option: expected one of "police-required"|"ems-required"|"clinician-phone"|"crisis-line-988"|"mobile-crisis"|"co-responder"';
const RESOURCE_OPTIONS =
  'Invalid option: expected one of "police"|"fire"|"ems"|"embedded-clinician"|"crisis-line"|"mobile-crisis"|"co-responder"';

describe('validateScenario: the factory scenario', () => {
  it('is valid and has no problems', () => {
    const result = validateScenario(scenarioInput(), { questions });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe('validateScenario: schema errors', () => {
  it('reports a value of the wrong type', () => {
    const s = edited((s) => Object.assign(s, { estimatedMinutes: 'four' }));
    expect(problemsOf(s)).toEqual([
      problem('$.estimatedMinutes', 'Invalid input: expected number, received string'),
    ]);
  });

  it('reports a missing required field', () => {
    const s = edited((s) => delete (s.cad as { address?: string }).address);
    expect(problemsOf(s)).toEqual([problem('$.cad.address', 'required field is missing (expected string)')]);
  });

  it('reports an answer key that refers to unknown routing classes (dispositions)', () => {
    const s = edited((s) => {
      Object.assign(s.answerKey, { disposition: 'social-worker' });
      s.answerKey.alternatives = [...(s.answerKey.alternatives ?? []), 'street-team' as 'mobile-crisis'];
    });
    expect(problemsOf(s)).toEqual([
      problem('$.answerKey.disposition', DISPOSITION_OPTIONS),
      problem('$.answerKey.alternatives[1]', DISPOSITION_OPTIONS),
    ]);
  });

  it('reports an unknown resource in a dispatch response', () => {
    const s = edited((s) => {
      state(s, 'screened').responses?.push({ on: { type: 'dispatch', resource: 'swat-team' as 'police' } });
    });
    expect(problemsOf(s)).toEqual([problem('$.states.screened.responses[1].on.resource', RESOURCE_OPTIONS)]);
  });

  it('reports a caller state name that cannot be a state id', () => {
    const s = edited((s) => {
      s.states['Call.Back'] = { routing: true };
    });
    expect(problemsOf(s)).toEqual([
      problem('$.states["Call.Back"]', 'invalid name "Call.Back": must be lower-case words joined by "-"'),
    ]);
  });

  // A missing enum or literal field must not read as a wrong value.
  it('reports a misspelt field instead of ignoring it', () => {
    const s = edited((s) => {
      (state(s, 'opening') as Record<string, unknown>).reveal = ['weapon'];
    });
    expect(problemsOf(s)).toEqual([problem('$.states.opening', 'unknown field "reveal" (misspelt?)')]);
  });

  it('says "required field is missing" for a missing enum or literal field too', () => {
    const s = edited((s) => {
      delete (s as { difficulty?: string }).difficulty;
      delete (s as { formatVersion?: number }).formatVersion;
    });
    const found = problemsOf(s);
    expect(found.map((p) => p.path)).toEqual(['$.formatVersion', '$.difficulty']);
    for (const p of found) expect(p.message).toMatch(/^required field is missing/);
  });
});

describe('validateScenario: unknown question and phrase ids', () => {
  it('reports an unknown question in a response', () => {
    const s = edited((s) => {
      at(state(s, 'opening').responses, 0).on = { type: 'ask', question: 'safety.weapons' };
      at(s.defaultResponses, 0).on = { type: 'ask', question: 'case.adress' };
    });
    expect(problemsOf(s)).toEqual([
      problem(
        '$.states.opening.responses[0].on.question',
        'unknown question id "safety.weapons" (not in the question bank)',
      ),
      problem(
        '$.defaultResponses[0].on.question',
        'unknown question id "case.adress" (not in the question bank)',
      ),
    ]);
  });

  it('reports an unknown question in a response condition (when.asked / when.notAsked)', () => {
    const s = edited((s) => {
      at(state(s, 'screened').responses, 0).when = {
        asked: ['case.adress'],
        notAsked: ['case.address', 'safety.weapons'],
      };
    });
    expect(problemsOf(s)).toEqual([
      problem(
        '$.states.screened.responses[0].when.asked[0]',
        'unknown question id "case.adress" (not in the question bank)',
      ),
      problem(
        '$.states.screened.responses[0].when.notAsked[1]',
        'unknown question id "safety.weapons" (not in the question bank)',
      ),
    ]);
  });

  it('reports an unknown question in answerKey.requiredQuestions', () => {
    const s = edited((s) => {
      s.answerKey.requiredQuestions.push('safety.self-harm');
    });
    expect(problemsOf(s)).toEqual([
      problem(
        '$.answerKey.requiredQuestions[2]',
        'unknown question id "safety.self-harm" (not in the question bank)',
      ),
    ]);
  });

  it('reports an unknown phrase id, and accepts a known one', () => {
    const s = edited((s) => {
      at(state(s, 'opening').responses, 1).on = { type: 'deescalate', phrase: 'calm.hug' };
      state(s, 'screened').responses?.push({ on: { type: 'deescalate', phrase: 'calm.breathe' } });
    });
    expect(problemsOf(s)).toEqual([
      problem(
        '$.states.opening.responses[1].on.phrase',
        'unknown phrase id "calm.hug" (not in the question bank)',
      ),
    ]);
  });
});

describe('validateScenario: transitions', () => {
  it('reports a response that goes to a missing state', () => {
    const s = edited((s) => {
      at(state(s, 'opening').responses, 1).goto = 'calmed';
      at(s.defaultResponses, 0).goto = 'nowhere';
    });
    expect(problemsOf(s)).toEqual([
      problem('$.states.opening.responses[1].goto', 'transition to missing state "calmed"'),
      problem('$.defaultResponses[0].goto', 'transition to missing state "nowhere"'),
    ]);
  });

  it('reports a timed event that goes to a missing state', () => {
    const s = edited((s) => {
      state(s, 'screened').timeouts = [{ afterSeconds: 90, goto: 'hangup' }];
    });
    expect(problemsOf(s)).toEqual([
      problem('$.states.screened.timeouts[0].goto', 'transition to missing state "hangup"'),
    ]);
  });

  it('reports a missing start state (every state is then unreachable, and says so)', () => {
    const s = edited((s) => {
      s.start = 'begin';
    });
    expect(problemsOf(s)).toEqual([
      problem('$.start', 'transition to missing state "begin"'),
      problem('$.states.opening', 'unreachable state "opening" (no path from "begin")'),
      problem('$.states.screened', 'unreachable state "screened" (no path from "begin")'),
      problem('$.states.refused', 'unreachable state "refused" (no path from "begin")'),
      problem('$.states["hung-up"]', 'unreachable state "hung-up" (no path from "begin")'),
    ]);
  });

  it('reports a callback that goes to a missing state', () => {
    const s = edited((s) => {
      s.callback = { say: [line('callback', 'Hello?')], goto: 'redial' };
    });
    expect(problemsOf(s)).toEqual([problem('$.callback.goto', 'transition to missing state "redial"')]);
  });

  // "constructor" is a valid-looking state id that Object.prototype also has.
  it('reports a goto to "constructor" as a missing state instead of throwing', () => {
    const s = edited((s) => {
      at(state(s, 'opening').responses, 1).goto = 'constructor';
    });
    expect(() => problemsOf(s)).not.toThrow();
    expect(problemsOf(s)).toEqual([
      problem('$.states.opening.responses[1].goto', 'transition to missing state "constructor"'),
    ]);
  });

  it('reports a timed event without a target', () => {
    const s = edited((s) => {
      state(s, 'screened').timeouts = [
        { afterSeconds: 90, say: [line('still-there', 'Hello? Are you there?')] },
      ];
    });
    expect(problemsOf(s)).toEqual([
      problem('$.states.screened.timeouts[0]', 'timed event has no target state ("goto")'),
    ]);
  });

  it('reports a hang-up state that still has responses, timed events or routing', () => {
    const s = edited((s) => {
      state(s, 'hung-up').routing = true;
    });
    expect(problemsOf(s)).toEqual([
      problem(
        '$.states["hung-up"]',
        'a hang-up state ends the caller\'s side: it cannot have responses, timed events or "routing"',
      ),
    ]);
  });
});

describe('validateScenario: reachability', () => {
  it('reports an unreachable state', () => {
    const s = edited((s) => {
      s.states.orphan = { routing: true };
    });
    expect(problemsOf(s)).toEqual([
      problem('$.states.orphan', 'unreachable state "orphan" (no path from "opening")'),
    ]);
  });

  it('counts a state reached only by calling back after a hang-up as reachable', () => {
    const s = edited((s) => {
      s.callback = {
        say: [line('callback', 'What do you want?', { emotion: 'angry' })],
        goto: 'called-back',
      };
      s.states['called-back'] = { routing: true };
    });
    expect(problemsOf(s)).toEqual([]);
  });

  it('reports a dead end: a state with no way to a routing decision or a hang-up', () => {
    const s = edited((s) => {
      at(state(s, 'opening').responses, 1).goto = 'stuck';
      s.states.stuck = { lines: [line('stuck', 'I do not know what to do.')] };
    });
    expect(problemsOf(s)).toEqual([
      problem(
        '$.states.stuck',
        'dead end: no way from "stuck" to a routing decision or the end of the call (mark a state "routing": true or "end": "hangup")',
      ),
    ]);
  });

  it('reports every state of a loop that never reaches a decision', () => {
    const s = edited((s) => {
      at(state(s, 'opening').responses, 1).goto = 'loop-a';
      s.states['loop-a'] = { timeouts: [{ afterSeconds: 10, goto: 'loop-b' }] };
      s.states['loop-b'] = { timeouts: [{ afterSeconds: 10, goto: 'loop-a' }] };
    });
    const deadEnd = (id: string) =>
      `dead end: no way from "${id}" to a routing decision or the end of the call (mark a state "routing": true or "end": "hangup")`;
    expect(problemsOf(s)).toEqual([
      problem('$.states["loop-a"]', deadEnd('loop-a')),
      problem('$.states["loop-b"]', deadEnd('loop-b')),
    ]);
  });
});

describe('validateScenario: caller lines and audio', () => {
  it('warns of a missing audio file in a draft, and skips the check when no audioExists is given', () => {
    const audioExists = (ref: string) => ref !== 'test-scenario/no-weapon';
    const result = validateScenario(scenarioInput(), { questions, audioExists });
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([
      {
        ...problem(
          '$.states.opening.responses[0].say[0].audio',
          'missing audio file for "test-scenario/no-weapon" (looked for audio/test-scenario/no-weapon.{opus,ogg,mp3,wav})',
        ),
        severity: 'warning',
      },
    ]);
    expect(problemsOf(scenarioInput())).toEqual([]);
  });

  it('makes a missing audio file an error in an approved scenario', () => {
    const approved = ScenarioFile.parse(
      edited((s) => {
        s.review = {
          status: 'approved',
          reviewer: { name: 'A Reviewer', credential: 'LCSW' },
          date: '2026-12-01',
        };
      }),
    );
    const signed = { ...approved, review: { ...approved.review, contentHash: contentHash(approved) } };
    const result = validateScenario(signed, {
      questions,
      audioExists: (ref) => ref !== 'test-scenario/open',
    });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.path, p.severity])).toEqual([
      ['$.states.opening.lines[0].audio', undefined],
    ]);
  });

  it('reports a duplicate line id with where the first one is', () => {
    const s = edited((s) => {
      state(s, 'refused').lines?.push(line('open', 'My brother keeps texting me that he wants to die.'));
    });
    expect(problemsOf(s)).toEqual([
      problem('$.states.refused.lines[1].id', 'duplicate line id "open" (also at $.states.opening.lines[0])'),
    ]);
  });

  it('reports one clip used for two different texts', () => {
    const s = edited((s) => {
      state(s, 'refused').lines?.push({
        ...line('other', 'Something else entirely.'),
        audio: 'test-scenario/open',
      });
    });
    expect(problemsOf(s)).toEqual([
      problem('$.states.refused.lines[1].audio', 'clip "test-scenario/open" is used for two different texts'),
    ]);
  });
});

describe('validateScenario: facts and answer key', () => {
  it('reports a fact that no caller line reveals', () => {
    const s = edited((s) => {
      s.facts.present?.push('intoxication');
    });
    expect(problemsOf(s)).toEqual([
      problem(
        '$.facts.present[1]',
        'fact "intoxication" is never revealed by any caller line, so no trainee can uncover it',
      ),
    ]);
  });

  it('reports a present weapon without the critical error "unsafe-diversion"', () => {
    const s = edited((s) => {
      s.facts.present?.push('weapon');
      at(state(s, 'screened').lines, 0).reveals = ['self-harm-ideation', 'weapon'];
    });
    expect(problemsOf(s)).toEqual([
      problem(
        '$.answerKey.criticalErrors',
        'fact "weapon" is present, so the answer key must list the critical error "unsafe-diversion"',
      ),
    ]);
    s.answerKey.criticalErrors = [
      { kind: 'unsafe-diversion', rationale: 'Test rationale: a weapon keeps police on the call.' },
    ];
    expect(problemsOf(s)).toEqual([]);
  });

  it('reports a medical emergency without the critical error "missed-medical"', () => {
    const s = edited((s) => {
      s.facts.present?.push('medical-emergency');
      at(state(s, 'screened').lines, 0).reveals = ['self-harm-ideation', 'medical-emergency'];
    });
    expect(problemsOf(s)).toEqual([
      problem(
        '$.answerKey.criticalErrors',
        'fact "medical-emergency" is present, so the answer key must list the critical error "missed-medical"',
      ),
    ]);
  });

  it('reports an answer key without any safety-screen question', () => {
    const s = edited((s) => {
      s.answerKey.requiredQuestions = ['case.address'];
    });
    expect(problemsOf(s)).toEqual([
      problem(
        '$.answerKey.requiredQuestions',
        'must include at least one safety-screen question ("safety.…")',
      ),
    ]);
  });

  it('reports an unknown seed citation, and accepts a named public source', () => {
    const s = edited((s) => {
      s.sources = [
        { ref: 'seed:001#decision-9' },
        { ref: 'SAMHSA, National Guidelines for Behavioral Health Crisis Care (2020)' },
      ];
      s.answerKey.sources.push({ ref: 'seed:002#intro' });
    });
    expect(problemsOf(s)).toEqual([
      problem('$.sources[0].ref', 'unknown seed citation "seed:001#decision-9"'),
      problem('$.answerKey.sources[1].ref', 'unknown seed citation "seed:002#intro"'),
    ]);
  });
});

describe('validateScenario: clinical review', () => {
  /** Test data only: no real person reviewed this scenario. */
  const REVIEWER = { name: 'Test Reviewer', credential: 'LCSW' } as const;

  function approved(): ScenarioInput {
    const s = structuredClone(scenarioInput());
    s.review = {
      status: 'approved',
      reviewer: { ...REVIEWER },
      date: '2025-01-15',
      contentHash: contentHash(ScenarioFile.parse(s)),
    };
    return s;
  }

  it('reports an approval without reviewer, date and content hash', () => {
    const s = edited((s) => {
      s.review = { status: 'approved' };
    });
    expect(problemsOf(s)).toEqual([
      problem('$.review.reviewer', 'an approved scenario names its reviewer and credential'),
      problem('$.review.date', 'an approved scenario has a review date'),
      problem(
        '$.review.contentHash',
        'an approved scenario carries the hash of the content that was reviewed',
      ),
    ]);
  });

  it('accepts an unedited approved scenario, and reviewState() says approved', () => {
    const result = validateScenario(approved(), { questions });
    expect(result.problems).toEqual([]);
    if (!result.ok) throw new Error('expected the approved scenario to be valid');
    expect(reviewState(result.scenario)).toEqual({
      status: 'approved',
      reviewer: 'Test Reviewer, LCSW',
      date: '2025-01-15',
    });
  });

  it('keeps the approval when only $schema or spelled-out defaults change', () => {
    const s = approved();
    s.$schema = '../schema/scenario.schema.json';
    state(s, 'opening').routing = false;
    state(s, 'hung-up').lines = [];
    expect(problemsOf(s)).toEqual([]);
  });

  it('voids the approval after an edit', () => {
    const s = approved();
    at(state(s, 'screened').lines, 0).text = 'He is at home, alone, and he has pills.';
    expect(problemsOf(s)).toEqual([
      problem(
        '$.review.contentHash',
        'approval is void: the content changed after review (hash differs); set status to "in-review" and have it reviewed again',
      ),
    ]);
    expect(reviewState(ScenarioFile.parse(s))).toEqual({
      status: 'void',
      reason: 'content changed after review',
    });
  });
});

describe('validateScenario: reporting', () => {
  it('reports all problems at once, one per problem', () => {
    const s = edited((s) => {
      at(state(s, 'opening').responses, 1).on = { type: 'deescalate', phrase: 'calm.hug' };
      s.facts.present?.push('self-harm-plan');
      s.sources = [{ ref: 'seed:003#summary' }];
    });
    expect(problemsOf(s)).toEqual([
      problem(
        '$.states.opening.responses[1].on.phrase',
        'unknown phrase id "calm.hug" (not in the question bank)',
      ),
      problem(
        '$.facts.present[1]',
        'fact "self-harm-plan" is never revealed by any caller line, so no trainee can uncover it',
      ),
      problem('$.sources[0].ref', 'unknown seed citation "seed:003#summary"'),
    ]);
  });

  it('reports all schema errors at once', () => {
    const s = edited((s) => {
      Object.assign(s, { estimatedMinutes: 'four' });
      delete (s as { title?: string }).title;
    });
    expect(problemsOf(s)).toEqual([
      problem('$.title', 'required field is missing (expected string)'),
      problem('$.estimatedMinutes', 'Invalid input: expected number, received string'),
    ]);
  });
});

describe('validateScenario: surface variants', () => {
  const okafor = {
    id: 'okafor',
    description: 'Another family, on Ridge Rd',
    cad: { address: '40 Ridge Rd', callbackNumber: '555-0199' },
    lines: { address: { text: '40 Ridge Road.', audio: 'test-scenario/address-okafor' } },
  };

  it('accepts a variant that rewords the lines naming what it changes', () => {
    expect(problemsOf(edited((s) => (s.variants = [okafor])))).toEqual([]);
  });

  it('reports a line the variant would leave saying the written address, caller name or number', () => {
    const leftOver = edited((s) => {
      s.cad.callerName = 'Maria Lopez';
      state(s, 'opening').lines = [
        line('open', 'It is Maria. My brother keeps texting me, call me back on 555-0100.'),
      ];
      s.variants = [
        {
          id: 'okafor',
          description: 'Another family',
          cad: { address: '40 Ridge Rd', callerName: 'Ada Okafor', callbackNumber: '555-0199' },
          lines: {},
        },
      ];
    });
    expect(problemsOf(leftOver)).toEqual([
      problem(
        '$.variants[0].lines',
        'line "address" says "12 Elm", which this variant changes: reword it here',
      ),
      problem('$.variants[0].lines', 'line "open" says "Maria", which this variant changes: reword it here'),
      problem(
        '$.variants[0].lines',
        'line "open" says "555-0100", which this variant changes: reword it here',
      ),
    ]);
  });

  it('reports a reworded line that does not exist, or reuses the written clip', () => {
    const wrong = edited((s) => {
      s.variants = [
        {
          ...okafor,
          lines: {
            ...okafor.lines,
            adress: { text: 'Ridge Road.', audio: 'test-scenario/x' },
            open: { text: 'My brother again.', audio: 'test-scenario/open' },
          },
        },
      ];
    });
    expect(problemsOf(wrong)).toEqual([
      problem('$.variants[0].lines.open.audio', 'clip "test-scenario/open" is used for two different texts'),
      problem('$.variants[0].lines.adress', 'no caller line "adress" in this scenario to reword'),
      problem(
        '$.variants[0].lines.open.audio',
        'reworded line reuses the written clip "test-scenario/open": give it its own',
      ),
    ]);
  });

  it('reports duplicate variant ids and a variant that changes nothing', () => {
    const twice = edited(
      (s) =>
        (s.variants = [
          okafor,
          { ...okafor, description: 'Same id' },
          { id: 'same', description: 'Same details', cad: { address: '12 Elm St' } },
        ]),
    );
    expect(problemsOf(twice)).toEqual([
      problem('$.variants[1].id', 'duplicate variant id "okafor" (also $.variants[0])'),
      problem('$.variants[2]', 'the variant changes nothing (give it "cad", "involved" or "lines")'),
    ]);
  });

  it('checks that every variant clip exists', () => {
    const result = problemsOf(
      edited((s) => (s.variants = [okafor])),
      { audioExists: (ref) => ref !== 'test-scenario/address-okafor' },
    );
    expect(result).toEqual([
      {
        ...problem(
          '$.variants[0].lines.address.audio',
          'missing audio file for "test-scenario/address-okafor" (looked for audio/test-scenario/address-okafor.{opus,ogg,mp3,wav})',
        ),
        severity: 'warning',
      },
    ]);
  });

  it('rejects a variant that tries to change what is scored (schema: only surface fields)', () => {
    const scored = edited((s) => (s.variants = [{ ...okafor, cad: { callTime: '02:00' } } as never]));
    expect(problemsOf(scored)).toEqual([
      problem('$.variants[0].cad', 'unknown field "callTime" (misspelt?)'),
    ]);
  });
});

describe('validateScenario: what the caller reveals', () => {
  it('rejects a line revealing a fact the call does not have', () => {
    const s = edited((s) => {
      at(state(s, 'screened').lines, 0).reveals = ['self-harm-ideation', 'weapon'];
    });
    expect(problemsOf(s)).toContainEqual(
      problem(
        '$.states.screened.lines[0].reveals[1]',
        'reveals "weapon", which is not in facts.present: add it there or remove it here',
      ),
    );
  });

  it('rejects a fact revealed only under a condition that can never hold', () => {
    const s = edited((s) => {
      s.facts.present = ['self-harm-ideation', 'weapon'];
      state(s, 'screened').responses?.push({
        on: { type: 'ask', question: 'safety.weapon' },
        when: { asked: ['case.address'], notAsked: ['case.address'] },
        say: [line('gun', 'He has a gun.', { reveals: ['weapon'] })],
      });
    });
    expect(problemsOf(s)).toContainEqual(
      problem(
        '$.facts.present[1]',
        'fact "weapon" is revealed only by lines that can never be said ($.states.screened.responses[1].say[0]): their condition cannot hold, or an earlier response always answers first',
      ),
    );
  });

  it('rejects a fact revealed only by a response an earlier one always answers first', () => {
    const s = edited((s) => {
      s.facts.present = ['self-harm-ideation', 'weapon'];
      state(s, 'screened').responses?.push(
        { on: { type: 'ask', question: 'safety.medical' }, say: [line('fine', 'He is fine.')] },
        {
          on: { type: 'ask', question: 'safety.medical' },
          say: [line('gun', 'He has a gun.', { reveals: ['weapon'] })],
        },
      );
    });
    expect(problemsOf(s).map((p) => p.path)).toContain('$.facts.present[1]');
  });

  it('requires priority 1 and the unsafe-diversion error when imminent risk is present', () => {
    const s = edited((s) => {
      s.facts.present = ['self-harm-ideation', 'imminent-risk'];
      at(state(s, 'screened').lines, 0).reveals = ['self-harm-ideation', 'imminent-risk'];
    });
    expect(problemsOf(s)).toEqual([
      problem('$.answerKey.priority', 'imminent risk is an active threat to life: the priority must be 1'),
      problem(
        '$.answerKey.criticalErrors',
        'fact "imminent-risk" is present, so the answer key must list the critical error "unsafe-diversion"',
      ),
    ]);
  });

  it('warns of a line that names what the caller has not revealed yet on some path', () => {
    const s = edited((s) => {
      s.facts.present = ['self-harm-ideation', 'self-harm-means'];
      at(state(s, 'screened').lines, 0).text = 'He is at home with a bottle of pills.';
      at(state(s, 'screened').lines, 0).reveals = ['self-harm-ideation', 'self-harm-means'];
      s.defaultResponses?.push({
        on: { type: 'ask', question: 'safety.crime-in-progress' },
        say: [line('crime', 'No. Just the pills, I guess?')],
      });
    });
    const result = validateScenario(s, { questions });
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([
      {
        path: '$.defaultResponses[1].say[0].text',
        message:
          'says "pills", which the caller otherwise mentions only when revealing "self-harm-ideation" or "self-harm-means"; on some path this line comes first and gives it away (reword it, or add the fact to its reveals)',
        severity: 'warning',
      },
    ]);
  });

  it('does not warn of a word the caller has already said on every path', () => {
    const s = edited((s) => {
      s.facts.present = ['self-harm-ideation', 'self-harm-means'];
      at(state(s, 'opening').lines, 0).text = 'My brother texted that he took some pills out of the cabinet.';
      at(state(s, 'opening').lines, 0).reveals = ['self-harm-means'];
      at(state(s, 'screened').lines, 0).reveals = ['self-harm-ideation'];
      s.defaultResponses?.push({
        on: { type: 'ask', question: 'safety.crime-in-progress' },
        say: [line('crime', 'No. Just the pills, I guess?')],
      });
    });
    expect(validateScenario(s, { questions }).problems).toEqual([]);
    // Said first without revealing anything, the word is flagged there, once, not at every later line.
    const early = edited((s) => {
      s.facts.present = ['self-harm-ideation', 'self-harm-means'];
      at(state(s, 'opening').lines, 0).text = 'He keeps going on about pills.';
      at(state(s, 'screened').lines, 0).text = 'He has a bottle of pills.';
      at(state(s, 'screened').lines, 0).reveals = ['self-harm-ideation', 'self-harm-means'];
      s.defaultResponses?.push({
        on: { type: 'ask', question: 'safety.crime-in-progress' },
        say: [line('crime', 'No. Just the pills, I guess?')],
      });
    });
    expect(validateScenario(early, { questions }).problems.map((p) => p.path)).toEqual([
      '$.states.opening.lines[0].text',
    ]);
  });
});

describe('validateScenario: voice, story hours and rationale', () => {
  it('rejects a caller voice the audio pipeline does not have', () => {
    expect(problemsOf(scenarioInput(), { voices: ['female-adult', 'male-adult'] })).toEqual([
      problem('$.caller.voice', 'unknown voice "female-1" (known: female-adult, male-adult)'),
    ]);
  });

  it('warns of a line tied to an hour when the story has no hours, and rejects a call time outside them', () => {
    const late = edited((s) => {
      at(state(s, 'opening').lines, 0).text = 'Sorry to call so late. My brother keeps texting me.';
    });
    expect(problemsOf(late)).toEqual([
      {
        ...problem(
          '$.states.opening.lines[0].text',
          'says "so late", which fits only some hours: set cad.storyHours to the hours the call\'s words fit, or reword the line',
        ),
        severity: 'warning',
      },
    ]);
    const night = edited((s) => {
      at(state(s, 'opening').lines, 0).text = 'Sorry to call so late. My brother keeps texting me.';
      s.cad.storyHours = { from: '21:00', to: '05:00' };
    });
    expect(problemsOf(night)).toEqual([
      problem(
        '$.cad.callTime',
        "the call time 14:00 is outside the story's hours 21:00–05:00 (cad.storyHours)",
      ),
    ]);
  });

  it('warns when the key screens for a weapon but not for danger, which centers exclude together', () => {
    const profiles = [...bundledProfiles().values()];
    const half = problemsOf(scenarioInput(), { profiles }).filter(
      (p) => p.path === '$.answerKey.requiredQuestions',
    );
    expect(half).toHaveLength(1);
    expect(half[0]).toMatchObject({ severity: 'warning' });
    expect(half[0]!.message).toMatch(
      /^screens for weapon but not threat-to-others, which .* screens for together/,
    );
    expect(half[0]!.message).toContain('safety.danger-to-others');
    const whole = edited((s) => {
      s.answerKey.requiredQuestions.push('safety.danger-to-others');
    });
    expect(problemsOf(whole, { profiles })).toEqual([]);
    const police = edited((s) => {
      s.answerKey.disposition = 'police-required';
    });
    expect(
      problemsOf(police, { profiles }).filter((p) => p.path === '$.answerKey.requiredQuestions'),
    ).toEqual([]);
  });

  it('warns when the routing rationale recommends a unit some center would not expect', () => {
    const profiles = [...bundledProfiles().values()];
    const s = edited((s) => {
      s.answerKey.rationale.routing =
        'Send the mobile crisis team. At a center with a clinician, hand her over.';
    });
    const problems = problemsOf(s, { profiles }).filter((p) => p.path.startsWith('$.answerKey.rationale'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: '$.answerKey.rationale.routing', severity: 'warning' });
    expect(problems[0]!.message).toMatch(
      /^"Send the mobile crisis team\." recommends mobile-crisis, but crisis-line-transfer \(1B\) at \d\d:\d\d expects crisis-line/,
    );
    // Every center that would not expect the team is named, so one edit fixes them all.
    expect(problems[0]!.message).toMatch(/embedded-clinician-day \(1C\) at \d\d:\d\d expects/);
    expect(problems[0]!.message).not.toMatch(/dispatcher-routing|dual-cad-flag/);
    // Said per model, the same advice is fine.
    const byModel = edited((s) => {
      s.answerKey.rationale.routing = 'She needs a clinician to talk with today.';
      s.answerKey.rationale.routingByModel = {
        '1A': 'Send the mobile crisis team.',
        '1F': 'Send the mobile crisis team.',
      };
    });
    expect(
      problemsOf(byModel, { profiles }).filter((p) => p.path.startsWith('$.answerKey.rationale')),
    ).toEqual([]);
    // Text already under a model is checked at that model's hours, and the advice fits where it is.
    const offShift = edited((s) => {
      s.answerKey.rationale.routing = 'She needs a clinician to talk with today.';
      s.answerKey.rationale.routingByModel = { '1C': 'Hand her to the embedded clinician.' };
    });
    const onRationale = problemsOf(offShift, { profiles }).filter((p) =>
      p.path.startsWith('$.answerKey.rationale'),
    );
    expect(onRationale).toHaveLength(1);
    const [night] = onRationale;
    expect(night?.path).toBe('$.answerKey.rationale.routingByModel.1C');
    expect(night?.message).toMatch(/embedded-clinician-day \(1C\) at \d\d:\d\d expects crisis-line/);
    expect(night?.message).toContain('When the clinician is on duty');
    expect(night?.message).not.toContain('own text in routingByModel');
  });
});
