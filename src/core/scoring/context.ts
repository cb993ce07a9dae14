import type { LogEntry } from '../engine/events';
import type { CenterProfile } from '../format/profile';
import type { QuestionBank } from '../format/question-bank';
import type { Scenario } from '../format/scenario';
import type { ClockTime, SafetyFact } from '../format/vocabulary';
import { resourceLabel, type ExpectedRouting, type ResourceSet } from '../profiles/expected-routing';
import type { CallRecord } from './call-record';
import type { Knowledge } from './knowledge';
import type { Evidence } from './report';
import { REROUTE_WITHIN_SECONDS } from './rubric';

/** Everything a scoring rule may read. Rules read it and return results; none of them writes to it. */
export interface ScoringContext {
  readonly scenario: Scenario;
  readonly profile: CenterProfile;
  readonly questions: QuestionBank;
  readonly record: CallRecord;
  readonly knowledge: Knowledge;
  /** What the center expects on everything the trainee knew, or should have, by the end of the call. */
  readonly expected: ExpectedRouting;
  /** What the center expected on what was known at a decision made at log position `seq`. */
  expectedAt(seq: number): ExpectedRouting;
  readonly callTime: ClockTime;
}

export function evidenceOf(entry: LogEntry): Evidence {
  return { seq: entry.seq, at: entry.at };
}

/** `{ evidence }` when there is an entry to point at, else nothing: for spreading into a result. */
export function evidenceIf(entry: LogEntry | undefined): { evidence?: Evidence } {
  return entry ? { evidence: evidenceOf(entry) } : {};
}

export const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/** The center's names for a set of resources, "police + EMS"; "nothing" for none. */
export function labels(resources: ResourceSet, profile: CenterProfile): string {
  return resources.length === 0 ? 'nothing' : resources.map((r) => resourceLabel(r, profile)).join(' + ');
}

/**
 * The facts that can put police on the answer at this center: its safety exclusions, and imminent
 * risk (an act about to happen; once under way with a medical emergency, EMS is required instead).
 */
export function policeFacts(profile: CenterProfile): SafetyFact[] {
  return [...profile.safetyScreen.exclusions.flatMap((e) => e.facts), 'imminent-risk'];
}

export function rerouteWindowMs(ctx: ScoringContext): number {
  return (ctx.scenario.answerKey.rerouteWithinSeconds ?? REROUTE_WITHIN_SECONDS) * 1000;
}
