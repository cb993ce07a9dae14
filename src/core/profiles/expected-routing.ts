import type { CenterProfile } from '../format/profile';
import { listWords } from '../format/words';
import type { Scenario } from '../format/scenario';
import {
  CLINICIAN_ONLY_RESOURCES,
  FACT_LABELS,
  isTransferResource,
  RESOURCE_NAMES,
  type ClockTime,
  type Disposition,
  type Resource,
  type SafetyFact,
  type SourceCitation,
} from '../format/vocabulary';
import { withinHours } from './hours';
import { IMMINENT_RISK_SOURCE, MEDICAL_SOURCE, OPTIONS, POLICE_DEFAULT_SOURCE, type Option } from './options';

/** A set of resources sent or transferred to, sorted so that two equal sets compare equal. */
export type ResourceSet = readonly Resource[];

export interface RoutingOption {
  resources: ResourceSet;
  /** Which disposition this option serves. */
  disposition: Disposition;
}

/**
 * What a reason asserts, in a form a test can check against the profile, the hour and the call:
 * every reason the debrief gives must be true for the center and the hour played.
 */
export type ReasonClaim =
  /** The answer key's disposition keeps the call with police or EMS. */
  | { kind: 'disposition'; disposition: Disposition }
  /** A safety exclusion of the profile applies: these known facts are among its facts. */
  | { kind: 'exclusion'; facts: SafetyFact[] }
  /** Imminent risk is known: emergency units are needed under every profile. */
  | { kind: 'imminent-risk' }
  /** The profile keeps calls of this priority or more urgent with police. */
  | { kind: 'priority-rule'; priority: number; atOrAbove: number }
  | { kind: 'medical-emergency' }
  | { kind: 'medical-signs' }
  /** These resources the disposition prefers are off duty at `time` or not at the center. */
  | { kind: 'unavailable'; offDuty: Resource[]; absent: Resource[]; time: ClockTime }
  /** The option chosen for the disposition, and that all its resources are on duty at `time`. */
  | { kind: 'option'; resources: Resource[]; time: ClockTime }
  /** The caller is not the person in crisis and is not with them. */
  | { kind: 'not-on-line' }
  /** No option of the disposition is on duty at `time`: police is the default. */
  | { kind: 'no-response'; time: ClockTime };

export interface RoutingReason {
  claim: ReasonClaim;
  text: string;
  source?: SourceCitation;
}

export interface ExpectedRouting {
  /** The answer that earns full routing credit. */
  best: RoutingOption;
  /** Answers a clinician also accepts here. */
  acceptable: RoutingOption[];
  /** True when the center's safety rules forbid any response without police. */
  policeRequired: boolean;
  /**
   * True when imminent risk is known: any answer needs an emergency unit on the way (police, EMS or
   * fire); a phone-only or team-only response is not enough. Absent before scoring version 2.
   */
  emergencyRequired?: boolean;
  /** EMS must be part of any answer. */
  emsRequired: boolean;
  /** Canonical priority and the center's label for it. */
  priority: number;
  priorityLabel: string;
  /** Why: one line per rule applied, each with its source. The first says what the center expects. */
  reasons: RoutingReason[];
  /**
   * The facts this was worked out on: those known by the moment it judges (all present, by default).
   * Absent in reports scored before scoring version 2.
   */
  known?: SafetyFact[];
}

export function normaliseSet(resources: Iterable<Resource>): ResourceSet {
  return [...new Set(resources)].sort();
}

export function sameSet(a: ResourceSet, b: ResourceSet): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}

/** A response with no police officer on it and a behavioral-health resource: what a safety rule forbids. */
export function isClinicianOnly(resources: ResourceSet): boolean {
  return (
    resources.length > 0 &&
    !resources.includes('police') &&
    !resources.includes('co-responder') &&
    resources.some((r) => (CLINICIAN_ONLY_RESOURCES as readonly Resource[]).includes(r))
  );
}

/** Police, EMS, fire or a co-responder team (which has an officer): units that can act on the scene now. */
export function hasEmergencyUnit(resources: ResourceSet): boolean {
  return resources.some((r) => r === 'police' || r === 'ems' || r === 'fire' || r === 'co-responder');
}

function onDuty(profile: CenterProfile, time: ClockTime): Set<Resource> {
  return new Set(profile.resources.filter((r) => withinHours(r.hours, time)).map((r) => r.resource));
}

export function resourceLabel(resource: Resource, profile: CenterProfile): string {
  return profile.resources.find((r) => r.resource === resource)?.label ?? RESOURCE_NAMES[resource];
}

function describe(resources: ResourceSet, profile: CenterProfile): string {
  return resources.map((r) => resourceLabel(r, profile)).join(' + ');
}

const list = (items: readonly string[]) => listWords(items);

function hoursOf(resource: Resource, profile: CenterProfile): string {
  const hours = profile.resources.find((r) => r.resource === resource)?.hours;
  return hours ? ` (works ${hours.from}–${hours.to})` : '';
}

const DISPOSITION_WORDS: Record<Disposition, string> = {
  'police-required': 'keeps this call with police',
  'ems-required': 'makes this a medical call for EMS',
  'clinician-phone': 'calls for a clinician by phone',
  'crisis-line-988': 'calls for a 988 crisis counselor',
  'mobile-crisis': 'calls for a behavioral-health team to go to the person',
  'co-responder': 'calls for a co-responder team (a clinician with an officer)',
};

/**
 * The expected routing for a scenario at a center, for a call at `time` (default: the scenario's
 * call time), judged on the facts `known` (default: every fact present in the call). Scoring passes
 * what the trainee knew by the moment it judges, so a fact never revealed does not change the answer.
 */
export function expectedRouting(
  scenario: Scenario,
  profile: CenterProfile,
  time: ClockTime = scenario.cad.callTime,
  known: ReadonlySet<SafetyFact> = new Set(scenario.facts.present),
): ExpectedRouting {
  const key = scenario.answerKey;
  const available = onDuty(profile, time);
  const reasons: RoutingReason[] = [];

  // Why police must be on any answer.
  const exclusions = profile.safetyScreen.exclusions.filter((e) => e.facts.some((f) => known.has(f)));
  const imminent = known.has('imminent-risk');
  // "Priority 1 calls (active safety threats) remain with police regardless of any behavioral health
  // component" (seed:001#decision-5): a rule about diverting, so it leaves a medical or police call as it is.
  const divertible = key.disposition !== 'ems-required' && key.disposition !== 'police-required';
  const atOrAbove = profile.safetyScreen.policeAtOrAbovePriority;
  const priorityRule = divertible && atOrAbove !== undefined && key.priority <= atOrAbove;
  // An act about to happen (outside a railing, a weapon in hand) needs someone who can stop it:
  // police. Once it has happened (pills swallowed), the medical emergency makes EMS the rescue.
  const stopNeeded = imminent && !known.has('medical-emergency');
  const policeRequired =
    key.disposition === 'police-required' || exclusions.length > 0 || priorityRule || stopNeeded;
  const emsRequired = known.has('medical-emergency') || key.disposition === 'ems-required';

  if (!divertible) {
    reasons.push({
      claim: { kind: 'disposition', disposition: key.disposition },
      text: `The answer key ${DISPOSITION_WORDS[key.disposition]}.`,
    });
  }
  for (const exclusion of exclusions) {
    const facts = exclusion.facts.filter((f) => known.has(f));
    reasons.push({
      claim: { kind: 'exclusion', facts },
      text: `${exclusion.description}: the call has ${list(facts.map((f) => FACT_LABELS[f]))}.`,
      source: exclusion.source,
    });
  }
  if (imminent) {
    reasons.push({
      claim: { kind: 'imminent-risk' },
      text: stopNeeded
        ? 'Imminent risk (an attempt about to happen) needs emergency services on the way, whatever is ' +
          'also done by phone: police, who can stop it, with EMS.'
        : 'Imminent risk (an attempt under way, with a medical emergency) needs emergency services on the ' +
          'way, whatever is also done by phone: EMS, best with police.',
      source: IMMINENT_RISK_SOURCE,
    });
  }
  if (priorityRule && atOrAbove !== undefined) {
    reasons.push({
      claim: { kind: 'priority-rule', priority: key.priority, atOrAbove },
      text: `Priority ${key.priority} calls stay with police at this center, whatever the behavioral-health component.`,
      source: profile.safetyScreen.source,
    });
  }
  if (known.has('medical-emergency')) {
    reasons.push({
      claim: { kind: 'medical-emergency' },
      text: 'A medical emergency needs EMS, whatever else is sent.',
      source: MEDICAL_SOURCE,
    });
  } else if (known.has('medical-signs')) {
    reasons.push({
      claim: { kind: 'medical-signs' },
      text: 'The caller described signs that could be medical: adding EMS is right and never counts against you.',
      source: MEDICAL_SOURCE,
    });
  }

  const withRequired = (resources: ResourceSet, extraEms = imminent): ResourceSet => {
    const set = new Set(resources);
    if (emsRequired || extraEms) set.add('ems');
    if (policeRequired && !set.has('co-responder')) set.add('police');
    return normaliseSet(set);
  };
  const usable = (disposition: Disposition): Option[] =>
    OPTIONS[disposition].filter((o) => o.resources.every((r) => available.has(r)));

  let bestDisposition: Disposition = key.disposition;
  let bestResources: ResourceSet;
  if (imminent) {
    bestDisposition = divertible ? 'police-required' : key.disposition;
    bestResources = withRequired(['police']);
  } else if (policeRequired && divertible) {
    bestDisposition = 'police-required';
    bestResources = withRequired(['police']);
  } else {
    const first = usable(key.disposition)[0];
    if (divertible) reasons.push(...unavailableReasons(key.disposition, first, profile, available, time));
    if (first) {
      bestResources = withRequired(first.resources);
      if (divertible) reasons.push(...optionReasons(scenario, first, profile, time));
    } else {
      bestResources = withRequired(['police']);
      reasons.push({
        claim: { kind: 'no-response', time },
        text: `No behavioral-health response this call could go to is available here at ${time}: police is the default.`,
        source: POLICE_DEFAULT_SOURCE,
      });
    }
  }

  const acceptable: RoutingOption[] = [];
  const pushOption = (resources: ResourceSet, disposition: Disposition) => {
    if (sameSet(resources, bestResources) || acceptable.some((o) => sameSet(o.resources, resources))) return;
    if (policeRequired && isClinicianOnly(resources)) return;
    if (imminent && !hasEmergencyUnit(resources)) return;
    acceptable.push({ resources, disposition });
  };
  if (imminent) {
    pushOption(withRequired(['police'], false), 'police-required');
    pushOption(withRequired(['ems'], false), 'ems-required');
  }
  if (policeRequired && scenario.facts.behavioralHealth && available.has('co-responder')) {
    pushOption(withRequired(['co-responder']), 'co-responder');
    // The team's officer can stop an act about to happen, as police alone can.
    if (imminent) pushOption(withRequired(['co-responder'], false), 'co-responder');
  }
  if (!policeRequired || key.disposition === 'ems-required') {
    for (const option of usable(key.disposition).slice(1)) {
      pushOption(withRequired(option.resources), key.disposition);
    }
  }
  for (const alternative of key.alternatives) {
    const option = usable(alternative)[0];
    if (option) pushOption(withRequired(option.resources), alternative);
  }

  return {
    best: { resources: bestResources, disposition: bestDisposition },
    acceptable,
    policeRequired,
    emergencyRequired: imminent,
    emsRequired,
    priority: key.priority,
    priorityLabel: profile.priorityLabels[key.priority - 1] ?? String(key.priority),
    reasons,
    known: [...known].sort(),
  };
}

/** Why the disposition's first choices are not the answer here: off duty now, or not at this center. */
function unavailableReasons(
  disposition: Disposition,
  chosen: Option | undefined,
  profile: CenterProfile,
  available: ReadonlySet<Resource>,
  time: ClockTime,
): RoutingReason[] {
  const passed = OPTIONS[disposition].slice(
    0,
    chosen ? OPTIONS[disposition].indexOf(chosen) : OPTIONS[disposition].length,
  );
  const missing = normaliseSet(passed.flatMap((o) => o.resources.filter((r) => !available.has(r))));
  if (missing.length === 0) return [];
  const absent = missing.filter((r) => !profile.resources.some((p) => p.resource === r));
  const offDuty = missing.filter((r) => !absent.includes(r));
  const parts = [
    ...offDuty.map((r) => `${resourceLabel(r, profile)} is off duty at ${time}${hoursOf(r, profile)}`),
    ...(absent.length > 0
      ? [`this center has no ${list(absent.map((r) => RESOURCE_NAMES[r].replace(/^an? /, '')))}`]
      : []),
  ];
  const sentence = list(parts);
  return [
    {
      claim: { kind: 'unavailable', offDuty, absent, time },
      text: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
    },
  ];
}

/** What the chosen option is and how it serves the disposition, including a caller who is not the person. */
function optionReasons(
  scenario: Scenario,
  option: Option,
  profile: CenterProfile,
  time: ClockTime,
): RoutingReason[] {
  const disposition = scenario.answerKey.disposition;
  const reasons: RoutingReason[] = [
    {
      claim: { kind: 'option', resources: [...option.resources], time },
      text: `The answer key ${DISPOSITION_WORDS[disposition]}. Here that is ${describe(option.resources, profile)}: ${option.how}.`,
      source: option.source,
    },
  ];
  const { callerRelationship, callerWithPerson } = scenario.cad;
  const phoneOnly = option.resources.every(isTransferResource);
  if (phoneOnly && callerRelationship !== 'self' && !callerWithPerson) {
    reasons.push({
      claim: { kind: 'not-on-line' },
      text:
        'The person in crisis is not on the line: the transfer puts the caller through, ' +
        `and ${option.throughCaller}.`,
      source: option.source,
    });
  }
  return reasons;
}
