import type { CenterProfile } from '$core/format/profile';
import type { QuestionBank } from '$core/format/question-bank';
import type { Scenario } from '$core/format/scenario';
import {
  COMPETENCY_IDS,
  competencyEvidence,
  emptyEvidence,
  type CompetencyEvidence,
  type CompetencyId,
} from '$core/progress/competencies';
import { latestEvidence, type HistoryAttempt } from '$core/progress/reports-needed';

export interface RecentEvidence {
  /** competencyEvidence, cut to the latest `keep` observations of each competency up to `now` (and any after it). */
  evidence: CompetencyEvidence;
  /** How many finished calls exercised each competency, in all. */
  counts: Record<CompetencyId, number>;
}

/**
 * competencyEvidence for a long history, fast: the page shows at most the latest `keep` calls of
 * each competency (mastery reads the latest 10, the sparkline 20), so only those attempts are read
 * in full. Which attempts those are comes from core/progress latestEvidence, from reports or, for
 * attempts given as summaries, from their headline (the app reads only the reports it needs, see
 * AppState.loadReports). For each competency the result equals competencyEvidence(...)[id].slice(-keep)
 * of every report whenever no attempt is dated after `now`, provided the attempts latestEvidence
 * picks carry their reports.
 */
export function recentEvidence(
  attempts: readonly HistoryAttempt[],
  scenarios: readonly Scenario[],
  profiles: readonly CenterProfile[],
  questions: QuestionBank,
  now: number,
  keep: number,
): RecentEvidence {
  const { ids, counts } = latestEvidence(attempts, scenarios, profiles, questions, now, keep);
  const chosen = attempts.filter(
    (a): a is HistoryAttempt & { report: NonNullable<HistoryAttempt['report']> } =>
      ids.has(a.id) && a.report !== undefined,
  );
  const full = competencyEvidence(chosen, scenarios, profiles, questions);
  const evidence = emptyEvidence();
  // Attempts after `now` (a skewed clock) are kept too: mastery ignores them, as it would anyway.
  for (const id of COMPETENCY_IDS) {
    evidence[id] = full[id].slice(-(keep + full[id].filter((o) => o.at > now).length));
  }
  return { evidence, counts };
}
