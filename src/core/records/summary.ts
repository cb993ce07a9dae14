import type { SavedCall } from '../engine/session';
import type { CriticalErrorKind } from '../format/scenario';
import type { ScoreReport } from '../scoring/score';
import type { AttemptRecord } from './attempt';

// An attempt as lists show it, apart from its two heavy parts. Stored as is (schema 3 keeps these
// in the attempts table, and each heavy part in a table of its own): changing the shape needs a
// database migration.

/** The headline of a scored attempt's report: what the library and the history show of it. */
export interface AttemptResult {
  /** ScoreReport.total. */
  total: number;
  level: ScoreReport['level'];
  levelLabel: string;
  /** How many critical errors the report has. */
  criticalErrors: number;
  scoringVersion: number;
  /**
   * The ids of the report's applicable categories: with the scenario and the center, they say which
   * competencies the attempt evidences (core/progress/reports-needed.ts), so the progress pages read
   * only the reports they show. Absent in summaries written before it (the attempt may evidence
   * anything: its report is read).
   */
  applicable?: string[];
  /** How many points-lost entries the report has (the refresher's review rating). Absent: as above. */
  pointsLost?: number;
  /** The kinds of the report's critical errors, in order (the refresher's review rating). Absent: as above. */
  criticalKinds?: CriticalErrorKind[];
}

/**
 * An attempt without its saved call (~5 kB: the machine snapshot, log included) and its full
 * report (~4 kB), with the report's headline as `result` (~0.4 kB in all). 10,000 of them read
 * from IndexedDB in about a tenth of the time the full records take.
 *
 * Careful: a summary still fits the AttemptRecord type (`report` and `saved` are optional there),
 * as a record with no report. Code that reads reports takes full records (AttemptStore.listAttempts,
 * getAttempt, reports), never summaries.
 */
export type AttemptSummary = Omit<AttemptRecord, 'saved' | 'report'> & { result?: AttemptResult };

/**
 * A summary with its full report where that was read (AppState.scored): the pages that read
 * reports get every attempt, with the report only of those they need (core/progress reportsNeeded).
 * Fits the AttemptRecord type.
 */
export type ScoredAttempt = AttemptSummary & { report?: ScoreReport };

export function resultOf(report: ScoreReport): AttemptResult {
  return {
    total: report.total,
    level: report.level,
    levelLabel: report.levelLabel,
    criticalErrors: report.criticalErrors.length,
    scoringVersion: report.scoringVersion,
    applicable: report.categories.filter((c) => c.applicable).map((c) => c.id),
    pointsLost: report.pointsLost.length,
    criticalKinds: report.criticalErrors.map((c) => c.kind),
  };
}

/** Every field of the record but the heavy parts (fields added to AttemptRecord later come along). */
export function summaryOf(record: AttemptRecord): AttemptSummary {
  const { saved: _saved, report, ...rest } = record;
  return report ? { ...rest, result: resultOf(report) } : rest;
}

/** The record again, from its summary and its heavy parts (those it has). */
export function recordOf(
  summary: AttemptSummary,
  parts: { report?: ScoreReport | undefined; saved?: SavedCall | undefined } = {},
): AttemptRecord {
  const { result: _result, ...rest } = summary;
  return {
    ...rest,
    ...(parts.report ? { report: parts.report } : {}),
    ...(parts.saved ? { saved: parts.saved } : {}),
  };
}
