import { ScenarioFile, type CallerLine, type Scenario, type ScenarioInput } from '$core/format/scenario';
import { contentHash } from '$core/review/content-hash';

/** Test data: a small, valid scenario to adjust per test. Not clinical content. */

export function line(id: string, text = `line ${id}`, extra: Partial<CallerLine> = {}): CallerLine {
  return { id, text, audio: `test-scenario/${id}`, emotion: 'worried', reveals: [], ...extra };
}

export function scenarioInput(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    formatVersion: 1,
    id: 'test-scenario',
    title: 'Test scenario',
    summary: 'A caller worried about her brother.',
    callTypes: ['welfare-check'],
    difficulty: 'academy',
    learningObjectives: ['Ask the safety screen before routing'],
    estimatedMinutes: 4,
    sources: [{ ref: 'seed:001#decision-5' }],
    review: { status: 'draft' },
    caller: { description: 'Sister, 30s', voice: 'female-1' },
    cad: {
      callTime: '14:00',
      callbackNumber: '555-0100',
      address: '12 Elm St',
      locationConfidence: 'high',
      callerRelationship: 'sibling',
      callerWithPerson: false,
    },
    facts: { present: ['self-harm-ideation'], behavioralHealth: true, involved: ['brother, 34'] },
    start: 'opening',
    states: {
      opening: {
        lines: [line('open', 'My brother keeps texting me that he wants to die.')],
        responses: [
          {
            on: { type: 'ask', question: 'safety.weapon' },
            say: [line('no-weapon', 'No, no weapons.')],
            goto: 'screened',
          },
          { on: { type: 'deescalate' }, say: [line('calmer', 'Okay. Okay.')] },
        ],
        timeouts: [
          { afterSeconds: 30, say: [line('gone', 'Forget it.', { emotion: 'angry' })], goto: 'hung-up' },
        ],
      },
      screened: {
        lines: [line('screened', 'He is at home, alone.', { reveals: ['self-harm-ideation'] })],
        routing: true,
        responses: [
          {
            on: { type: 'transfer', to: 'embedded-clinician' },
            when: { notAsked: ['case.address'] },
            say: [line('where', 'Wait, you do not even know where he lives!')],
            goto: 'refused',
          },
        ],
      },
      refused: { lines: [line('refused-line', 'I am not talking to anyone else.')], routing: true },
      'hung-up': { end: 'hangup' },
    },
    defaultResponses: [
      { on: { type: 'ask', question: 'case.address' }, say: [line('address', '12 Elm Street.')] },
    ],
    answerKey: {
      disposition: 'clinician-phone',
      alternatives: ['mobile-crisis'],
      priority: 3,
      callTypes: ['suicidal-ideation'],
      requiredQuestions: ['case.address', 'safety.weapon'],
      rationale: {
        safetyScreen: 'Test rationale: screen for weapons first.',
        recognition: 'Test rationale: the texts are suicidal ideation.',
        routing: 'Test rationale: a phone assessment fits.',
        priority: 'Test rationale: no immediate danger.',
      },
      sources: [{ ref: 'seed:001#decision-5' }],
    },
    ...overrides,
  };
}

export function scenario(overrides: Partial<ScenarioInput> = {}): Scenario {
  return ScenarioFile.parse(scenarioInput(overrides));
}

/**
 * The factory call with a gun in the house, which the caller reveals when asked about weapons:
 * police is then required at every center. `overrides` apply on top (e.g. another id).
 */
export function armedScenario(overrides: Partial<ScenarioInput> = {}): Scenario {
  const base = scenarioInput();
  const states = base.states as Record<string, NonNullable<ScenarioInput['states']>[string]>;
  const opening = states.opening!;
  return scenario({
    facts: { present: ['self-harm-ideation', 'weapon'], behavioralHealth: true, involved: ['brother, 34'] },
    states: {
      ...states,
      opening: {
        ...opening,
        responses: (opening.responses ?? []).map((r) =>
          r.on.type === 'ask' && r.on.question === 'safety.weapon'
            ? { ...r, say: [line('gun', "He has our dad's gun in his room.", { reveals: ['weapon'] })] }
            : r,
        ),
      },
    },
    answerKey: {
      ...base.answerKey,
      criticalErrors: [{ kind: 'unsafe-diversion', rationale: 'He has a gun in the house.' }],
    },
    ...overrides,
  });
}

/** The factory scenario with some caller states replaced or added. */
export function withStates(states: ScenarioInput['states'], extra: Partial<ScenarioInput> = {}): Scenario {
  return scenario({ ...extra, states: { ...scenarioInput().states, ...states } });
}

/**
 * The factory scenario with a dead end: "stuck" is reachable (asking who is involved) and has no
 * responses, no timed events, no routing point and no hang-up.
 */
export function deadEndScenario(): Scenario {
  return withStates({
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
      timeouts: [{ afterSeconds: 30, say: [line('gone')], goto: 'hung-up' }],
    },
    stuck: { lines: [line('stuck-line', 'I do not know what to say.')] },
  });
}

/** A scenario as a clinician approved it: a (test) reviewer and the hash of exactly this content. */
export function approvedScenario(s: Scenario): Scenario {
  const reviewer = { name: 'Test Reviewer', credential: 'LPC' as const };
  return { ...s, review: { status: 'approved', reviewer, date: '2026-01-01', contentHash: contentHash(s) } };
}

/** The factory call under another id, approved: for libraries of several assessable calls. */
export function approvedCall(id: string): Scenario {
  return approvedScenario(scenario({ id, title: `Call ${id}` }));
}
