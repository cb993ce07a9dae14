import type { LogEntry } from '$core/engine/events';
import type { CriticalError, PointLost, ScoreReport } from '$core/scoring/score';

export interface TimelineItem {
  entry: LogEntry;
  /** Deductions and critical errors whose evidence is this entry. */
  lost: PointLost[];
  critical: CriticalError[];
}

/** The "game film": the log, with every deduction pinned to the moment it points at. */
export function timeline(
  log: readonly LogEntry[],
  report: ScoreReport,
): { items: TimelineItem[]; unpinned: PointLost[] } {
  const items = log.map((entry) => ({
    entry,
    lost: report.pointsLost.filter((p) => p.evidence?.seq === entry.seq),
    critical: report.criticalErrors.filter((c) => c.evidence?.seq === entry.seq),
  }));
  return { items, unpinned: report.pointsLost.filter((p) => p.evidence === undefined) };
}
