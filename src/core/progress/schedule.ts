import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';
import type { CriticalErrorKind } from '../format/scenario';
import type { ScoreReport } from '../scoring/score';
import { finishedInOrder, type AttemptInput, type AttemptMode } from './competencies';

/**
 * Spaced review of scenarios with FSRS (ts-fsrs): one card per (trainee, scenario); each finished
 * attempt is a review of it, rated from its score report.
 *
 * Scheduler settings, chosen for calls rather than flashcards:
 * - enable_short_term: false. ts-fsrs's default learning steps bring a failed card back in 1 and
 *   10 minutes; replaying the same call minutes later trains memory of the script, not the skill.
 *   Without them FSRS schedules in whole days from the first review (Again 1 d, Hard 2 d, Good 3 d,
 *   Easy 8 d for a new card with the default weights).
 * - enable_fuzz: false, so a schedule is a pure function of the review history and tests and
 *   explanations can name exact dates.
 * - maximum_interval: 365 days, so every scenario comes back at least once a year of in-service.
 * - request_retention: 0.9, the library's default.
 */
export const FSRS_PARAMETERS = generatorParameters({
  request_retention: 0.9,
  maximum_interval: 365,
  enable_fuzz: false,
  enable_short_term: false,
});
const scheduler = fsrs(FSRS_PARAMETERS);

/** ts-fsrs's card with dates as epoch ms, so it stores as JSON or in IndexedDB as is. */
export type StoredFsrsCard = Omit<Card, 'due' | 'last_review'> & { due: number; last_review?: number };

export type GradeName = 'Again' | 'Hard' | 'Good' | 'Easy';

export interface ScenarioCard {
  traineeId: string;
  scenarioId: string;
  fsrs: StoredFsrsCard;
  /** The latest review, to explain the schedule. */
  lastRating?: { at: number; rating: GradeName; why: string; attemptId?: string };
}

/**
 * What rating an attempt reads of its report: score, level, how many points were lost and the
 * kinds of the critical errors. A summary's headline (AttemptResult) keeps these very fields, so
 * the app rates a long history without reading its reports; a report gives them through outcomeOf.
 */
export interface RatedOutcome {
  scenarioId: string;
  total: number;
  level: ScoreReport['level'];
  levelLabel: string;
  /** How many points-lost entries the report has. */
  pointsLost: number;
  criticalKinds: readonly CriticalErrorKind[];
}

export function outcomeOf(report: ScoreReport): RatedOutcome {
  return {
    scenarioId: report.scenarioId,
    total: report.total,
    level: report.level,
    levelLabel: report.levelLabel,
    pointsLost: report.pointsLost.length,
    criticalKinds: report.criticalErrors.map((c) => c.kind),
  };
}

/** An attempt as replayCards reads it: AttemptInput with, of its report, what rating reads. */
export type RatedAttempt = Omit<AttemptInput, 'report'> & { report?: RatedOutcome };

export interface RatingDecision {
  rating: Grade;
  name: GradeName;
  why: string;
}

/**
 * How an attempt rates as a review:
 *
 *   any critical error                        → Again  the call failed, whatever the percentage
 *   level non-compliant (< 60 %)              → Again  a failed call, not a hard-won recall
 *   level low or partial (60–79 %)            → Hard   done, with serious gaps
 *   level compliant or high (80–100 %)        → Good
 *   100 % with no point lost, assessment mode → Easy   flawless without coaching
 *
 * A flawless practice attempt stays Good: practice mode coaches the trainee with hints.
 */
export function ratingFor(outcome: RatedOutcome, mode?: AttemptMode): RatingDecision {
  const critical = outcome.criticalKinds;
  if (critical.length > 0) {
    return { rating: Rating.Again, name: 'Again', why: `critical error: ${critical.join(', ')}` };
  }
  const level = `${outcome.levelLabel} (${outcome.total}%)`;
  switch (outcome.level) {
    case 'non-compliant':
      return { rating: Rating.Again, name: 'Again', why: level };
    case 'low':
    case 'partial':
      return { rating: Rating.Hard, name: 'Hard', why: level };
    case 'compliant':
    case 'high':
      if (outcome.pointsLost === 0 && mode !== 'practice') {
        return { rating: Rating.Easy, name: 'Easy', why: `${level}, no point lost` };
      }
      return {
        rating: Rating.Good,
        name: 'Good',
        why: outcome.pointsLost === 0 ? `${level}, no point lost (practice, coached)` : level,
      };
  }
}

const toFsrs = ({ due, last_review, ...rest }: StoredFsrsCard): Card => ({
  ...rest,
  due: new Date(due),
  ...(last_review !== undefined ? { last_review: new Date(last_review) } : {}),
});
const fromFsrs = ({ due, last_review, ...rest }: Card): StoredFsrsCard => ({
  ...rest,
  due: due.getTime(),
  ...(last_review ? { last_review: last_review.getTime() } : {}),
});

/** A card never reviewed; due at `now`. */
export function newCard(traineeId: string, scenarioId: string, now: number): ScenarioCard {
  return { traineeId, scenarioId, fsrs: fromFsrs(createEmptyCard(new Date(now))) };
}

/** The card after reviewing it with this attempt's outcome at `now` (epoch ms). */
export function reviewCard(
  card: ScenarioCard,
  outcome: RatedOutcome,
  now: number,
  attempt: { id?: string; mode?: AttemptMode } = {},
): ScenarioCard {
  if (outcome.scenarioId !== card.scenarioId) {
    throw new Error(`report for "${outcome.scenarioId}" reviewed on the card of "${card.scenarioId}"`);
  }
  const decision = ratingFor(outcome, attempt.mode);
  const next = scheduler.next(toFsrs(card.fsrs), new Date(now), decision.rating).card;
  return {
    ...card,
    fsrs: fromFsrs(next),
    lastRating: {
      at: now,
      rating: decision.name,
      why: decision.why,
      ...(attempt.id ? { attemptId: attempt.id } : {}),
    },
  };
}

export interface DueScenario {
  scenarioId: string;
  /** Epoch ms it became due. */
  due: number;
  /** Whole days past due (0 on the day it falls due). */
  overdueDays: number;
  card: ScenarioCard;
}

/** Cards due at `now`, most overdue first (then by scenario id). */
export function dueScenarios(cards: readonly ScenarioCard[], now: number): DueScenario[] {
  return cards
    .filter((c) => c.fsrs.due <= now)
    .map((card) => ({
      scenarioId: card.scenarioId,
      due: card.fsrs.due,
      overdueDays: Math.floor((now - card.fsrs.due) / 86_400_000),
      card,
    }))
    .sort(
      (a, b) => a.due - b.due || (a.scenarioId < b.scenarioId ? -1 : a.scenarioId > b.scenarioId ? 1 : 0),
    );
}

/**
 * The trainee's cards rebuilt from their finished attempts, each reviewed at its finishedAt in
 * order: the schedule is a function of the history, so the app need not store cards at all.
 */
export function replayCards(traineeId: string, attempts: readonly RatedAttempt[]): ScenarioCard[] {
  const other = attempts.find((a) => a.traineeId !== undefined && a.traineeId !== traineeId);
  if (other) throw new Error(`attempt "${other.id}" is not ${traineeId}'s`);
  const cards = new Map<string, ScenarioCard>();
  for (const a of finishedInOrder(attempts)) {
    const id = a.report.scenarioId;
    const card = cards.get(id) ?? newCard(traineeId, id, a.finishedAt);
    cards.set(
      id,
      reviewCard(card, a.report, a.finishedAt, { id: a.id, ...(a.mode ? { mode: a.mode } : {}) }),
    );
  }
  return [...cards.values()].sort((a, b) => (a.scenarioId < b.scenarioId ? -1 : 1));
}
