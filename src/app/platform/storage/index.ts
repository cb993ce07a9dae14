import { DB_NAME, createDb } from './db';
import { openDexieStore } from './dexie-store';
import { createMemoryStore } from './memory-store';
import { browserStorageManager, type StorageManagerLike } from './persistence';
import type { AttemptStore } from './types';

export type {
  AttemptRecord,
  AttemptStatus,
  AttemptStore,
  ImportResult,
  Mode,
  NewAttempt,
  NewTrainee,
  PersistenceInfo,
  PersistenceRequest,
  PinHash,
  RecordsFile,
  StorageStatus,
  TraineeChange,
  TraineeProfile,
} from './types';
export { TRAINER_PIN_SETTING } from './types';

export const NO_INDEXEDDB =
  'IndexedDB is not available in this browser (private mode?): progress is not being saved.';

export interface OpenStoreOptions {
  /** Defaults to the browser's. Passing the key with `undefined` means "no IndexedDB". */
  indexedDB?: IDBFactory;
  name?: string;
  /** Defaults to navigator.storage. Passing the key with `undefined` means "no StorageManager". */
  storage?: StorageManagerLike;
  /**
   * Called when opening waits for another tab: it holds the database at an older version and an
   * upgrade cannot start until it lets go. The open goes on as soon as it does.
   */
  onBlocked?: () => void;
}

function browserIndexedDB(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB; // undefined in some browsers' private mode; the getter can throw in sandboxes
  } catch {
    return undefined;
  }
}

/** IndexedDB through Dexie when it opens; otherwise memory, with the reason in its status. */
export async function openStore(options: OpenStoreOptions = {}): Promise<AttemptStore> {
  const indexedDB = 'indexedDB' in options ? options.indexedDB : browserIndexedDB();
  if (!indexedDB) return createMemoryStore(NO_INDEXEDDB);
  const db = createDb(options.name ?? DB_NAME, { indexedDB });
  const onBlocked = options.onBlocked;
  if (onBlocked) db.on('blocked', () => onBlocked());
  try {
    return await openDexieStore(db, {
      storage: 'storage' in options ? options.storage : browserStorageManager(),
    });
  } catch {
    db.close();
    return createMemoryStore(NO_INDEXEDDB);
  }
}
