import type { CenterProfile } from '$core/format/profile';
import type { QuestionBank } from '$core/format/question-bank';
import type { Scenario } from '$core/format/scenario';
import { contentHash } from '$core/review/content-hash';
import { withSurface } from '$core/variants/surface';
import type { Library } from '../library/load-library';
import type { AttemptRecord, AttemptStore } from '../platform/storage/types';

export type OpenedCall =
  | {
      kind: 'ready';
      store: AttemptStore;
      setup: { scenario: Scenario; profile: CenterProfile; questions: QuestionBank; attempt: AttemptRecord };
    }
  | { kind: 'finished' }
  | { kind: 'problem'; message: string };

/**
 * Find everything a call needs, or say precisely why it cannot be opened (nothing is deleted).
 * A call that can be opened is claimed (AttemptStore.claimAttempt): from then on a copy of it open
 * anywhere else can no longer write.
 */
export async function openCall(
  app: {
    library: Library;
    scenarios: readonly Scenario[];
    store: AttemptStore | undefined;
    /** Whether the person at the screen may open this trainee's call (AppState.mayOpen). */
    mayOpen(attempt: Pick<AttemptRecord, 'traineeId'>): boolean;
  },
  attemptId: string,
): Promise<OpenedCall> {
  const store = app.store;
  if (!store) return { kind: 'problem', message: 'Storage is not ready.' };
  const attempt = await store.getAttempt(attemptId);
  if (!attempt) {
    return { kind: 'problem', message: `No call with id "${attemptId}" is stored in this browser.` };
  }
  if (!app.mayOpen(attempt)) {
    return { kind: 'problem', message: "This call is another trainee's: it opens only in their profile." };
  }
  if (attempt.status === 'finished') return { kind: 'finished' };
  // First: without the bank no scenario loads, and "no longer in the library" would mislead.
  if (!app.library.questions) {
    return {
      kind: 'problem',
      message:
        'No call can be opened while the question bank cannot be loaded: the library page says what is wrong with it. This call is kept.',
    };
  }
  const scenario = app.scenarios.find((s) => s.id === attempt.scenarioId);
  if (!scenario) {
    return { kind: 'problem', message: `The scenario "${attempt.scenarioId}" is no longer in the library.` };
  }
  const surfaced = withSurface(scenario, attempt.variant);
  if (!surfaced.ok) {
    return {
      kind: 'problem',
      message: `${surfaced.problem} Discard it from the library page and start again.`,
    };
  }
  const profile = app.library.profiles.find((p) => p.id === attempt.profileId);
  if (!profile) {
    return { kind: 'problem', message: `The center profile "${attempt.profileId}" is no longer available.` };
  }
  // Last, once it can be played: from here this opening is the call's one writer.
  const claim = await store.claimAttempt(attemptId);
  if (!claim.ok) {
    return claim.why === 'finished'
      ? { kind: 'finished' }
      : { kind: 'problem', message: `No call with id "${attemptId}" is stored in this browser.` };
  }
  if (claim.attempt.saved && contentHash(scenario) !== claim.attempt.scenarioHash) {
    return {
      kind: 'problem',
      message: `The scenario "${scenario.title}" was changed after this call started, so it cannot be resumed exactly. Discard it from the library page and start again.`,
    };
  }
  return {
    kind: 'ready',
    store,
    setup: { scenario: surfaced.scenario, profile, questions: app.library.questions, attempt: claim.attempt },
  };
}
