import type { CenterProfile } from '../format/profile';
import type { QuestionBank } from '../format/question-bank';
import type { CriticalErrorKind, Scenario } from '../format/scenario';
import type { ScoreReport } from '../scoring/score';
import { COMPETENCY_IDS, competenciesEvidenced, type AttemptMode, type CompetencyId } from './competencies';
import { MASTERY_DEFAULTS } from './mastery';
import { outcomeOf, type RatedOutcome } from './schedule';

/**
 * Which reports a long history needs read. Mastery reads the latest `window` observations of each
 * competency (recurring mistakes the latest `recurringWindow`), and which competencies an attempt
 * evidences depends only on its scenario (as it is now), its center's dispatch model and which
 * rubric categories applied in its report, never on how it went (see competencyEvidence). A
 * summary that carries the applicable categories (AttemptResult.applicable) is enough to place an
 * attempt, so the latest observations of every competency are found from summaries alone, and only
 * their reports are read: the estimates are exactly those made from every report.
 */

/** A report's headline as a summary keeps it (AttemptResult); the optional fields may be missing in older summaries. */
export interface Headline {
  total: number;
  level: ScoreReport['level'];
  levelLabel: string;
  applicable?: readonly string[];
  pointsLost?: number;
  criticalKinds?: readonly CriticalErrorKind[];
}

/** An attempt as a summary (headline in `result`), a full record (`report`), or both. */
export interface HistoryAttempt {
  id: string;
  traineeId?: string;
  mode?: AttemptMode;
  /** Epoch ms; attempts without it are not evidence. */
  finishedAt?: number;
  scenarioId?: string;
  profileId?: string;
  result?: Headline;
  report?: ScoreReport;
}

/** Finished attempts with a report or a headline, oldest first (then by id); the same order as finishedInOrder. */
export function finishedHistory<T extends HistoryAttempt>(
  attempts: readonly T[],
): (T & { finishedAt: number })[] {
  const trainees = new Set(attempts.flatMap((a) => (a.traineeId === undefined ? [] : [a.traineeId])));
  if (trainees.size > 1) {
    throw new Error(`attempts of more than one trainee: ${[...trainees].sort().join(', ')}`);
  }
  return attempts
    .filter(
      (a): a is T & { finishedAt: number } =>
        a.finishedAt !== undefined && (a.report !== undefined || a.result !== undefined),
    )
    .sort((a, b) => a.finishedAt - b.finishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The competencies each attempt evidences, from its report if it has one, else from its
 * headline's applicable categories; undefined when neither says (an older summary without its
 * report). The rule is competencies.ts's (competenciesEvidenced, which competencyEvidence follows
 * too); looked up once per kind of attempt (scenario, center, applicable categories).
 */
export function evidencedBy(
  scenarios: readonly Scenario[],
  profiles: readonly CenterProfile[],
  questions: QuestionBank,
): (a: HistoryAttempt) => CompetencyId[] | undefined {
  const kinds = new Map<string, CompetencyId[]>();
  return (a) => {
    const scenarioId = a.report?.scenarioId ?? a.scenarioId;
    const profileId = a.report?.profileId ?? a.profileId;
    const applicable = a.report
      ? a.report.categories.filter((c) => c.applicable).map((c) => c.id)
      : a.result?.applicable;
    if (scenarioId === undefined || profileId === undefined || applicable === undefined) return undefined;
    const kind = `${scenarioId}\u0000${profileId}\u0000${applicable.join(',')}`;
    let evidenced = kinds.get(kind);
    if (!evidenced) {
      const scenario = scenarios.find((s) => s.id === scenarioId);
      const model = profiles.find((p) => p.id === profileId)?.model;
      evidenced = competenciesEvidenced(applicable, scenario, model, questions);
      kinds.set(kind, evidenced);
    }
    return evidenced;
  };
}

export interface LatestEvidence {
  /**
   * The attempts holding the latest `keep` observations up to `now` of some competency, those
   * finished after `now` (a skewed clock), and those whose summary does not say what they evidence.
   */
  ids: Set<string>;
  /** Finished calls that evidence each competency, in all (those that do not say are left out). */
  counts: Record<CompetencyId, number>;
  /** Whether every finished attempt said what it evidences (then `counts` is complete). */
  complete: boolean;
}

/**
 * Which attempts hold the latest `keep` observations of each competency: for every competency,
 * competencyEvidence(those attempts' reports)[id] cut to its latest `keep` up to `now` (with those
 * after `now`) equals competencyEvidence(every report)[id] cut the same way. One trainee's
 * attempts, in any order, as summaries or records.
 */
export function latestEvidence(
  attempts: readonly HistoryAttempt[],
  scenarios: readonly Scenario[],
  profiles: readonly CenterProfile[],
  questions: QuestionBank,
  now: number,
  keep: number = MASTERY_DEFAULTS.window,
): LatestEvidence {
  const finished = finishedHistory(attempts);
  const evidenced = evidencedBy(scenarios, profiles, questions);
  const counts = Object.fromEntries(COMPETENCY_IDS.map((id) => [id, 0])) as Record<CompetencyId, number>;
  const taken = { ...counts };
  const ids = new Set<string>();
  let complete = true;
  for (let i = finished.length - 1; i >= 0; i--) {
    const attempt = finished[i]!;
    const those = evidenced(attempt);
    if (!those) {
      // Read it: once read, it says. Left out of the counts, so later ones are still taken (a superset).
      complete = false;
      ids.add(attempt.id);
      continue;
    }
    for (const id of those) {
      counts[id] += 1;
      if (attempt.finishedAt > now) ids.add(attempt.id);
      else if (taken[id] < keep) {
        taken[id] += 1;
        ids.add(attempt.id);
      }
    }
  }
  return { ids, counts, complete };
}

/** What an attempt is rated from for review (schedule.ts): its report, else its headline if it has the fields. */
export function ratedOutcome(a: HistoryAttempt): RatedOutcome | undefined {
  if (a.report) return outcomeOf(a.report);
  const r = a.result;
  if (!r || r.pointsLost === undefined || r.criticalKinds === undefined || a.scenarioId === undefined) {
    return undefined;
  }
  return {
    scenarioId: a.scenarioId,
    total: r.total,
    level: r.level,
    levelLabel: r.levelLabel,
    pointsLost: r.pointsLost,
    criticalKinds: r.criticalKinds,
  };
}

/**
 * The reports the progress and refresher pages need of one trainee's history: those of
 * latestEvidence (`keep` per competency), and those of finished attempts whose summary cannot be
 * rated for review without them.
 */
export function reportsNeeded(
  attempts: readonly HistoryAttempt[],
  scenarios: readonly Scenario[],
  profiles: readonly CenterProfile[],
  questions: QuestionBank,
  now: number,
  keep: number = MASTERY_DEFAULTS.window,
): Set<string> {
  const { ids } = latestEvidence(attempts, scenarios, profiles, questions, now, keep);
  for (const a of attempts) {
    if (a.finishedAt !== undefined && a.result && !a.report && !ratedOutcome(a)) ids.add(a.id);
  }
  return ids;
}
