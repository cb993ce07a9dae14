/**
 * The anchors a `seed:` citation may use. The seeds are the project's two source documents
 * (shared/seeds): 000 is a resource guide on police/social-worker collaborations and 911 diversion
 * programs; 001 a review of mental-health dispatch integration. Anything cited that is not a seed
 * must name a public protocol or publication in its `ref`.
 */
export const SEED_ANCHORS = {
  'seed:000#social-worker-and-police-collaborations':
    'Resource guide — Social worker and police collaborations',
  'seed:000#911-dispatch-diversion-programs': 'Resource guide — 911 dispatch diversion programs',
  'seed:000#summary-of-best-practices': 'Resource guide — Summary of best practices',
  'seed:000#other-useful-resources': 'Resource guide — Other useful resources',
  'seed:001#intro': 'Dispatch integration review — introduction (the three historical choices)',
  'seed:001#evidence': 'Dispatch integration review — the evidence base (program-reported figures)',
  'seed:001#eligibility': 'Dispatch integration review — eligibility criteria',
  'seed:001#decision-1': 'Dispatch integration review — Decision 1: Which Dispatch Model?',
  'seed:001#decision-2': 'Dispatch integration review — Decision 2: Who Are the Embedded Staff?',
  'seed:001#decision-3':
    'Dispatch integration review — Decision 3: Where Does the Program Live Organizationally?',
  'seed:001#decision-4': 'Dispatch integration review — Decision 4: Coverage Hours',
  'seed:001#decision-5': 'Dispatch integration review — Decision 5: Safety Screen Design',
  'seed:001#decision-6': 'Dispatch integration review — Decision 6: Eligible Call Type Definition',
  'seed:001#decision-7': 'Dispatch integration review — Decision 7: Connection to Records and Systems',
  'seed:001#decision-8': 'Dispatch integration review — Decision 8: Political and Implementation Dynamics',
} as const;

export type SeedAnchor = keyof typeof SEED_ANCHORS;

export function isKnownCitation(ref: string): boolean {
  return !ref.startsWith('seed:') || ref in SEED_ANCHORS;
}

export function citationTitle(ref: string): string {
  return (SEED_ANCHORS as Record<string, string>)[ref] ?? ref;
}
