import type { Disposition, Resource, SourceCitation } from '../format/vocabulary';

/** One way to serve a disposition, with what it does and where the seeds describe it. */
export interface Option {
  resources: readonly Resource[];
  /** What this response does, after "Here that is <units>: ". */
  how: string;
  /** For a phone transfer: what the counselor can do when the caller is not the person in crisis. */
  throughCaller: string;
  source: SourceCitation;
}

const CLINICIAN: Option = {
  resources: ['embedded-clinician'],
  how: 'the clinician in the center assesses the call, de-escalates, and resolves it by phone, connects to resources, or dispatches a field team of the clinical program',
  throughCaller:
    'the clinician can assess the situation with the caller and dispatch a field team of the clinical program',
  source: {
    ref: 'seed:001#decision-1',
    note: 'Model 1C: the embedded clinician assesses, de-escalates, resolves by phone, connects to resources, or dispatches a field team',
  },
};
const CRISIS_LINE: Option = {
  resources: ['crisis-line'],
  how: 'a 988 counselor takes the call by warm transfer and resolves most calls by phone',
  throughCaller: 'the 988 counselor can assess with the caller and refer an in-person team',
  source: {
    ref: 'seed:001#decision-1',
    note: "Model 1B (King County, Sacramento): warm transfer to a 988 counselor; Sacramento's counselors resolve over 90% by phone and refer a small fraction to in-person teams",
  },
};
const FIELD_TEAM: Option = {
  resources: ['mobile-crisis'],
  how: 'a behavioral-health team goes to the person',
  throughCaller: '',
  source: {
    ref: 'seed:000#911-dispatch-diversion-programs',
    note: 'Behavioral-health teams dispatched from 911 (Denver STAR, CAHOOTS)',
  },
};
const CO_RESPONDER: Option = {
  resources: ['co-responder'],
  how: 'a clinician and an officer go to the person together',
  throughCaller: '',
  source: {
    ref: 'seed:000#social-worker-and-police-collaborations',
    note: 'The co-responder model pairs clinicians with officers (Chicago CARE)',
  },
};
const FIELD_TEAM_WITH_POLICE: Option = {
  resources: ['mobile-crisis', 'police'],
  how: 'a behavioral-health team with police alongside, where there is no co-responder team',
  throughCaller: '',
  source: FIELD_TEAM.source,
};

/**
 * How each disposition is served, most preferred first: the first option whose resources are all on
 * duty is the best answer, the others on duty are acceptable. The in-center clinician comes before
 * 988 where both are there because the clinician decides inside the center, with records access
 * (seed:001#decision-7); the order is this simulator's, a center may reason otherwise.
 */
export const OPTIONS: Record<Disposition, readonly Option[]> = {
  'police-required': [
    { resources: ['police'], how: 'police', throughCaller: '', source: { ref: 'seed:001#intro' } },
  ],
  'ems-required': [{ resources: ['ems'], how: 'EMS', throughCaller: '', source: { ref: 'seed:001#intro' } }],
  // Not a co-responder team: an officer at the door is more than a call a clinician can take by phone needs.
  'clinician-phone': [CLINICIAN, CRISIS_LINE, FIELD_TEAM],
  'crisis-line-988': [CRISIS_LINE, CLINICIAN, FIELD_TEAM],
  'mobile-crisis': [FIELD_TEAM, CLINICIAN, CO_RESPONDER, CRISIS_LINE],
  'co-responder': [CO_RESPONDER, FIELD_TEAM_WITH_POLICE],
};

export const POLICE_DEFAULT_SOURCE: SourceCitation = {
  ref: 'seed:001#decision-4',
  note: 'Hours a program does not cover are left to "the police default that existed before the program launched"',
};

export const MEDICAL_SOURCE: SourceCitation = {
  ref: 'seed:000#social-worker-and-police-collaborations',
  note: 'Albuquerque ACS sends behavioral-health responders to non-violent and non-medical calls',
};

export const IMMINENT_RISK_SOURCE: SourceCitation = {
  ref: '988 Lifeline Policy for Helping Callers at Imminent Risk of Suicide (Draper et al., Suicide and Life-Threatening Behavior 45(3), 2015)',
  note: 'Active rescue: emergency services are sent when a person at imminent risk cannot or will not keep themselves safe',
};
