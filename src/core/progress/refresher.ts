import type { CenterProfile } from '../format/profile';
import type { QuestionBank } from '../format/question-bank';
import type { Scenario } from '../format/scenario';
import { DIFFICULTIES } from '../format/vocabulary';
import { competenciesTrained, competency, COMPETENCY_IDS, type CompetencyId } from './competencies';
import type { MasteryEstimate } from './mastery';
import { dueScenarios, type ScenarioCard } from './schedule';

export {
  dueScenarios,
  FSRS_PARAMETERS,
  newCard,
  outcomeOf,
  ratingFor,
  replayCards,
  reviewCard,
} from './schedule';
export type { DueScenario, GradeName, RatingDecision, ScenarioCard, StoredFsrsCard } from './schedule';

/**
 * In-service refresher: a short session of scenarios that train the trainee's weakest
 * competencies and those due for review. Deterministic: the same inputs give the same session.
 *
 * 1. Weak competencies are those with a mastery estimate below WEAK_BELOW, weakest first; due
 *    scenarios are the trainee's FSRS cards due at `now`, most overdue first.
 * 2. Targets alternate: weakest competency, most overdue scenario, 2nd weakest, 2nd overdue, …
 *    A weak competency already trained by a pick is skipped. For a weak competency the scenario is,
 *    in order: one that is also due (most overdue), one training more still-uncovered weak
 *    competencies, one never played, one due soonest, the shortest, then by id. Targets are taken
 *    while they fit the maximum.
 * 3. Until the minimum is reached, the session is filled with, in order: scenarios training the most
 *    competencies with no evidence yet, never played, due soonest, easiest, shortest, by id. With no
 *    history at all this alone builds the starter session.
 * The total never exceeds the maximum and no scenario appears twice. Picks are greedy: when the
 * library cannot reach the minimum (or, with a budget as narrow as the calls are long, the greedy
 * order misses a combination that would), the session is shorter and says so.
 */
export interface RefresherInput {
  /** Scenarios the trainee may be given (filtering by mode or review status is the caller's). */
  scenarios: readonly Scenario[];
  /** One trainee's cards. */
  cards: readonly ScenarioCard[];
  mastery: Partial<Record<CompetencyId, MasteryEstimate>>;
  /** Epoch ms. */
  now: number;
  minutes?: { min: number; max: number };
  /** The center the session is played at: it decides the routing competency and whether a handoff is trained. */
  profile: CenterProfile;
  questions: QuestionBank;
}

export const REFRESHER_MINUTES = { min: 10, max: 15 } as const;
/** Mastery below this is weak enough to target. */
export const WEAK_BELOW = 0.8;

export type PickReason =
  | { kind: 'weak'; competency: CompetencyId; mastery: number; rank: number; text: string }
  | { kind: 'due'; since: number; text: string }
  | { kind: 'not-practised'; competencies: CompetencyId[]; text: string }
  | { kind: 'new-scenario'; text: string }
  | { kind: 'ahead-of-schedule'; due: number; text: string };

export interface RefresherPick {
  scenarioId: string;
  title: string;
  minutes: number;
  trains: CompetencyId[];
  reasons: PickReason[];
}

export interface RefresherSession {
  picks: RefresherPick[];
  /** Sum of the picks' estimatedMinutes. */
  minutes: number;
  budget: { min: number; max: number };
  withinBudget: boolean;
  /** No card and no mastery evidence: a starter session. */
  starter: boolean;
  note?: string;
}

interface Candidate {
  scenario: Scenario;
  trains: CompetencyId[];
  card: ScenarioCard | undefined;
}

type Key = (number | string)[];
function byKey<T>(key: (t: T) => Key): (a: T, b: T) => number {
  return (a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const percent = (m: number) => `${Math.round(m * 100)}%`;
const name = (id: CompetencyId) => {
  const label = competency(id).label;
  return label.charAt(0).toLowerCase() + label.slice(1);
};
const ordinal = (rank: number) =>
  rank === 1 ? '' : rank === 2 ? '2nd ' : rank === 3 ? '3rd ' : `${rank}th `;

function reasons(
  c: Candidate,
  weak: readonly { id: CompetencyId; mastery: number }[],
  untested: readonly CompetencyId[],
  now: number,
): PickReason[] {
  const out: PickReason[] = [];
  weak.forEach((w, i) => {
    if (c.trains.includes(w.id)) {
      out.push({
        kind: 'weak',
        competency: w.id,
        mastery: w.mastery,
        rank: i + 1,
        text: `trains your ${ordinal(i + 1)}weakest: ${name(w.id)} (mastery ${percent(w.mastery)})`,
      });
    }
  });
  const card = c.card;
  if (card && card.fsrs.due <= now) {
    const last = card.lastRating ? `, last rated ${card.lastRating.rating} (${card.lastRating.why})` : '';
    out.push({
      kind: 'due',
      since: card.fsrs.due,
      text: `due for review since ${isoDay(card.fsrs.due)}${last}`,
    });
  }
  const fresh = c.trains.filter((id) => untested.includes(id));
  if (fresh.length > 0) {
    out.push({
      kind: 'not-practised',
      competencies: fresh,
      text: `trains what you have not practised yet: ${fresh.map(name).join(', ')}`,
    });
  }
  if (!card) out.push({ kind: 'new-scenario', text: 'a scenario you have not played yet' });
  else if (out.length === 0) {
    out.push({
      kind: 'ahead-of-schedule',
      due: card.fsrs.due,
      text: `played ahead of its next review (${isoDay(card.fsrs.due)}) to fill the session`,
    });
  }
  return out;
}

export function buildRefresherSession(input: RefresherInput): RefresherSession {
  const { now, profile, questions } = input;
  const budget = { ...(input.minutes ?? REFRESHER_MINUTES) };
  if (!(budget.min >= 0 && budget.max >= budget.min)) {
    throw new RangeError(`bad time budget ${budget.min}–${budget.max} minutes`);
  }
  if (new Set(input.cards.map((c) => c.traineeId)).size > 1) {
    throw new Error('cards of more than one trainee');
  }
  const twice = input.cards.find((c, i) => input.cards.findIndex((d) => d.scenarioId === c.scenarioId) !== i);
  if (twice) throw new Error(`two cards for scenario "${twice.scenarioId}"`);

  const candidates: Candidate[] = [...input.scenarios].sort(byKey((s) => [s.id])).map((scenario) => ({
    scenario,
    trains: competenciesTrained(scenario, profile, questions),
    card: input.cards.find((c) => c.scenarioId === scenario.id),
  }));
  const trainable = new Set(candidates.flatMap((c) => c.trains));
  const known = (id: CompetencyId) => input.mastery[id]?.mastery ?? null;
  const weak = COMPETENCY_IDS.filter((id) => trainable.has(id))
    .flatMap((id) => {
      const mastery = known(id);
      return mastery !== null && mastery < WEAK_BELOW ? [{ id, mastery }] : [];
    })
    .sort(byKey((w) => [w.mastery, COMPETENCY_IDS.indexOf(w.id)]));
  const untested = COMPETENCY_IDS.filter((id) => trainable.has(id) && known(id) === null);
  const due = dueScenarios(input.cards, now).flatMap((d) =>
    candidates.filter((c) => c.scenario.id === d.scenarioId),
  );

  const picked: Candidate[] = [];
  let used = 0;
  const fits = (c: Candidate) => !picked.includes(c) && used + c.scenario.estimatedMinutes <= budget.max;
  const take = (c: Candidate | undefined) => {
    if (!c || !fits(c)) return;
    picked.push(c);
    used += c.scenario.estimatedMinutes;
  };
  const uncovered = (ids: readonly CompetencyId[]) => (c: Candidate) =>
    c.trains.filter((id) => ids.includes(id) && !picked.some((p) => p.trains.includes(id))).length;
  const cardDue = (c: Candidate) => c.card?.fsrs.due ?? 0;

  for (let i = 0; i < Math.max(weak.length, due.length); i++) {
    const w = weak[i];
    if (w && !picked.some((p) => p.trains.includes(w.id))) {
      const weakLeft = uncovered(weak.map((x) => x.id));
      const order = byKey((c: Candidate) => [
        c.card && cardDue(c) <= now ? 0 : 1,
        c.card && cardDue(c) <= now ? cardDue(c) : 0,
        -weakLeft(c),
        c.card ? 1 : 0,
        cardDue(c),
        c.scenario.estimatedMinutes,
        c.scenario.id,
      ]);
      take(candidates.filter((c) => fits(c) && c.trains.includes(w.id)).sort(order)[0]);
    }
    take(due[i]);
  }
  while (used < budget.min) {
    const fresh = uncovered(untested);
    const order = byKey((c: Candidate) => [
      -fresh(c),
      c.card ? 1 : 0,
      cardDue(c),
      DIFFICULTIES.indexOf(c.scenario.difficulty),
      c.scenario.estimatedMinutes,
      c.scenario.id,
    ]);
    const next = candidates.filter(fits).sort(order)[0];
    if (!next) break;
    take(next);
  }

  const starter = input.cards.length === 0 && COMPETENCY_IDS.every((id) => known(id) === null);
  const short =
    used < budget.min
      ? `Only ${used} minutes of scenarios fit the ${budget.min}–${budget.max} minute budget.`
      : undefined;
  const note = [
    starter ? 'No history yet: a starter session covering as many competencies as fit.' : undefined,
    short,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    picks: picked.map((c) => ({
      scenarioId: c.scenario.id,
      title: c.scenario.title,
      minutes: c.scenario.estimatedMinutes,
      trains: c.trains,
      reasons: reasons(c, weak, untested, now),
    })),
    minutes: used,
    budget,
    withinBudget: used >= budget.min && used <= budget.max,
    starter,
    ...(note ? { note } : {}),
  };
}
