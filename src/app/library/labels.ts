import type { Difficulty } from '$core/format/vocabulary';

/** Levels in words for the library's filter and rows. Call types: CALL_TYPE_LABELS (core). */

export const LEVEL_WORDS: Record<Difficulty, string> = {
  academy: 'Academy',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};
