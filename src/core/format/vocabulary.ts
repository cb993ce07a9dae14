import { z } from 'zod';

/**
 * Closed vocabularies shared by scenarios, profiles and scoring.
 * Changing a value here changes the scenario format: bump FORMAT_VERSION and add a migration.
 */

/** Who can respond to a call. A center profile lists the subset that exists there. */
export const RESOURCES = [
  'police',
  'fire',
  'ems',
  'embedded-clinician',
  'crisis-line',
  'mobile-crisis',
  'co-responder',
] as const;
export const Resource = z.enum(RESOURCES);
export type Resource = z.infer<typeof Resource>;

/** How a resource is named where a center has no label of its own for it. */
export const RESOURCE_NAMES: Record<Resource, string> = {
  police: 'police',
  fire: 'fire',
  ems: 'EMS',
  'embedded-clinician': 'an embedded clinician',
  'crisis-line': 'a crisis-line transfer',
  'mobile-crisis': 'a mobile crisis team',
  'co-responder': 'a co-responder team',
};

/** Resources reached by warm transfer (the caller is handed to a person) rather than by dispatch. */
export const TRANSFER_RESOURCES = [
  'embedded-clinician',
  'crisis-line',
] as const satisfies readonly Resource[];
export type TransferResource = (typeof TRANSFER_RESOURCES)[number];
export const TransferResourceSchema = z.enum(TRANSFER_RESOURCES);
/** Resources sent by dispatch: units that go to the person. */
export const UNIT_RESOURCES = RESOURCES.filter(
  (r): r is Exclude<Resource, TransferResource> => !(TRANSFER_RESOURCES as readonly Resource[]).includes(r),
);
export const UnitResource = z.enum(
  UNIT_RESOURCES as [Exclude<Resource, TransferResource>, ...Exclude<Resource, TransferResource>[]],
);
export function isTransferResource(r: Resource): r is TransferResource {
  return (TRANSFER_RESOURCES as readonly Resource[]).includes(r);
}

/** A response with no police or fire officer on it: what a weapon or threat exclusion forbids on its own. */
export const CLINICIAN_ONLY_RESOURCES = [
  'embedded-clinician',
  'crisis-line',
  'mobile-crisis',
] as const satisfies readonly Resource[];

/**
 * The clinically right kind of response, as a clinician writes it in an answer key.
 * A center profile turns it into concrete resources (see core/profiles/expected-routing.ts).
 */
export const DISPOSITIONS = [
  'police-required',
  'ems-required',
  'clinician-phone',
  'crisis-line-988',
  'mobile-crisis',
  'co-responder',
] as const;
export const Disposition = z.enum(DISPOSITIONS);
export type Disposition = z.infer<typeof Disposition>;

/** Each disposition as a trainer or clinician names it. */
export const DISPOSITION_LABELS: Record<Disposition, string> = {
  'police-required': 'Police required',
  'ems-required': 'EMS required (medical)',
  'clinician-phone': 'Clinician by phone',
  'crisis-line-988': '988 crisis counselor',
  'mobile-crisis': 'Behavioral-health team in person',
  'co-responder': 'Co-responder team (clinician with an officer)',
};

/**
 * Hidden facts the screen must uncover. Some change the routing (a weapon, imminent risk, a medical
 * emergency), others only what a good screen finds out (a prior attempt, children in the home).
 */
export const SAFETY_FACTS = [
  'weapon',
  'threat-to-others',
  'medical-emergency',
  'crime-in-progress',
  'self-harm-ideation',
  'self-harm-plan',
  'self-harm-means',
  'self-harm-intent',
  'intoxication',
  /** An attempt in progress or about to happen: the means in hand, the act under way. */
  'imminent-risk',
  /** A sign that could be medical (chest pain, trouble breathing, new confusion) without a known emergency. */
  'medical-signs',
  'prior-attempt',
  'violence-history',
  'children-present',
] as const;
export const SafetyFact = z.enum(SAFETY_FACTS);
export type SafetyFact = z.infer<typeof SafetyFact>;

/** Each fact in words a trainee reads: "… the caller revealed a weapon". */
export const FACT_LABELS: Record<SafetyFact, string> = {
  weapon: 'a weapon',
  'threat-to-others': 'a threat to someone',
  'medical-emergency': 'a medical emergency',
  'crime-in-progress': 'a crime in progress',
  'self-harm-ideation': 'thoughts of suicide',
  'self-harm-plan': 'a plan for suicide',
  'self-harm-means': 'the means to carry it out',
  'self-harm-intent': 'intent to act',
  intoxication: 'alcohol or drug use',
  'imminent-risk': 'imminent risk: an attempt in progress or about to happen',
  'medical-signs': 'signs that could be medical',
  'prior-attempt': 'a past suicide attempt',
  'violence-history': 'a history of violence',
  'children-present': 'children in the home',
};

/** Call-type codes a trainee enters in CAD, and the tags a scenario is filed under. */
export const CALL_TYPES = [
  'suicidal-ideation',
  'suicide-attempt',
  'psychosis',
  'parent-child-conflict',
  'intoxication',
  'overdose',
  'public-distress',
  'welfare-check',
  'domestic-dispute',
  'assault',
  'weapon-call',
  'trespass',
  'disturbance',
  'medical',
  'behavioral-health-other',
] as const;
export const CallType = z.enum(CALL_TYPES);
export type CallType = z.infer<typeof CallType>;

/** Each call-type code as the CAD picker and the records show it. */
export const CALL_TYPE_LABELS: Record<CallType, string> = {
  'suicidal-ideation': 'Suicidal ideation',
  'suicide-attempt': 'Suicide attempt',
  psychosis: 'Psychosis',
  'parent-child-conflict': 'Parent–child conflict',
  intoxication: 'Intoxication',
  overdose: 'Overdose',
  'public-distress': 'Person in distress in public',
  'welfare-check': 'Welfare check',
  'domestic-dispute': 'Domestic dispute',
  assault: 'Assault',
  'weapon-call': 'Weapon call',
  trespass: 'Trespass',
  disturbance: 'Disturbance',
  medical: 'Medical',
  'behavioral-health-other': 'Behavioral health, other',
};

export const EMOTIONS = [
  'calm',
  'worried',
  'frantic',
  'angry',
  'tearful',
  'flat',
  'confused',
  'guarded',
] as const;
export const Emotion = z.enum(EMOTIONS);
export type Emotion = z.infer<typeof Emotion>;

export const DIFFICULTIES = ['academy', 'intermediate', 'advanced'] as const;
export const Difficulty = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof Difficulty>;

/** "HH:MM", 24-hour clock, local time of the call. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time "HH:MM"');
export type ClockTime = z.infer<typeof ClockTime>;

/** Stable ids: lower-case words joined by dots or dashes. */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/, 'must be lower-case words joined by "." or "-"');

/** Priority on the simulator's canonical scale: 1 is an active threat to life, 5 the least urgent. */
export const Priority = z.number().int().min(1).max(5);
export type Priority = z.infer<typeof Priority>;

/**
 * Where a rule or a fact comes from. `seed:` refers to the project's source documents, e.g.
 * "seed:001#decision-5" (mental-health dispatch review, Decision 5: Safety Screen Design);
 * anything else must name a public protocol or publication.
 */
export const SourceCitation = z.strictObject({
  ref: z.string().min(3),
  note: z.string().optional(),
});
export type SourceCitation = z.infer<typeof SourceCitation>;
