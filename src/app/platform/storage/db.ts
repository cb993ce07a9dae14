import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { LogEntry } from '../../../core/engine/events';
import { DEFAULT_TRAINEE_NAME, newTrainee } from '../../../core/records/trainee';
import { newId } from './ids';
import type { AttemptRecord, TraineeProfile } from './types';

export const DB_NAME = 'dispatch-trainer';

// Table names are stored in every trainee's browser: changing one needs a migration.
export const ATTEMPTS = 'attempts';
export const EVENTS = 'events';
export const SETTINGS = 'settings';
/** Since schema version 2. */
export const TRAINEES = 'trainees';

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

export class TrainerDb extends Dexie {
  declare readonly attempts: EntityTable<AttemptRecord, 'id'>;
  declare readonly events: Table<EventRow, [string, number]>;
  declare readonly settings: EntityTable<SettingRow, 'key'>;
  declare readonly trainees: EntityTable<TraineeProfile, 'id'>;

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
  }
}

/** The trainer's database (not opened yet). Tests pass their own name, or an IndexedDB factory. */
export function createDb(name: string = DB_NAME, options: { indexedDB?: IDBFactory } = {}): TrainerDb {
  return new TrainerDb(name, options);
}
