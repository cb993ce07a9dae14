import type { LogEntry } from '../engine/events';
import type { SavedCall } from '../engine/session';
import type { ClockTime } from '../format/vocabulary';
import type { ScoreReport } from '../scoring/score';
import type { PinHash } from './pin';

// The shapes of a trainee's records, shared by the store (src/app/platform/storage) and the
// export file (records-file.ts). Changing one changes what is stored in browsers: it needs a
// database migration and, for the file, a new format version.

export type Mode = 'practice' | 'assessment';
export type AttemptStatus = 'in-progress' | 'finished';

/** One trainee using this browser. Several can share a machine; each has their own history. */
export interface TraineeProfile {
  /** Random (a UUID): profiles made on different machines never share an id by accident. */
  id: string;
  name: string;
  /** Badge or employee number, if the academy uses one. */
  badge?: string;
  academyClass?: string;
  /** Epoch ms. */
  createdAt: number;
  /** Set when the trainee chose a PIN: a privacy screen on a shared machine, not strong security. */
  pin?: PinHash;
}

/** One trainee taking one scenario once. Its events live in their own append-only table. */
export interface AttemptRecord {
  id: string;
  /** Whose attempt this is (TraineeProfile.id). */
  traineeId: string;
  scenarioId: string;
  /** The scenario's content hash when the attempt started: a later edit does not rewrite history. */
  scenarioHash: string;
  /** The surface variant played (scenario `variants[].id`); absent: the call as written. */
  variant?: string;
  profileId: string;
  callTime: ClockTime;
  mode: Mode;
  /** Epoch ms. */
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
  status: AttemptStatus;
  /** The latest saved call, to resume exactly where it was after a reload. */
  saved?: SavedCall;
  /** Set when finished; carries its scoring version. */
  report?: ScoreReport;
  /**
   * Which opening of the call may write it: each time a tab opens the call it takes the next
   * revision, and a write carrying an older one is refused (a stale tab). Absent: 0. Kept on this
   * device only (not exported).
   */
  revision?: number;
  /** Set when the attempt came from a records file. Kept on this device only (not exported). */
  imported?: ImportMark;
}

/**
 * How an imported attempt's score was arrived at. `rescored`: recomputed here from its log, with
 * the scenario as played, the center and the scoring rules of this app (the file's own score is
 * never trusted). `as-imported`: kept as the file had it, not re-scored, and `why` says why (a
 * scoring version this app does not have, or the scenario as played is not in this library).
 * `unscored`: the file had no score (a call abandoned before it ended).
 */
export interface ImportMark {
  /** Epoch ms, when it was imported here. */
  at: number;
  score: 'rescored' | 'as-imported' | 'unscored';
  why?: string;
  /** The file's total, when re-scoring gave another one. */
  fileTotal?: number;
}

/**
 * Whether an attempt's score counts as evidence of what its trainee can do (best scores, progress,
 * refresher): every score worked out by this app does; one kept from a records file without being
 * re-scored here ('as-imported') does not, though its history row and debrief show it, marked.
 */
export function scoreCounts(attempt: { imported?: ImportMark }): boolean {
  return attempt.imported?.score !== 'as-imported';
}

/** An attempt with its whole log, as merged and compared on import. */
export type AttemptWithEvents = AttemptRecord & { events: LogEntry[] };
