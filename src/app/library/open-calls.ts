import type { AttemptSummary } from '../platform/storage/types';

/** The trainee's calls still in progress (left open, or abandoned), newest first. */
export function openCalls(attempts: readonly AttemptSummary[]): AttemptSummary[] {
  return attempts.filter((a) => a.status === 'in-progress').sort((a, b) => b.startedAt - a.startedAt);
}

/** What discarding these calls does, in words for the confirmation. Finished calls are never among them. */
export function discardConsequence(calls: readonly Pick<AttemptSummary, 'mode'>[]): string {
  const one = calls.length === 1;
  const kept = one
    ? 'It stays in your history as discarded, with no score.'
    : 'They stay in your history as discarded, with no score.';
  const assessed = calls.filter((c) => c.mode === 'assessment').length;
  const assessment =
    assessed === 0
      ? ''
      : one || assessed === calls.length
        ? ` An assessment call discarded counts as 0 in its assessment.`
        : ` ${assessed} of them ${assessed === 1 ? 'is an assessment call' : 'are assessment calls'}: discarded, ${assessed === 1 ? 'it counts' : 'each counts'} as 0 in its assessment.`;
  return `${kept}${assessment} Finished calls are not touched.`;
}
