import { describe, expect, it } from 'vitest';
import type { ScriptedAction } from '$core/format/actions';
import { COMPETENCIES } from '$core/progress/competencies';
import { scenario } from '$tests/support/factories';
import { bundledProfiles, bundledQuestions } from '$tests/support/profiles';
import { COLD_TRANSFER, played, TEXTBOOK, T0 } from '$tests/support/records';
import type { AttemptInput } from '$core/progress/competencies';
import type { CallType } from '$core/format/vocabulary';
import { barChart, linePath, opacityFor } from './chart';
import {
  confidenceLevel,
  memoProgressView,
  overallTrend,
  progressView,
  type ProgressInputs,
} from './progress-view';

const questions = bundledQuestions();
const profiles = [...bundledProfiles().values()];
const scenarios = [scenario()];
const MIN = 60_000;

/** A finished attempt of the factory scenario at the embedded-clinician center, really played and scored. */
function finished(id: string, actions: readonly ScriptedAction[], finishedAt: number): AttemptInput {
  return { id, traineeId: 't1', mode: 'practice', finishedAt, report: played(actions).report };
}

const inputs = (attempts: AttemptInput[], now = T0 + 10 * MIN): ProgressInputs => ({
  attempts,
  scenarios,
  profiles,
  questions,
  now,
});

describe('progressView', () => {
  it('says there is nothing yet without finished calls (in-progress ones do not count)', () => {
    const view = progressView(inputs([{ id: 'a', traineeId: 't1' }]));
    expect(view.finished).toBe(0);
    expect(view.rows).toEqual([]);
    expect(view.notYet).toHaveLength(COMPETENCIES.length);
    expect(view.summary).toBe('No finished calls yet.');
  });

  it('is empty until the question bank is loaded', () => {
    expect(progressView({ ...inputs([finished('a', TEXTBOOK, T0)]), questions: undefined }).finished).toBe(0);
  });

  it('shows each exercised competency with the numbers of its calls, weakest first', () => {
    const good = finished('good', TEXTBOOK, T0);
    const cold = finished('cold', COLD_TRANSFER, T0 + MIN);
    const view = progressView(inputs([cold, good]));
    expect(view.finished).toBe(2);
    const percents = view.rows.map((r) => r.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    const handoff = view.rows.find((r) => r.id === 'handoff');
    expect(handoff).toBeDefined();
    // Case entry is read straight from the category: the mean of the two calls' earned / weight.
    const ratio = (a: AttemptInput, id: string) => {
      const c = a.report!.categories.find((x) => x.id === id)!;
      return c.earned / c.weight;
    };
    const caseEntry = view.rows.find((r) => r.id === 'case-entry')!;
    expect(caseEntry.percent).toBe(
      Math.round(((ratio(good, 'case-entry') + ratio(cold, 'case-entry')) / 2) * 100),
    );
    expect(caseEntry.basedOn).toBe(2);
    expect(caseEntry.confidenceLevel).toBe('medium');
    expect(caseEntry.recent).toHaveLength(2);
    // Evidence newest first, each call with its own points.
    expect(caseEntry.evidence.map((e) => e.attemptId)).toEqual(['cold', 'good']);
    expect(view.summary).toMatch(
      /^Mastery of \d+ competencies from 2 finished calls\. Weakest: .+, \d+%\. Strongest: .+, \d+%\./,
    );
    // Nothing exercised is listed as not practised, and vice versa.
    expect(view.rows.length + view.notYet.length).toBe(COMPETENCIES.length);
    expect(view.notYet.map((c) => c.id)).toContain('routing.1A');
  });

  it('lists mistakes that recur with the calls and the points each cost', () => {
    const attempts = [
      finished('c1', COLD_TRANSFER, T0),
      finished('g', TEXTBOOK, T0 + MIN),
      finished('c2', COLD_TRANSFER, T0 + 2 * MIN),
    ];
    const view = progressView(inputs(attempts));
    expect(view.recurring.length).toBeGreaterThan(0);
    for (const m of view.recurring) {
      expect(m.count).toBe(2);
      expect(m.calls.map((c) => c.attemptId)).toEqual(['c2', 'c1']);
      expect(m.title).not.toBe('');
      for (const c of m.calls) expect(c.expected).not.toBe('');
      if (!m.critical) expect(m.calls.reduce((s, c) => s + c.points, 0)).toBeCloseTo(m.points, 1);
    }
    const counts = view.recurring.map((m) => m.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('names the question actually missed, and lists each call with its own expected answer', () => {
    // Two scenarios, each requiring a different question the trainee never asks.
    const base = scenario();
    const asking = (id: string, title: string, required: string[], callType: CallType) =>
      scenario({
        id,
        title,
        answerKey: { ...base.answerKey, requiredQuestions: required, callTypes: [callType] },
      });
    const a = asking(
      'call-a',
      'Call A',
      ['case.address', 'safety.weapon', 'case.who-involved'],
      'suicidal-ideation',
    );
    const b = asking('call-b', 'Call B', ['case.address', 'safety.weapon', 'case.callback'], 'welfare-check');
    const quick: ScriptedAction[] = [
      { type: 'answer' },
      { type: 'ask', question: 'safety.weapon' },
      { type: 'code', callType: 'psychosis' },
      { type: 'dispatch', resource: 'police' },
      { type: 'end' },
    ];
    const call = (id: string, s: typeof a, at: number): AttemptInput => ({
      id,
      traineeId: 't1',
      mode: 'practice',
      finishedAt: at,
      report: played(quick, s).report,
    });
    const view = progressView({
      ...inputs([call('a1', a, T0), call('b1', b, T0 + MIN), call('a2', a, T0 + 2 * MIN)]),
      scenarios: [a, b],
    });
    const text = (id: string) => questions.questions.find((q) => q.id === id)!.text;
    const address = view.recurring.find((m) => m.title.includes(text('case.address')))!;
    expect(address.title).toBe(`Never asked before routing: “${text('case.address')}”`);
    expect(address.count).toBe(3);
    // Each call with its own scenario and expected answer.
    expect(address.calls.map((c) => [c.attemptId, c.scenarioTitle])).toEqual([
      ['a2', 'Call A'],
      ['b1', 'Call B'],
      ['a1', 'Call A'],
    ]);
    const who = view.recurring.find((m) => m.title.includes(text('case.who-involved')))!;
    expect(who.calls.map((c) => c.attemptId)).toEqual(['a2', 'a1']);
    expect(who.calls.every((c) => c.expected.includes(text('case.who-involved')))).toBe(true);
    // "Who is involved" (call A only) is not counted with "callback number" (call B only).
    expect(view.recurring.some((m) => m.title.includes(text('case.callback')))).toBe(false);
    expect(new Set(view.recurring.map((m) => m.key)).size).toBe(view.recurring.length);
    // One rule, different answers: each call says what it expected.
    const code = view.recurring.find((m) => m.rule === 'recognition.wrong-call-type')!;
    expect(code.calls.map((c) => c.expected)).toEqual([
      'Code it as "suicidal-ideation".',
      'Code it as "welfare-check".',
      'Code it as "suicidal-ideation".',
    ]);
  });

  it('draws the overall line from at most 40 points, averaging groups of calls', () => {
    const calls = Array.from({ length: 100 }, (_, i) => ({ at: i, total: i % 2 === 0 ? 50 : 100 }));
    const { points, perPoint } = overallTrend(calls);
    expect(perPoint).toBe(3);
    expect(points).toHaveLength(34);
    expect(points[0]).toEqual({ at: 2, total: 66.7, calls: 3 });
    expect(points.at(-1)).toEqual({ at: 99, total: 100, calls: 1 });
    expect(overallTrend(calls.slice(0, 2)).points.map((p) => p.total)).toEqual([50, 100]);
  });

  it('handles 10,000 attempts quickly', () => {
    const base = [finished('g', TEXTBOOK, T0), finished('c', COLD_TRANSFER, T0)];
    const attempts = Array.from({ length: 10_000 }, (_, i) => ({
      ...base[i % 2]!,
      id: `a${i}`,
      finishedAt: T0 + i * MIN,
    }));
    const start = performance.now();
    const view = progressView(inputs(attempts, T0 + 10_001 * MIN));
    expect(performance.now() - start).toBeLessThan(1000);
    expect(view.finished).toBe(10_000);
    expect(view.overall.length).toBeLessThanOrEqual(40);
    expect(view.rows.every((r) => r.basedOn <= 10 && r.allCalls === 10_000)).toBe(true);
  });
});

describe('memoProgressView', () => {
  it('computes again only for a new attempts array (or library), not for a later now', () => {
    const memo = memoProgressView();
    const attempts = [finished('g', TEXTBOOK, T0)];
    const first = memo(inputs(attempts));
    expect(memo(inputs(attempts, T0 + 60 * MIN))).toBe(first);
    const next = memo(inputs([...attempts]));
    expect(next).not.toBe(first);
    expect(next).toEqual(first);
    expect(memo({ ...inputs([...attempts]), scenarios: [...scenarios] })).not.toBe(next);
  });
});

describe('chart geometry', () => {
  it('gives each competency a bar as wide as its mastery, fainter with less confidence', () => {
    const view = progressView(inputs([finished('g', TEXTBOOK, T0), finished('c', COLD_TRANSFER, T0 + MIN)]));
    const chart = barChart(view.rows);
    expect(chart.bars.map((b) => b.id)).toEqual(view.rows.map((r) => r.id));
    for (const [i, bar] of chart.bars.entries()) {
      expect(bar.width).toBe(Math.round((260 * view.rows[i]!.percent) / 100));
      expect(bar.value).toBe(`${view.rows[i]!.percent}% · 2 calls`);
    }
    expect(opacityFor(0)).toBe(0.3);
    expect(opacityFor(1)).toBe(1);
    expect(opacityFor(0.33)).toBeLessThan(opacityFor(0.8));
    expect(chart.height).toBeGreaterThan(view.rows.length * 34);
  });

  it('draws a line through the values, top for the maximum', () => {
    expect(linePath([0, 1, 0.5], 100, 20)).toBe('M0 20 L50 0 L100 10');
    expect(linePath([], 100, 20)).toBe('');
  });

  it('names confidence in three levels', () => {
    expect([0.33, 0.6, 0.8].map(confidenceLevel)).toEqual(['low', 'medium', 'high']);
  });
});
