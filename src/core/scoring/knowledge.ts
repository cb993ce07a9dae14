import type { CallerLogEntry, LogEntry } from '../engine/events';
import type { Scenario } from '../format/scenario';
import type { SafetyFact } from '../format/vocabulary';

/**
 * What the trainee knew, or should have known, at each moment of the call. Decisions are judged on
 * this, not on the scenario's hidden truth: a route that was safe on what the caller had said is not
 * an error because of something said later.
 *
 * A present fact counts as known from the caller line that revealed it, or, at any moment before
 * the trainee had asked a required question whose answer brings it out in this call, from the start:
 * skipping a required question does not make its answer unknown.
 */
export interface Knowledge {
  /** Each present fact the caller revealed, with the first line that did. */
  revealed: ReadonlyMap<SafetyFact, CallerLogEntry>;
  /** Each present fact with the required questions whose answer reveals it somewhere in the scenario. */
  askedFor: ReadonlyMap<SafetyFact, readonly string[]>;
  /** Facts known, or that should have been, at a decision made at log position `seq` (entries before it). */
  before(seq: number): ReadonlySet<SafetyFact>;
  /** For a fact known at `seq` without being revealed: the required question not yet asked that would have. */
  skippedFor(fact: SafetyFact, seq: number): string | undefined;
}

/** The facts the answer to question `id` reveals anywhere in the scenario (any state, any condition). */
export function revealedByQuestion(scenario: Scenario, id: string): Set<SafetyFact> {
  const responses = [
    ...Object.values(scenario.states).flatMap((s) => s.responses),
    ...scenario.defaultResponses,
  ];
  return new Set(
    responses
      .filter((r) => r.on.type === 'ask' && r.on.question === id)
      .flatMap((r) => r.say.flatMap((line) => line.reveals)),
  );
}

export function readKnowledge(scenario: Scenario, log: readonly LogEntry[]): Knowledge {
  const present = new Set(scenario.facts.present);
  const revealed = new Map<SafetyFact, CallerLogEntry>();
  const firstAsked = new Map<string, number>();
  for (const entry of log) {
    if (entry.kind === 'caller') {
      for (const fact of entry.line.reveals) {
        if (present.has(fact) && !revealed.has(fact)) revealed.set(fact, entry);
      }
    } else if (
      entry.kind === 'trainee' &&
      entry.action.type === 'ask' &&
      !firstAsked.has(entry.action.question)
    ) {
      firstAsked.set(entry.action.question, entry.seq);
    }
  }
  const askedFor = new Map<SafetyFact, string[]>();
  for (const question of scenario.answerKey.requiredQuestions) {
    for (const fact of revealedByQuestion(scenario, question)) {
      if (present.has(fact)) askedFor.set(fact, [...(askedFor.get(fact) ?? []), question]);
    }
  }
  const askedBefore = (question: string, seq: number) => (firstAsked.get(question) ?? Infinity) < seq;
  const skippedFor = (fact: SafetyFact, seq: number) =>
    (askedFor.get(fact) ?? []).find((question) => !askedBefore(question, seq));
  return {
    revealed,
    askedFor,
    skippedFor,
    before: (seq) =>
      new Set(
        [...present].filter(
          (fact) => (revealed.get(fact)?.seq ?? Infinity) < seq || skippedFor(fact, seq) !== undefined,
        ),
      ),
  };
}
