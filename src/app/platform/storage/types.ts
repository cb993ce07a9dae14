import type { LogEntry } from '../../../core/engine/events';
import type { SavedCall } from '../../../core/engine/session';
import type { ScoreReport } from '../../../core/scoring/score';
import type { ClockTime } from '../../../core/format/vocabulary';

export type Mode = 'practice' | 'assessment';
export type AttemptStatus = 'in-progress' | 'finished';

/** One trainee taking one scenario once. Its events live in their own append-only table. */
export interface AttemptRecord {
  id: string;
  scenarioId: string;
  /** The scenario's content hash when the attempt started: a later edit does not rewrite history. */
  scenarioHash: string;
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
}

export type NewAttempt = Omit<AttemptRecord, 'id' | 'startedAt' | 'updatedAt' | 'status' | 'saved' | 'report' | 'finishedAt'>;

/** Is progress being saved? Shown to the trainee whenever it is not. */
export type StorageStatus = { persistent: true } | { persistent: false; reason: string };

/**
 * Where attempts are kept. The app talks to this interface only; `openStore()` picks IndexedDB
 * (Dexie) and falls back to memory, with a reason, when IndexedDB is missing or fails.
 */
export interface AttemptStore {
  status(): StorageStatus;
  /** Called whenever the status changes (e.g. a write hits the quota). Returns an unsubscribe. */
  onStatus(listener: (status: StorageStatus) => void): () => void;

  createAttempt(attempt: NewAttempt): Promise<AttemptRecord>;
  /**
   * Append log entries (idempotent by seq: an entry already stored is not written twice) and the
   * latest saved call, in one transaction. Never rejects: a failed write switches the store to
   * memory-only and reports it through the status.
   */
  appendEvents(attemptId: string, entries: readonly LogEntry[], saved: SavedCall): Promise<void>;
  finishAttempt(attemptId: string, report: ScoreReport, saved: SavedCall): Promise<void>;

  getAttempt(id: string): Promise<AttemptRecord | undefined>;
  /** Newest first. */
  listAttempts(): Promise<AttemptRecord[]>;
  /** The attempt's log, in seq order. */
  events(attemptId: string): Promise<LogEntry[]>;
  /** The most recent attempt still in progress, to offer "resume". */
  latestInProgress(): Promise<AttemptRecord | undefined>;
  /** Abandon an in-progress attempt (kept, marked finished with no report). */
  discardAttempt(id: string): Promise<void>;

  getSetting<T>(key: string, fallback: T): Promise<T>;
  setSetting<T>(key: string, value: T): Promise<void>;
}
