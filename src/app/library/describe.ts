import type { Scenario } from '../../core/format/scenario';
import { reviewState } from '../../core/review/content-hash';
import type { AttemptRecord } from '../platform/storage/types';

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

/** The trainee's best finished attempt at a scenario, at any center. */
export function bestAttempt(attempts: readonly AttemptRecord[], scenarioId: string): AttemptRecord | undefined {
  return attempts
    .filter((a) => a.scenarioId === scenarioId && a.report)
    .reduce<AttemptRecord | undefined>((best, a) => (!best || a.report!.total > best.report!.total ? a : best), undefined);
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
