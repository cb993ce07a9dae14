import { Rating, State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { runScript } from '../engine/run-script';
import type { ScriptedAction } from '../format/actions';
import type { Scenario } from '../format/scenario';
import { scoreAttempt } from '../scoring/score';
import { armedScenario, scenario, scenarioInput } from '$tests/support/factories';
import { bundledQuestions, profile } from '$tests/support/profiles';
import {
  dueScenarios,
  newCard,
  outcomeOf,
  ratingFor,
  replayCards,
  reviewCard,
  type RatedOutcome,
  type ScenarioCard,
} from './schedule';

const questions = bundledQuestions();
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 2, 3, 9); // Monday 3 March 2025, 09:00 UTC
const iso = (ms: number) => new Date(ms).toISOString();

const base = scenario();
const fourQuestions = scenario({
  answerKey: {
    ...scenarioInput().answerKey,
    requiredQuestions: ['case.address', 'safety.weapon', 'safety.medical', 'safety.self-harm-thoughts'],
  },
});
const knife = armedScenario();

function play(s: Scenario, script: ScriptedAction[]): RatedOutcome {
  const p = profile('embedded-clinician-day');
  return outcomeOf(
    scoreAttempt({ scenario: s, profile: p, questions, log: runScript(s, script, { profile: p }).log }),
  );
}

const OPEN: ScriptedAction[] = [
  { type: 'answer' },
  { type: 'ask', question: 'case.address' },
  { type: 'ask', question: 'safety.weapon' },
  { type: 'code', callType: 'suicidal-ideation' },
  { type: 'priority', priority: 3 },
];
const WARM: ScriptedAction[] = [
  { type: 'brief', to: 'embedded-clinician' },
  { type: 'transfer', to: 'embedded-clinician' },
  { type: 'wait', seconds: 7 },
  { type: 'end' },
];

/** What rating reads of real reports, one for each rating. */
const reports = {
  flawless: play(base, [...OPEN, ...WARM]),
  slow: play(base, [...OPEN, { type: 'brief', to: 'embedded-clinician', at: 200 }, ...WARM.slice(1)]),
  partial: play(fourQuestions, [
    ...OPEN,
    { type: 'transfer', to: 'embedded-clinician' },
    { type: 'wait', seconds: 7 },
    { type: 'end' },
  ]),
  policeOnly: play(base, [
    { type: 'answer' },
    { type: 'ask', question: 'case.address' },
    { type: 'code', callType: 'suicidal-ideation' },
    { type: 'priority', priority: 3 },
    { type: 'dispatch', resource: 'police' },
    { type: 'end' },
  ]),
  unsafe: play(knife, [
    { type: 'answer' },
    { type: 'ask', question: 'case.address' },
    { type: 'code', callType: 'suicidal-ideation' },
    { type: 'priority', priority: 3 },
    ...WARM,
  ]),
};

describe('rating an attempt', () => {
  it('the reports cover every level the mapping distinguishes', () => {
    expect(Object.values(reports).map((r) => [r.level, r.criticalKinds.length > 0])).toEqual([
      ['high', false],
      ['high', false],
      ['partial', false],
      ['non-compliant', false],
      ['non-compliant', true],
    ]);
  });

  it('maps critical error and non-compliant to Again, low/partial to Hard, compliant/high to Good, flawless to Easy', () => {
    expect(ratingFor(reports.unsafe)).toMatchObject({
      rating: Rating.Again,
      name: 'Again',
      why: expect.stringContaining('critical error: unsafe-diversion'),
    });
    expect(ratingFor(reports.policeOnly)).toMatchObject({
      rating: Rating.Again,
      why: expect.stringContaining('Non-compliant'),
    });
    expect(ratingFor(reports.partial)).toMatchObject({
      rating: Rating.Hard,
      why: expect.stringContaining('Partial compliance'),
    });
    expect(ratingFor(reports.slow)).toMatchObject({ rating: Rating.Good, why: 'High compliance (95%)' });
    expect(ratingFor(reports.flawless, 'assessment')).toMatchObject({
      rating: Rating.Easy,
      why: 'High compliance (100%), no point lost',
    });
  });

  it('keeps a flawless practice attempt at Good: the trainee was coached', () => {
    expect(ratingFor(reports.flawless, 'practice')).toMatchObject({
      rating: Rating.Good,
      why: expect.stringContaining('practice'),
    });
  });
});

describe('scheduling a scenario card', () => {
  const fresh = newCard('t1', base.id, T0);

  it('starts due at once, with no review', () => {
    expect(fresh.fsrs).toMatchObject({ due: T0, reps: 0, state: State.New });
    expect(fresh.lastRating).toBeUndefined();
  });

  it('schedules a first review in whole days: Again 1, Hard 2, Good 3, Easy 8', () => {
    const due = (r: RatedOutcome, mode?: 'practice') =>
      iso(reviewCard(fresh, r, T0, { ...(mode ? { mode } : {}) }).fsrs.due);
    expect(due(reports.unsafe)).toBe('2025-03-04T09:00:00.000Z');
    expect(due(reports.partial)).toBe('2025-03-05T09:00:00.000Z');
    expect(due(reports.slow)).toBe('2025-03-06T09:00:00.000Z');
    expect(due(reports.flawless)).toBe('2025-03-11T09:00:00.000Z');
    expect(due(reports.flawless, 'practice')).toBe('2025-03-06T09:00:00.000Z');
  });

  it('lengthens the interval after a good review on time and shortens it after a lapse', () => {
    const once = reviewCard(fresh, reports.slow, T0, { id: 'a1' });
    const good = reviewCard(once, reports.slow, once.fsrs.due, { id: 'a2' });
    expect(iso(good.fsrs.due)).toBe('2025-03-20T09:00:00.000Z');
    expect(good.fsrs).toMatchObject({ reps: 2, lapses: 0, state: State.Review, last_review: once.fsrs.due });
    const lapse = reviewCard(good, reports.unsafe, good.fsrs.due, { id: 'a3' });
    expect(lapse.fsrs.lapses).toBe(1);
    expect(lapse.fsrs.due - good.fsrs.due).toBeLessThan(7 * DAY);
    expect(lapse.lastRating).toEqual({
      at: good.fsrs.due,
      rating: 'Again',
      why: 'critical error: unsafe-diversion, no-safety-screen',
      attemptId: 'a3',
    });
  });

  it('stores as plain JSON and schedules the same after a round trip', () => {
    const card = reviewCard(fresh, reports.partial, T0);
    const stored = JSON.parse(JSON.stringify(card)) as ScenarioCard;
    expect(stored).toEqual(card);
    expect(reviewCard(stored, reports.slow, T0 + 2 * DAY)).toEqual(
      reviewCard(card, reports.slow, T0 + 2 * DAY),
    );
  });

  it('refuses a report of another scenario', () => {
    expect(() => reviewCard(newCard('t1', 'other', T0), reports.slow, T0)).toThrow(/other/);
  });
});

describe('due scenarios', () => {
  const card = (scenarioId: string, due: number): ScenarioCard => ({
    ...newCard('t1', scenarioId, T0),
    fsrs: { ...newCard('t1', scenarioId, T0).fsrs, due },
  });

  it('lists cards due by now, most overdue first, with whole days overdue', () => {
    const due = dueScenarios(
      [
        card('b', T0 - DAY),
        card('later', T0 + 1),
        card('a', T0 - 3 * DAY - 1),
        card('c', T0 - DAY),
        card('now', T0),
      ],
      T0,
    );
    expect(due.map((d) => [d.scenarioId, d.overdueDays])).toEqual([
      ['a', 3],
      ['b', 1],
      ['c', 1],
      ['now', 0],
    ]);
  });
});

describe('cards from history', () => {
  it('replays finished attempts in order, one card per scenario', () => {
    const attempts = [
      { id: 'a2', mode: 'assessment' as const, finishedAt: T0 + 3 * DAY, report: reports.slow },
      { id: 'a1', mode: 'assessment' as const, finishedAt: T0, report: reports.partial },
      { id: 'open', mode: 'practice' as const },
    ];
    const cards = replayCards('t1', attempts);
    expect(cards).toHaveLength(1);
    const byHand = reviewCard(
      reviewCard(newCard('t1', base.id, T0), reports.partial, T0, { id: 'a1', mode: 'assessment' }),
      reports.slow,
      T0 + 3 * DAY,
      { id: 'a2', mode: 'assessment' },
    );
    expect(cards[0]).toEqual(byHand);
    expect(cards[0]?.lastRating?.attemptId).toBe('a2');
  });

  it("refuses another trainee's attempt", () => {
    expect(() =>
      replayCards('t1', [{ id: 'x', traineeId: 't2', finishedAt: T0, report: reports.slow }]),
    ).toThrow(/"x" is not t1's/);
  });
});
