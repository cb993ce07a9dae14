import type { ScenarioInput } from '$core/format/scenario';
import type { CallerLine } from '$core/format/scenario';

/**
 * Synthetic scenarios shaped like the bundled library (measured on it: 6–8 caller states, 31–35
 * lines, 0–3 questions that conditions look at, a de-escalation condition in most): 7 states, ~35
 * lines, two guarded questions, a timed event that waits for de-escalation, a hang-up and a
 * callback. Deterministic for a given index.
 */
export function generateScenario(index: number, states = 7): ScenarioInput {
  const id = `bench-${index}`;
  let n = 0;
  const say = (text: string): CallerLine => {
    n += 1;
    return {
      id: `l${n}`,
      text: `${text} (${index}.${n})`,
      audio: `${id}/l${n}`,
      emotion: n % 3 === 0 ? 'frantic' : 'worried',
      reveals: n === 2 ? ['self-harm-ideation'] : [],
    };
  };
  const questions = [
    'safety.weapon',
    'safety.danger-to-others',
    'safety.medical',
    'safety.self-harm-thoughts',
    'safety.self-harm-plan',
    'clinical.history',
    'clinical.behaviour',
  ];
  const stateIds = Array.from({ length: states }, (_, i) => `s${i}`);
  const record: ScenarioInput['states'] = {};
  stateIds.forEach((sid, i) => {
    const next = stateIds[i + 1];
    const skip = stateIds[i + 2];
    // Two questions that conditions look at, as in the library; the rest vary by scenario.
    const q = questions[(i + index) % questions.length]!;
    const other = i % 2 === 0 ? 'clinical.history' : 'clinical.behaviour';
    record[sid] = {
      lines: [say('caller speaks'), say('caller goes on')],
      responses: next
        ? [
            {
              on: { type: 'ask', question: q },
              when: { notAsked: [other] },
              say: [say('answer')],
              goto: next,
            },
            {
              on: { type: 'ask', question: other },
              say: [say('other answer')],
              ...(skip ? { goto: skip } : { goto: next }),
            },
            { on: { type: 'deescalate' }, say: [say('calmer')] },
          ]
        : [],
      timeouts:
        i === 1
          ? [{ afterSeconds: 40, when: { deescalated: false }, say: [say('gives up')], goto: 'hung-up' }]
          : [],
      routing: i >= states - 3,
    };
  });
  record['hung-up'] = { end: 'hangup' };
  return {
    formatVersion: 1,
    id,
    title: `Benchmark scenario ${index}`,
    summary: 'Synthetic scenario for benchmarks.',
    callTypes: ['suicidal-ideation'],
    difficulty: 'intermediate',
    learningObjectives: ['benchmark'],
    estimatedMinutes: 5,
    sources: [{ ref: 'seed:001#decision-5' }],
    review: { status: 'draft' },
    caller: { description: 'Synthetic caller', voice: 'female-adult' },
    cad: {
      callTime: '14:00',
      callbackNumber: '555-0100',
      address: '1 Bench St',
      locationConfidence: 'high',
      callerRelationship: 'self',
      callerWithPerson: true,
    },
    facts: { present: ['self-harm-ideation'], behavioralHealth: true, involved: ['caller'] },
    start: 's0',
    states: record,
    defaultResponses: [{ on: { type: 'ask', question: 'case.address' }, say: [say('address')] }],
    callback: { say: [say('picks up again')], goto: 's2' },
    answerKey: {
      disposition: 'clinician-phone',
      alternatives: ['mobile-crisis'],
      priority: 3,
      callTypes: ['suicidal-ideation'],
      requiredQuestions: ['case.address', 'safety.weapon'],
      rationale: { safetyScreen: 'x', recognition: 'x', routing: 'x', priority: 'x' },
      sources: [{ ref: 'seed:001#decision-5' }],
    },
  };
}
