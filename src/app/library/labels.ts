import type { CallType, Difficulty } from '$core/format/vocabulary';

/** Call types in words for the library's filter and rows (the codes themselves are for CAD). */
export const CALL_TYPE_WORDS: Record<CallType, string> = {
  'suicidal-ideation': 'Suicidal thoughts',
  'suicide-attempt': 'Suicide attempt',
  psychosis: 'Psychosis',
  'parent-child-conflict': 'Parent–child conflict',
  intoxication: 'Intoxication',
  overdose: 'Overdose',
  'public-distress': 'Distress in public',
  'welfare-check': 'Welfare check',
  'domestic-dispute': 'Domestic dispute',
  assault: 'Assault',
  'weapon-call': 'Weapon',
  trespass: 'Trespass',
  disturbance: 'Disturbance',
  medical: 'Medical',
  'behavioral-health-other': 'Behavioral health, other',
};

export const LEVEL_WORDS: Record<Difficulty, string> = {
  academy: 'Academy',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};
