import Dexie, { type EntityTable, type Table } from 'dexie';
import type { LogEntry } from '../../../core/engine/events';
import type { AttemptRecord } from './types';

export const DB_NAME = 'dispatch-trainer';

// Table names are stored in every trainee's browser: changing one needs a migration.
export const ATTEMPTS = 'attempts';
export const EVENTS = 'events';
export const SETTINGS = 'settings';

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

export class TrainerDb extends Dexie {
  declare readonly attempts: EntityTable<AttemptRecord, 'id'>;
  declare readonly events: Table<EventRow, [string, number]>;
  declare readonly settings: EntityTable<SettingRow, 'key'>;

  constructor(name: string, options: { indexedDB?: IDBFactory } = {}) {
    super(name, options.indexedDB ? { indexedDB: options.indexedDB } : {});
    // Every version that ever shipped stays here, with its upgrade; never edit a shipped version.
    // Dexie's version(1) is IndexedDB version 10.
    this.version(1).stores({
      // [status+updatedAt] also serves where('status') lookups.
      [ATTEMPTS]: 'id, scenarioId, startedAt, [status+updatedAt]',
      [EVENTS]: '[attemptId+seq]',
      [SETTINGS]: 'key',
    });
  }
}

/** The trainer's database (not opened yet). Tests pass their own name, or an IndexedDB factory. */
export function createDb(name: string = DB_NAME, options: { indexedDB?: IDBFactory } = {}): TrainerDb {
  return new TrainerDb(name, options);
}
