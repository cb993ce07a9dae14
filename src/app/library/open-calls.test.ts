import { describe, expect, it } from 'vitest';
import type { AttemptSummary } from '../platform/storage/types';
import { discardConsequence, openCalls } from './open-calls';

const call = (id: string, startedAt: number, extra: Partial<AttemptSummary> = {}): AttemptSummary => ({
  id,
  traineeId: 't',
  scenarioId: 's',
  scenarioHash: 'h',
  profileId: 'p',
  callTime: '14:00',
  mode: 'practice',
  startedAt,
  updatedAt: startedAt,
  status: 'in-progress',
  ...extra,
});

describe('open calls', () => {
  it('are the calls in progress, newest first; finished ones are never among them', () => {
    const attempts = [
      call('old', 1),
      call('done', 5, { status: 'finished', finishedAt: 6 }),
      call('new', 9),
      call('mid', 4),
    ];
    expect(openCalls(attempts).map((a) => a.id)).toEqual(['new', 'mid', 'old']);
  });

  it('say what discarding does, and what it costs in an assessment', () => {
    expect(discardConsequence([call('a', 1)])).toBe(
      'It stays in your history as discarded, with no score. Finished calls are not touched.',
    );
    expect(discardConsequence([call('a', 1, { mode: 'assessment' })])).toContain(
      'An assessment call discarded counts as 0 in its assessment.',
    );
    expect(discardConsequence([call('a', 1), call('b', 2, { mode: 'assessment' })])).toContain(
      '1 of them is an assessment call: discarded, it counts as 0 in its assessment.',
    );
  });
});
