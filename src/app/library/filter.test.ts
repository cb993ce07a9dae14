import { describe, expect, it } from 'vitest';
import { scenario } from '$tests/support/factories';
import type { AttemptSummary } from '../platform/storage/types';
import { callTypesIn, cleared, filterLibrary, isNarrowed, lastPlayed, NO_FILTER, shownText } from './filter';

const library = [
  scenario({ id: 'bridge', title: 'Bridge', difficulty: 'intermediate', callTypes: ['suicide-attempt'] }),
  scenario({ id: 'attic', title: 'Attic', difficulty: 'advanced', callTypes: ['psychosis', 'weapon-call'] }),
  scenario({ id: 'cellar', title: 'Cellar', difficulty: 'academy', callTypes: ['psychosis'] }),
  scenario({ id: 'dock', title: 'Dock', difficulty: 'academy', callTypes: ['trespass'] }),
];

function attempt(
  scenarioId: string,
  finishedAt: number,
  extra: Partial<AttemptSummary> = {},
): AttemptSummary {
  return {
    id: `${scenarioId}-${finishedAt}`,
    traineeId: 't',
    scenarioId,
    scenarioHash: 'h',
    profileId: 'p',
    callTime: '14:00',
    mode: 'practice',
    startedAt: finishedAt - 100,
    updatedAt: finishedAt,
    finishedAt,
    status: 'finished',
    result: { total: 70, level: 'high', levelLabel: 'High', criticalErrors: 0, scoringVersion: 2 },
    ...extra,
  };
}

const ids = (list: { id: string }[]) => list.map((s) => s.id);

describe('filterLibrary', () => {
  it('keeps every scenario by title when nothing is chosen', () => {
    expect(ids(filterLibrary(library, [], NO_FILTER))).toEqual(['attic', 'bridge', 'cellar', 'dock']);
  });

  it('narrows to a level and to a call type, together', () => {
    expect(ids(filterLibrary(library, [], { ...NO_FILTER, level: 'academy' }))).toEqual(['cellar', 'dock']);
    expect(ids(filterLibrary(library, [], { ...NO_FILTER, callType: 'psychosis' }))).toEqual([
      'attic',
      'cellar',
    ]);
    expect(
      ids(filterLibrary(library, [], { ...NO_FILTER, level: 'academy', callType: 'psychosis' })),
    ).toEqual(['cellar']);
  });

  it('leaves out what the trainee finished, but not calls discarded or still in progress', () => {
    const attempts = [
      attempt('bridge', 1000),
      attempt('attic', 2000, { status: 'in-progress', finishedAt: undefined, result: undefined }),
      attempt('cellar', 3000, { result: undefined }),
    ];
    expect(ids(filterLibrary(library, attempts, { ...NO_FILTER, notPlayed: true }))).toEqual([
      'attic',
      'cellar',
      'dock',
    ]);
  });

  it('sorts by level, easiest first, and by last played, most recent first then never played', () => {
    expect(ids(filterLibrary(library, [], { ...NO_FILTER, sort: 'level' }))).toEqual([
      'cellar',
      'dock',
      'bridge',
      'attic',
    ]);
    const attempts = [attempt('dock', 1000), attempt('bridge', 5000), attempt('dock', 2000)];
    expect(ids(filterLibrary(library, attempts, { ...NO_FILTER, sort: 'last-played' }))).toEqual([
      'bridge',
      'dock',
      'attic',
      'cellar',
    ]);
    expect(lastPlayed(attempts).get('dock')).toBe(2000);
  });

  it('returns nothing when nothing matches, and clearing keeps only the order', () => {
    const none = {
      ...NO_FILTER,
      level: 'advanced' as const,
      callType: 'trespass' as const,
      sort: 'level' as const,
    };
    expect(filterLibrary(library, [], none)).toEqual([]);
    expect(isNarrowed(none)).toBe(true);
    expect(cleared(none)).toEqual({ ...NO_FILTER, sort: 'level' });
    expect(isNarrowed({ ...NO_FILTER, sort: 'last-played' })).toBe(false);
  });
});

describe('library choices and counts', () => {
  it('offers only the call types filed in the library, in the vocabulary order', () => {
    expect(callTypesIn(library)).toEqual(['suicide-attempt', 'psychosis', 'weapon-call', 'trespass']);
  });

  it('says how many are shown', () => {
    expect(shownText(4, 4)).toBe('4 scenarios');
    expect(shownText(1, 4)).toBe('1 of 4 scenarios');
    expect(shownText(0, 4)).toBe('0 of 4 scenarios');
  });
});
