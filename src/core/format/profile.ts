import { z } from 'zod';
import { ClockTime, Id, Resource, SafetyFact, SourceCitation } from './vocabulary';

/**
 * A center profile: how one 911 center handles behavioral-health calls. The same scenario has
 * different right answers at different centers and at different times of day.
 */
export const DISPATCH_MODELS = {
  '1A': 'Dispatcher-routing: the call-taker dispatches a behavioral-health team through CAD',
  '1B': 'Warm transfer to an external crisis line (988)',
  '1C': 'Embedded clinician in the 911 center',
  '1F': 'Dual mechanism: CAD auto-flagging plus embedded clinician',
} as const;
export const DispatchModel = z.enum(['1A', '1B', '1C', '1F']);
export type DispatchModel = z.infer<typeof DispatchModel>;

/** Hours a resource is staffed; `to` earlier than `from` wraps past midnight. */
export const Hours = z.strictObject({ from: ClockTime, to: ClockTime });
export type Hours = z.infer<typeof Hours>;

export const ProfileResource = z.strictObject({
  resource: Resource,
  /** What the center calls it, shown on the routing button. */
  label: z.string().min(1),
  /** Absent: staffed around the clock. */
  hours: Hours.optional(),
  source: SourceCitation,
});
export type ProfileResource = z.infer<typeof ProfileResource>;

/** A protocol rule: any of these facts rules out a response with no police on it. */
export const SafetyExclusion = z.strictObject({
  facts: z.array(SafetyFact).min(1),
  description: z.string().min(1),
  source: SourceCitation,
});
export type SafetyExclusion = z.infer<typeof SafetyExclusion>;

export const CenterProfileFile = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(1),
  id: Id,
  name: z.string().min(1),
  model: DispatchModel,
  description: z.string().min(1),
  /** The documented program(s) this training profile is modelled on. Not a claim about their current practice. */
  modelledOn: z.string().min(1),
  resources: z.array(ProfileResource).min(1),
  /** CAD flags behavioral-health call types automatically and shows the flag to the call-taker. */
  cadFlagging: z.boolean(),
  safetyScreen: z.strictObject({
    appliedBy: z.enum(['dispatcher', 'dispatcher-and-clinician']),
    exclusions: z.array(SafetyExclusion).min(1),
    /** Calls at this canonical priority or more urgent stay with police whatever the BH component. */
    policeAtOrAbovePriority: z.number().int().min(1).max(5).optional(),
    source: SourceCitation,
  }),
  /** Labels of the center's priority scale for canonical priorities 1 (most urgent) to 5. */
  priorityLabels: z.tuple([z.string(), z.string(), z.string(), z.string(), z.string()]),
  handoff: z.strictObject({
    /** The call-taker briefs the counselor before bringing the caller in. */
    briefFirst: z.boolean(),
    /** The call-taker stays on the line until the counselor has the caller. */
    stayUntilAccepted: z.boolean(),
    description: z.string().min(1),
    source: SourceCitation,
  }),
  sources: z.array(SourceCitation).min(1),
});
export type CenterProfile = z.infer<typeof CenterProfileFile>;
