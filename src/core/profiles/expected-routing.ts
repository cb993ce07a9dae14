import type { CenterProfile } from '../format/profile';
import type { Scenario } from '../format/scenario';
import {
  CLINICIAN_ONLY_RESOURCES,
  isTransferResource,
  RESOURCE_NAMES,
  type ClockTime,
  type Disposition,
  type Resource,
  type SafetyFact,
  type SourceCitation,
} from '../format/vocabulary';
import { withinHours } from './hours';

/** A set of resources sent or transferred to, sorted so that two equal sets compare equal. */
export type ResourceSet = readonly Resource[];

export interface RoutingOption {
  resources: ResourceSet;
  /** Which disposition this option serves. */
  disposition: Disposition;
}

export interface ExpectedRouting {
  /** The answer that earns full routing credit. */
  best: RoutingOption;
  /** Answers a clinician also accepts here. */
  acceptable: RoutingOption[];
  /** True when the center's safety exclusions forbid any response without police. */
  policeRequired: boolean;
  /** EMS must be part of any answer. */
  emsRequired: boolean;
  /** Canonical priority and the center's label for it. */
  priority: number;
  priorityLabel: string;
  /** Why: one line per rule applied, each with its source. */
  reasons: { text: string; source?: SourceCitation }[];
}

/**
 * How each disposition is best served, most preferred first. The first option whose resources are
 * all on duty wins. When none is, the call falls back to police: the documented default when a
 * behavioral-health program is off shift (seed:001#decision-4).
 */
const PREFERENCES: Record<Disposition, ResourceSet[]> = {
  'police-required': [['police']],
  'ems-required': [['ems']],
  'clinician-phone': [['embedded-clinician'], ['crisis-line'], ['mobile-crisis'], ['co-responder']],
  'crisis-line-988': [['crisis-line'], ['embedded-clinician'], ['mobile-crisis']],
  // A 988 counselor can refer on to an in-person team (seed:001#decision-1, Sacramento).
  'mobile-crisis': [['mobile-crisis'], ['embedded-clinician'], ['co-responder'], ['crisis-line']],
  'co-responder': [['co-responder'], ['mobile-crisis', 'police']],
};

const POLICE_DEFAULT: ResourceSet = ['police'];

export function normaliseSet(resources: Iterable<Resource>): ResourceSet {
  return [...new Set(resources)].sort();
}

export function sameSet(a: ResourceSet, b: ResourceSet): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}

export function isClinicianOnly(resources: ResourceSet): boolean {
  return (
    resources.length > 0 &&
    !resources.includes('police') &&
    !resources.includes('co-responder') &&
    resources.some((r) => (CLINICIAN_ONLY_RESOURCES as readonly Resource[]).includes(r))
  );
}

function onDuty(profile: CenterProfile, time: ClockTime): Set<Resource> {
  return new Set(profile.resources.filter((r) => withinHours(r.hours, time)).map((r) => r.resource));
}

/** The expected routing for a scenario at a center, for a call at `time` (default: the scenario's call time). */
export function expectedRouting(
  scenario: Scenario,
  profile: CenterProfile,
  time: ClockTime = scenario.cad.callTime,
): ExpectedRouting {
  const key = scenario.answerKey;
  const present = new Set<SafetyFact>(scenario.facts.present);
  const available = onDuty(profile, time);
  const reasons: ExpectedRouting['reasons'] = [];

  const exclusion = profile.safetyScreen.exclusions.find((e) => e.facts.some((f) => present.has(f)));
  // "Priority 1 calls (active safety threats) remain with police regardless of any behavioral
  // health component" (seed:001#decision-5): a rule about diverting, so it leaves a purely medical
  // or police call as it is.
  const divertible = key.disposition !== 'ems-required' && key.disposition !== 'police-required';
  const priorityRule =
    divertible &&
    profile.safetyScreen.policeAtOrAbovePriority !== undefined &&
    key.priority <= profile.safetyScreen.policeAtOrAbovePriority;
  const policeRequired = key.disposition === 'police-required' || exclusion !== undefined || priorityRule;
  if (exclusion) {
    reasons.push({
      text: `${exclusion.description} (${exclusion.facts.filter((f) => present.has(f)).join(', ')} present).`,
      source: exclusion.source,
    });
  }
  if (priorityRule) {
    reasons.push({
      text: `Priority ${key.priority} calls stay with police at this center.`,
      source: profile.safetyScreen.source,
    });
  }

  const emsRequired = present.has('medical-emergency') || key.disposition === 'ems-required';
  if (present.has('medical-emergency')) {
    reasons.push({ text: 'A medical emergency needs EMS whatever else is sent.' });
  }

  const withRequired = (resources: ResourceSet): ResourceSet => {
    const set = new Set(resources);
    if (emsRequired) set.add('ems');
    if (policeRequired && !set.has('co-responder')) set.add('police');
    return normaliseSet(set);
  };

  // A phone transfer reaches the person in crisis only if the caller is that person or is with them;
  // a passer-by or a relative elsewhere cannot hand the phone over.
  const reachableByPhone = scenario.cad.callerRelationship === 'self' || scenario.cad.callerWithPerson;
  const firstAvailable = (disposition: Disposition): ResourceSet[] =>
    PREFERENCES[disposition].filter(
      (option) =>
        option.every((r) => available.has(r)) &&
        (reachableByPhone || disposition !== 'mobile-crisis' || !option.every(isTransferResource)),
    );

  let bestDisposition: Disposition = key.disposition;
  let bestResources: ResourceSet;
  if (policeRequired && key.disposition !== 'police-required' && key.disposition !== 'ems-required') {
    bestDisposition = 'police-required';
    bestResources = withRequired(POLICE_DEFAULT);
  } else {
    const options = firstAvailable(key.disposition);
    const first = options[0];
    if (first) {
      bestResources = withRequired(first);
      if (!sameSet(normaliseSet(first), normaliseSet(PREFERENCES[key.disposition][0] ?? []))) {
        const missing = (PREFERENCES[key.disposition][0] ?? []).filter((r) => !available.has(r));
        const absent = missing.filter((r) => !profile.resources.some((p) => p.resource === r));
        reasons.push({
          text:
            absent.length > 0
              ? `This center has no ${absent.map((r) => RESOURCE_NAMES[r].replace(/^an? /, '')).join(' or ')}; next option here: ${describe(first, profile)}.`
              : `${describe(missing, profile)} is off duty at ${time}; next option at this center: ${describe(first, profile)}.`,
        });
      }
    } else {
      bestResources = withRequired(POLICE_DEFAULT);
      reasons.push({
        text: `No behavioral-health response is on duty at ${time}; police is the fallback.`,
        source: { ref: 'seed:001#decision-4' },
      });
    }
  }

  const acceptable: RoutingOption[] = [];
  const pushOption = (resources: ResourceSet, disposition: Disposition) => {
    const set = withRequired(resources);
    if (sameSet(set, bestResources) || acceptable.some((o) => sameSet(o.resources, set))) return;
    if (policeRequired && isClinicianOnly(set)) return;
    acceptable.push({ resources: set, disposition });
  };
  if (policeRequired && scenario.facts.behavioralHealth && available.has('co-responder')) {
    pushOption(['co-responder'], 'co-responder');
  }
  if (!policeRequired || key.disposition === 'ems-required') {
    for (const option of firstAvailable(key.disposition).slice(1)) pushOption(option, key.disposition);
  }
  for (const alternative of key.alternatives) {
    const option = firstAvailable(alternative)[0];
    if (option) pushOption(option, alternative);
  }

  return {
    best: { resources: bestResources, disposition: bestDisposition },
    acceptable,
    policeRequired,
    emsRequired,
    priority: key.priority,
    priorityLabel: profile.priorityLabels[key.priority - 1] ?? String(key.priority),
    reasons,
  };
}

export function resourceLabel(resource: Resource, profile: CenterProfile): string {
  return profile.resources.find((r) => r.resource === resource)?.label ?? resource;
}

function describe(resources: ResourceSet, profile: CenterProfile): string {
  return resources.map((r) => resourceLabel(r, profile)).join(' + ');
}
