import { describe, expect, it } from 'vitest';
import type { SavedCall } from '../engine/session';
import { COLD_TRANSFER, T0, played } from '$tests/support/records';
import type { AttemptRecord } from './attempt';
import { recordOf, resultOf, summaryOf } from './summary';

const saved: SavedCall = {
  scenarioId: 'x',
  at: 4000,
  snapshot: { status: 'active', output: undefined, error: undefined },
};

function record(extra: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    id: 'a1',
    traineeId: 't1',
    scenarioId: 'x',
    scenarioHash: 'hash-x',
    profileId: 'embedded-clinician-day',
    callTime: '14:30',
    mode: 'practice',
    startedAt: T0,
    updatedAt: T0 + 5000,
    status: 'in-progress',
    ...extra,
  };
}

describe('attempt summaries', () => {
  it('keep the report’s headline and drop the heavy parts', () => {
    const { report } = played(COLD_TRANSFER);
    expect(report.criticalErrors.length + report.pointsLost.length).toBeGreaterThan(0);
    const full = record({ status: 'finished', finishedAt: T0 + 5000, report, saved });
    const summary = summaryOf(full);
    expect(summary).toEqual({
      ...record({ status: 'finished', finishedAt: T0 + 5000 }),
      result: resultOf(report),
    });
    expect(summary.result).toEqual({
      total: report.total,
      level: report.level,
      levelLabel: report.levelLabel,
      criticalErrors: report.criticalErrors.length,
      scoringVersion: report.scoringVersion,
      applicable: report.categories.filter((c) => c.applicable).map((c) => c.id),
      pointsLost: report.pointsLost.length,
      criticalKinds: report.criticalErrors.map((c) => c.kind),
    });
    expect(JSON.stringify(summary).length).toBeLessThan(JSON.stringify(full).length / 4);
  });

  it('have no result before a report, and carry fields they do not know (a variant)', () => {
    expect(summaryOf(record({ saved, variant: 'night-shift' }))).toEqual(record({ variant: 'night-shift' }));
  });

  it('give the record back with its parts', () => {
    const { report } = played();
    const full = record({ status: 'finished', finishedAt: T0 + 5000, report, saved, variant: 'v2' });
    expect(recordOf(summaryOf(full), { report, saved })).toEqual(full);
    const { saved: _saved, ...withoutSaved } = full;
    expect(recordOf(summaryOf(full), { report })).toEqual(withoutSaved);
    expect(recordOf(summaryOf(record()))).toEqual(record());
  });
});
