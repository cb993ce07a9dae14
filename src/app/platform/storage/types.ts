import type { LogEntry } from '$core/engine/events';
import type { SavedCall } from '$core/engine/session';
import type { ScoreReport } from '$core/scoring/score';
import type { AttemptRecord, TraineeProfile } from '$core/records/attempt';
import type { RecordsFile } from '$core/records/records-file';
import type { AttemptSummary } from '$core/records/summary';
import type { NewTrainee, TraineeChange } from '$core/records/trainee';

export type {
  AttemptRecord,
  AttemptStatus,
  AttemptWithEvents,
  Mode,
  TraineeProfile,
} from '$core/records/attempt';
export type { PinHash } from '$core/records/pin';
export type { AttemptResult, AttemptSummary } from '$core/records/summary';
export type { RecordsFile } from '$core/records/records-file';
export type { NewTrainee, TraineeChange } from '$core/records/trainee';

export type NewAttempt = Omit<
  AttemptRecord,
  'id' | 'startedAt' | 'updatedAt' | 'status' | 'saved' | 'report' | 'finishedAt'
>;

/** Settings key of the trainer's PIN (a PinHash): trainer mode sees every profile. */
export const TRAINER_PIN_SETTING = 'trainer-pin';

/** Is progress being saved? Shown to the trainee whenever it is not. */
export type StorageStatus = { persistent: true } | { persistent: false; reason: string };

/** What an import did. Counts of trainee profiles and attempts. */
export interface ImportResult {
  added: { trainees: number; attempts: number };
  /** Already here with the same content (importing a file twice adds nothing). */
  skipped: { trainees: number; attempts: number };
  /** Already here with other content: this device's copy was kept. One line each, for the person importing. */
  conflicts: string[];
}

/** The answer to asking the browser to keep this site's data under storage pressure. */
export type PersistenceRequest = 'granted' | 'denied' | 'unsupported';

/** Whether the browser keeps this site's data under storage pressure, and how much is used. */
export interface PersistenceInfo {
  /** 'not-granted': the browser may clear the data when the disk runs low (not asked yet, or refused). */
  state: 'granted' | 'not-granted' | 'unsupported';
  /** Bytes, when the browser tells (StorageManager.estimate). */
  usage?: number;
  quota?: number;
}

/** What deleteTrainee removed. */
export interface DeletedTrainee {
  trainee: TraineeProfile;
  /** Attempts removed with the profile, finished or not (each with its log). */
  attempts: number;
}

/**
 * Where trainee profiles and attempts are kept. The app talks to this interface only; `openStore()`
 * picks IndexedDB (Dexie) and falls back to memory, with a reason, when IndexedDB is missing or fails.
 * Only deleteTrainee deletes: a profile goes with all its attempts and their logs, never an attempt
 * on its own.
 */
export interface AttemptStore {
  status(): StorageStatus;
  /** Called whenever the status changes (e.g. a write hits the quota). Returns an unsubscribe. */
  onStatus(listener: (status: StorageStatus) => void): () => void;

  /** Oldest first. */
  listTrainees(): Promise<TraineeProfile[]>;
  getTrainee(id: string): Promise<TraineeProfile | undefined>;
  /** Rejects, with words for the person typing, when the details cannot be saved (e.g. no name). */
  createTrainee(details: NewTrainee): Promise<TraineeProfile>;
  /** Rejects for an unknown id or details that cannot be saved. `null` removes an optional field. */
  updateTrainee(id: string, change: TraineeChange): Promise<TraineeProfile>;
  /** The oldest profile, creating "Trainee 1" when there is none (first start). */
  ensureTrainee(): Promise<TraineeProfile>;
  /**
   * Deletes a profile, every attempt of it (in progress or finished) with its log, and the settings
   * named in `settings` (the app's per-trainee settings), in one transaction: all of it or nothing.
   * Rejects, with nothing changed, for an unknown id or when the delete cannot be written (the
   * message starts "Nothing was deleted"). Other profiles and their records are not touched.
   */
  deleteTrainee(id: string, options?: { settings?: readonly string[] }): Promise<DeletedTrainee>;

  createAttempt(attempt: NewAttempt): Promise<AttemptRecord>;
  /**
   * Append log entries (idempotent by seq: an entry already stored is not written twice) and the
   * latest saved call, in one transaction. Never rejects: a failed write switches the store to
   * memory-only and reports it through the status.
   */
  appendEvents(attemptId: string, entries: readonly LogEntry[], saved: SavedCall): Promise<void>;
  finishAttempt(attemptId: string, report: ScoreReport, saved: SavedCall): Promise<void>;

  /** In full: its saved call and its report. */
  getAttempt(id: string): Promise<AttemptRecord | undefined>;
  /**
   * Newest first; one trainee's only when `traineeId` is given. In full, so heavy: 10,000 attempts
   * take seconds to read. Lists read listSummaries; pages that need reports read `reports`.
   */
  listAttempts(filter?: { traineeId?: string }): Promise<AttemptRecord[]>;
  /** listAttempts without the saved calls and full reports (each scored one has its headline, `result`): fast. */
  listSummaries(filter?: { traineeId?: string }): Promise<AttemptSummary[]>;
  /** The full report of each of these attempts that has one, by attempt id. */
  reports(attemptIds: readonly string[]): Promise<Map<string, ScoreReport>>;
  /** The attempt's log, in seq order. */
  events(attemptId: string): Promise<LogEntry[]>;
  /** The most recent attempt still in progress (of this trainee, if given), to offer "resume". */
  latestInProgress(traineeId?: string): Promise<AttemptRecord | undefined>;
  /** Abandon an in-progress attempt (kept, marked finished with no report). */
  discardAttempt(id: string): Promise<void>;

  /**
   * The given trainees' profiles and finished attempts (every trainee's without ids), with their
   * logs, as a records file. Attempts in progress stay here until finished.
   */
  exportRecords(traineeIds?: readonly string[]): Promise<RecordsFile>;
  /**
   * Merges a records file (read with parseRecordsFile) in one transaction: all of it or nothing.
   * New ids are added, identical ones skipped, different ones reported as conflicts and left as
   * they are here. Rejects, with nothing changed, when the file is not valid or the write fails.
   */
  importRecords(file: RecordsFile): Promise<ImportResult>;

  /** Asks the browser to keep this site's data under storage pressure (Firefox asks the user). */
  requestPersistence(): Promise<PersistenceRequest>;
  persistence(): Promise<PersistenceInfo>;

  getSetting<T>(key: string, fallback: T): Promise<T>;
  setSetting<T>(key: string, value: T): Promise<void>;
}
