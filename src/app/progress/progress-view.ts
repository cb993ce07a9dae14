import { COMPETENCIES, type CompetencyId, type Observation } from '$core/progress/competencies';
import type { HistoryAttempt } from '$core/progress/reports-needed';
import {
  MASTERY_DEFAULTS,
  masteryByCompetency,
  type MasteryEstimate,
  type RecurringMistake,
  type Trend,
} from '$core/progress/mastery';
import type { CenterProfile } from '$core/format/profile';
import type { QuestionBank } from '$core/format/question-bank';
import type { Scenario } from '$core/format/scenario';
import { inWords } from '../call/debrief';
import { recentEvidence } from './recent-evidence';

/**
 * The Progress page as data: everything the screen shows, computed once from the trainee's attempts
 * (core/progress does the maths; this file only arranges it). Pure: no DOM, no storage.
 */

export interface ProgressInputs {
  /**
   * One trainee's attempts (finished or not; only finished ones with a report or a headline
   * count), as records or summaries: the latest calls of each competency need their reports (the
   * ones core/progress reportsNeeded names), the others only their headline.
   */
  attempts: readonly HistoryAttempt[];
  scenarios: readonly Scenario[];
  profiles: readonly CenterProfile[];
  /** undefined until the library is loaded. */
  questions: QuestionBank | undefined;
  /** Epoch ms the estimates are made at. */
  now: number;
}

export type ConfidenceLevel = 'low' | 'medium' | 'high';

/** One call that counts as evidence for a competency, with what it cost. */
export interface EvidenceCall {
  attemptId: string;
  at: number;
  scenarioTitle: string;
  /** 0..100. */
  percent: number;
  earned: number;
  possible: number;
  lost: { points: number; what: string; expected: string }[];
  critical: { what: string; rationale: string }[];
}

export interface CompetencyRow {
  id: CompetencyId;
  label: string;
  /** What counts as evidence, in words. */
  counts: string;
  /** Recency-weighted mastery, 0..100, integer. */
  percent: number;
  confidence: number;
  confidenceLevel: ConfidenceLevel;
  /** Calls the estimate is based on (the latest, at most the mastery window). */
  basedOn: number;
  /** Every call that exercised this competency. */
  allCalls: number;
  trend: Trend;
  trendLabel: string;
  /** Scores 0..1 of the latest calls (at most SPARK_POINTS), oldest first, for the sparkline. */
  recent: number[];
  /** The calls the estimate is based on, newest first. */
  evidence: EvidenceCall[];
}

/** One call a recurring mistake happened in, with what that call expected. */
export interface RecurringCall {
  attemptId: string;
  at: number;
  scenarioTitle: string;
  points: number;
  what: string;
  /** That call's own expected answer (calls of different scenarios expect different things). */
  expected: string;
}

export interface RecurringItem {
  /** Unique in the list: competency, rule and what it was about. */
  key: string;
  competencyId: CompetencyId;
  competency: string;
  rule: string;
  /**
   * What was missed, named: the question asked late or never ("Never asked before routing:
   * “Does anyone there have a weapon…?”"), else the latest occurrence's words.
   */
  title: string;
  critical: boolean;
  /** In how many of the recent calls at this competency. */
  count: number;
  /** Out of how many recent calls. */
  of: number;
  points: number;
  /** Newest first. */
  calls: RecurringCall[];
}

export interface TrendPoint {
  /** Epoch ms of the last call in the group. */
  at: number;
  /** Mean total score of the group, 0..100, one decimal. */
  total: number;
  calls: number;
}

export interface ProgressView {
  /** Finished, scored calls. */
  finished: number;
  /** Competencies with evidence, weakest first. */
  rows: CompetencyRow[];
  /** Competencies no finished call has exercised yet, in model order. */
  notYet: { id: CompetencyId; label: string }[];
  recurring: RecurringItem[];
  /** Total score over time; each point is one call or, with many calls, the mean of a group of them. */
  overall: TrendPoint[];
  /** Calls per point of `overall`. */
  perPoint: number;
  /** One sentence for the chart's accessible name. */
  summary: string;
}

export const SPARK_POINTS = 20;
export const OVERALL_POINTS = 40;

export function confidenceLevel(confidence: number): ConfidenceLevel {
  return confidence < 0.4 ? 'low' : confidence < 0.7 ? 'medium' : 'high';
}

export function trendLabel(trend: Trend): string {
  switch (trend.direction) {
    case 'improving':
      return 'improving';
    case 'declining':
      return 'declining';
    case 'steady':
      return 'steady';
    default:
      return 'not enough calls yet';
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** The observations of these attempts, found from the newest back (the ones asked for are recent). */
function latest(observations: readonly Observation[], ids: readonly string[]): Map<string, Observation> {
  const wanted = new Set(ids);
  const found = new Map<string, Observation>();
  for (let i = observations.length - 1; i >= 0 && found.size < wanted.size; i--) {
    const o = observations[i]!;
    if (wanted.has(o.attemptId)) found.set(o.attemptId, o);
  }
  return found;
}

function evidenceCall(o: Observation, title: (id: string) => string): EvidenceCall {
  return {
    attemptId: o.attemptId,
    at: o.at,
    scenarioTitle: title(o.scenarioId),
    percent: Math.round(o.score * 100),
    earned: o.earned,
    possible: o.possible,
    lost: o.pointsLost.map((p) => ({ points: p.points, what: p.what, expected: p.expected })),
    critical: o.criticalErrors.map((c) => ({ what: c.what, rationale: c.rationale })),
  };
}

function row(
  def: (typeof COMPETENCIES)[number],
  observations: Observation[],
  allCalls: number,
  estimate: MasteryEstimate,
  title: (id: string) => string,
): CompetencyRow {
  const byId = latest(
    observations,
    estimate.used.map((u) => u.attemptId),
  );
  const evidence = estimate.used
    .map((u) => byId.get(u.attemptId))
    .filter((o): o is Observation => o !== undefined)
    .map((o) => evidenceCall(o, title))
    .reverse();
  return {
    id: def.id,
    label: def.label,
    counts: def.counts,
    percent: Math.round((estimate.mastery ?? 0) * 100),
    confidence: estimate.confidence,
    confidenceLevel: confidenceLevel(estimate.confidence),
    basedOn: estimate.observations,
    allCalls,
    trend: estimate.trend,
    trendLabel: trendLabel(estimate.trend),
    recent: observations.slice(-SPARK_POINTS).map((o) => o.score),
    evidence,
  };
}

const QUESTION_RULE = /^(case-entry|safety-screen|clinical-screen)\.(not-asked|asked-after-routing)$/;

/**
 * The name of a recurring mistake: for a question rule, the question itself (its subject is the
 * question id, or in reports before scoring version 2 the question quoted), else what was done.
 */
export function mistakeTitle(
  m: Pick<RecurringMistake, 'rule' | 'subject' | 'what'>,
  questions: QuestionBank,
): string {
  const rule = QUESTION_RULE.exec(m.rule);
  if (!rule || m.subject === undefined) return inWords(m.what);
  const text =
    questions.questions.find((q) => q.id === m.subject)?.text ?? /^"(.*)"$/.exec(m.subject)?.[1] ?? m.subject;
  return `${rule[2] === 'not-asked' ? 'Never asked before routing' : 'Asked only after routing'}: “${text}”`;
}

function recurringItems(
  def: (typeof COMPETENCIES)[number],
  observations: Observation[],
  estimate: MasteryEstimate,
  recentCount: number,
  title: (id: string) => string,
  questions: QuestionBank,
): RecurringItem[] {
  return estimate.recurringMistakes.map((m) => {
    const byId = latest(observations, m.attemptIds);
    const critical = m.rule.startsWith('critical.');
    return {
      key: `${def.id}|${m.rule}|${m.subject ?? ''}`,
      competencyId: def.id,
      competency: def.label,
      rule: m.rule,
      title: mistakeTitle(m, questions),
      critical,
      count: m.attempts,
      of: Math.min(recentCount, observations.length),
      points: m.points,
      calls: m.attemptIds
        .flatMap((id): RecurringCall[] => {
          const o = byId.get(id);
          const here = m.occurrences.filter((x) => x.attemptId === id);
          const first = here[0];
          if (!o || !first) return [];
          return [
            {
              attemptId: id,
              at: o.at,
              scenarioTitle: title(o.scenarioId),
              points: critical ? 0 : round1(here.reduce((sum, x) => sum + x.points, 0)),
              what: inWords(first.what),
              expected: inWords(first.expected),
            },
          ];
        })
        .reverse(),
    };
  });
}

/** Mean total per group of consecutive calls, so 10,000 calls still draw as a readable line. */
export function overallTrend(
  finished: readonly { at: number; total: number }[],
  maxPoints = OVERALL_POINTS,
): { points: TrendPoint[]; perPoint: number } {
  const perPoint = Math.max(1, Math.ceil(finished.length / maxPoints));
  const points: TrendPoint[] = [];
  for (let i = 0; i < finished.length; i += perPoint) {
    const group = finished.slice(i, i + perPoint);
    points.push({
      at: group.at(-1)!.at,
      total: round1(group.reduce((s, c) => s + c.total, 0) / group.length),
      calls: group.length,
    });
  }
  return { points, perPoint };
}

/** The mastery window's recurring count (MASTERY_DEFAULTS.recurringWindow). */
const RECURRING_WINDOW = 5;

/** How many of the latest calls of each competency the page shows: the reports it needs (core/progress reportsNeeded). */
export const PROGRESS_KEEP = Math.max(SPARK_POINTS, MASTERY_DEFAULTS.window, RECURRING_WINDOW);

export function progressView({
  attempts,
  scenarios,
  profiles,
  questions,
  now,
}: ProgressInputs): ProgressView {
  const finishedCalls = attempts
    .flatMap((a) => {
      const total = a.report?.total ?? a.result?.total;
      return a.finishedAt !== undefined && total !== undefined ? [{ at: a.finishedAt, total }] : [];
    })
    .sort((a, b) => a.at - b.at);
  if (!questions || finishedCalls.length === 0) {
    return {
      finished: 0,
      rows: [],
      notYet: COMPETENCIES.map((c) => ({ id: c.id, label: c.label })),
      recurring: [],
      overall: [],
      perPoint: 1,
      summary: 'No finished calls yet.',
    };
  }
  const titles = new Map(scenarios.map((s) => [s.id, s.title]));
  const title = (id: string) => titles.get(id) ?? id;
  const { evidence, counts } = recentEvidence(attempts, scenarios, profiles, questions, now, PROGRESS_KEEP);
  const mastery = masteryByCompetency(evidence, now, { recurringWindow: RECURRING_WINDOW });

  const rows: CompetencyRow[] = [];
  const notYet: ProgressView['notYet'] = [];
  const recurring: RecurringItem[] = [];
  for (const def of COMPETENCIES) {
    const observations = evidence[def.id];
    const estimate = mastery[def.id];
    if (estimate.mastery === null) {
      notYet.push({ id: def.id, label: def.label });
      continue;
    }
    rows.push(row(def, observations, counts[def.id], estimate, title));
    recurring.push(...recurringItems(def, observations, estimate, RECURRING_WINDOW, title, questions));
  }
  const order = new Map(COMPETENCIES.map((c, i) => [c.id, i]));
  rows.sort((a, b) => a.percent - b.percent || order.get(a.id)! - order.get(b.id)!);
  recurring.sort(
    (a, b) =>
      b.count - a.count ||
      Number(b.critical) - Number(a.critical) ||
      b.points - a.points ||
      order.get(a.competencyId)! - order.get(b.competencyId)!,
  );

  const { points, perPoint } = overallTrend(finishedCalls);
  const weakest = rows[0]!;
  const strongest = rows.at(-1)!;
  const summary =
    `Mastery of ${rows.length} ${rows.length === 1 ? 'competency' : 'competencies'} from ${plural(finishedCalls.length, 'finished call')}. ` +
    (rows.length > 1
      ? `Weakest: ${weakest.label}, ${weakest.percent}%. Strongest: ${strongest.label}, ${strongest.percent}%.`
      : `${weakest.label}: ${weakest.percent}%.`) +
    ' The table below has every number.';
  return { finished: finishedCalls.length, rows, notYet, recurring, overall: points, perPoint, summary };
}

/**
 * progressView, remembered: computed again only when one of the inputs is a different object (the
 * store hands out a new attempts array whenever attempts change). `now` does not invalidate it: an
 * estimate made a minute ago is the same estimate.
 */
export function memoProgressView(): (inputs: ProgressInputs) => ProgressView {
  let last: { inputs: ProgressInputs; view: ProgressView } | undefined;
  return (inputs) => {
    if (
      last &&
      last.inputs.attempts === inputs.attempts &&
      last.inputs.scenarios === inputs.scenarios &&
      last.inputs.profiles === inputs.profiles &&
      last.inputs.questions === inputs.questions
    ) {
      return last.view;
    }
    last = { inputs, view: progressView(inputs) };
    return last.view;
  };
}

/** One memo for the app: a return visit to the page with no new call draws at once. */
export const progressViewOf = memoProgressView();
