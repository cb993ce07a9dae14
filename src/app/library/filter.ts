import type { Scenario } from '$core/format/scenario';
import { CALL_TYPES, DIFFICULTIES, type CallType, type Difficulty } from '$core/format/vocabulary';
import type { AttemptSummary } from '../platform/storage/types';

export const LIBRARY_SORTS = ['title', 'level', 'last-played'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

/** What the trainee narrowed the library to, and its order. `undefined`: any. */
export interface LibraryFilter {
  level: Difficulty | undefined;
  callType: CallType | undefined;
  /** Only scenarios the current trainee has not finished a call of. */
  notPlayed: boolean;
  sort: LibrarySort;
}

export const NO_FILTER: LibraryFilter = {
  level: undefined,
  callType: undefined,
  notPlayed: false,
  sort: 'title',
};

/** Does the filter leave anything out? (The order alone leaves nothing out.) */
export function isNarrowed(filter: LibraryFilter): boolean {
  return filter.level !== undefined || filter.callType !== undefined || filter.notPlayed;
}

/** The filter with everything that leaves scenarios out cleared; the order stays. */
export function cleared(filter: LibraryFilter): LibraryFilter {
  return { ...NO_FILTER, sort: filter.sort };
}

/**
 * When each scenario was last played to the end by these attempts (epoch ms): a call finished with
 * a result. A call discarded or still in progress is not a play; neither is an in-progress one.
 */
export function lastPlayed(attempts: readonly AttemptSummary[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const a of attempts) {
    if (a.status !== 'finished' || !a.result) continue;
    const at = a.finishedAt ?? a.startedAt;
    if (at > (last.get(a.scenarioId) ?? -Infinity)) last.set(a.scenarioId, at);
  }
  return last;
}

/** The call types the library's scenarios are filed under, in the vocabulary's order: the filter's choices. */
export function callTypesIn(scenarios: readonly Scenario[]): CallType[] {
  const present = new Set(scenarios.flatMap((s) => s.callTypes));
  return CALL_TYPES.filter((t) => present.has(t));
}

/** The levels the library's scenarios have, easiest first. */
export function levelsIn(scenarios: readonly Scenario[]): Difficulty[] {
  const present = new Set(scenarios.map((s) => s.difficulty));
  return DIFFICULTIES.filter((d) => present.has(d));
}

const byTitle = (a: Scenario, b: Scenario) => a.title.localeCompare(b.title);

/**
 * The scenarios the filter keeps, in its order. Level: easiest first. Last played: the most
 * recently played first, then those never played, each group by title.
 */
export function filterLibrary(
  scenarios: readonly Scenario[],
  attempts: readonly AttemptSummary[],
  filter: LibraryFilter,
): Scenario[] {
  const played = lastPlayed(attempts);
  const kept = scenarios.filter(
    (s) =>
      (filter.level === undefined || s.difficulty === filter.level) &&
      (filter.callType === undefined || s.callTypes.includes(filter.callType)) &&
      (!filter.notPlayed || !played.has(s.id)),
  );
  switch (filter.sort) {
    case 'title':
      return kept.sort(byTitle);
    case 'level':
      return kept.sort(
        (a, b) => DIFFICULTIES.indexOf(a.difficulty) - DIFFICULTIES.indexOf(b.difficulty) || byTitle(a, b),
      );
    case 'last-played':
      return kept.sort(
        (a, b) => (played.get(b.id) ?? -Infinity) - (played.get(a.id) ?? -Infinity) || byTitle(a, b),
      );
  }
}

/** How many of how many are shown, in words for a status line. */
export function shownText(shown: number, total: number): string {
  const noun = total === 1 ? 'scenario' : 'scenarios';
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
}
