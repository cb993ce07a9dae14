import { scoreCounts } from '$core/records/attempt';
import type { Scenario } from '$core/format/scenario';
import { reviewState } from '$core/review/content-hash';
import type { AttemptSummary } from '../platform/storage/types';

/** How a scenario's review status reads in the library. */
export function reviewLabel(scenario: Scenario): { text: string; tone: 'draft' | 'approved' | 'void' } {
  const state = reviewState(scenario);
  switch (state.status) {
    case 'approved':
      return { text: `Approved by ${state.reviewer} on ${state.date}`, tone: 'approved' };
    case 'void':
      return { text: `Approval void: ${state.reason}`, tone: 'void' };
    case 'in-review':
      return { text: 'In review', tone: 'draft' };
    default:
      return { text: "Draft: needs review by your center's clinician", tone: 'draft' };
  }
}

/**
 * The trainee's best scored attempt at a scenario, at any center (of equal scores, the first given),
 * leaving out those whose result is `withheld` (calls of an assessment run under way) and scores
 * not worked out here (scoreCounts).
 */
export function bestAttempt(
  attempts: readonly AttemptSummary[],
  scenarioId: string,
  withheld: ReadonlySet<string> = new Set(),
): AttemptSummary | undefined {
  return attempts
    .filter((a) => a.scenarioId === scenarioId && a.result && !withheld.has(a.id) && scoreCounts(a))
    .reduce<AttemptSummary | undefined>(
      (best, a) => (!best || a.result!.total > best.result!.total ? a : best),
      undefined,
    );
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
