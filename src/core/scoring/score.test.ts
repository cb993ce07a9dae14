import { describe, expect, it } from 'vitest';
import type { ScriptedAction } from '../format/actions';
import type { Scenario } from '../format/scenario';
import type { ClockTime } from '../format/vocabulary';
import { expandRoute, runScript } from '../engine/run-script';
import { armedScenario, line, scenario } from '$tests/support/factories';
import { bundledQuestions, profile } from '$tests/support/profiles';
import { CATEGORIES, CRITICAL_CAP, SCORING_VERSION } from './rubric';
import { scoreAttempt, type ScoreReport } from './score';

const questions = bundledQuestions();

/** The factory call: sister worried about her brother's suicidal texts, clinician-eligible. */
const SCREEN: ScriptedAction[] = [
  { type: 'answer' },
  { type: 'ask', question: 'case.address' },
  { type: 'ask', question: 'safety.weapon' },
  { type: 'code', callType: 'suicidal-ideation' },
  { type: 'priority', priority: 3 },
];
const WARM_TRANSFER: ScriptedAction[] = [
  { type: 'brief', to: 'embedded-clinician' },
  { type: 'transfer', to: 'embedded-clinician' },
  { type: 'wait', seconds: 7 },
  { type: 'end' },
];

function play(
  actions: ScriptedAction[],
  options: { s?: Scenario; profileId?: string; at?: ClockTime } = {},
): ScoreReport {
  const s = options.s ?? scenario();
  const run = runScript(s, actions);
  return scoreAttempt({
    scenario: s,
    profile: profile(options.profileId ?? 'embedded-clinician-day'),
    questions,
    log: run.log,
    ...(options.at ? { callTime: options.at } : {}),
  });
}

const rules = (r: ScoreReport) => r.pointsLost.map((p) => p.rule);

/** The armed factory call, with the answer key's disposition and critical-error rationale given. */
function armedWith(key: { disposition?: Scenario['answerKey']['disposition']; rationale: string }): Scenario {
  const base = armedScenario();
  return {
    ...base,
    answerKey: {
      ...base.answerKey,
      ...(key.disposition ? { disposition: key.disposition } : {}),
      criticalErrors: [{ kind: 'unsafe-diversion', rationale: key.rationale }],
    },
  };
}
const category = (r: ScoreReport, id: string) => r.categories.find((c) => c.id === id)!;

/** The factory call whose opening line reveals a medical emergency, in the caller's words. */
function medicalCall(words: string, key: Partial<Scenario['answerKey']> = {}): Scenario {
  const base = scenario();
  return {
    ...base,
    facts: { ...base.facts, present: ['self-harm-ideation', 'medical-emergency'] },
    states: {
      ...base.states,
      opening: { ...base.states.opening!, lines: [line('open', words, { reveals: ['medical-emergency'] })] },
    },
    answerKey: { ...base.answerKey, ...key },
  };
}

describe('a textbook call', () => {
  const report = play([...SCREEN, ...WARM_TRANSFER]);

  it('earns every point, the top level, and no critical error', () => {
    expect(report.pointsLost).toEqual([]);
    expect(report.criticalErrors).toEqual([]);
    expect(report.total).toBe(100);
    expect(report.level).toBe('high');
    expect(report.scoringVersion).toBe(SCORING_VERSION);
  });

  it('reports the decision it judged', () => {
    expect(report.decision).toMatchObject({
      resources: ['embedded-clinician'],
      priority: 3,
      callType: 'suicidal-ideation',
    });
  });

  it('is a pure function of its inputs', () => {
    expect(play([...SCREEN, ...WARM_TRANSFER])).toEqual(report);
  });
});

describe('safety screen and case entry', () => {
  it('takes the share of a required question never asked, with the clinician rationale', () => {
    const actions: ScriptedAction[] = [
      { type: 'answer' },
      { type: 'ask', question: 'case.address' },
      { type: 'code', callType: 'suicidal-ideation' },
      { type: 'priority', priority: 3 },
      { type: 'dispatch', resource: 'mobile-crisis' },
      { type: 'end' },
    ];
    const r = play(actions);
    const lost = r.pointsLost.find((p) => p.rule === 'safety-screen.not-asked')!;
    expect(lost.points).toBe(25);
    expect(lost.what).toContain('Does anyone there have a weapon');
    expect(lost.rationale).toBe('Test rationale: screen for weapons first.');
    const routedAt = runScript(scenario(), actions).log.find(
      (e) => e.kind === 'trainee' && e.action.type === 'dispatch',
    )!;
    expect(lost.evidence).toEqual({ seq: routedAt.seq, at: routedAt.at });
    expect(category(r, 'safety-screen').earned).toBe(0);
  });

  it('gives half credit for a question asked only after routing', () => {
    const s = scenario();
    // The factory's opening only moves on with the weapon question, so route from the default state.
    const r = play(
      [
        { type: 'answer' },
        { type: 'ask', question: 'safety.weapon' },
        { type: 'code', callType: 'suicidal-ideation' },
        { type: 'priority', priority: 3 },
        { type: 'brief', to: 'embedded-clinician' },
        { type: 'dispatch', resource: 'mobile-crisis' },
        { type: 'ask', question: 'case.address' },
        { type: 'end' },
      ],
      { s },
    );
    const lost = r.pointsLost.find((p) => p.category === 'case-entry')!;
    expect(lost.rule).toBe('case-entry.asked-after-routing');
    expect(lost.points).toBe(5);
    expect(category(r, 'case-entry').earned).toBe(5);
  });
});

describe('routing errors', () => {
  it('flags an unsafe diversion on a weapon call as critical and caps the result', () => {
    const armed = armedWith({ rationale: 'He has a gun in the house.' });
    const r = play([...SCREEN, ...WARM_TRANSFER], { s: armed });
    expect(r.criticalErrors.map((c) => c.kind)).toEqual(['unsafe-diversion']);
    expect(r.criticalErrors[0]!.rationale).toBe('He has a gun in the house.');
    expect(r.criticalErrors[0]!.evidence).toBeDefined();
    expect(r.level).toBe('non-compliant');
    expect(r.total).toBeLessThanOrEqual(CRITICAL_CAP);
  });

  it('scores police on an eligible call as a missed diversion, not a critical error', () => {
    const r = play([...SCREEN, { type: 'dispatch', resource: 'police' }, { type: 'end' }]);
    expect(rules(r)).toContain('routing.missed-diversion');
    expect(category(r, 'routing').earned).toBe(0);
    expect(r.criticalErrors).toEqual([]);
  });

  it('scores police added on top of the right response as over-policing, a lesser error', () => {
    const over = play([...SCREEN, { type: 'dispatch', resource: 'police' }, ...WARM_TRANSFER]);
    expect(rules(over)).toEqual(['routing.over-policing']);
    expect(category(over, 'routing').earned).toBe(15);
  });

  it('gives no over-policing part credit on a call with a critical error, whatever rule found it', () => {
    // Transfer with no safety question (critical: no-safety-screen), then police on top. Without the
    // critical error this is over-policing (15 of 30); with it, routing earns nothing.
    const r = play([
      { type: 'answer' },
      { type: 'code', callType: 'suicidal-ideation' },
      { type: 'priority', priority: 3 },
      ...WARM_TRANSFER.slice(0, 3),
      { type: 'dispatch', resource: 'police' },
      { type: 'end' },
    ]);
    expect(r.criticalErrors.map((c) => c.kind)).toEqual(['no-safety-screen']);
    expect(rules(r)).toContain('routing.missed-diversion');
    expect(category(r, 'routing').earned).toBe(0);
  });

  it('does not charge over-policing on top of an acceptable answer that itself includes police', () => {
    const base = scenario();
    const s: Scenario = { ...base, answerKey: { ...base.answerKey, disposition: 'co-responder' } };
    const r = play(
      [
        ...SCREEN,
        { type: 'dispatch', resource: 'mobile-crisis' },
        { type: 'dispatch', resource: 'police' },
        { type: 'end' },
      ],
      { s, profileId: 'dispatcher-routing' },
    );
    expect(r.expected.acceptable.map((o) => o.resources)).toContainEqual(['mobile-crisis', 'police']);
    expect(r.pointsLost.filter((p) => p.category === 'routing').map((p) => p.rule)).toEqual([
      'routing.acceptable-not-best',
    ]);
  });

  it('accepts an alternative the clinician allows, for fewer points', () => {
    const r = play([
      ...SCREEN,
      { type: 'brief', to: 'crisis-line' },
      { type: 'transfer', to: 'crisis-line' },
      { type: 'wait', seconds: 7 },
      { type: 'end' },
    ]);
    expect(rules(r)).toContain('routing.acceptable-not-best');
    expect(category(r, 'routing').earned).toBe(24);
  });

  it('judges the same call differently at 02:00, when the clinician is off shift', () => {
    const night = play([...SCREEN, ...WARM_TRANSFER], { at: '02:00' });
    expect(rules(night)).toContain('routing.off-duty');
    expect(night.expected.best.resources).toEqual(['crisis-line']);
    const nightRight = play(
      [
        ...SCREEN,
        { type: 'brief', to: 'crisis-line' },
        { type: 'transfer', to: 'crisis-line' },
        { type: 'wait', seconds: 7 },
        { type: 'end' },
      ],
      { at: '02:00' },
    );
    expect(nightRight.level).toBe('high');
  });

  it('flags a diversion the caller refused as critical too: the decision was made', () => {
    const armed = armedWith({ rationale: 'He has a gun in the house.' });
    // Without the address asked, the factory caller refuses the clinician transfer.
    const r = play(
      [
        { type: 'answer' },
        { type: 'ask', question: 'safety.weapon' },
        { type: 'transfer', to: 'embedded-clinician' },
        { type: 'dispatch', resource: 'police' },
        { type: 'end' },
      ],
      { s: armed },
    );
    expect(r.criticalErrors.map((c) => c.kind)).toEqual(['unsafe-diversion']);
  });

  it('names a resource the center does not have', () => {
    const r = play([...SCREEN, { type: 'dispatch', resource: 'mobile-crisis' }, { type: 'end' }], {
      profileId: 'crisis-line-transfer',
    });
    expect(r.pointsLost.find((p) => p.rule === 'routing.not-at-center')!.what).toBe(
      'Routed to a mobile crisis team, which this center does not have.',
    );
  });

  it('gives no handoff points for a transfer that was itself the unsafe diversion, and says so', () => {
    const armed = armedWith({ rationale: 'He has a gun in the house.' });
    const r = play([...SCREEN, ...WARM_TRANSFER], { s: armed });
    expect(category(r, 'handoff').earned).toBe(0);
    expect(r.pointsLost.filter((p) => p.category === 'handoff').map((p) => [p.rule, p.points])).toEqual([
      ['handoff.wrong-transfer', 10],
    ]);
  });

  it('gives no handoff points for a warm transfer no expected answer includes: it cannot beat a wrong unit', () => {
    const base = scenario();
    const s: Scenario = {
      ...base,
      answerKey: { ...base.answerKey, disposition: 'co-responder', alternatives: [] },
    };
    const transfer = play(
      [
        ...SCREEN,
        { type: 'brief', to: 'crisis-line' },
        { type: 'transfer', to: 'crisis-line' },
        { type: 'wait', seconds: 7 },
        { type: 'end' },
      ],
      { s, profileId: 'dispatcher-routing' },
    );
    expect(rules(transfer)).toEqual(expect.arrayContaining(['routing.wrong', 'handoff.wrong-transfer']));
    const team = play([...SCREEN, { type: 'dispatch', resource: 'mobile-crisis' }, { type: 'end' }], {
      s,
      profileId: 'dispatcher-routing',
    });
    expect(rules(team)).toContain('routing.wrong');
    expect(transfer.total).toBeLessThanOrEqual(team.total);
  });

  it('judges the handoff of a transfer made on top of a response that already answers the call', () => {
    const swallowed = medicalCall('He swallowed the whole bottle an hour ago.', {
      disposition: 'ems-required',
      alternatives: [],
      priority: 2,
    });
    // 988 keeps him talking while EMS drives: not what the call needed, but extra, and extra is free.
    const transferFirst = play(
      [
        { type: 'answer' },
        ...SCREEN.slice(1),
        { type: 'brief', to: 'crisis-line' },
        { type: 'transfer', to: 'crisis-line' },
        { type: 'dispatch', resource: 'ems' },
        { type: 'wait', seconds: 7 },
        { type: 'end' },
      ],
      { s: swallowed, profileId: 'crisis-line-transfer' },
    );
    const r = play(
      [
        { type: 'answer' },
        { type: 'dispatch', resource: 'ems' },
        ...SCREEN.slice(1),
        { type: 'brief', to: 'crisis-line' },
        { type: 'transfer', to: 'crisis-line' },
        { type: 'wait', seconds: 7 },
        { type: 'end' },
      ],
      { s: swallowed, profileId: 'crisis-line-transfer' },
    );
    expect([r.expected.best, ...r.expected.acceptable].flatMap((o) => o.resources)).not.toContain(
      'crisis-line',
    );
    expect(rules(r)).not.toContain('handoff.wrong-transfer');
    expect(category(r, 'handoff')).toMatchObject({ applicable: true, earned: 10 });
    // Units sent together make one response, whichever key came first.
    expect(category(transferFirst, 'handoff')).toMatchObject({ applicable: true, earned: 10 });
    // Alone, the same transfer was the answer, and the wrong one.
    const alone = play(
      [
        { type: 'answer' },
        ...SCREEN.slice(1),
        { type: 'brief', to: 'crisis-line' },
        { type: 'transfer', to: 'crisis-line' },
        { type: 'wait', seconds: 40 },
        { type: 'dispatch', resource: 'ems' },
        { type: 'end' },
      ],
      { s: swallowed, profileId: 'crisis-line-transfer' },
    );
    expect(rules(alone)).toContain('handoff.wrong-transfer');
  });

  it('judges units sent together as one response, whatever order the keys were pressed in', () => {
    const armed = armedWith({ disposition: 'mobile-crisis', rationale: 'Weapon.' });
    const teamFirst = play(
      [
        ...SCREEN,
        { type: 'dispatch', resource: 'mobile-crisis' },
        { type: 'dispatch', resource: 'police' },
        { type: 'end' },
      ],
      { s: armed, profileId: 'dual-cad-flag' },
    );
    const policeFirst = play(
      [
        ...SCREEN,
        { type: 'dispatch', resource: 'police' },
        { type: 'dispatch', resource: 'mobile-crisis' },
        { type: 'end' },
      ],
      { s: armed, profileId: 'dual-cad-flag' },
    );
    expect(teamFirst.criticalErrors).toEqual([]);
    expect(teamFirst.total).toBe(policeFirst.total);
  });

  it('judges the handoff only when a transfer was made', () => {
    const r = play([...SCREEN, { type: 'dispatch', resource: 'mobile-crisis' }, { type: 'end' }], {
      profileId: 'dispatcher-routing',
    });
    expect(category(r, 'handoff').applicable).toBe(false);
    expect(rules(r)).toEqual(['routing.acceptable-not-best']);
  });

  it('scores required clinical-screen questions under recognition', () => {
    const base = scenario();
    const s: Scenario = {
      ...base,
      answerKey: {
        ...base.answerKey,
        requiredQuestions: [...base.answerKey.requiredQuestions, 'clinical.behaviour'],
      },
    };
    const r = play([...SCREEN, ...WARM_TRANSFER], { s });
    const lost = r.pointsLost.find((p) => p.rule === 'clinical-screen.not-asked')!;
    expect(lost).toMatchObject({
      category: 'recognition',
      points: 4,
      rationale: 'Test rationale: the texts are suicidal ideation.',
    });
  });

  it('flags a missed medical emergency as critical', () => {
    const base = scenario();
    const overdose: Scenario = {
      ...base,
      facts: { ...base.facts, present: ['self-harm-ideation', 'medical-emergency'] },
      states: {
        ...base.states,
        screened: {
          ...base.states.screened!,
          lines: [line('pills', 'He took all his pills.', { reveals: ['medical-emergency'] })],
        },
      },
    };
    const r = play([...SCREEN, ...WARM_TRANSFER], { s: overdose });
    expect(r.criticalErrors.map((c) => c.kind)).toEqual(['missed-medical']);
    expect(r.expected.best.resources).toEqual(['embedded-clinician', 'ems']);
  });

  it('flags clinical routing without any safety question as critical', () => {
    const r = play([{ type: 'answer' }, { type: 'dispatch', resource: 'mobile-crisis' }, { type: 'end' }], {
      profileId: 'dual-cad-flag',
    });
    expect(r.criticalErrors.map((c) => c.kind)).toContain('no-safety-screen');
  });

  it('flags a transfer before a required screening question as critical, even when the answer is no', () => {
    const base = scenario();
    const screened: Scenario = {
      ...base,
      answerKey: {
        ...base.answerKey,
        requiredQuestions: [...base.answerKey.requiredQuestions, 'safety.danger-to-others'],
      },
    };
    const skipped = play([...SCREEN, ...WARM_TRANSFER], { s: screened });
    expect(skipped.criticalErrors.map((c) => c.kind)).toEqual(['no-safety-screen']);
    expect(skipped.criticalErrors[0]!.what).toContain('Is anyone in danger right now?');
    expect(skipped.criticalErrors[0]!.what).toContain('a threat to someone');
    expect(skipped.level).toBe('non-compliant');
    const full = play([...SCREEN, { type: 'ask', question: 'safety.danger-to-others' }, ...WARM_TRANSFER], {
      s: screened,
    });
    expect(full.criticalErrors).toEqual([]);
  });

  it('flags a team left alone again when police is cancelled on a weapon call', () => {
    const r = play(
      [
        ...SCREEN,
        { type: 'dispatch', resource: 'mobile-crisis' },
        { type: 'dispatch', resource: 'police' },
        { type: 'wait', seconds: 20 },
        { type: 'cancel', resource: 'police' },
        { type: 'wait', seconds: 40 },
        { type: 'end' },
      ],
      { s: armedScenario(), profileId: 'dual-cad-flag' },
    );
    expect(r.criticalErrors.map((c) => c.kind)).toEqual(['unsafe-diversion']);
  });

  it('does not let police sent and cancelled at once excuse a team sent before any screen', () => {
    const r = play(
      [
        { type: 'answer' },
        { type: 'dispatch', resource: 'mobile-crisis' },
        { type: 'dispatch', resource: 'police' },
        { type: 'cancel', resource: 'police' },
        { type: 'end' },
      ],
      { profileId: 'dual-cad-flag' },
    );
    expect(r.criticalErrors.map((c) => c.kind)).toContain('no-safety-screen');
    expect(r.criticalErrors.find((c) => c.kind === 'no-safety-screen')!.what).toMatch(/^Routed to .*team/i);
  });

  it('takes any question that screens for the same fact as the screen', () => {
    const base = scenario();
    const s: Scenario = {
      ...base,
      answerKey: {
        ...base.answerKey,
        requiredQuestions: [...base.answerKey.requiredQuestions, 'safety.danger-to-others'],
      },
    };
    // "Are you safe where you are right now?" screens for a threat to someone, as the danger question does.
    const r = play([...SCREEN, { type: 'ask', question: 'safety.caller-safe' }, ...WARM_TRANSFER], { s });
    expect(r.criticalErrors).toEqual([]);
    expect(rules(r)).toContain('safety-screen.not-asked');
  });

  it('flags EMS sent alone to a weapon call as unsafe when the call ends without police', () => {
    const r = play([...SCREEN, { type: 'dispatch', resource: 'ems' }, { type: 'end' }], {
      s: armedScenario(),
    });
    expect(r.criticalErrors.map((c) => c.kind)).toEqual(['unsafe-diversion']);
    expect(r.criticalErrors[0]!.what).toMatch(/ended with only EMS responding and no police.*a weapon/);
    const withPolice = play(
      [
        ...SCREEN,
        { type: 'dispatch', resource: 'ems' },
        { type: 'dispatch', resource: 'police' },
        { type: 'end' },
      ],
      { s: armedScenario() },
    );
    expect(withPolice.criticalErrors).toEqual([]);
  });

  it('counts a unit the center does not have, or a counselor off duty, as nobody responding', () => {
    const absent = play([...SCREEN, { type: 'dispatch', resource: 'mobile-crisis' }, { type: 'end' }]);
    expect(absent.decision.resources).toEqual([]);
    expect(absent.criticalErrors.map((c) => c.kind)).toEqual(['abandoned-caller']);
    expect(rules(absent)).toContain('routing.not-at-center');
    const offShift = play([...SCREEN, ...WARM_TRANSFER], { at: '02:00' });
    expect(offShift.criticalErrors.map((c) => c.kind)).toEqual(['abandoned-caller']);
    expect(rules(offShift)).toContain('routing.off-duty');
  });

  it('keeps screening open while EMS goes early for a medical need: later questions still count', () => {
    const r = play([
      { type: 'answer' },
      { type: 'dispatch', resource: 'ems' },
      { type: 'ask', question: 'case.address' },
      { type: 'ask', question: 'safety.weapon' },
      { type: 'code', callType: 'suicidal-ideation' },
      { type: 'priority', priority: 3 },
      ...WARM_TRANSFER,
    ]);
    expect(r.pointsLost.filter((p) => p.rule.endsWith('asked-after-routing'))).toEqual([]);
    expect(r.level).toBe('high');
  });

  it('counts screening questions after police as on time once what the caller said put police on the call', () => {
    const armed = armedScenario();
    const s: Scenario = {
      ...armed,
      answerKey: {
        ...armed.answerKey,
        requiredQuestions: [...armed.answerKey.requiredQuestions, 'safety.danger-to-others', 'case.callback'],
      },
    };
    const r = play(
      [
        { type: 'answer' },
        { type: 'ask', question: 'case.address' },
        { type: 'ask', question: 'safety.weapon' },
        { type: 'dispatch', resource: 'police' },
        { type: 'ask', question: 'safety.danger-to-others' },
        { type: 'ask', question: 'case.callback' },
        { type: 'code', callType: 'suicidal-ideation' },
        { type: 'priority', priority: 3 },
        { type: 'end' },
      ],
      { s },
    );
    // The screen stays open; where the call is and how to call back still come before units move.
    expect(r.pointsLost.filter((p) => p.rule.endsWith('asked-after-routing')).map((p) => p.rule)).toEqual([
      'case-entry.asked-after-routing',
    ]);
    // Police sent before the gun came out was a guess, not a forced decision: the screen closed then.
    const guessed = play(
      [
        { type: 'answer' },
        { type: 'dispatch', resource: 'police' },
        { type: 'ask', question: 'safety.weapon' },
        { type: 'ask', question: 'case.address' },
        { type: 'end' },
      ],
      { s: armedScenario() },
    );
    expect(rules(guessed)).toEqual(
      expect.arrayContaining(['safety-screen.asked-after-routing', 'case-entry.asked-after-routing']),
    );
    // A team with police a moment later is the same forced decision as police first.
    const teamFirst = play(
      [
        { type: 'answer' },
        { type: 'ask', question: 'case.address' },
        { type: 'ask', question: 'case.callback' },
        { type: 'ask', question: 'safety.weapon' },
        { type: 'dispatch', resource: 'mobile-crisis' },
        { type: 'dispatch', resource: 'police' },
        { type: 'ask', question: 'safety.danger-to-others' },
        { type: 'end' },
      ],
      { s, profileId: 'dual-cad-flag' },
    );
    expect(rules(teamFirst)).not.toContain('safety-screen.asked-after-routing');
  });

  it('flags ending the call with no response as an abandoned caller', () => {
    const r = play([{ type: 'answer' }, { type: 'ask', question: 'safety.weapon' }, { type: 'end' }]);
    expect(r.criticalErrors.map((c) => c.kind)).toEqual(['abandoned-caller']);
    expect(rules(r)).toEqual(expect.arrayContaining(['routing.none', 'timeliness.never-routed']));
  });
});

describe('handoff, timeliness and communication', () => {
  it('takes points for a cold transfer and for leaving before the counselor has the caller', () => {
    const r = play([...SCREEN, { type: 'transfer', to: 'embedded-clinician' }, { type: 'end' }]);
    expect(rules(r)).toEqual(expect.arrayContaining(['handoff.not-briefed', 'handoff.left-early']));
    expect(category(r, 'handoff').earned).toBe(0);
    expect(r.pointsLost.find((p) => p.rule === 'handoff.not-briefed')!.source?.ref).toBe(
      'seed:001#decision-5',
    );
  });

  it('leaves the handoff out of the total when no transfer was due or made', () => {
    const base = scenario();
    const police: Scenario = { ...base, answerKey: { ...base.answerKey, disposition: 'police-required' } };
    const r = play([...SCREEN, { type: 'dispatch', resource: 'police' }, { type: 'end' }], { s: police });
    expect(category(r, 'handoff').applicable).toBe(false);
    expect(r.total).toBe(100);
  });

  it('takes the timeliness points when routing comes after the limit', () => {
    const r = play([
      ...SCREEN,
      { type: 'brief', to: 'embedded-clinician', at: 200 },
      { type: 'transfer', to: 'embedded-clinician' },
      { type: 'wait', seconds: 7 },
      { type: 'end' },
    ]);
    expect(rules(r)).toContain('timeliness.slow');
    expect(r.pointsLost.find((p) => p.rule === 'timeliness.slow')!.what).toBe(
      'Made the routing decision 203 s after answering.',
    );
  });

  it('times the routing decision, not EMS sent by reflex at the first word', () => {
    const r = play([
      { type: 'answer' },
      { type: 'dispatch', resource: 'ems' },
      ...SCREEN.slice(1),
      { type: 'brief', to: 'embedded-clinician', at: 200 },
      { type: 'transfer', to: 'embedded-clinician' },
      { type: 'wait', seconds: 7 },
      { type: 'end' },
    ]);
    expect(rules(r)).toContain('timeliness.slow');
    const emsOnly = play([
      { type: 'answer' },
      { type: 'dispatch', resource: 'ems' },
      ...SCREEN.slice(1),
      { type: 'end' },
    ]);
    expect(rules(emsOnly)).not.toContain('timeliness.never-routed');
  });

  it('counts EMS as the decision when the caller had already revealed a medical emergency', () => {
    const s = medicalCall('He took all his pills and I cannot wake him.');
    const r = play(
      [
        { type: 'answer' },
        { type: 'dispatch', resource: 'ems' },
        ...SCREEN.slice(1),
        { type: 'brief', to: 'embedded-clinician', at: 200 },
        { type: 'transfer', to: 'embedded-clinician' },
        { type: 'wait', seconds: 7 },
        { type: 'end' },
      ],
      { s },
    );
    expect(rules(r)).not.toContain('timeliness.slow');
    // EMS called off at once is no decision: the real one came at 200 s.
    const cancelled = play(
      [
        { type: 'answer' },
        { type: 'dispatch', resource: 'ems' },
        { type: 'cancel', resource: 'ems' },
        ...SCREEN.slice(1),
        { type: 'dispatch', resource: 'ems', at: 200 },
        { type: 'brief', to: 'embedded-clinician' },
        { type: 'transfer', to: 'embedded-clinician' },
        { type: 'wait', seconds: 7 },
        { type: 'end' },
      ],
      { s },
    );
    expect(rules(cancelled)).toContain('timeliness.slow');
  });

  it('expects de-escalation when the caller is distressed and counts a caller lost to waiting', () => {
    const r = play([
      { type: 'answer' },
      { type: 'wait', seconds: 31 },
      { type: 'dispatch', resource: 'mobile-crisis' },
      { type: 'end' },
    ]);
    expect(rules(r)).toEqual(
      expect.arrayContaining(['communication.no-deescalation', 'communication.lost-caller']),
    );
  });

  it('gives half the priority points when one level off', () => {
    const r = play([...SCREEN.slice(0, -1), { type: 'priority', priority: 2 }, ...WARM_TRANSFER]);
    expect(r.pointsLost.find((p) => p.rule === 'recognition.wrong-priority')!.points).toBe(2);
    expect(r.pointsLost.find((p) => p.rule === 'recognition.wrong-priority')!.what).toContain(
      'more urgent than this call needs',
    );
    const under = play([...SCREEN.slice(0, -1), { type: 'priority', priority: 5 }, ...WARM_TRANSFER]);
    expect(under.pointsLost.find((p) => p.rule === 'recognition.wrong-priority')!.what).toContain(
      'under-triage',
    );
  });

  it('does not count a caller who hangs up after help is on the way as lost', () => {
    const base = scenario();
    const goodbye: Scenario = {
      ...base,
      states: {
        ...base.states,
        screened: {
          ...base.states.screened!,
          responses: [
            { on: { type: 'dispatch' }, say: [line('bye', 'Okay, thank you. Bye.')], goto: 'hung-up' },
          ],
        },
      },
    };
    const r = play(
      [
        { type: 'answer' },
        { type: 'wait', seconds: 20 },
        ...SCREEN.slice(1),
        { type: 'dispatch', resource: 'mobile-crisis' },
        { type: 'end' },
      ],
      { s: goodbye },
    );
    expect(rules(r)).not.toContain('communication.lost-caller');
  });
});

describe('the "route" script step', () => {
  it('routes as each center expects, so one expert script earns the top level everywhere', () => {
    for (const profileId of [
      'embedded-clinician-day',
      'crisis-line-transfer',
      'dispatcher-routing',
      'dual-cad-flag',
    ]) {
      for (const at of ['14:00', '02:00'] as const) {
        const s = scenario();
        const run = runScript(s, [...SCREEN, { type: 'route' }, { type: 'end' }], {
          profile: profile(profileId),
          callTime: at,
        });
        const r = scoreAttempt({
          scenario: s,
          profile: profile(profileId),
          questions,
          log: run.log,
          callTime: at,
        });
        expect(r.level, `${profileId} at ${at}`).toBe('high');
      }
    }
  });

  it('expands to a full warm handoff for a transfer', () => {
    expect(
      expandRoute(scenario(), { profile: profile('embedded-clinician-day'), callTime: '14:00' }),
    ).toEqual([
      { type: 'brief', to: 'embedded-clinician' },
      { type: 'transfer', to: 'embedded-clinician' },
      { type: 'wait', seconds: 7 },
    ]);
  });
});

describe('report consistency', () => {
  it('explains every point lost: category totals equal weight minus deductions', () => {
    const attempts: ScriptedAction[][] = [
      [{ type: 'answer' }, { type: 'end' }],
      [...SCREEN, { type: 'dispatch', resource: 'police' }, { type: 'end' }],
      [
        { type: 'answer' },
        { type: 'ask', question: 'safety.weapon' },
        { type: 'transfer', to: 'embedded-clinician' },
        { type: 'end' },
      ],
      [...SCREEN, ...WARM_TRANSFER],
    ];
    for (const actions of attempts) {
      const r = play(actions);
      for (const c of r.categories.filter((c) => c.applicable)) {
        const lost = r.pointsLost.filter((p) => p.category === c.id).reduce((sum, p) => sum + p.points, 0);
        expect(Math.round((c.weight - lost) * 10) / 10, `${c.id} in ${JSON.stringify(actions)}`).toBe(
          c.earned,
        );
      }
      expect(r.categories.map((c) => c.id)).toEqual(CATEGORIES.map((c) => c.id));
      for (const p of r.pointsLost) expect(p.what.length).toBeGreaterThan(0);
    }
  });
});
