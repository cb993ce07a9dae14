import { describe, expect, it } from 'vitest';
import type { CriticalError, PointLost } from '../scoring/score';
import { COMPETENCY_IDS, emptyEvidence } from './competencies';
import { masteryByCompetency, masteryEstimate, type MasteryInput } from './mastery';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 1, 12);

const lost = (rule: string, points = 5): PointLost => ({
  category: 'safety-screen',
  points,
  rule,
  what: `did ${rule}`,
  expected: `avoid ${rule}`,
});
const critical = (kind: CriticalError['kind']): CriticalError => ({
  kind,
  what: `made ${kind}`,
  rationale: `why ${kind} matters`,
});

/** An observation `daysAgo` before NOW. */
function obs(
  attemptId: string,
  daysAgo: number,
  score: number,
  pointsLost: PointLost[] = [],
  criticalErrors: CriticalError[] = [],
): MasteryInput {
  return { attemptId, at: NOW - daysAgo * DAY, score, pointsLost, criticalErrors };
}

describe('recency-weighted mastery', () => {
  it('weighs each attempt by half for every half-life of age', () => {
    const m = masteryEstimate([obs('old', 30, 0), obs('new', 0, 1)], NOW);
    expect(m.used).toEqual([
      { attemptId: 'old', at: NOW - 30 * DAY, score: 0, weight: 0.5 },
      { attemptId: 'new', at: NOW, score: 1, weight: 1 },
    ]);
    // (0.5·0 + 1·1) / (0.5 + 1)
    expect(m.mastery).toBe(0.667);
    expect(m.observations).toBe(2);
  });

  it('takes the half-life as an option', () => {
    // weight of the 30-day-old attempt: 0.5^3 = 0.125; (0.125·0 + 1) / 1.125
    expect(masteryEstimate([obs('old', 30, 0), obs('new', 0, 1)], NOW, { halfLifeDays: 10 }).mastery).toBe(
      0.889,
    );
  });

  it('grows confidence with the amount of recent evidence, n / (n + 2)', () => {
    expect(masteryEstimate([obs('a', 0, 1)], NOW).confidence).toBe(0.333);
    expect(masteryEstimate([obs('a', 0, 1), obs('b', 0, 1), obs('c', 0, 1)], NOW).confidence).toBe(0.6);
    // The same three attempts two half-lives ago weigh 0.75 in all: 0.75 / 2.75.
    expect(masteryEstimate([obs('a', 60, 1), obs('b', 60, 1), obs('c', 60, 1)], NOW).confidence).toBe(0.273);
  });

  it('uses the latest ten observations, and none after now', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      obs(`a${String(i).padStart(2, '0')}`, 12 - i, i < 2 ? 0 : 1),
    );
    const m = masteryEstimate([...many, obs('future', -1, 0)], NOW);
    expect(m.observations).toBe(10);
    expect(m.used.map((u) => u.attemptId)).toEqual(many.slice(2).map((o) => o.attemptId));
    expect(m.mastery).toBe(1);
  });

  it('has no estimate without evidence', () => {
    expect(masteryEstimate([], NOW)).toEqual({
      mastery: null,
      confidence: 0,
      observations: 0,
      used: [],
      trend: { direction: 'unknown', slopePerAttempt: null, lastVsEarlier: null },
      recurringMistakes: [],
    });
  });
});

describe('trend', () => {
  it('is the least-squares slope per attempt, and the last against the earlier mean', () => {
    const m = masteryEstimate([obs('a', 4, 0.2), obs('b', 3, 0.4), obs('c', 2, 0.6), obs('d', 1, 0.8)], NOW);
    expect(m.trend).toEqual({ direction: 'improving', slopePerAttempt: 0.2, lastVsEarlier: 0.4 });
  });

  it('reads the attempts in time order, whatever order they come in', () => {
    const m = masteryEstimate([obs('c', 1, 0.3), obs('a', 3, 0.9), obs('b', 2, 0.6)], NOW);
    expect(m.trend).toEqual({ direction: 'declining', slopePerAttempt: -0.3, lastVsEarlier: -0.45 });
  });

  it('is steady within two points per attempt, unknown with one attempt', () => {
    expect(
      masteryEstimate([obs('a', 3, 0.7), obs('b', 2, 0.72), obs('c', 1, 0.71)], NOW).trend.direction,
    ).toBe('steady');
    expect(masteryEstimate([obs('a', 1, 0.7)], NOW).trend.direction).toBe('unknown');
  });
});

describe('recurring mistakes', () => {
  it('lists rules seen in at least two of the last five attempts, once per attempt, with their cost', () => {
    const m = masteryEstimate(
      [
        obs('a1', 9, 0, [lost('safety-screen.not-asked'), lost('timeliness.slow')]), // outside the last five
        obs('a2', 8, 0, [lost('timeliness.slow')]),
        obs('a3', 7, 0.5, [lost('safety-screen.not-asked'), lost('safety-screen.not-asked', 2.5)]),
        obs('a4', 6, 1),
        obs('a5', 5, 0.5, [lost('safety-screen.asked-after-routing', 2.5)]),
        obs('a6', 4, 0, [lost('safety-screen.not-asked')], [critical('no-safety-screen')]),
      ],
      NOW,
    );
    const occurrence = (attemptId: string, points: number) => ({
      attemptId,
      points,
      what: 'did safety-screen.not-asked',
      expected: 'avoid safety-screen.not-asked',
    });
    expect(m.recurringMistakes).toEqual([
      {
        rule: 'safety-screen.not-asked',
        subject: 'did safety-screen.not-asked',
        attempts: 2,
        attemptIds: ['a3', 'a6'],
        points: 12.5,
        what: 'did safety-screen.not-asked',
        expected: 'avoid safety-screen.not-asked',
        occurrences: [occurrence('a3', 5), occurrence('a3', 2.5), occurrence('a6', 5)],
      },
    ]);
  });

  it('counts a missed question apart from another missed under the same rule, each call with its own answer', () => {
    const missed = (question: string, points: number, expected: string): PointLost => ({
      category: 'case-entry',
      points,
      rule: 'case-entry.not-asked',
      subject: question,
      what: `Never asked "${question}"`,
      expected,
    });
    const m = masteryEstimate(
      [
        obs('a1', 3, 0.5, [
          missed('case.who-involved', 5, 'Ask who.'),
          missed('case.callback', 5, 'Ask the number.'),
        ]),
        obs('a2', 2, 0.5, [missed('case.who-involved', 3.3, 'Ask who, here.')]),
        obs('a3', 1, 0.5, [missed('case.callback', 2.5, 'Ask the number.')]),
      ],
      NOW,
    );
    expect(m.recurringMistakes.map((r) => [r.subject, r.attempts, r.points])).toEqual([
      ['case.who-involved', 2, 8.3],
      ['case.callback', 2, 7.5],
    ]);
    const who = m.recurringMistakes.find((r) => r.subject === 'case.who-involved')!;
    expect(who.occurrences.map((o) => [o.attemptId, o.expected])).toEqual([
      ['a1', 'Ask who.'],
      ['a2', 'Ask who, here.'],
    ]);
  });

  it('counts critical errors as "critical.<kind>", ranked by attempts then points', () => {
    const m = masteryEstimate(
      [
        obs('a1', 3, 0, [lost('routing.wrong', 30)], [critical('unsafe-diversion')]),
        obs('a2', 2, 0, [lost('routing.wrong', 30)], [critical('unsafe-diversion')]),
        obs('a3', 1, 0, [lost('routing.unneeded-unit', 5)], [critical('unsafe-diversion')]),
        obs('a4', 0, 0, [lost('routing.unneeded-unit', 5)]),
      ],
      NOW,
    );
    expect(m.recurringMistakes.map((r) => [r.rule, r.attempts, r.points])).toEqual([
      ['critical.unsafe-diversion', 3, 0],
      ['routing.wrong', 2, 60],
      ['routing.unneeded-unit', 2, 10],
    ]);
    expect(m.recurringMistakes[0]?.expected).toBe('why unsafe-diversion matters');
  });
});

it('estimates every competency, with or without evidence', () => {
  const evidence = emptyEvidence();
  evidence.handoff = [{ ...obs('a', 0, 0.5), scenarioId: 's', earned: 5, possible: 10 }];
  const all = masteryByCompetency(evidence, NOW);
  expect(Object.keys(all)).toEqual([...COMPETENCY_IDS]);
  expect(all.handoff.mastery).toBe(0.5);
  expect(all.timeliness.mastery).toBeNull();
});
