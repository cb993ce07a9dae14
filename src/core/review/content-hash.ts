import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Scenario } from '../format/scenario';

/** JSON with object keys sorted, so the hash does not depend on key order or formatting. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The hash a reviewer signs: everything in the scenario except the review block itself and the
 * editor hint `$schema`, after defaults are filled in (so omitting a default does not void a review).
 */
export function contentHash(scenario: Scenario): string {
  const { review: _review, $schema: _schema, ...content } = scenario;
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(content))))}`;
}

export type ReviewState =
  | { status: 'approved'; reviewer: string; date: string }
  | { status: 'void'; reason: string }
  | { status: 'draft' | 'in-review' };

/** Is the approval still valid for the content as it is now? */
export function reviewState(scenario: Scenario): ReviewState {
  const review = scenario.review;
  if (review.status !== 'approved') return { status: review.status };
  if (!review.reviewer || !review.date || !review.contentHash) {
    return { status: 'void', reason: 'approval is missing reviewer, date or contentHash' };
  }
  if (review.contentHash !== contentHash(scenario)) {
    return { status: 'void', reason: 'content changed after review' };
  }
  return {
    status: 'approved',
    reviewer: `${review.reviewer.name}, ${review.reviewer.credential}`,
    date: review.date,
  };
}
