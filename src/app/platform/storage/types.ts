import type { LogEntry } from '$core/engine/events';
import type { SavedCall } from '$core/engine/session';
import type { ScoreReport } from '$core/scoring/score';
import type { AttemptRecord, TraineeProfile } from '$core/records/attempt';
import type { ExportedAttempt, RecordsFile } from '$core/records/records-file';
import type { ImportMark } from '$core/records/attempt';
import type { AttemptSummary } from '$core/records/summary';
import type { NewTrainee, TraineeChange } from '$core/records/trainee';

export type {
  AttemptRecord,
  AttemptStatus,
  AttemptWithEvents,
  ImportMark,
  Mode,
  TraineeProfile,
} from '$core/records/attempt';
export type { PinHash } from '$core/records/pin';
export type { AttemptResult, AttemptSummary } from '$core/records/summary';
export type { RecordsFile } from '$core/records/records-file';
export type { NewTrainee, TraineeChange } from '$core/records/trainee';

export type NewAttempt = Omit<
  AttemptRecord,
  'id' | 'startedAt' | 'updatedAt' | 'status' | 'saved' | 'report' | 'finishedAt' | 'revision' | 'imported'
>;

/**
 * What became of a write to an attempt. `stale`: another opening of the call (another tab, or this
 * one later) took it over, so this copy may no longer write; `finished`: the attempt was finished
 * (or discarded) and is never rewritten; `missing`: it is not stored here (deleted). Only `ok`
 * stored anything.
 */
export type AttemptWrite = 'ok' | 'stale' | 'finished' | 'missing';

/** Opening a call to write it: the attempt as stored, with the revision its writes must carry. */
export type AttemptClaim =
  { ok: true; attempt: AttemptRecord & { revision: number } } | { ok: false; why: 'finished' | 'missing' };

/** Told to the other tabs of this browser when records change, so no tab keeps a stale copy. */
export type RecordsChange =
  /** Opened (claimed) at this revision elsewhere: a copy open here at another one is stale. */
  | { kind: 'attempt'; id: string; status: 'in-progress'; revision: number }
  /** Finished or discarded elsewhere: never written again. */
  | { kind: 'attempt'; id: string; status: 'finished' }
  | { kind: 'records' };

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
  /** How each added attempt's score was arrived at (ImportMark), in the file's order. */
  marks: ImportMark[];
}

/** Works out how an imported attempt is stored: its report, and its import mark (core/records/rescore). */
export type PrepareImport = (attempt: ExportedAttempt) => { report?: ScoreReport; imported: ImportMark };

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
   * Open an attempt in progress for writing: first stores what a journal kept of it (actions taken
   * just before a reload or a crash, see journal.ts), then takes the next revision, in one
   * transaction. Every write after carries that revision; an older one is refused from then on.
   */
  claimAttempt(id: string): Promise<AttemptClaim>;
  /**
   * Append log entries (idempotent by seq: an entry already stored is not written twice) and the
   * latest saved call, in one transaction that first checks the attempt is still in progress at
   * `revision`. New entries are journaled synchronously before anything else, so an action is kept
   * even if the page goes away before the transaction commits. Never rejects: a failed write
   * switches the store to memory-only and reports it through the status (and answers `ok`).
   */
  appendEvents(
    attemptId: string,
    revision: number,
    entries: readonly LogEntry[],
    saved: SavedCall,
  ): Promise<AttemptWrite>;
  /** Finish the attempt with its report, checked like appendEvents. A finished attempt is never rewritten. */
  finishAttempt(
    attemptId: string,
    revision: number,
    report: ScoreReport,
    saved: SavedCall,
  ): Promise<AttemptWrite>;
  /** Changes made in other tabs of this browser (nothing where the browser cannot tell). Returns an unsubscribe. */
  onRecordsChanged(listener: (change: RecordsChange) => void): () => void;

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
  /** Abandon an in-progress attempt (kept, marked finished with no report); a finished one is left as it is. */
  discardAttempt(id: string): Promise<void>;

  /**
   * The given trainees' profiles and finished attempts (every trainee's without ids), with their
   * logs, as a records file. Attempts in progress stay here until finished.
   */
  exportRecords(traineeIds?: readonly string[]): Promise<RecordsFile>;
  /**
   * Merges a records file (read with parseRecordsFile) in one transaction: all of it or nothing.
   * New ids are added, identical ones skipped, different ones reported as conflicts and left as
   * they are here. Each added attempt is stored as `prepare` says (its report worked out again and
   * its import mark); without `prepare`, as the file has it, marked as imported. What was added is
   * read back before this resolves. Rejects, with nothing changed, when the file is not valid or
   * the write fails, and when the store stopped saving earlier (nothing would be kept); rejects
   * too when what was written cannot be read back.
   */
  importRecords(file: RecordsFile, prepare?: PrepareImport): Promise<ImportResult>;

  /** Asks the browser to keep this site's data under storage pressure (Firefox asks the user). */
  requestPersistence(): Promise<PersistenceRequest>;
  persistence(): Promise<PersistenceInfo>;

  getSetting<T>(key: string, fallback: T): Promise<T>;
  setSetting<T>(key: string, value: T): Promise<void>;
}
