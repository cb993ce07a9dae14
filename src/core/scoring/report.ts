import type { CriticalErrorKind } from '../format/scenario';
import type { ClockTime, SafetyFact, SourceCitation } from '../format/vocabulary';
import type { ExpectedRouting, ResourceSet } from '../profiles/expected-routing';
import type { CategoryId, LevelId } from './rubric';

/** A pointer into the call's event log. */
export interface Evidence {
  seq: number;
  at: number;
}

/** One deduction, with everything the debrief needs to explain it. */
export interface PointLost {
  category: CategoryId;
  points: number;
  /** Stable rule id, e.g. "safety-screen.not-asked". */
  rule: string;
  /** What the rule was applied to: the question id for a question rule (absent before scoring version 2). */
  subject?: string;
  /** What the trainee did or missed. */
  what: string;
  /** What the answer key expected. */
  expected: string;
  evidence?: Evidence;
  /** The clinician's reasoning from the answer key. */
  rationale?: string;
  source?: SourceCitation;
}

export interface CriticalError {
  kind: CriticalErrorKind;
  what: string;
  rationale: string;
  evidence?: Evidence;
}

export interface CategoryScore {
  id: CategoryId;
  label: string;
  weight: number;
  earned: number;
  /** Not every category applies to every call (a handoff only when a transfer was expected or made). */
  applicable: boolean;
}

/** When a fact present in the call became known to the trainee. */
export interface FactMoment {
  fact: SafetyFact;
  /** The caller line that revealed it, if one did. */
  revealed?: Evidence & { line: string };
  /**
   * Counted as known at the routing decision although not yet revealed: the required question that
   * would have brought it out had not been asked.
   */
  skipped?: Evidence & { question: string };
}

export interface ScoreReport {
  scoringVersion: number;
  scenarioId: string;
  profileId: string;
  callTime: ClockTime;
  /** Percentage of applicable points, one decimal; capped when there is a critical error. */
  total: number;
  level: LevelId;
  levelLabel: string;
  categories: CategoryScore[];
  criticalErrors: CriticalError[];
  pointsLost: PointLost[];
  /** What the center expected, on what the trainee knew by the end of the call. */
  expected: ExpectedRouting;
  /** Each fact present in the call and when it became known (absent in reports before scoring version 2). */
  facts?: FactMoment[];
  decision: {
    resources: ResourceSet;
    priority: number | undefined;
    callType: string | undefined;
    routedAtMs: number | undefined;
  };
}

/** What one category earned and why it lost the rest; `undefined` from a category means "does not apply". */
export interface CategoryResult {
  earned: number;
  lost: PointLost[];
}

/** What is left of `possible` after the deductions, taken one by one in order (as a reviewer's form does). */
export function earnedAfter(possible: number, lost: readonly PointLost[]): number {
  return lost.reduce((left, p) => left - p.points, possible);
}
