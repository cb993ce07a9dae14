import { describe, expect, it } from 'vitest';
import type { ScriptedAction } from '../format/actions';
import type { Scenario } from '../format/scenario';
import { runScript } from '../engine/run-script';
import { armedScenario, line, scenario } from '$tests/support/factories';
import { bundledQuestions, profile } from '$tests/support/profiles';
import { readKnowledge } from './knowledge';
import { scoreAttempt, type ScoreReport } from './score';

const questions = bundledQuestions();
const clinicianDay = profile('embedded-clinician-day');

/**
 * The factory call where the weapon comes out only as the caller is being put through: asked about
 * weapons she says no; when the transfer starts she reads a new text with a photo of a gun.
 */
function lateWeapon(): Scenario {
  const base = scenario();
  const screened = base.states.screened!;
  return {
    ...base,
    facts: { ...base.facts, present: ['self-harm-ideation', 'weapon'] },
    states: {
      ...base.states,
      screened: {
        ...screened,
        responses: [
          ...screened.responses,
          {
            on: { type: 'transfer', to: 'embedded-clinician' },
            say: [line('photo', 'Wait. He just sent me a photo of a gun.', { reveals: ['weapon'] })],
          },
        ],
      },
    },
    answerKey: {
      ...base.answerKey,
      criticalErrors: [{ kind: 'unsafe-diversion', rationale: 'A gun rules out a clinician-only response.' }],
    },
  };
}

const SCREEN: ScriptedAction[] = [
  { type: 'answer' },
  { type: 'ask', question: 'case.address' },
  { type: 'ask', question: 'safety.weapon' },
  { type: 'code', callType: 'suicidal-ideation' },
  { type: 'priority', priority: 3 },
];
const TRANSFER: ScriptedAction[] = [
  { type: 'brief', to: 'embedded-clinician' },
  { type: 'transfer', to: 'embedded-clinician' },
];

function play(s: Scenario, actions: ScriptedAction[]): ScoreReport {
  const run = runScript(s, actions);
  expect(run.rejected).toEqual([]);
  return scoreAttempt({ scenario: s, profile: clinicianDay, questions, log: run.log, callTime: '14:00' });
}
const kinds = (r: ScoreReport) => r.criticalErrors.map((c) => c.kind);

describe('decisions judged on what was known at the moment', () => {
  it('does not call a transfer unsafe because of a weapon revealed after it started', () => {
    const r = play(lateWeapon(), [
      ...SCREEN,
      ...TRANSFER,
      { type: 'recall' },
      { type: 'dispatch', resource: 'police' },
      { type: 'end' },
    ]);
    expect(kinds(r)).toEqual([]);
    expect(r.expected.best.resources).toEqual(['police']);
    expect(r.decision.resources).toEqual(['police']);
    // A recalled transfer handed nobody over: there is no handoff to judge.
    expect(r.categories.find((c) => c.id === 'handoff')?.applicable).toBe(false);
  });

  it('accepts police sent within the re-route window with the counselor still on the line', () => {
    const r = play(lateWeapon(), [
      ...SCREEN,
      ...TRANSFER,
      { type: 'dispatch', resource: 'police', at: 40 },
      { type: 'end' },
    ]);
    expect(kinds(r)).toEqual([]);
  });

  it('makes it critical to leave the clinician-only response in place after the weapon came out', () => {
    const ended = play(lateWeapon(), [...SCREEN, ...TRANSFER, { type: 'wait', seconds: 7 }, { type: 'end' }]);
    expect(kinds(ended)).toEqual(['unsafe-diversion']);
    expect(ended.criticalErrors[0]!.what).toMatch(
      /^The call ended with only Center clinician \(warm handoff\) responding, although the caller had said there was a weapon\.$/,
    );

    const late = play(lateWeapon(), [
      ...SCREEN,
      ...TRANSFER,
      { type: 'wait', seconds: 60 },
      { type: 'dispatch', resource: 'police' },
      { type: 'end' },
    ]);
    expect(kinds(late)).toEqual(['unsafe-diversion']);
    expect(late.criticalErrors[0]!.what).toMatch(
      /left on its own for 6\d s after the caller had said there was a weapon; police should be on the way within 30 s/,
    );
  });

  it('makes a transfer made after the weapon was revealed critical, even with police sent right after', () => {
    const r = play(armedScenario(), [
      ...SCREEN,
      ...TRANSFER,
      { type: 'dispatch', resource: 'police' },
      { type: 'wait', seconds: 7 },
      { type: 'end' },
    ]);
    expect(kinds(r)).toEqual(['unsafe-diversion']);
    expect(r.criticalErrors[0]!.what).toContain('although the caller had said there was a weapon');
  });

  it('counts a skipped required question as knowing its answer', () => {
    const r = play(armedScenario(), [
      { type: 'answer' },
      { type: 'ask', question: 'case.address' },
      { type: 'ask', question: 'safety.medical' },
      { type: 'code', callType: 'suicidal-ideation' },
      { type: 'priority', priority: 3 },
      ...TRANSFER,
      { type: 'wait', seconds: 7 },
      { type: 'end' },
    ]);
    expect(kinds(r)).toContain('unsafe-diversion');
    expect(r.criticalErrors[0]!.what).toContain(
      'a weapon would have come out had you asked "Does anyone there have a weapon, or access to one?"',
    );
    expect(r.facts).toEqual([
      { fact: 'self-harm-ideation' },
      expect.objectContaining({
        fact: 'weapon',
        skipped: expect.objectContaining({ question: 'safety.weapon' }),
      }),
    ]);
  });

  it('shows in the report when each fact came out', () => {
    const r = play(lateWeapon(), [
      ...SCREEN,
      ...TRANSFER,
      { type: 'recall' },
      { type: 'dispatch', resource: 'police' },
      { type: 'end' },
    ]);
    expect(r.facts?.find((f) => f.fact === 'weapon')?.revealed?.line).toBe('photo');
  });
});

describe('knowledge', () => {
  it('knows a fact from the line that revealed it, and from the start while a required question that brings it out is unasked', () => {
    const s = armedScenario();
    const run = runScript(s, [{ type: 'answer' }, { type: 'ask', question: 'safety.weapon' }]);
    const k = readKnowledge(s, run.log);
    const answered = run.log.findIndex((e) => e.kind === 'trainee' && e.action.type === 'ask');
    expect(k.askedFor.get('weapon')).toEqual(['safety.weapon']);
    expect(k.before(0).has('weapon')).toBe(true);
    expect(k.skippedFor('weapon', 0)).toBe('safety.weapon');
    expect(k.skippedFor('weapon', answered + 1)).toBeUndefined();
    expect(k.before(run.log.length).has('weapon')).toBe(true);
    expect(k.revealed.get('weapon')?.line.id).toBe('gun');
  });
});

describe('units', () => {
  it('judges what was responding when the call ended: a cancelled unit is not sent', () => {
    const r = play(scenario(), [
      ...SCREEN,
      { type: 'dispatch', resource: 'police' },
      { type: 'cancel', resource: 'police' },
      ...TRANSFER,
      { type: 'wait', seconds: 7 },
      { type: 'end' },
    ]);
    expect(r.decision.resources).toEqual(['embedded-clinician']);
    expect(r.pointsLost.filter((p) => p.category === 'routing')).toEqual([]);
  });

  it('never charges EMS added to the right response', () => {
    const r = play(scenario(), [
      ...SCREEN,
      { type: 'dispatch', resource: 'ems' },
      ...TRANSFER,
      { type: 'wait', seconds: 7 },
      { type: 'end' },
    ]);
    expect(r.pointsLost.filter((p) => p.category === 'routing')).toEqual([]);
    expect(r.level).toBe('high');
  });
});

describe('imminent risk', () => {
  /** The factory call where the brother is, right now, on the roof edge: revealed when screened. */
  function onTheEdge(): Scenario {
    const base = scenario();
    const screened = base.states.screened!;
    return {
      ...base,
      facts: { ...base.facts, present: ['self-harm-ideation', 'imminent-risk'] },
      states: {
        ...base.states,
        screened: {
          ...screened,
          lines: [
            line('edge', 'He is on the roof edge right now, saying he will jump.', {
              reveals: ['self-harm-ideation', 'imminent-risk'],
            }),
          ],
        },
      },
      answerKey: {
        ...base.answerKey,
        priority: 1,
        criticalErrors: [{ kind: 'unsafe-diversion', rationale: 'He is about to jump.' }],
      },
    };
  }
  const P1: ScriptedAction[] = [
    { type: 'answer' },
    { type: 'ask', question: 'case.address' },
    { type: 'ask', question: 'safety.weapon' },
    { type: 'code', callType: 'suicidal-ideation' },
    { type: 'priority', priority: 1 },
  ];

  it('makes a phone-only route a critical error at every center', () => {
    const r = play(onTheEdge(), [...P1, ...TRANSFER, { type: 'wait', seconds: 7 }, { type: 'end' }]);
    expect(kinds(r)).toEqual(['unsafe-diversion']);
    expect(r.criticalErrors[0]!.what).toContain('with no police on the way');
  });

  it('expects police and EMS, accepts police alone for less; EMS alone is unsafe: nobody who can stop him', () => {
    const both = play(onTheEdge(), [
      ...P1,
      { type: 'dispatch', resource: 'police' },
      { type: 'dispatch', resource: 'ems' },
      { type: 'end' },
    ]);
    expect(kinds(both)).toEqual([]);
    expect(both.pointsLost.filter((p) => p.category === 'routing')).toEqual([]);
    const policeOnly = play(onTheEdge(), [...P1, { type: 'dispatch', resource: 'police' }, { type: 'end' }]);
    expect(policeOnly.pointsLost.filter((p) => p.category === 'routing').map((p) => p.rule)).toEqual([
      'routing.acceptable-not-best',
    ]);
    const emsOnly = play(onTheEdge(), [...P1, { type: 'dispatch', resource: 'ems' }, { type: 'end' }]);
    expect(kinds(emsOnly)).toEqual(['unsafe-diversion']);
    expect(emsOnly.pointsLost.filter((p) => p.category === 'routing').map((p) => p.rule)).toEqual([
      'routing.wrong',
    ]);
    // EMS with a counselor on the phone and no police: a clinician-only answer to an act about to happen.
    const emsAndPhone = play(onTheEdge(), [
      ...P1,
      { type: 'dispatch', resource: 'ems' },
      ...TRANSFER,
      { type: 'wait', seconds: 7 },
      { type: 'end' },
    ]);
    expect(kinds(emsAndPhone)).toEqual(['unsafe-diversion']);
  });
});
