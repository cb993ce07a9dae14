import { describe, expect, it } from 'vitest';
import { runScript } from '../engine/run-script';
import type { ScriptedAction } from '../format/actions';
import type { Scenario, ScenarioInput } from '../format/scenario';
import { scoreAttempt } from '../scoring/score';
import { scenario, scenarioInput } from '$tests/support/factories';
import { bundledProfiles, bundledQuestions, profile } from '$tests/support/profiles';
import { competencyEvidence, type CompetencyId } from './competencies';
import { masteryByCompetency, masteryEstimate, type MasteryEstimate } from './mastery';
import {
  buildRefresherSession,
  newCard,
  outcomeOf,
  replayCards,
  type RefresherInput,
  type RefresherSession,
  type ScenarioCard,
} from './refresher';

const questions = bundledQuestions();
const center = profile('embedded-clinician-day');
const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 2, 8); // Monday 2 June 2025, 08:00 UTC

const make = (
  id: string,
  minutes: number,
  requiredQuestions: string[],
  extra: Partial<ScenarioInput> = {},
): Scenario =>
  scenario({
    id,
    title: `Call ${id}`,
    estimatedMinutes: minutes,
    answerKey: { ...scenarioInput().answerKey, requiredQuestions },
    ...extra,
  });

/** A small library: every scenario trains case entry, hidden-BH recognition, routing 1C, handoff and timeliness here. */
const library: Scenario[] = [
  make('weapons', 4, ['case.address', 'safety.weapon']),
  make('self-harm', 5, ['case.address', 'safety.self-harm-thoughts', 'safety.self-harm-means']),
  make('medical', 4, ['case.address', 'safety.medical']),
  make('threats', 3, ['case.address', 'safety.danger-to-others', 'safety.weapon'], {
    difficulty: 'advanced',
  }),
  make('everything', 6, [
    'case.address',
    'safety.weapon',
    'safety.danger-to-others',
    'safety.medical',
    'safety.self-harm-thoughts',
  ]),
  make('marathon', 20, ['case.address', 'safety.weapon']),
];

/** A mastery estimate from one observation today. */
const estimate = (score: number): MasteryEstimate =>
  masteryEstimate([{ attemptId: 'x', at: NOW, score, pointsLost: [], criticalErrors: [] }], NOW);
const ALL_GOOD: Partial<Record<CompetencyId, MasteryEstimate>> = Object.fromEntries(
  (
    [
      'case-entry',
      'safety-screen.weapons',
      'safety-screen.threats',
      'safety-screen.medical',
      'safety-screen.self-harm',
      'recognition.hidden-bh',
      'routing.1C',
      'handoff',
      'timeliness',
    ] as const
  ).map((id) => [id, estimate(0.95)]),
);

/** A card reviewed long ago, next due at `due`. */
function card(scenarioId: string, due: number): ScenarioCard {
  const c = newCard('t1', scenarioId, due - 10 * DAY);
  return {
    ...c,
    fsrs: { ...c.fsrs, due, reps: 1, last_review: due - 3 * DAY },
    lastRating: { at: due - 3 * DAY, rating: 'Hard', why: 'Partial compliance (72%)' },
  };
}
const notDue = (id: string) => card(id, NOW + 20 * DAY);

function session(input: Partial<RefresherInput>): RefresherSession {
  return buildRefresherSession({
    scenarios: library,
    cards: [],
    mastery: {},
    now: NOW,
    profile: center,
    questions,
    ...input,
  });
}
const ids = (s: RefresherSession) => s.picks.map((p) => p.scenarioId);
const texts = (s: RefresherSession, id: string) =>
  s.picks.find((p) => p.scenarioId === id)?.reasons.map((r) => r.text) ?? [];

function expectSound(s: RefresherSession) {
  expect(new Set(ids(s)).size).toBe(s.picks.length);
  expect(s.minutes).toBe(s.picks.reduce((sum, p) => sum + p.minutes, 0));
  expect(s.minutes).toBeLessThanOrEqual(s.budget.max);
  for (const p of s.picks) expect(p.reasons.length, p.scenarioId).toBeGreaterThan(0);
}

describe('a refresher session', () => {
  const practised = library.map((s) => notDue(s.id));
  const weak = {
    ...ALL_GOOD,
    'safety-screen.weapons': estimate(0.42),
    'safety-screen.self-harm': estimate(0.6),
  };

  it('starts with the weakest competency, then the next weakest, and explains each pick', () => {
    const s = session({
      scenarios: library.filter((x) => x.id !== 'everything'),
      cards: practised,
      mastery: weak,
    });
    expectSound(s);
    // Threats trains the weapon screen too, and is the shorter call.
    expect(ids(s)).toEqual(['threats', 'self-harm', 'medical']);
    expect(texts(s, 'threats')).toEqual(['trains your weakest: safety screen — weapons (mastery 42%)']);
    expect(texts(s, 'self-harm')).toEqual([
      'trains your 2nd weakest: safety screen — self-harm (mastery 60%)',
    ]);
    expect(texts(s, 'medical')).toEqual(['played ahead of its next review (2025-06-22) to fill the session']);
    expect(s).toMatchObject({
      minutes: 12,
      budget: { min: 10, max: 15 },
      withinBudget: true,
      starter: false,
    });
    expect(s.note).toBeUndefined();
  });

  it('covers several weak competencies with one scenario when it can', () => {
    const s = session({ cards: practised, mastery: weak });
    expectSound(s);
    expect(ids(s)).toEqual(['everything', 'medical']);
    expect(texts(s, 'everything')).toEqual([
      'trains your weakest: safety screen — weapons (mastery 42%)',
      'trains your 2nd weakest: safety screen — self-harm (mastery 60%)',
    ]);
  });

  it('includes the scenarios due for review, and prefers a due one to train a weak competency', () => {
    const cards = [
      ...practised.filter((c) => !['threats', 'medical'].includes(c.scenarioId)),
      card('threats', NOW - 2 * DAY),
      card('medical', NOW - DAY),
    ];
    const s = session({ cards, mastery: weak });
    expectSound(s);
    // Weakest, then most overdue (already in), then 2nd weakest, then next overdue.
    expect(ids(s)).toEqual(['threats', 'self-harm', 'medical']);
    expect(texts(s, 'threats')).toEqual([
      'trains your weakest: safety screen — weapons (mastery 42%)',
      'due for review since 2025-05-31, last rated Hard (Partial compliance (72%))',
    ]);
    expect(s.picks.find((p) => p.scenarioId === 'medical')?.reasons).toEqual([
      {
        kind: 'due',
        since: NOW - DAY,
        text: 'due for review since 2025-06-01, last rated Hard (Partial compliance (72%))',
      },
    ]);
  });

  it('keeps to the time budget: never over the maximum, never a scenario twice, never one too long', () => {
    const allDue = library.map((s, i) => card(s.id, NOW - (i + 1) * DAY));
    for (const minutes of [
      { min: 10, max: 15 },
      { min: 5, max: 8 },
      { min: 18, max: 19 },
    ]) {
      const s = session({ cards: allDue, mastery: weak, minutes });
      expectSound(s);
      expect(s.withinBudget, JSON.stringify(minutes)).toBe(true);
      expect(ids(s)).not.toContain('marathon');
    }
  });

  it('is the same for the same inputs, whatever their order', () => {
    const cards = [card('medical', NOW - DAY), ...practised.slice(0, 2)];
    const a = session({ cards, mastery: weak });
    const b = session({ cards: [...cards].reverse(), mastery: weak, scenarios: [...library].reverse() });
    expect(b).toEqual(a);
  });

  it('tops up with scenarios ahead of schedule when nothing is weak or due', () => {
    const s = session({ cards: practised, mastery: ALL_GOOD });
    expectSound(s);
    expect(s.withinBudget).toBe(true);
    for (const p of s.picks) expect(p.reasons.map((r) => r.kind)).toEqual(['ahead-of-schedule']);
  });
});

describe('with no history', () => {
  it('builds a starter session covering as many competencies as fit, new scenarios first', () => {
    const s = session({});
    expectSound(s);
    expect(s).toMatchObject({
      starter: true,
      withinBudget: true,
      note: 'No history yet: a starter session covering as many competencies as fit.',
    });
    // The broadest call first, then what it left uncovered.
    expect(ids(s)).toEqual(['everything', 'medical']);
    expect(texts(s, 'everything')).toEqual([
      'trains what you have not practised yet: case entry, safety screen — weapons, safety screen — threats and crime, safety screen — medical, safety screen — self-harm, recognising a hidden behavioral-health component, routing — embedded clinician (1C), warm handoff, timeliness',
      'a scenario you have not played yet',
    ]);
    expect(s.minutes).toBeGreaterThanOrEqual(10);
  });

  it('says so when the library cannot fill the minimum', () => {
    const s = session({ scenarios: [library[0]!, library[5]!] });
    expect(s).toMatchObject({
      minutes: 4,
      withinBudget: false,
      note: expect.stringContaining('Only 4 minutes of scenarios fit the 10–15 minute budget.'),
    });
  });
});

it('rejects a budget that cannot be met, cards of several trainees, two cards for one scenario', () => {
  expect(() => session({ minutes: { min: 15, max: 10 } })).toThrow(RangeError);
  expect(() => session({ cards: [newCard('t1', 'weapons', NOW), newCard('t2', 'medical', NOW)] })).toThrow(
    /trainee/,
  );
  expect(() =>
    session({ cards: [newCard('t1', 'weapons', NOW), newCard('t1', 'weapons', NOW + DAY)] }),
  ).toThrow(/two cards for scenario "weapons"/);
});

describe('from real attempts', () => {
  it('targets the competency the trainee keeps missing', () => {
    const play = (s: Scenario, script: ScriptedAction[]) =>
      scoreAttempt({
        scenario: s,
        profile: center,
        questions,
        log: runScript(s, script, { profile: center }).log,
      });
    const everything = library[4]!;
    // Everything but the weapon question, twice.
    const noWeapon: ScriptedAction[] = [
      { type: 'answer' },
      { type: 'ask', question: 'case.address' },
      { type: 'ask', question: 'safety.danger-to-others' },
      { type: 'ask', question: 'safety.medical' },
      { type: 'ask', question: 'safety.self-harm-thoughts' },
      { type: 'code', callType: 'suicidal-ideation' },
      { type: 'priority', priority: 3 },
      { type: 'brief', to: 'embedded-clinician' },
      { type: 'transfer', to: 'embedded-clinician' },
      { type: 'wait', seconds: 7 },
      { type: 'end' },
    ];
    const attempts = [
      {
        id: 'a1',
        mode: 'assessment' as const,
        finishedAt: NOW - 9 * DAY,
        report: play(everything, noWeapon),
      },
      {
        id: 'a2',
        mode: 'assessment' as const,
        finishedAt: NOW - 2 * DAY,
        report: play(everything, noWeapon),
      },
    ];
    const evidence = competencyEvidence(attempts, library, [...bundledProfiles().values()], questions);
    const mastery = masteryByCompetency(evidence, NOW);
    expect(mastery['safety-screen.weapons']).toMatchObject({ mastery: 0, observations: 2 });
    expect(mastery['safety-screen.weapons'].recurringMistakes.map((m) => [m.rule, m.attempts])).toEqual([
      ['safety-screen.not-asked', 2],
      // Transferring before the weapon question is itself critical.
      ['critical.no-safety-screen', 2],
    ]);

    const cards = replayCards(
      't1',
      attempts.map((a) => ({ ...a, report: outcomeOf(a.report) })),
    );
    const s = session({ cards, mastery });
    expectSound(s);
    // The failed call comes back first: it trains the weakest competency and is due after a critical error.
    expect(s.picks[0]?.scenarioId).toBe('everything');
    expect(s.picks[0]?.reasons[0]?.text).toBe('trains your weakest: safety screen — weapons (mastery 0%)');
    expect(s.picks[0]?.reasons.map((r) => r.text)).toContainEqual(
      expect.stringContaining('critical error: no-safety-screen'),
    );
  });
});
