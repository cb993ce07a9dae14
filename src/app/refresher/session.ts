import { z } from 'zod';
import type { CenterProfile } from '$core/format/profile';
import type { QuestionBank } from '$core/format/question-bank';
import type { Scenario } from '$core/format/scenario';
import { MASTERY_DEFAULTS, masteryByCompetency } from '$core/progress/mastery';
import { ratedOutcome } from '$core/progress/reports-needed';
import { buildRefresherSession, replayCards, type RefresherSession } from '$core/progress/refresher';
import type { ScoredAttempt } from '$core/records/summary';
import { zodProblems } from '$core/validate/validate-scenario';
import { recentEvidence } from '../progress/recent-evidence';

/**
 * The refresher screen's logic: plan a session from the trainee's history, keep the plan while it
 * is played (store setting `refresher-session:<traineeId>`), and read its progress back from the
 * attempts. A pick counts as done once an attempt at its scenario, started after the session
 * began at the session's center, has finished with a score.
 */

export const refresherSettingKey = (traineeId: string) => `refresher-session:${traineeId}`;

export interface PlanInput {
  traineeId: string;
  /**
   * This trainee's attempts (any order), as records or summaries with their reports where read:
   * cards are rated from the headline, mastery needs the reports core/progress reportsNeeded names.
   */
  attempts: readonly ScoredAttempt[];
  scenarios: readonly Scenario[];
  profiles: readonly CenterProfile[];
  profile: CenterProfile;
  questions: QuestionBank;
  now: number;
}

/** The session core/progress would give this trainee now, from their cards and mastery. */
export function planSession(input: PlanInput): RefresherSession {
  const mine = input.attempts.filter((a) => a.traineeId === input.traineeId);
  const cards = replayCards(
    input.traineeId,
    mine.map(({ id, traineeId, mode, finishedAt, ...a }) => {
      const outcome = ratedOutcome({ id, ...a });
      return {
        id,
        traineeId,
        mode,
        ...(finishedAt !== undefined ? { finishedAt } : {}),
        ...(outcome ? { report: outcome } : {}),
      };
    }),
  );
  // Mastery reads the latest `window` observations of each competency: only those are computed.
  const { evidence } = recentEvidence(
    mine,
    input.scenarios,
    input.profiles,
    input.questions,
    input.now,
    MASTERY_DEFAULTS.window,
  );
  const mastery = masteryByCompetency(evidence, input.now);
  return buildRefresherSession({
    scenarios: input.scenarios,
    cards,
    mastery,
    now: input.now,
    profile: input.profile,
    questions: input.questions,
  });
}

const StoredPick = z.object({
  scenarioId: z.string().min(1),
  title: z.string(),
  minutes: z.number().nonnegative(),
  reasons: z.array(z.string()),
});
export const StoredSession = z.object({
  version: z.literal(1),
  traineeId: z.string().min(1),
  /** Epoch ms: attempts started at or after this belong to the session. */
  startedAt: z.number(),
  profileId: z.string().min(1),
  minutes: z.number().nonnegative(),
  picks: z.array(StoredPick).min(1),
});
export type StoredSession = z.infer<typeof StoredSession>;

/** What is stored when the trainee starts the session. */
export function storedSession(
  session: RefresherSession,
  traineeId: string,
  profileId: string,
  startedAt: number,
): StoredSession {
  if (session.picks.length === 0) throw new Error('a refresher session needs at least one scenario');
  return {
    version: 1,
    traineeId,
    startedAt,
    profileId,
    minutes: session.minutes,
    picks: session.picks.map((p) => ({
      scenarioId: p.scenarioId,
      title: p.title,
      minutes: p.minutes,
      reasons: p.reasons.map((r) => r.text),
    })),
  };
}

export type ReadResult<T> = { ok: true; value: T | undefined } | { ok: false; problem: string };

/** The stored plan, checked; a value that is not a plan is reported (and left alone), never guessed at. */
export function readStoredSession(value: unknown, key: string): ReadResult<StoredSession> {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  const parsed = StoredSession.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = zodProblems(parsed.error, value)[0];
  return {
    ok: false,
    problem: `Setting "${key}": ${first ? `${first.path}: ${first.message}` : 'not a refresher session'}`,
  };
}

export type PickStatus = 'done' | 'in-progress' | 'to-do';

export interface PickProgress {
  pick: StoredSession['picks'][number];
  status: PickStatus;
  /** The finished attempt (done) or the one in progress. */
  attempt?: ScoredAttempt;
}

export interface SessionProgress {
  items: PickProgress[];
  done: number;
  total: number;
  complete: boolean;
  /** The first pick not done yet, in session order. */
  next?: PickProgress;
}

/** Which picks are done: a finished, scored attempt at the pick's scenario and the session's center, started after the session began. */
export function sessionProgress(session: StoredSession, attempts: readonly ScoredAttempt[]): SessionProgress {
  const inSession = attempts
    .filter(
      (a) =>
        a.traineeId === session.traineeId &&
        a.profileId === session.profileId &&
        a.startedAt >= session.startedAt,
    )
    .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  const items = session.picks.map((pick): PickProgress => {
    const mine = inSession.filter((a) => a.scenarioId === pick.scenarioId);
    const finished = mine.find(
      (a) => a.status === 'finished' && (a.report !== undefined || a.result !== undefined),
    );
    if (finished) return { pick, status: 'done', attempt: finished };
    const open = mine.find((a) => a.status === 'in-progress');
    return open ? { pick, status: 'in-progress', attempt: open } : { pick, status: 'to-do' };
  });
  const done = items.filter((i) => i.status === 'done').length;
  const next = items.find((i) => i.status !== 'done');
  return { items, done, total: items.length, complete: done === items.length, ...(next ? { next } : {}) };
}
