import type { LEVEL_IDS } from '../format/actions';

/**
 * The simulator's QA rubric, shaped like emergency-dispatch quality review: categories with weights,
 * critical errors that cap the result, a percentage and a compliance level. The weights and level
 * bands are this simulator's own, not any protocol vendor's; a center can disagree and change them
 * here (a change needs a new SCORING_VERSION so old reports stay explainable).
 */
export const SCORING_VERSION = 2;

export const CATEGORIES = [
  { id: 'case-entry', label: 'Case entry', weight: 10 },
  { id: 'safety-screen', label: 'Safety screen', weight: 25 },
  { id: 'recognition', label: 'Recognition & coding', weight: 15 },
  { id: 'routing', label: 'Routing decision', weight: 30 },
  { id: 'handoff', label: 'Warm handoff', weight: 10 },
  { id: 'timeliness', label: 'Timeliness', weight: 5 },
  { id: 'communication', label: 'Communication', weight: 5 },
] as const;
export type CategoryId = (typeof CATEGORIES)[number]['id'];

/** Points inside a category. */
export const POINTS = {
  /** recognition: call-type code, priority, and the clinical questions that bring out the BH component */
  code: 7,
  priority: 4,
  clinicalQuestions: 4,
  /** routing: an acceptable but not best answer */
  acceptableNotBest: 6,
  /** police added on top of the right response when the call did not need police */
  overPolicing: 15,
  /** handoff: brief first vs stay until accepted */
  brief: 5,
  stay: 5,
  /** communication: de-escalate a distressed caller vs keep the caller on the line */
  deescalate: 3,
  keepCaller: 2,
} as const;

export const LEVELS = [
  { id: 'high', label: 'High compliance', min: 90 },
  { id: 'compliant', label: 'Compliant', min: 80 },
  { id: 'partial', label: 'Partial compliance', min: 70 },
  { id: 'low', label: 'Low compliance', min: 60 },
  { id: 'non-compliant', label: 'Non-compliant', min: 0 },
] as const;
export type LevelId = (typeof LEVELS)[number]['id'];
// Scripted-attempt files name levels by id (format/actions.ts); the two lists must agree.
const levelIdsAgree: [LevelId] extends [(typeof LEVEL_IDS)[number]]
  ? [(typeof LEVEL_IDS)[number]] extends [LevelId]
    ? true
    : false
  : false = true;
void levelIdsAgree;

/**
 * Seconds to re-route after a fact makes the response in place unsafe, when the answer key does not
 * say. The simulator's own default, not a protocol's: a clinician sets `rerouteWithinSeconds`.
 */
export const REROUTE_WITHIN_SECONDS = 30;

/** With any critical error the result is non-compliant and the percentage is capped here. */
export const CRITICAL_CAP = 50;

/** Caller emotions that call for de-escalation. */
export const DISTRESSED = ['frantic', 'angry', 'tearful', 'confused'] as const;

/** Every rule a point can be lost under, as the report's `rule` names it. */
export const RULE_IDS = [
  'case-entry.not-asked',
  'case-entry.asked-after-routing',
  'safety-screen.not-asked',
  'safety-screen.asked-after-routing',
  'clinical-screen.not-asked',
  'clinical-screen.asked-after-routing',
  'recognition.no-call-type',
  'recognition.wrong-call-type',
  'recognition.no-priority',
  'recognition.wrong-priority',
  'routing.none',
  'routing.not-at-center',
  'routing.off-duty',
  'routing.acceptable-not-best',
  'routing.over-policing',
  'routing.missed-diversion',
  'routing.wrong',
  'handoff.not-briefed',
  'handoff.left-early',
  'handoff.wrong-transfer',
  'timeliness.slow',
  'timeliness.never-routed',
  'communication.no-deescalation',
  'communication.lost-caller',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** A rule id, or a prefix naming several ("routing.", "clinical-screen."). */
export function isRuleOrPrefix(text: string): boolean {
  return text.endsWith('.')
    ? RULE_IDS.some((r) => r.startsWith(text))
    : (RULE_IDS as readonly string[]).includes(text);
}

export function levelFor(percent: number): (typeof LEVELS)[number] {
  return LEVELS.find((l) => percent >= l.min) ?? LEVELS[LEVELS.length - 1]!;
}
