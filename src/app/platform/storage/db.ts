import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { LogEntry } from '$core/engine/events';
import type { SavedCall } from '$core/engine/session';
import { summaryOf, type AttemptSummary } from '$core/records/summary';
import { DEFAULT_TRAINEE_NAME, newTrainee } from '$core/records/trainee';
import type { ScoreReport } from '$core/scoring/score';
import { newId } from './ids';
import type { AttemptRecord, TraineeProfile } from './types';

export const DB_NAME = 'dispatch-trainer';

// Table names are stored in every trainee's browser: changing one needs a migration.
export const ATTEMPTS = 'attempts';
export const EVENTS = 'events';
export const SETTINGS = 'settings';
/** Since schema version 2. */
export const TRAINEES = 'trainees';
/** Since schema version 3: each attempt's full report and its saved call, apart from the attempt (a summary). */
export const REPORTS = 'reports';
export const SAVED_CALLS = 'savedCalls';

/** One log entry of one attempt; the primary key is [attemptId+seq], so re-sending an entry overwrites it. */
export interface EventRow {
  attemptId: string;
  seq: number;
  entry: LogEntry;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** A finished attempt's full report (schema 3); the attempt row has its headline. */
export interface ReportRow {
  id: string;
  report: ScoreReport;
}

/** The latest saved call of an attempt (schema 3), to resume it after a reload. */
export interface SavedCallRow {
  id: string;
  saved: SavedCall;
}

/**
 * Schema 1 to 2: attempts now belong to a trainee. Everything from before profiles existed was one
 * person's, so it all goes to one new profile, "Trainee 1", dated from the first attempt.
 * Events and settings are left as they are.
 */
async function assignToDefaultTrainee(tx: Transaction): Promise<void> {
  const attempts = tx.table<Omit<AttemptRecord, 'traineeId'> & { traineeId?: string }, string>(ATTEMPTS);
  const first = await attempts.orderBy('startedAt').first();
  const trainee = newTrainee({ name: DEFAULT_TRAINEE_NAME }, newId(), first?.startedAt ?? Date.now());
  await tx.table<TraineeProfile, string>(TRAINEES).add(trainee);
  await attempts.toCollection().modify((attempt) => {
    attempt.traineeId = trainee.id;
  });
}

/** How many attempts the schema 3 upgrade holds in memory at once. */
const UPGRADE_BATCH = 250;

/**
 * Schema 2 to 3: the attempts table keeps a summary of each attempt (everything but the saved call
 * and the full report, plus the report's headline), so the library and history read 10,000 of them
 * quickly; the report and the saved call move, unchanged, to their own tables under the attempt's
 * id. A batch at a time, by id. Events, settings and trainees are left as they are.
 */
async function splitAttempts(tx: Transaction): Promise<void> {
  // The same table, read as schema 2 wrote it and written as schema 3 keeps it.
  const attempts = tx.table<AttemptRecord, string>(ATTEMPTS);
  const summaries = tx.table<AttemptSummary, string>(ATTEMPTS);
  const reports = tx.table<ReportRow, string>(REPORTS);
  const savedCalls = tx.table<SavedCallRow, string>(SAVED_CALLS);
  let after: string | undefined;
  for (;;) {
    const batch = await (after === undefined ? attempts.orderBy(':id') : attempts.where(':id').above(after))
      .limit(UPGRADE_BATCH)
      .toArray();
    const last = batch.at(-1);
    if (!last) return;
    await reports.bulkPut(batch.flatMap((r) => (r.report ? [{ id: r.id, report: r.report }] : [])));
    await savedCalls.bulkPut(batch.flatMap((r) => (r.saved ? [{ id: r.id, saved: r.saved }] : [])));
    await summaries.bulkPut(batch.map(summaryOf));
    after = last.id;
  }
}

export class TrainerDb extends Dexie {
  /** Summaries since schema 3 (full records before). */
  declare readonly attempts: EntityTable<AttemptSummary, 'id'>;
  declare readonly events: Table<EventRow, [string, number]>;
  declare readonly settings: EntityTable<SettingRow, 'key'>;
  declare readonly trainees: EntityTable<TraineeProfile, 'id'>;
  declare readonly reports: EntityTable<ReportRow, 'id'>;
  declare readonly savedCalls: EntityTable<SavedCallRow, 'id'>;

  constructor(name: string, options: { indexedDB?: IDBFactory } = {}) {
    super(name, options.indexedDB ? { indexedDB: options.indexedDB } : {});
    // Every version that ever shipped stays here, with its upgrade; never edit a shipped version.
    // Dexie's version(n) is IndexedDB version 10n.
    this.version(1).stores({
      // [status+updatedAt] also serves where('status') lookups.
      [ATTEMPTS]: 'id, scenarioId, startedAt, [status+updatedAt]',
      [EVENTS]: '[attemptId+seq]',
      [SETTINGS]: 'key',
    });
    // Trainee profiles. [traineeId+startedAt] also serves where('traineeId') lookups.
    this.version(2)
      .stores({
        [ATTEMPTS]: 'id, scenarioId, startedAt, [status+updatedAt], [traineeId+startedAt]',
        [TRAINEES]: 'id, name',
      })
      .upgrade(assignToDefaultTrainee);
    // The heavy parts of each attempt in tables of their own: lists read only the summaries.
    this.version(3)
      .stores({
        [REPORTS]: 'id',
        [SAVED_CALLS]: 'id',
      })
      .upgrade(splitAttempts);
  }
}

/** The trainer's database (not opened yet). Tests pass their own name, or an IndexedDB factory. */
export function createDb(name: string = DB_NAME, options: { indexedDB?: IDBFactory } = {}): TrainerDb {
  return new TrainerDb(name, options);
}
