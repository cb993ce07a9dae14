import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AttemptRecord } from '$app/platform/storage/types';
import { runScript } from '../engine/run-script';
import type { ScriptedAction } from '../format/actions';
import type { Scenario } from '../format/scenario';
import { SAFETY_FACTS } from '../format/vocabulary';
import { scoreAttempt } from '../scoring/score';
import { armedScenario, scenario, scenarioInput } from '$tests/support/factories';
import { bundledProfiles, bundledQuestions, profile } from '$tests/support/profiles';
import {
  COMPETENCIES,
  COMPETENCY_IDS,
  competenciesTrained,
  competencyEvidence,
  SAFETY_COMPETENCY,
  screenedFacts,
  type AttemptInput,
  type CompetencyId,
} from './competencies';

const questions = bundledQuestions();
const profiles = [...bundledProfiles().values()];
const key = scenarioInput().answerKey;

/** The factory call, requiring a weapon, a medical and a self-harm question besides the address. */
const screened: Scenario = scenario({
  answerKey: {
    ...key,
    requiredQuestions: ['case.address', 'safety.weapon', 'safety.medical', 'safety.self-harm-thoughts'],
  },
});
/** The same call with a knife in the house: police is required at every center. */
const knife: Scenario = armedScenario({ id: 'knife' });
const notBh: Scenario = scenario({
  id: 'not-bh',
  facts: { present: [], behavioralHealth: false, involved: ['neighbour'] },
});
const scenarios = [screened, knife, notBh];

const CODE: ScriptedAction[] = [
  { type: 'code', callType: 'suicidal-ideation' },
  { type: 'priority', priority: 3 },
];
const WARM: ScriptedAction[] = [
  { type: 'brief', to: 'embedded-clinician' },
  { type: 'transfer', to: 'embedded-clinician' },
  { type: 'wait', seconds: 7 },
  { type: 'end' },
];
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 2, 3, 9);

/** A finished attempt with a real report: the script played and scored at that center. */
function attempt(
  id: string,
  s: Scenario,
  script: ScriptedAction[],
  options: { profileId?: string; finishedAt?: number } = {},
): AttemptInput {
  const p = profile(options.profileId ?? 'embedded-clinician-day');
  const run = runScript(s, script, { profile: p });
  expect(run.rejected).toEqual([]);
  return {
    id,
    mode: 'assessment',
    finishedAt: options.finishedAt ?? T0,
    report: scoreAttempt({ scenario: s, profile: p, questions, log: run.log }),
  };
}

const evidenceOf = (...attempts: AttemptInput[]) =>
  competencyEvidence(attempts, scenarios, profiles, questions);
const exercised = (e: ReturnType<typeof evidenceOf>) => COMPETENCY_IDS.filter((id) => e[id].length > 0);

describe('the competency model', () => {
  it('has unique ids and one safety competency for every safety fact', () => {
    expect(new Set(COMPETENCY_IDS).size).toBe(COMPETENCIES.length);
    for (const fact of SAFETY_FACTS) expect(SAFETY_COMPETENCY[fact], fact).toMatch(/^safety-screen\./);
    expect(SAFETY_COMPETENCY.weapon).toBe('safety-screen.weapons');
    expect(SAFETY_COMPETENCY['crime-in-progress']).toBe('safety-screen.threats');
    expect(SAFETY_COMPETENCY.intoxication).toBe('safety-screen.medical');
    expect(SAFETY_COMPETENCY['self-harm-means']).toBe('safety-screen.self-harm');
  });

  it('covers routing under each dispatch model of the bundled profiles', () => {
    for (const p of profiles) expect(COMPETENCY_IDS).toContain(`routing.${p.model}`);
  });

  it('says what a scenario trains at a center and time', () => {
    const day = profile('embedded-clinician-day');
    expect(competenciesTrained(screened, day, questions)).toEqual([
      'case-entry',
      'safety-screen.weapons',
      'safety-screen.medical',
      'safety-screen.self-harm',
      'recognition.hidden-bh',
      'routing.1C',
      'handoff',
      'timeliness',
    ]);
    // With a knife in the house the call stays with police: no warm transfer to train.
    expect(competenciesTrained(knife, day, questions)).not.toContain('handoff');
    expect(competenciesTrained(notBh, profile('dispatcher-routing'), questions)).toEqual([
      'case-entry',
      'safety-screen.weapons',
      'routing.1A',
      'handoff',
      'timeliness',
    ]);
  });

  it("accepts the app's stored attempts as they are", () => {
    expectTypeOf<AttemptRecord>().toExtend<AttemptInput>();
  });
});

describe('evidence from a scored attempt', () => {
  it('splits the safety screen by what each question screens for, and keeps the points lost', () => {
    const e = evidenceOf(
      attempt('a1', screened, [
        { type: 'answer' },
        { type: 'ask', question: 'case.address' },
        { type: 'ask', question: 'safety.weapon' },
        { type: 'ask', question: 'safety.medical' },
        ...CODE,
        ...WARM,
      ]),
    );
    expect(exercised(e)).toEqual([
      'case-entry',
      'safety-screen.weapons',
      'safety-screen.medical',
      'safety-screen.self-harm',
      'recognition.hidden-bh',
      'routing.1C',
      'handoff',
      'timeliness',
    ]);
    expect(e['safety-screen.weapons'][0]).toMatchObject({
      attemptId: 'a1',
      scenarioId: screened.id,
      at: T0,
      score: 1,
      earned: 8.3,
      possible: 8.3,
      pointsLost: [],
    });
    expect(e['safety-screen.medical'][0]?.score).toBe(1);
    const selfHarm = e['safety-screen.self-harm'][0]!;
    expect(selfHarm).toMatchObject({ score: 0, earned: 0, possible: 8.3 });
    expect(selfHarm.pointsLost.map((p) => p.rule)).toEqual(['safety-screen.not-asked']);
    expect(selfHarm.pointsLost[0]?.what).toContain('killing themselves');
    for (const id of [
      'case-entry',
      'recognition.hidden-bh',
      'routing.1C',
      'handoff',
      'timeliness',
    ] as const) {
      expect(e[id][0]?.score, id).toBe(1);
    }
  });

  it('gives half for a question asked after routing, and reads routing and handoff only when they applied', () => {
    const e = evidenceOf(
      attempt(
        'a2',
        screened,
        [
          { type: 'answer' },
          { type: 'ask', question: 'case.address' },
          { type: 'ask', question: 'safety.weapon' },
          { type: 'ask', question: 'safety.self-harm-thoughts' },
          ...CODE,
          { type: 'dispatch', resource: 'mobile-crisis' },
          { type: 'ask', question: 'safety.medical' },
          { type: 'end' },
        ],
        { profileId: 'dual-cad-flag' },
      ),
    );
    expect(e['safety-screen.medical'][0]).toMatchObject({ score: 0.5, earned: 4.2, possible: 8.3 });
    expect(e['safety-screen.medical'][0]?.pointsLost.map((p) => p.rule)).toEqual([
      'safety-screen.asked-after-routing',
    ]);
    // At this center mobile crisis is acceptable here, but the clinician is best.
    expect(e['routing.1F'][0]).toMatchObject({ score: 0.8, earned: 24, possible: 30 });
    expect(e['routing.1F'][0]?.pointsLost.map((p) => p.rule)).toEqual(['routing.acceptable-not-best']);
    expect(e.handoff).toEqual([]);
  });

  it('zeroes the competency a critical error falls in, whatever its points', () => {
    const e = evidenceOf(
      attempt('a3', knife, [{ type: 'answer' }, { type: 'ask', question: 'case.address' }, ...CODE, ...WARM]),
    );
    const routing = e['routing.1C'][0]!;
    expect(routing.score).toBe(0);
    expect(routing.criticalErrors.map((c) => c.kind)).toEqual(['unsafe-diversion']);
    const weapons = e['safety-screen.weapons'][0]!;
    expect(weapons.score).toBe(0);
    expect(weapons.criticalErrors.map((c) => c.kind)).toEqual(['no-safety-screen']);
    // Case entry was done right and is not dragged down by errors elsewhere.
    expect(e['case-entry'][0]).toMatchObject({ score: 1, criticalErrors: [] });
  });

  it('files routing under the model of the center the attempt was played at', () => {
    const screen: ScriptedAction[] = [
      { type: 'answer' },
      { type: 'ask', question: 'case.address' },
      { type: 'ask', question: 'safety.weapon' },
      { type: 'ask', question: 'safety.medical' },
      { type: 'ask', question: 'safety.self-harm-thoughts' },
      ...CODE,
      { type: 'route' },
      { type: 'end' },
    ];
    const e = evidenceOf(
      attempt('1a', screened, screen, { profileId: 'dispatcher-routing', finishedAt: T0 + 1 }),
      attempt('1b', screened, screen, { profileId: 'crisis-line-transfer', finishedAt: T0 + 2 }),
      attempt('1f', screened, screen, { profileId: 'dual-cad-flag', finishedAt: T0 + 3 }),
    );
    expect(e['routing.1A'].map((o) => o.attemptId)).toEqual(['1a']);
    expect(e['routing.1B'].map((o) => o.attemptId)).toEqual(['1b']);
    expect(e['routing.1F'].map((o) => o.attemptId)).toEqual(['1f']);
    expect(e['routing.1C']).toEqual([]);
    expect(e.timeliness.map((o) => o.attemptId)).toEqual(['1a', '1b', '1f']);
  });

  it('counts hidden behavioral-health recognition only on behavioral-health scenarios', () => {
    const e = evidenceOf(
      attempt('n1', notBh, [
        { type: 'answer' },
        { type: 'ask', question: 'case.address' },
        { type: 'ask', question: 'safety.weapon' },
        ...CODE,
        { type: 'route' },
        { type: 'end' },
      ]),
    );
    expect(e['recognition.hidden-bh']).toEqual([]);
    expect(e['case-entry']).toHaveLength(1);
  });
});

describe('which attempts count', () => {
  const good: ScriptedAction[] = [
    { type: 'answer' },
    { type: 'ask', question: 'case.address' },
    { type: 'ask', question: 'safety.weapon' },
    ...CODE,
    ...WARM,
  ];

  it('keeps finished attempts with a report, oldest first', () => {
    const late = attempt('late', knife, good, { finishedAt: T0 + 2 * DAY });
    const early = attempt('early', knife, good, { finishedAt: T0 });
    const { report: _report, ...unfinished } = attempt('open', knife, good);
    const e = competencyEvidence(
      [late, { ...unfinished, finishedAt: undefined }, early],
      scenarios,
      profiles,
      questions,
    );
    expect(e.timeliness.map((o) => [o.attemptId, o.at])).toEqual([
      ['early', T0],
      ['late', T0 + 2 * DAY],
    ]);
  });

  it('takes one trainee at a time', () => {
    const a = { ...attempt('a', knife, good), traineeId: 't1' };
    const b = { ...attempt('b', knife, good), traineeId: 't2' };
    expect(() => competencyEvidence([a, b], scenarios, profiles, questions)).toThrow(
      /more than one trainee: t1, t2/,
    );
    expect(
      competencyEvidence([a, { ...b, traineeId: 't1' }], scenarios, profiles, questions).timeliness,
    ).toHaveLength(2);
  });

  it('without the scenario or the profile, keeps what the report alone can tell', () => {
    const a = attempt('gone', knife, good);
    const e = competencyEvidence([a], [], [], questions);
    expect(exercised(e)).toEqual(['case-entry', 'handoff', 'timeliness'] satisfies CompetencyId[]);
  });

  it('still attributes a missed safety question after the bank rewords it', () => {
    const a = attempt('old', screened, [
      { type: 'answer' },
      { type: 'ask', question: 'case.address' },
      ...CODE,
      ...WARM,
    ]);
    const reworded = {
      ...questions,
      questions: questions.questions.map((q) =>
        q.id === 'safety.weapon' ? { ...q, text: 'Any weapons in the home?' } : q,
      ),
    };
    const lost = a.report!.pointsLost.find((p) => p.what.includes('weapon'))!;
    expect(screenedFacts(lost, reworded)).toEqual(['weapon']);
    const e = competencyEvidence([a], scenarios, profiles, reworded);
    expect(e['safety-screen.weapons'][0]?.pointsLost).toEqual([lost]);
  });
});
