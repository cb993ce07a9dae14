import type { AssessmentDefinition } from '$app/assessments/definition';

/** An assessment of the factory's two approved calls, call-a and call-b, at the 1C profile. */
export function twoCallAssessment(createdAt = 0): AssessmentDefinition {
  return {
    id: 'as1',
    name: 'Quarterly check',
    profileId: 'embedded-clinician-day',
    scenarios: [{ scenarioId: 'call-a' }, { scenarioId: 'call-b' }],
    passMark: 80,
    createdAt,
  };
}
