import { COMPETENCY_IDS, type CompetencyEvidence, type CompetencyId, type Observation } from './competencies';

/**
 * Mastery of one competency, from its observations (competencyEvidence). Every number can be
 * recomputed by hand from `used`:
 *
 *   used          the observations finished at or before `now`, the latest `window` of them (10)
 *   age_i         (now − at_i) in days
 *   w_i           0.5 ^ (age_i / halfLifeDays)      halfLifeDays = 30: a month-old attempt counts half
 *   mastery       Σ w_i · score_i / Σ w_i           recency-weighted mean, 0..1 (null with no evidence)
 *   confidence    n / (n + k), n = Σ w_i            k = 2: one attempt today 0.33, three 0.6, eight 0.8;
 *                                                   old evidence weighs less, so confidence fades too
 *   trend         least-squares slope of score against attempt order (0, 1, 2 … oldest first) over
 *                 `used`, in score per attempt: 'improving' above +0.02 (two points per attempt),
 *                 'declining' below −0.02, else 'steady'; 'unknown' with fewer than 2 observations
 *   lastVsEarlier score of the latest − plain mean of the earlier ones used
 *   recurring     rule ids of lost points (critical errors as "critical.<kind>") found in at least
 *                 2 of the latest `recurringWindow` observations (5), counted once per attempt
 */
export interface MasteryOptions {
  halfLifeDays: number;
  window: number;
  confidenceK: number;
  recurringWindow: number;
  /** Slope (score per attempt) beyond which the trend is improving or declining. */
  steadyWithin: number;
}

export const MASTERY_DEFAULTS: MasteryOptions = {
  halfLifeDays: 30,
  window: 10,
  confidenceK: 2,
  recurringWindow: 5,
  steadyWithin: 0.02,
};

export type MasteryInput = Pick<Observation, 'attemptId' | 'at' | 'score' | 'pointsLost' | 'criticalErrors'>;

export interface UsedObservation {
  attemptId: string;
  at: number;
  score: number;
  /** w_i above. */
  weight: number;
}

export interface Trend {
  direction: 'improving' | 'declining' | 'steady' | 'unknown';
  slopePerAttempt: number | null;
  lastVsEarlier: number | null;
}

/** One call a recurring mistake happened in, with what that call expected. */
export interface MistakeOccurrence {
  attemptId: string;
  points: number;
  what: string;
  expected: string;
}

export interface RecurringMistake {
  /** A PointLost rule id, or "critical.<kind>". */
  rule: string;
  /** What the rule was about (a question id), when it is about one thing: "who is involved" apart from "callback number". */
  subject?: string;
  /** In how many of the recent attempts it appears. */
  attempts: number;
  attemptIds: string[];
  /** Points it cost over those attempts (0 for a critical error, which caps the whole call). */
  points: number;
  /** From the latest occurrence, for the debrief. */
  what: string;
  expected: string;
  /** Each call it happened in, oldest first, with that call's own expected answer. */
  occurrences: MistakeOccurrence[];
}

export interface MasteryEstimate {
  mastery: number | null;
  confidence: number;
  /** Number of observations used. */
  observations: number;
  used: UsedObservation[];
  trend: Trend;
  recurringMistakes: RecurringMistake[];
}

const DAY_MS = 86_400_000;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function trend(scores: readonly number[], steadyWithin: number): Trend {
  if (scores.length < 2) return { direction: 'unknown', slopePerAttempt: null, lastVsEarlier: null };
  const xBar = (scores.length - 1) / 2;
  const yBar = mean(scores);
  let num = 0;
  let den = 0;
  scores.forEach((y, x) => {
    num += (x - xBar) * (y - yBar);
    den += (x - xBar) ** 2;
  });
  const slope = num / den;
  const direction = slope > steadyWithin ? 'improving' : slope < -steadyWithin ? 'declining' : 'steady';
  return {
    direction,
    slopePerAttempt: round3(slope),
    lastVsEarlier: round3(scores[scores.length - 1]! - mean(scores.slice(0, -1))),
  };
}

/**
 * What a deduction was about, so that one mistake is counted apart from another of the same rule:
 * "never asked who is involved" is not "never asked the callback number". Reports before scoring
 * version 2 have no subject; their question rules quote the question in `what`.
 */
function subjectOf(p: { rule: string; what: string; subject?: string }): string | undefined {
  if (p.subject !== undefined) return p.subject;
  return /^(case-entry|safety-screen|clinical-screen)\./.test(p.rule)
    ? (/"[^"]*"/.exec(p.what)?.[0] ?? p.what)
    : undefined;
}

function recurring(recent: readonly MasteryInput[]): RecurringMistake[] {
  const byRule = new Map<string, RecurringMistake>();
  for (const o of recent) {
    const items = [
      ...o.pointsLost.map((p) => ({
        rule: p.rule,
        subject: subjectOf(p),
        points: p.points,
        what: p.what,
        expected: p.expected,
      })),
      ...o.criticalErrors.map((c) => ({
        rule: `critical.${c.kind}`,
        subject: undefined,
        points: 0,
        what: c.what,
        expected: c.rationale,
      })),
    ];
    for (const item of items) {
      const key = `${item.rule}|${item.subject ?? ''}`;
      const seen: RecurringMistake = byRule.get(key) ?? {
        rule: item.rule,
        ...(item.subject === undefined ? {} : { subject: item.subject }),
        attempts: 0,
        attemptIds: [],
        points: 0,
        what: '',
        expected: '',
        occurrences: [],
      };
      if (!seen.attemptIds.includes(o.attemptId)) {
        seen.attempts += 1;
        seen.attemptIds.push(o.attemptId);
      }
      seen.points = Math.round((seen.points + item.points) * 10) / 10;
      seen.what = item.what; // recent is oldest first: the last write is the latest occurrence
      seen.expected = item.expected;
      seen.occurrences.push({
        attemptId: o.attemptId,
        points: item.points,
        what: item.what,
        expected: item.expected,
      });
      byRule.set(key, seen);
    }
  }
  return [...byRule.values()]
    .filter((m) => m.attempts >= 2)
    .sort(
      (a, b) =>
        b.attempts - a.attempts || b.points - a.points || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
    );
}

/** See the formula above. `now` is epoch ms; observations after it are ignored. */
export function masteryEstimate(
  observations: readonly MasteryInput[],
  now: number,
  options: Partial<MasteryOptions> = {},
): MasteryEstimate {
  const o = { ...MASTERY_DEFAULTS, ...options };
  const past = observations
    .filter((x) => x.at <= now)
    .sort((a, b) => a.at - b.at || (a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : 0));
  const window = past.slice(-o.window);
  const used = window.map((x) => ({
    attemptId: x.attemptId,
    at: x.at,
    score: x.score,
    weight: round3(0.5 ** ((now - x.at) / DAY_MS / o.halfLifeDays)),
  }));
  // Exact weights for the sums; `used` shows them rounded.
  const weights = window.map((x) => 0.5 ** ((now - x.at) / DAY_MS / o.halfLifeDays));
  const total = weights.reduce((s, w) => s + w, 0);
  const weighted = window.reduce((s, x, i) => s + weights[i]! * x.score, 0);
  return {
    mastery: window.length === 0 ? null : round3(weighted / total),
    confidence: round3(total / (total + o.confidenceK)),
    observations: window.length,
    used,
    trend: trend(
      window.map((x) => x.score),
      o.steadyWithin,
    ),
    recurringMistakes: recurring(past.slice(-o.recurringWindow)),
  };
}

export type MasteryByCompetency = Record<CompetencyId, MasteryEstimate>;

export function masteryByCompetency(
  evidence: CompetencyEvidence,
  now: number,
  options: Partial<MasteryOptions> = {},
): MasteryByCompetency {
  return Object.fromEntries(
    COMPETENCY_IDS.map((id) => [id, masteryEstimate(evidence[id], now, options)]),
  ) as MasteryByCompetency;
}
