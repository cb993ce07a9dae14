import type { Scenario } from '$core/format/scenario';
import type { AppState } from '../app-state.svelte';
import type { AttemptRecord } from '../platform/storage/types';

/** Tutorial scenarios are files named tutorial-*.json, with ids to match: played with the coach. */
export const TUTORIAL_PREFIX = 'tutorial-';

export function isTutorial(scenario: Pick<Scenario, 'id'>): boolean {
  return scenario.id.startsWith(TUTORIAL_PREFIX);
}

/** The library's guided first call, if it has one. */
export function tutorialOf(scenarios: readonly Scenario[]): Scenario | undefined {
  return scenarios.find(isTutorial);
}

/**
 * Start the guided call: always in practice (the coach is a hint on every step, and an assessment
 * has none), at the trainee's center, at the call's own time.
 */
export function startTutorial(app: AppState, tutorial: Scenario): Promise<AttemptRecord | undefined> {
  const profile = app.profile;
  if (!profile) return Promise.resolve(undefined);
  return app.startAttempt(tutorial, {
    profileId: profile.id,
    callTime: tutorial.cad.callTime,
    mode: 'practice',
  });
}
