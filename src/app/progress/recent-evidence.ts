import type { CenterProfile } from '../../core/format/profile';
import type { QuestionBank } from '../../core/format/question-bank';
import type { Scenario } from '../../core/format/scenario';
import {
  COMPETENCY_IDS,
  competencyEvidence,
  emptyEvidence,
  finishedInOrder,
  type AttemptInput,
  type CompetencyEvidence,
  type CompetencyId,
  type FinishedAttempt,
} from '../../core/progress/competencies';

export interface RecentEvidence {
  /** competencyEvidence, cut to the latest `keep` observations of each competency up to `now` (and any after it). */
  evidence: CompetencyEvidence;
  /** How many finished calls exercised each competency, in all. */
  counts: Record<CompetencyId, number>;
}

/**
 * Which competencies an attempt exercises depends only on its scenario, its center and which
 * rubric categories applied (see competencyEvidence), not on how it went.
 */
const kindOf = (a: FinishedAttempt) =>
  `${a.report.scenarioId}\u0000${a.report.profileId}\u0000${a.report.categories
    .filter((c) => c.applicable)
    .map((c) => c.id)
    .join(',')}`;

/**
 * competencyEvidence for a long history, fast: the page shows at most the latest `keep` calls of
 * each competency (mastery reads the latest 10, the sparkline 20), so only those attempts are read
 * in full. Which competencies an attempt exercises is learnt once per kind of attempt, by running
 * competencyEvidence on one of them, so the rules stay in core/progress. For each competency the
 * result equals competencyEvidence(...)[id].slice(-keep) whenever no attempt is dated after `now`.
 */
export function recentEvidence(
  attempts: readonly AttemptInput[],
  scenarios: readonly Scenario[],
  profiles: readonly CenterProfile[],
  questions: QuestionBank,
  now: number,
  keep: number,
): RecentEvidence {
  const ordered = finishedInOrder(attempts);
  const kinds = new Map<string, CompetencyId[]>();
  const counts = Object.fromEntries(COMPETENCY_IDS.map((id) => [id, 0])) as Record<CompetencyId, number>;
  const taken = { ...counts };
  const chosen = new Set<FinishedAttempt>();
  for (let i = ordered.length - 1; i >= 0; i--) {
    const attempt = ordered[i]!;
    const kind = kindOf(attempt);
    let exercised = kinds.get(kind);
    if (!exercised) {
      const one = competencyEvidence([attempt], scenarios, profiles, questions);
      exercised = COMPETENCY_IDS.filter((id) => one[id].length > 0);
      kinds.set(kind, exercised);
    }
    for (const id of exercised) {
      counts[id] += 1;
      // Attempts after `now` (a skewed clock) are kept too: mastery ignores them, as it would anyway.
      if (attempt.finishedAt > now) chosen.add(attempt);
      else if (taken[id] < keep) {
        taken[id] += 1;
        chosen.add(attempt);
      }
    }
  }
  const full = competencyEvidence(
    ordered.filter((a) => chosen.has(a)),
    scenarios,
    profiles,
    questions,
  );
  const evidence = emptyEvidence();
  for (const id of COMPETENCY_IDS) evidence[id] = full[id].slice(-(keep + full[id].filter((o) => o.at > now).length));
  return { evidence, counts };
}
