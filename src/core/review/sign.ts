import type { Review, Scenario } from '../format/scenario';
import { contentHash } from './content-hash';

/** A clinician's approval given in the app, kept apart from the file until exported. */
export interface ReviewSignature {
  scenarioId: string;
  /** The content that was reviewed; a later edit of the scenario leaves the signature behind. */
  contentHash: string;
  reviewer: NonNullable<Review['reviewer']>;
  /** YYYY-MM-DD */
  date: string;
  notes?: string;
}

export function signatureFor(
  scenario: Scenario,
  reviewer: ReviewSignature['reviewer'],
  date: string,
  notes?: string,
): ReviewSignature {
  if (!reviewer.name.trim()) throw new Error('the reviewer must be named');
  return {
    scenarioId: scenario.id,
    contentHash: contentHash(scenario),
    reviewer: { ...reviewer, name: reviewer.name.trim() },
    date,
    ...(notes ? { notes } : {}),
  };
}

/** The scenario with the signature applied, if the signature is for exactly this content. */
export function applySignature(scenario: Scenario, signature: ReviewSignature): Scenario | undefined {
  if (signature.scenarioId !== scenario.id || signature.contentHash !== contentHash(scenario)) {
    return undefined;
  }
  return {
    ...scenario,
    review: {
      status: 'approved',
      reviewer: signature.reviewer,
      date: signature.date,
      contentHash: signature.contentHash,
      ...(signature.notes ? { notes: signature.notes } : {}),
    },
  };
}

/** Apply the newest matching signature to each scenario; others stay as their file says. */
export function withSignatures(
  scenarios: readonly Scenario[],
  signatures: readonly ReviewSignature[],
): Scenario[] {
  return scenarios.map((s) => {
    for (const sig of [...signatures].reverse()) {
      const signed = applySignature(s, sig);
      if (signed) return signed;
    }
    return s;
  });
}
