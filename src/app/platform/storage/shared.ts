import type { SavedCall } from '$core/engine/session';
import type { ScoreReport } from '$core/scoring/score';
import { newId } from './ids';
import type { AttemptClaim, AttemptRecord, AttemptWrite, NewAttempt } from './types';

// What both stores do the same way: how a write changes an attempt, how attempts are ordered and
// filtered, and the messages they share. Neither store imports the other.

/** Import/export code (and its file schema) loads only when used, keeping it off the call path. */
export const loadRecords = () => import('./records');

export function newAttemptRecord(attempt: NewAttempt, now: number): AttemptRecord {
  return { ...attempt, id: newId(), startedAt: now, updatedAt: now, status: 'in-progress' };
}

export function touched(record: AttemptRecord, saved: SavedCall, now: number): AttemptRecord {
  return { ...record, saved, updatedAt: Math.max(now, record.updatedAt) };
}

export function finished(
  record: AttemptRecord,
  now: number,
  report: ScoreReport,
  saved: SavedCall,
): AttemptRecord {
  return {
    ...record,
    status: 'finished',
    finishedAt: now,
    updatedAt: Math.max(now, record.updatedAt),
    report,
    saved,
  };
}

/** Abandoned: finished with no report. An attempt already finished keeps its report. */
export function discarded(record: AttemptRecord, now: number): AttemptRecord {
  if (record.status !== 'in-progress') return record;
  return { ...record, status: 'finished', finishedAt: now, updatedAt: Math.max(now, record.updatedAt) };
}

/** Newest first by start time; ties by id, as an index on startedAt read in reverse would give. */
export function newestFirst(
  a: Pick<AttemptRecord, 'startedAt' | 'id'>,
  b: Pick<AttemptRecord, 'startedAt' | 'id'>,
): number {
  return b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export const unknownTrainee = (id: string): string =>
  `No trainee profile with id "${id}" is stored in this browser.`;

/** A filter keeping one trainee's attempts, or every attempt when no trainee is given. */
export function ofTrainee(
  traineeId: string | undefined,
): (record: Pick<AttemptRecord, 'traineeId'>) => boolean {
  return (record) => traineeId === undefined || record.traineeId === traineeId;
}

/** The in-progress attempt touched last (ties by id, as the [status+updatedAt] index gives). */
export function latestInProgress<T extends Pick<AttemptRecord, 'status' | 'updatedAt' | 'id'>>(
  records: Iterable<T>,
): T | undefined {
  let latest: T | undefined;
  for (const r of records) {
    if (r.status !== 'in-progress') continue;
    if (!latest || r.updatedAt > latest.updatedAt || (r.updatedAt === latest.updatedAt && r.id > latest.id)) {
      latest = r;
    }
  }
  return latest;
}

/** Why a write carrying `revision` may not change this attempt; undefined when it may. */
export function writeRefusal(
  record: Pick<AttemptRecord, 'status' | 'revision'> | undefined,
  revision: number,
): Exclude<AttemptWrite, 'ok'> | undefined {
  if (!record) return 'missing';
  if (record.status === 'finished') return 'finished';
  if ((record.revision ?? 0) !== revision) return 'stale';
  return undefined;
}

/** The attempt opened for writing by one more opening of the call, or why it cannot be (the caller stores a claimed one). */
export function claimOf(record: AttemptRecord | undefined): AttemptClaim {
  if (!record) return { ok: false, why: 'missing' };
  if (record.status === 'finished') return { ok: false, why: 'finished' };
  return { ok: true, attempt: { ...record, revision: (record.revision ?? 0) + 1 } };
}
