import { describe, expect, it } from 'vitest';
import type { AttemptSummary } from '../platform/storage/types';
import { bestAttempt } from './describe';

const scored = (id: string, total: number, extra: Partial<AttemptSummary> = {}): AttemptSummary => ({
  id,
  traineeId: 't',
  scenarioId: 'call-a',
  scenarioHash: 'h',
  profileId: 'p',
  callTime: '14:00',
  mode: 'practice',
  startedAt: 0,
  updatedAt: 0,
  finishedAt: 0,
  status: 'finished',
  result: { total, level: 'high', levelLabel: 'High', criticalErrors: 0, scoringVersion: 2 },
  ...extra,
});

describe('bestAttempt', () => {
  it('is the highest score at the scenario, leaving out withheld calls and scores not worked out here', () => {
    const attempts = [
      scored('earned', 72),
      scored('withheld', 90),
      scored('forged', 100, {
        imported: { at: 0, score: 'as-imported', why: 'scored by scoring version 999' },
      }),
      scored('imported-rescored', 80, { imported: { at: 0, score: 'rescored' } }),
    ];
    expect(bestAttempt(attempts, 'call-a', new Set(['withheld']))?.id).toBe('imported-rescored');
    expect(bestAttempt(attempts.slice(0, 3), 'call-a', new Set(['withheld']))?.id).toBe('earned');
  });
});
